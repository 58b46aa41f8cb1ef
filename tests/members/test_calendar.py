"""Calendar feeds: valid iCalendar read back with `icalendar`, UTC times, stable UIDs,
cancelled meetings marked; a session or a personal token lets a client in."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from ccwg.core.models import DatePrecision
from ccwg.members.models import CalendarToken
from ccwg.members.services import issue_calendar_token
from meetings.models import Meeting, MeetingKind, MeetingStatus
from meetings.services import update_meeting
from tests.factories import (
    ActionItemFactory,
    ExternalProcessFactory,
    MeetingFactory,
    PersonFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded as RFC 5545 asks
    return Calendar.from_ical(body)


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_group_feed_of_the_sample(sample_data, member_client):
    cal = parse(member_client.get("/calendar/CCWG-IG.ics"))
    assert str(cal["VERSION"]) == "2.0" and "ccwg" in str(cal["PRODID"])
    found = events(cal)
    assert len(found) == 15
    session = Meeting.objects.get(kind=MeetingKind.PUBLIC_SESSION)
    event = found[f"meeting-{session.pk}@ccwg"]
    assert event.decoded("DTSTART") == dt.datetime(2017, 3, 16, 8, 0, tzinfo=dt.UTC)
    assert event.decoded("DTEND") == dt.datetime(2017, 3, 16, 9, 30, tzinfo=dt.UTC)
    assert b"DTSTART:20170316T080000Z" in event.to_ical()
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]).endswith(f"/meetings/{session.pk}/")
    call = Meeting.objects.get(starts_at__date=dt.date(2017, 2, 2))
    day = found[f"meeting-{call.pk}@ccwg"]
    assert day.decoded("DTSTART") == dt.date(2017, 2, 2)  # time not known: all day
    planned = Meeting.objects.get(status=MeetingStatus.PLANNED)
    tbc = found[f"meeting-{planned.pk}@ccwg"]
    assert str(tbc["STATUS"]) == "TENTATIVE"
    assert "date to be confirmed" in str(tbc["SUMMARY"])
    assert tbc.decoded("DTSTART") == dt.date(2017, 10, 28)


def test_uids_are_stable_and_cancelled_meetings_say_so(member_client):
    group = WorkingGroupFactory(acronym="CAL")
    meeting = MeetingFactory(working_group=group, status=MeetingStatus.CANCELLED)
    MeetingFactory(working_group=group, status=MeetingStatus.DECLINED)
    first = events(parse(member_client.get("/calendar/CAL.ics")))
    second = events(parse(member_client.get("/calendar/CAL.ics")))
    assert list(first) == list(second) == [f"meeting-{meeting.pk}@ccwg"]
    event = first[f"meeting-{meeting.pk}@ccwg"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Cancelled: ")


def test_upcoming_feed_has_every_group_from_now_on(member_client):
    now = timezone.now()
    a, b = WorkingGroupFactory(acronym="A"), WorkingGroupFactory(acronym="B")
    soon = MeetingFactory(
        working_group=a, starts_at=now + dt.timedelta(days=2), status=MeetingStatus.PLANNED
    )
    later = MeetingFactory(
        working_group=b, starts_at=now + dt.timedelta(days=9), status=MeetingStatus.PLANNED
    )
    MeetingFactory(working_group=a, starts_at=now - dt.timedelta(days=2))
    found = events(parse(member_client.get("/calendar/upcoming.ics")))
    assert set(found) == {f"meeting-{soon.pk}@ccwg", f"meeting-{later.pk}@ccwg"}


def test_deadlines_feed(member_client):
    process = ExternalProcessFactory(
        name="Consultation", acronym="C1", closes_on=dt.date(2030, 9, 30)
    )
    ExternalProcessFactory(name="No end")
    owner = PersonFactory(full_name="Ann Owner")
    action = ActionItemFactory(
        description="Send the comments", owner=owner, due_on=dt.date(2030, 5, 1)
    )
    ActionItemFactory(description="Done already", due_on=dt.date(2030, 5, 2), status="done")
    ActionItemFactory(description="No due date")
    found = events(parse(member_client.get("/calendar/deadlines.ics")))
    assert set(found) == {f"process-{process.pk}-closes@ccwg", f"action-{action.pk}-due@ccwg"}
    closing = found[f"process-{process.pk}-closes@ccwg"]
    assert closing.decoded("DTSTART") == dt.date(2030, 9, 30)
    assert closing.decoded("DTEND") == dt.date(2030, 10, 1)
    assert str(closing["URL"]).endswith(f"/processes/{process.pk}/")
    due = found[f"action-{action.pk}-due@ccwg"]
    assert "Send the comments" in str(due["SUMMARY"])
    assert "Owner: Ann Owner" in str(due["DESCRIPTION"])
    assert str(due["URL"]).endswith(f"#action-{action.pk}")


def test_one_meeting_to_add_to_a_calendar(member_client, client):
    meeting = MeetingFactory()
    response = member_client.get(f"/calendar/meetings/{meeting.pk}.ics")
    assert "attachment" in response["Content-Disposition"]
    assert list(events(parse(response))) == [f"meeting-{meeting.pk}@ccwg"]
    assert client.get(f"/calendar/meetings/{meeting.pk}.ics").status_code == 401
    assert member_client.get("/calendar/meetings/999999.ics").status_code == 404


# --- who may read a feed -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/calendar/upcoming.ics", "/calendar/deadlines.ics", "/calendar/my-actions.ics"],
)
def test_a_feed_without_a_token_answers_401_not_a_login_page(client, path):
    # a calendar program cannot follow a redirect to a login form
    response = client.get(path)
    assert response.status_code == 401 and "Location" not in response
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"profile page" in response.content


def test_a_personal_token_lets_a_calendar_program_in_until_replaced(client, member):
    WorkingGroupFactory(acronym="TOK")
    token = issue_calendar_token(member)
    assert len(token.key) >= 43
    parse(client.get(f"/calendar/TOK.ics?token={token.key}"))
    parse(client.get(f"/calendar/deadlines.ics?token={token.key}"))
    old = token.key
    new = issue_calendar_token(member)
    assert new.key != old and CalendarToken.objects.count() == 1
    refused = client.get(f"/calendar/TOK.ics?token={old}")
    assert refused.status_code == 401
    assert b"profile page" in refused.content
    parse(client.get(f"/calendar/TOK.ics?token={new.key}"))
    # The token opens only the feeds, not the pages.
    assert client.get(f"/meetings/?token={new.key}").status_code == 302


def test_tokens_of_inactive_users_do_not_work(client):
    user = UserFactory(username="gone")
    token = issue_calendar_token(user)
    user.is_active = False
    user.save()
    assert client.get(f"/calendar/upcoming.ics?token={token.key}").status_code == 401


def test_unknown_group_feed_is_404(member_client):
    assert member_client.get("/calendar/NOPE.ics").status_code == 404


# --- the profile page ------------------------------------------------------------------


def test_profile_makes_shows_and_revokes_the_links(member, member_client, client):
    WorkingGroupFactory(acronym="PRO")
    page = member_client.get("/accounts/profile/").content.decode()
    assert "Make my calendar links" in page
    response = member_client.post("/accounts/profile/", {"action": "issue"})
    assert response["Location"] == "/accounts/profile/"
    key = CalendarToken.objects.get(user=member).key
    page = member_client.get("/accounts/profile/").content.decode()
    assert f"/calendar/PRO.ics?token={key}" in page
    assert f"/calendar/upcoming.ics?token={key}" in page
    assert f"/calendar/deadlines.ics?token={key}" in page
    member_client.post("/accounts/profile/", {"action": "revoke"})
    assert not CalendarToken.objects.filter(user=member).exists()
    assert client.get(f"/calendar/PRO.ics?token={key}").status_code == 401


def test_profile_needs_a_login_and_a_csrf_token(client, member):
    assert client.get("/accounts/profile/").status_code == 302
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post("/accounts/profile/", {"action": "issue"}).status_code == 403


# --- polling: validators and 304 ---------------------------------------------------------


def test_a_repeated_poll_answers_304(client, member):
    group = WorkingGroupFactory(acronym="POLL")
    meeting = MeetingFactory(working_group=group)
    token = issue_calendar_token(member)
    url = f"/calendar/POLL.ics?token={token.key}"
    first = client.get(url)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    # a change of the meeting makes a new feed
    update_meeting(meeting=meeting, title="Renamed call")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert b"Renamed call" in changed.content


def test_the_deadlines_feed_is_stable_between_polls(client, member):
    ExternalProcessFactory(
        name="Open consultation",
        closes_on=dt.date(2017, 9, 30),
        dates_precision=DatePrecision.DAY,
    )
    token = issue_calendar_token(member)
    url = f"/calendar/deadlines.ics?token={token.key}"
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_single_meeting_feed_takes_the_token(client, member):
    meeting = MeetingFactory()
    token = issue_calendar_token(member)
    response = client.get(f"/calendar/meetings/{meeting.pk}.ics?token={token.key}")
    assert response.status_code == 200
    assert list(events(parse(response))) == [f"meeting-{meeting.pk}@ccwg"]


def test_an_empty_feed_is_a_valid_calendar_with_its_name(member_client):
    WorkingGroupFactory(acronym="EMPTY")
    calendar = parse(member_client.get("/calendar/EMPTY.ics"))
    assert str(calendar["X-WR-CALNAME"]) == "EMPTY meetings"
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert not list(calendar.walk("VEVENT"))


def test_a_closing_date_known_to_the_month_spans_its_month(member_client):
    ExternalProcessFactory(
        name="Month consultation",
        closes_on=dt.date(2017, 9, 30),
        dates_precision=DatePrecision.MONTH,
    )
    calendar = parse(member_client.get("/calendar/deadlines.ics"))
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Closes by the end of September 2017: Month consultation"
    assert event.decoded("DTSTART") == dt.date(2017, 9, 1)
    assert event.decoded("DTEND") == dt.date(2017, 10, 1)


def test_feeds_offer_a_webcal_link_and_a_copy_button(member_client):
    WorkingGroupFactory(acronym="WEB")
    member_client.post("/accounts/profile/", {"action": "issue"})
    page = member_client.get("/accounts/profile/").content.decode()
    assert 'href="webcal://testserver/calendar/WEB.ics?token=' in page
    assert 'data-copy="feed-url-1"' in page and "js/copy.js" in page
