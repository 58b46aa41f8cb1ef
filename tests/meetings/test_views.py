"""The members' meeting pages: list and filters, CSV, one meeting, search."""

import csv
import datetime as dt
import io
import itertools
import re

import pytest
from django.db import connection
from django.urls import reverse

from meetings.export import safe_cell
from meetings.filters import MeetingSiteFilter
from meetings.models import Meeting, MeetingKind, MeetingStatus
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AttendanceFactory,
    IcannMeetingFactory,
    MeetingFactory,
    MeetingLinkFactory,
    OrganizationFactory,
    OutcomeFactory,
    SpeakerFactory,
    StatementFactory,
    TeleconferenceFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/meetings/", "/meetings/export.csv", "/meetings/1/", "/search/?q=charter"]
)
def test_pages_need_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_url_names():
    assert reverse("meetings:list") == "/meetings/"
    assert reverse("meetings:detail", args=[3]) == "/meetings/3/"
    assert reverse("meetings:export") == "/meetings/export.csv"
    assert reverse("search") == "/search/"


# --- list and filters ------------------------------------------------------------------


def test_the_sample_year_is_listed(sample_data, member_client):
    text = member_client.get("/meetings/?year=2017&kind=teleconference").content.decode()
    assert "9 meetings match the filters" in text
    assert "15 (17, inc. staff)" in text
    assert "2 Feb 2017" in text and "(UTC date)" in text


def test_filters(sample_data):
    def titles(**params):
        data = {k: str(v) for k, v in params.items()}
        return MeetingSiteFilter(data, queryset=Meeting.objects.all()).qs

    assert titles(group="CCWG-IG").count() == 15
    assert titles(group="CCWG-IG", kind="teleconference").count() == 9
    assert titles(status="planned").count() == 1
    assert titles(icann_meeting=58).count() == 2
    assert titles(year=2017, kind="face_to_face").count() == 3  # the planned one by ICANN 60
    assert titles(q="WSIS Forum").count() >= 2
    assert (
        titles(year=2016).count() == 0
        or not MeetingSiteFilter({"year": "2016"}, queryset=Meeting.objects.all()).is_valid()
    )


def test_an_invalid_filter_is_reported_not_ignored(sample_data, member_client):
    response = member_client.get("/meetings/?group=NOPE")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Some filters are not valid" in text
    assert 'aria-invalid="true"' in text or "errorlist" in text


def test_the_list_is_paginated(member_client):
    group = WorkingGroupFactory(acronym="PAGED")
    MeetingFactory.create_batch(30, working_group=group)
    first = member_client.get("/meetings/?group=PAGED").content.decode()
    assert "Page 1 of 2" in first
    assert "group=PAGED&amp;page=2" in first
    second = member_client.get("/meetings/?group=PAGED&page=2").content.decode()
    assert "Page 2 of 2" in second
    assert second.count('href="/meetings/') >= 5


def _meetings_with_everything(count: int, group):
    org = OrganizationFactory(acronym="GNSO")
    icann = IcannMeetingFactory(number=58)
    for _ in range(count):
        meeting = MeetingFactory(working_group=group, icann_meeting=icann)
        item = AgendaItemFactory(meeting=meeting, position=1)
        AgendaItemFactory(meeting=meeting, parent=item, position=1)
        StatementFactory(meeting=meeting, agenda_item=item, source=org)
        AttendanceFactory(meeting=meeting)
        SpeakerFactory(meeting=meeting)
        OutcomeFactory(meeting=meeting)
        MeetingLinkFactory(meeting=meeting)
        ActionItemFactory(meeting=meeting, due_on=dt.date(2099, 1, 1))
        meeting.organizations_present.add(org)


