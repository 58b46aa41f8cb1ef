"""The home page: groups and published reports for everyone, the dashboard for members."""

import datetime as dt

import pytest
from django.utils import timezone

from ccwg.core.models import RoleKind
from meetings.models import MeetingStatus
from tests.factories import (
    ActionItemFactory,
    AnnualReportFactory,
    ChartershipFactory,
    ExternalProcessFactory,
    MeetingFactory,
    PersonFactory,
    ProcessInputFactory,
    RoleFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_see_the_groups_and_published_reports(sample_data, client):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    AnnualReportFactory(
        working_group=group, year=2016, status="published", published_at=timezone.now()
    )
    text = client.get("/").content.decode()
    assert 'href="/reports/CCWG-IG/"' in text
    assert 'href="/reports/CCWG-IG/2016/"' in text
    assert 'href="/reports/CCWG-IG/2017/"' not in text  # the draft stays hidden
    assert "Upcoming meetings" not in text


def test_the_dashboard_shows_the_sample_year(sample_data, member_client):
    response = member_client.get("/")
    text = response.content.decode()
    assert response.context["group"].acronym == "CCWG-IG"  # the group with the latest meeting
    # The chart: the twelve months up to the latest month with meetings, nine calls.
    assert response.context["period"].label == "November 2016 to October 2017"
    assert len(response.context["points"]) == 9
    assert text.count('<g class="meeting">') == 18  # nine in each of the two layouts
    assert '<title id="attendance-title">Attendance at CCWG-IG meetings' in text
    assert "<caption>Attendance at CCWG-IG meetings" in text
    # Recently held, with attendance; chartering organizations today; the report.
    assert "9 present" in text and "11 (16, inc. staff) present" in text
    assert 'href="/organizations/ccNSO/"' in text and 'href="/organizations/ALAC/"' in text
    assert 'href="/organizations/GNSO/"' not in text  # withdrew ahead of ICANN 61 (2018)
    assert 'href="/reports/CCWG-IG/2017/?version=1"' in text
    # Processes open now: only those whose dates say so (the WGEC's are not recorded)
    assert "Working Group on Enhanced Cooperation" not in text
    assert "Open Consultation on Over the Top" not in text  # closed September 2017
    assert "No open action items." in text


def test_any_year_on_request(sample_data, member_client):
    response = member_client.get("/?group=CCWG-IG&year=2017")
    assert response.context["period"].label == "2017"
    assert len(response.context["points"]) == 9
    empty = member_client.get("/?group=CCWG-IG&year=2016")
    assert empty.context["points"] == []
    assert "No meeting in 2016 has its attendance recorded." in empty.content.decode()
    assert member_client.get("/?year=abc").status_code == 200


def test_the_choice_of_group_is_in_the_url(sample_data, member_client):
    response = member_client.get("/?group=CCEG-IG")
    assert response.context["group"].acronym == "CCEG-IG"
    assert 'value="CCEG-IG" selected' in response.content.decode()
    assert member_client.get("/?group=NOPE").status_code == 404


def test_a_member_with_roles_gets_their_groups(member, member_client):
    mine, other, third = (WorkingGroupFactory(acronym=a) for a in ("MINE", "OTHER", "THIRD"))
    MeetingFactory(working_group=third, starts_at=timezone.now() - dt.timedelta(days=1))
    person = PersonFactory(user=member)
    RoleFactory(person=person, working_group=mine, kind=RoleKind.MEMBER)
    RoleFactory(person=person, working_group=other, kind=RoleKind.CHAIR)
    RoleFactory(
        person=person, working_group=third, kind=RoleKind.MEMBER, ended_on=dt.date(2000, 1, 1)
    )
    response = member_client.get("/")
    assert [g.acronym for g in response.context["choices"]] == ["MINE", "OTHER"]
    assert response.context["group"].acronym == "MINE"
    assert "Your groups" in response.content.decode()


def test_upcoming_meetings_open_processes_and_actions(member_client):
    group = WorkingGroupFactory(acronym="NOW")
    now = timezone.now()
    soon = MeetingFactory(
        working_group=group,
        status=MeetingStatus.PLANNED,
        starts_at=now + dt.timedelta(days=3),
        title="Next call",
    )
    MeetingFactory(
        working_group=group,
        status=MeetingStatus.CANCELLED,
        starts_at=now + dt.timedelta(days=10),
        title="Called off",
    )
    MeetingFactory(
        working_group=group,
        status=MeetingStatus.DECLINED,
        starts_at=now + dt.timedelta(days=11),
        title="Declined session",
    )
    past = MeetingFactory(working_group=group, starts_at=now - dt.timedelta(days=3))
    ActionItemFactory(
        meeting=past,
        description="Draft the letter",
        owner_name="Ann",
        due_on=now.date() - dt.timedelta(days=1),
    )
    ActionItemFactory(meeting=past, description="Closed one", status="done")
    process = ExternalProcessFactory(
        name="Open consultation", closes_on=now.date() + dt.timedelta(days=20)
    )
    ProcessInputFactory(process=process, working_group=group)
    ChartershipFactory(working_group=group)
    text = member_client.get("/?group=NOW").content.decode()
    assert "Next call" in text and "Called off" in text and "Declined session" not in text
    assert f'href="/calendar/meetings/{soon.pk}.ics"' in text
    assert "Draft the letter" in text and "Ann" in text and "overdue" in text
    assert "Closed one" not in text
    assert "Open consultation" in text and "Closes <time" in text


def test_a_site_without_groups(member_client):
    assert "No working groups are recorded yet." in member_client.get("/").content.decode()


def test_login_is_the_sites_own(client, settings):
    settings.PASSWORD_RESET_ENABLED = True  # e-mail is configured
    response = client.get("/meetings/")
    assert response["Location"] == "/accounts/login/?next=/meetings/"
    text = client.get("/accounts/login/").content.decode()
    assert 'href="/static/css/site.css"' in text and "Forgotten your password?" in text
    assert '<label for="id_username">' in text


def test_log_in_and_out(client, db):
    UserFactory(username="ann", password="a-Long-pass-1")
    response = client.post("/accounts/login/", {"username": "ann", "password": "a-Long-pass-1"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.post("/accounts/logout/").status_code == 200
    assert client.get("/meetings/").status_code == 302


def test_password_change_and_reset(client, mailoutbox, settings):
    settings.PASSWORD_RESET_ENABLED = True  # e-mail is configured
    user = UserFactory(username="bob", email="bob@example.org", password="old-Pass-word-1")
    client.force_login(user)
    page = client.get("/accounts/password_change/").content.decode()
    assert "Change your password" in page
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "old-Pass-word-1",
            "new_password1": "N3w-pass-word!",
            "new_password2": "N3w-pass-word!",
        },
    )
    assert response["Location"] == "/accounts/password_change/done/"
    client.logout()
    assert "Reset your password" in client.get("/accounts/password_reset/").content.decode()
    client.post("/accounts/password_reset/", {"email": "bob@example.org"})
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body
    assert mailoutbox[0].subject == "Your ccwg password"


def test_favicon(client):
    assert client.get("/favicon.ico")["Location"] == "/static/favicon.svg"
    assert 'rel="icon" href="/static/favicon.svg"' in client.get("/").content.decode()
