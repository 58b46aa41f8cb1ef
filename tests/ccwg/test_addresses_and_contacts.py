"""Stable addresses and private contacts (issue 14, item 5).

A published report's URL keeps working after its group's acronym changes (301 to the new
acronym, the query string kept); e-mail addresses of people are for staff only: members get
the API field omitted, and no page or export shows them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ccwg.core.services import update_working_group
from tests.factories import (
    AttendanceFactory,
    PersonFactory,
    PublishedReportFactory,
    SpeakerFactory,
    StatementFactory,
    TeleconferenceFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed_report():
    """A report published as CCWG-IG, whose group is then renamed ICG-IG."""
    group = WorkingGroupFactory(acronym="CCWG-IG", name="Internet Governance group")
    report = PublishedReportFactory(working_group=group, year=2017, confirm_errors=True)
    update_working_group(working_group=group, acronym="ICG-IG")
    return report


@pytest.mark.parametrize(
    "old,new",
    [
        ("/reports/CCWG-IG/2017.pdf", "/reports/ICG-IG/2017.pdf"),
        ("/reports/CCWG-IG/2017.md", "/reports/ICG-IG/2017.md"),
        ("/reports/CCWG-IG/2017.docx", "/reports/ICG-IG/2017.docx"),
        ("/reports/CCWG-IG/2017/", "/reports/ICG-IG/2017/"),
        ("/reports/CCWG-IG/", "/reports/ICG-IG/"),
        ("/reports/CCWG-IG/2017.pdf?version=1", "/reports/ICG-IG/2017.pdf?version=1"),
    ],
)
def test_old_report_addresses_redirect_permanently(renamed_report, client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_the_redirect_leads_to_the_same_frozen_bytes(renamed_report, client):
    stored = bytes(renamed_report.documents.get(format="pdf").content)
    response = client.get("/reports/CCWG-IG/2017.pdf", follow=True)
    assert response.redirect_chain == [("/reports/ICG-IG/2017.pdf", 301)]
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content]) == stored
    )


def test_the_group_page_follows_a_rename(renamed_report, member_client):
    response = member_client.get("/groups/CCWG-IG/")
    assert response.status_code == 301 and response["Location"] == "/groups/ICG-IG/"


def test_a_live_acronym_wins_over_a_former_one(renamed_report, client):
    newcomer = WorkingGroupFactory(acronym="CCWG-IG")
    PublishedReportFactory(working_group=newcomer, year=2017, confirm_errors=True)
    assert client.get("/reports/CCWG-IG/2017/").status_code == 200


def test_unknown_acronyms_stay_404(renamed_report, client):
    assert client.get("/reports/NEVER/2017.pdf").status_code == 404
    # A former acronym with no report for that year: the redirect, then the 404 there.
    assert client.get("/reports/CCWG-IG/2016.pdf")["Location"] == "/reports/ICG-IG/2016.pdf"
    assert client.get("/reports/ICG-IG/2016.pdf").status_code == 404


# --- Contacts ----------------------------------------------------------------------------------

EMAIL = "private.person@example.org"


@pytest.fixture
def person_with_email():
    person = PersonFactory(full_name="Private Person", email=EMAIL)
    meeting = TeleconferenceFactory(
        title="Call with a private person", starts_at=dt.datetime(2017, 2, 2, 14, tzinfo=dt.UTC)
    )
    AttendanceFactory(meeting=meeting, person=person)
    SpeakerFactory(meeting=meeting, person=person, name=person.full_name)
    StatementFactory(meeting=meeting, author=person, source=None, text="A private statement.")
    return person, meeting


def test_members_do_not_get_email_addresses_from_the_api(person_with_email, member_api):
    person, _ = person_with_email
    detail = member_api.get(f"/api/v1/people/{person.pk}/").json()
    assert "email" not in detail and detail["full_name"] == "Private Person"
    listed = member_api.get("/api/v1/people/").json()["results"]
    assert all("email" not in row for row in listed)
    assert EMAIL not in member_api.get("/api/v1/people/?search=private").content.decode()


def test_staff_get_email_addresses_from_the_api(person_with_email, staff_api):
    person, _ = person_with_email
    assert staff_api.get(f"/api/v1/people/{person.pk}/").json()["email"] == EMAIL


def test_no_page_or_export_shows_email_addresses_to_members(person_with_email, member_client):
    _person, meeting = person_with_email
    group = meeting.working_group.acronym
    for url in (
        f"/meetings/{meeting.pk}/",
        "/meetings/",
        "/meetings/export.csv",
        f"/groups/{group}/",
        f"/calendar/{group}.ics",
        "/calendar/upcoming.ics",
        f"/calendar/meetings/{meeting.pk}.ics",
        f"/api/v1/meetings/{meeting.pk}/",
        "/search/?q=private",
    ):
        response = member_client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert EMAIL.encode() not in body, url
