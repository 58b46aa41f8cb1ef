"""The meeting page's words: ICANN spelled so, a save that changed nothing says so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import PublicSessionFactory, WorkingGroupFactory
from tests.meetings.test_admin_meeting import ADD, form_data, meeting_data

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


def test_a_group_may_be_named_by_its_acronym(admin_client):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    response = admin_client.post(reverse(ADD), meeting_data(group, working_group="ccwg-ig"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Meeting.objects.get().working_group == group


def test_a_report_for_an_unknown_group_says_so(admin_client):
    response = admin_client.post(
        reverse("admin:reports_annualreport_add"),
        {"working_group": "CCWG-XX", "year": "2017", "version": "1", "title": ""},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["working_group"]
    assert errors == ["No working group “CCWG-XX” is on record: add it first under Working "
                      "groups, or choose one from the list."]  # fmt: skip