@pytest.mark.parametrize("count", [1, 50])
def test_query_counts_do_not_grow_with_the_meetings(
    count, member_client, django_assert_max_num_queries
):
    group = WorkingGroupFactory(acronym="Q")
    _meetings_with_everything(count, group)
    meeting = Meeting.objects.filter(working_group=group).first()
    # The same number of queries for 1 and for 50 meetings (2 of them: session and user).
    # The list and the dashboard are built here (their first request), which adds the
    # cache's statements (`ccwg.core.output_cache`: the fingerprint, a read and a write of 3).
    pages = {
        "/meetings/?group=Q": 17,
        "/meetings/export.csv?group=Q": 7,  # and the apologies and absences
        f"/meetings/{meeting.pk}/": 18,  # its previous and next meetings, the notes sent
        "/search/?q=Agenda": 8,
        "/?group=Q": 23,
        "/calendar/Q.ics": 6,
        "/calendar/deadlines.ics": 6,
        "/groups/Q/": 9,
        "/organizations/GNSO/": 8,
    }
    for path, most in pages.items():
        with django_assert_max_num_queries(most):
            assert member_client.get(path).status_code == 200, path


# --- one meeting ---------------------------------------------------------------------


def test_meeting_page_numbers_the_agenda_as_the_report(sample_data, member_client):
    meeting = Meeting.objects.get(starts_at__date=dt.date(2017, 2, 2))
    text = member_client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert '<span class="num">1.</span> <span class="item-title">Policy Topics</span>' in text
    assert '<span class="num">a.</span> <span class="item-title">IGF Community Public' in text
    assert '<span class="num">i.</span> <span class="item-title">IGF Consultation Page' in text
    assert "15 (17, inc. staff)" in text
    assert "Edit in admin" not in text


def test_meeting_page_shows_statements_speakers_outcomes_links(sample_data, member_client):
    june = Meeting.objects.get(starts_at__date=dt.date(2017, 6, 20))
    text = member_client.get(f"/meetings/{june.pk}/").content.decode()
    assert "Donna Austin" in text and "on the Amended charter (2017)" in text
    session = Meeting.objects.get(kind=MeetingKind.PUBLIC_SESSION)
    text = member_client.get(f"/meetings/{session.pk}/").content.decode()
    assert "Benedicto Fonseca" in text
    assert '<time datetime="2017-03-16T08:00:00Z" data-utc' in text
    assert "16 March 2017, 08:00–09:30 UTC" in text
    assert "ICANN 58 schedule page for the session" in text
    workshop = Meeting.objects.get(kind=MeetingKind.WORKSHOP, status=MeetingStatus.HELD)
    text = member_client.get(f"/meetings/{workshop.pk}/").content.decode()
    assert "Outcomes" in text and "enhanced coordination" in text


def test_staff_see_the_edit_link(sample_data, staff_client):
    meeting = Meeting.objects.first()
    text = staff_client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f'href="/admin/meetings/meeting/{meeting.pk}/change/"' in text


def test_unknown_meeting_is_404(member_client):
    assert member_client.get("/meetings/999999/").status_code == 404


def test_meeting_page_escapes_what_was_typed(member_client):
    meeting = MeetingFactory(title="<script>alert(1)</script>", notes="<b>bold</b>")
    AgendaItemFactory(meeting=meeting, title='<img src=x onerror="alert(1)">')
    text = member_client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "<script>alert" not in text and "<img src=x" not in text and "<b>bold" not in text


# --- CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (15, "15"),
        (None, ""),
    ],
)
def test_cells_that_a_spreadsheet_would_evaluate_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_csv_export_of_the_filtered_list(sample_data, member_client):
    MeetingFactory(
        working_group=WorkingGroupFactory(acronym="EVIL"), title="=cmd|' /C calc'!A0", location="@x"
    )
    response = member_client.get("/meetings/export.csv?group=CCWG-IG&year=2017&kind=teleconference")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="meetings.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["ID", "Group", "Date (UTC)"]
    assert len(rows) == 10
    first = next(r for r in rows if r[2] == "2017-02-02")
    assert first[11:14] == ["15", "17", "15 (17, inc. staff)"]
    assert first[14].endswith(f"/meetings/{first[0]}/")
    evil = member_client.get("/meetings/export.csv?group=EVIL").content.decode("utf-8-sig")
    evil_row = list(csv.reader(io.StringIO(evil)))[1]
    assert evil_row[7] == "'=cmd|' /C calc'!A0"
    assert evil_row[10] == "'@x"


def test_csv_of_an_invalid_filter_answers_400(member_client):
    response = member_client.get("/meetings/export.csv?kind=party")
    assert response.status_code == 400
    assert b"kind" in response.content


