"""A member's own action items (#25): a page, a dashboard panel and a calendar feed of the
actions recorded with their person as owner, open first."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.test import Client

from ccwg.members import services as member_services
from meetings.models import ActionStatus
from tests.factories import (
    ActionItemFactory,
    PersonFactory,
    RoleFactory,
    TeleconferenceFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(member):
    return PersonFactory(full_name="Ana Lima", user=member)


@pytest.fixture
def actions(owner):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    RoleFactory(person=owner, working_group=group)
    call = TeleconferenceFactory(
        working_group=group, starts_at=dt.datetime(2017, 2, 2, 14, tzinfo=dt.UTC)
    )
    other_group_call = TeleconferenceFactory(
        working_group=WorkingGroupFactory(acronym="CCWG-X"),
        starts_at=dt.datetime(2017, 3, 2, 14, tzinfo=dt.UTC),
    )
    return {
        "later": ActionItemFactory(
            meeting=call, owner=owner, description="Draft the charter", due_on=dt.date(2017, 3, 1)
        ),
        "sooner": ActionItemFactory(
            meeting=other_group_call,
            owner=owner,
            description="Circulate the comparison table",
            due_on=dt.date(2017, 2, 10),
        ),
        "undated": ActionItemFactory(meeting=call, owner=owner, description="Ask the ccNSO"),
        "done": ActionItemFactory(
            meeting=call, owner=owner, description="Book the room", status=ActionStatus.DONE
        ),
        "someone_else": ActionItemFactory(
            meeting=call, owner=PersonFactory(full_name="Bo Chen"), description="Not mine"
        ),
    }


def test_the_page_lists_my_actions_of_every_group_open_and_soonest_first(member_client, actions):
    page = member_client.get("/my/actions/")
    assert page.status_code == 200
    text = page.content.decode()
    order = [
        text.index(actions[name].description) for name in ("sooner", "later", "undated", "done")
    ]
    assert order == sorted(order)
    assert "Not mine" not in text
    assert "CCWG-X" in text and "Open (3)" in text and "Done or dropped (1)" in text
    assert f"#action-{actions['sooner'].pk}" in text


def test_a_login_without_a_person_is_told_why_the_page_is_empty(member_client):
    page = member_client.get("/my/actions/")
    assert page.status_code == 200
    assert "not linked to a person on record" in page.content.decode()


def test_the_page_needs_a_login(client: Client):
    response = client.get("/my/actions/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_dashboard_shows_my_open_actions(member_client, actions):
    page = member_client.get("/?group=CCWG-IG").content.decode()
    mine = page[page.index("My open action items") : page.index("All my action items")]
    assert "Circulate the comparison table" in mine and "Draft the charter" in mine
    assert "Book the room" not in mine and "Not mine" not in mine


def test_the_dashboard_has_no_panel_for_a_member_without_actions(actions):
    client = Client()
    client.force_login(UserFactory(username="other"))
    assert "My open action items" not in client.get("/?group=CCWG-IG").content.decode()


def test_the_feed_carries_the_due_dates_of_my_open_actions(client: Client, member, actions):
    token = member_services.issue_calendar_token(member)
    response = client.get(f"/calendar/my-actions.ics?token={token.key}")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "ccwg: my action items"
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "CCWG-X action due: Circulate the comparison table",
        "CCWG-IG action due: Draft the charter",
    }
    due = events["CCWG-IG action due: Draft the charter"]
    assert due.decoded("DTSTART") == dt.date(2017, 3, 1)
    assert str(due["UID"]) == f"action-{actions['later'].pk}-due@ccwg"


def test_the_profile_offers_the_feed(member_client, member):
    member_services.issue_calendar_token(member)
    page = member_client.get("/accounts/profile/").content.decode()
    assert "My action items: their due dates" in page and "/calendar/my-actions.ics?token=" in page
