"""No lost update in the admin: a save on a page someone else saved since is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ccwg.core.admin_guard import TOKEN_FIELD
from ccwg.core.change_sets import change_set
from ccwg.core.models import Organization
from ccwg.core.services import update_organization
from meetings import history
from meetings.models import Meeting
from meetings.services import create_meeting, update_meeting
from tests.factories import OrganizationFactory, StaffFactory, WorkingGroupFactory
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return create_meeting(
        working_group=WorkingGroupFactory(acronym="CCWG-IG"),
        kind="teleconference",
        status="held",
        starts_at="2017-02-02T14:00:00Z",
        members_present=11,
        agenda=[{"title": "Policy Topics", "children": [{"title": "CSTD"}]}],
        outcomes=["Coordinate more"],
    )


def _open(client, url: str, form_id: str) -> dict:
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), form_id)
    assert data.get(TOKEN_FIELD), "the change form carries the page's state"
    return data


def test_a_stale_meeting_save_is_refused_with_what_changed_and_the_input_kept(
    meeting, admin_client
):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    mine = _open(admin_client, url, "meeting_form")
    # Someone else saves meanwhile (through the API, another admin page, ...).
    with change_set(user=StaffFactory(username="bob")):
        update_meeting(
            meeting=meeting,
            members_present=15,
            agenda=[{"title": "Policy Topics", "children": [{"title": "CSTD"}, {"title": "ITU"}]}],
        )
    mine["notes"] = "My notes of the call"
    response = admin_client.post(url, mine)
    assert response.status_code == 200
    text = response.content.decode()
    assert "bob saved this meeting after you opened it" in text
    assert "They changed: Members present: 11 → 15" in text
    assert "They changed: Agenda: added &#x27;ITU&#x27; under 1." in text
    stored = Meeting.objects.get(pk=meeting.pk)
    assert stored.notes == "" and stored.members_present == 15
    kept = form_data(text, "meeting_form")
    assert kept["notes"] == "My notes of the call"
    assert kept[TOKEN_FIELD] != mine[TOKEN_FIELD]
    # The fields I had not touched show what they saved: their agenda, their count.
    assert "ITU" in kept["agenda_outline"] and kept["members_present"] == "15"
    # Having seen their changes, saving again applies the input.
    kept["members_present"] = "15"
    response = admin_client.post(url, kept)
    assert response.status_code == 302, response.content.decode()[:2000]
    stored.refresh_from_db()
    assert stored.notes == "My notes of the call" and stored.members_present == 15
    assert stored.agenda_items.filter(title="ITU").exists()
    # That admin save is one change set of the meeting's history, by its user.
    last = history.meeting_history(stored)[-1]
    assert last.user.username == "root"
    assert last.lines == ["Notes: blank → 'My notes of the call'"]


def test_an_unchanged_page_saves_and_a_post_without_the_token_is_not_checked(meeting, admin_client):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    mine = _open(admin_client, url, "meeting_form")
    mine["notes"] = "First"
    assert admin_client.post(url, mine).status_code == 302
    again = _open(admin_client, url, "meeting_form")
    update_meeting(meeting=meeting, members_present=12)
    again.pop(TOKEN_FIELD)
    again["notes"] = "Second"
    assert admin_client.post(url, again).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).notes == "Second"


def test_a_tampered_token_is_refused(meeting, admin_client):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    mine = _open(admin_client, url, "meeting_form")
    mine[TOKEN_FIELD] = mine[TOKEN_FIELD][:-3] + "xyz"
    response = admin_client.post(url, mine)
    assert response.status_code == 200
    assert "reload the page" in response.content.decode()


def test_the_guard_on_a_core_record_admin(admin_client):
    organization = OrganizationFactory(acronym="ccNSO", name="Country Codes")
    url = reverse("admin:ccwg_organization_change", args=[organization.pk])
    mine = _open(admin_client, url, "organization_form")
    update_organization(organization=organization, name="Country Code Names Supporting Org")
    mine["description"] = "Mine"
    response = admin_client.post(url, mine)
    assert response.status_code == 200
    text = response.content.decode()
    assert "saved this organization after you opened it" in text
    assert "Name: &#x27;Country Codes&#x27; → &#x27;Country Code Names Supporting Org&#x27;" in text
    assert Organization.objects.get(pk=organization.pk).description == ""


def test_the_add_page_has_no_token(admin_client):
    page = admin_client.get(reverse("admin:meetings_meeting_add"))
    assert page.status_code == 200
    assert TOKEN_FIELD not in page.content.decode()