# --- search ----------------------------------------------------------------------------


def test_search_finds_titles_agenda_statements_and_outcomes(sample_data, member_client):
    text = member_client.get("/search/?q=charter").content.decode()
    assert "Statement from ccNSO" in text
    assert "Reviewing questions from GNSO and CCNSO about the amended" in text
    assert "<mark>" in text
    june = Meeting.objects.get(starts_at__date=dt.date(2017, 6, 20))
    item = june.agenda_items.get(parent=None)
    assert f'href="/meetings/{june.pk}/#item-{item.pk}"' in text
    text = member_client.get("/search/?q=coordination").content.decode()
    assert "Outcome" in text and "#outcome-" in text


def test_search_with_every_word(sample_data, member_client):
    from meetings.search import search

    hits = search("capacity building")
    assert hits and all(h.meeting.kind == MeetingKind.WORKSHOP for h in hits)
    assert search("charter zzzyxnotaword") == []
    assert search("   ") == []


def test_search_results_are_escaped(member_client):
    meeting = MeetingFactory(title="Budget")
    AgendaItemFactory(meeting=meeting, title="<script>alert(1)</script> budget", notes="")
    StatementFactory(meeting=meeting, text="<img src=x onerror=alert(1)> budget review")
    text = member_client.get("/search/?q=budget").content.decode()
    assert "<script>alert" not in text and "<img src=x" not in text
    assert "&lt;script&gt;" in text
    assert "<mark>" in text or "<mark>".lower() in text.lower()


def test_search_ranks_and_uses_the_database_it_runs_on(sample_data):
    from meetings.search import search

    hits = search("amended charter")
    assert hits
    assert all(a.rank >= b.rank for a, b in itertools.pairwise(hits))
    if connection.vendor == "postgresql":
        # Stemming: "charters" finds "charter"; a phrase in quotes; a word left out.
        assert search("charters")
        assert search('"amended charter"')
        with_gnso = {h.anchor for h in search("charter")}
        without = {h.anchor for h in search("charter -GNSO")}
        assert without < with_gnso


def test_empty_search_shows_the_form(member_client):
    response = member_client.get("/search/")
    assert response.status_code == 200
    assert b'<label for="search-q">' in response.content


def test_a_meeting_page_has_its_own_title_and_its_neighbours(member_client):
    group = WorkingGroupFactory(acronym="NBR")
    first, second, third = (
        TeleconferenceFactory(
            working_group=group, starts_at=dt.datetime(2017, month, 2, 14, tzinfo=dt.UTC)
        )
        for month in (2, 3, 4)
    )
    page = member_client.get(f"/meetings/{second.pk}/").content.decode()
    assert "<title>CCWG-IG teleconference, 2 March 2017 – NBR" in page or (
        ", 2 March 2017 – NBR" in page.split("</title>")[0]
    )
    assert f'href="/meetings/{first.pk}/" rel="prev"' in page
    assert f'href="/meetings/{third.pk}/" rel="next"' in page
    last = member_client.get(f"/meetings/{third.pk}/").content.decode()
    assert 'rel="next"' not in last and f'href="/meetings/{second.pk}/" rel="prev"' in last


def test_a_year_without_meetings_is_an_empty_list(member_client):
    TeleconferenceFactory(starts_at=dt.datetime(2017, 2, 2, 14, tzinfo=dt.UTC))
    response = member_client.get("/meetings/?year=2016")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" not in page and "errorlist" not in page
    assert '<option value="2016" selected>2016</option>' in page
    bad = member_client.get("/meetings/?year=twenty")
    assert bad.status_code in (200, 400) and "Enter a whole number" in bad.content.decode()


def test_a_statement_is_attributed_as_the_report_attributes_it(member_client):
    call = TeleconferenceFactory(starts_at=dt.datetime(2017, 2, 2, 14, tzinfo=dt.UTC))
    StatementFactory(meeting=call, source=OrganizationFactory(acronym="GAC"), text="Noted.")
    page = member_client.get(f"/meetings/{call.pk}/").content.decode()
    assert re.search(r"From <a [^>]*>GAC</a>:", page)  # the report's "From GAC:"
    assert "From the " not in page
