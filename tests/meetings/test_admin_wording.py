"""The meeting page's words: ICANN spelled so, a save that changed nothing says so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PublicSessionFactory
from tests.meetings.test_admin_meeting import form_data

pytestmark = pytest.mark.django_db


def test_icann_is_spelled_icann(admin_client):
    meeting = PublicSessionFactory()
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    text = page.content.decode()
    assert "ICANN meeting:" in text and "Icann meeting" not in text
    listing = admin_client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert "Icann meeting" not in listing and "ICANN meeting" in listing


def test_a_save_that_changed_nothing_says_so(admin_client):
    meeting = PublicSessionFactory()
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    response = admin_client.post(url, form_data(admin_client.get(url)), follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [f"Nothing was changed: “{meeting}” is as it was."]
    data = form_data(admin_client.get(url))
    data["notes"] = "Changed"
    response = admin_client.post(url, data, follow=True)
    assert any("was changed successfully" in str(m) for m in response.context["messages"])
