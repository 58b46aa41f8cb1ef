"""Output kept in the cache until a record changes (`ccwg.core.output_cache`): the dashboard's body,
the JSON pages of the API lists, and published downloads found in one query."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ccwg.core.output_cache import PREPARED, records_fingerprint
from meetings.models import MeetingStatus
from meetings.services import update_meeting
from tests.factories import (
    AnnualReportFactory,
    MeetingFactory,
    PublishedReportFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    """The page's own content (the frame around it carries per-request tokens)."""
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def _upcoming_panel(html: str) -> str:
    return html.split('id="upcoming-heading"', 1)[1].split('id="recent-heading"', 1)[0]


@pytest.fixture
def group():
    return WorkingGroupFactory(acronym="CCWG-IG")


def test_the_dashboard_body_is_built_once_then_read_from_the_cache(
    group, member_client, django_assert_max_num_queries
):
    MeetingFactory(working_group=group, title="A call on the WSIS review")
    first = member_client.get("/?group=CCWG-IG")
    with django_assert_max_num_queries(6):  # session, user, fingerprint, cache read
        second = member_client.get("/?group=CCWG-IG")
    assert first.status_code == second.status_code == 200
    assert _main(first) == _main(second)
    assert "A call on the WSIS review" in _main(second)


def test_an_edit_shows_on_the_dashboard_at_once(group, member_client):
    soon = timezone.now() + dt.timedelta(days=3)
    meeting = MeetingFactory(
        working_group=group,
        title="Planning call",
        status=MeetingStatus.ACCEPTED,
        members_present=None,
        total_present=None,
        starts_at=soon,
    )
    assert "Planning call" in _upcoming_panel(member_client.get("/?group=CCWG-IG").content.decode())
    update_meeting(meeting=meeting, title="Planning call on the IGF")
    panel = _upcoming_panel(member_client.get("/?group=CCWG-IG").content.decode())
    assert "Planning call on the IGF" in panel


def test_the_dashboard_body_holds_only_until_the_next_meeting_starts(
    group, member_client, monkeypatch
):
    now = timezone.now()
    MeetingFactory(
        working_group=group,
        title="The call in an hour",
        status=MeetingStatus.ACCEPTED,
        members_present=None,
        total_present=None,
        starts_at=now + dt.timedelta(hours=1),
    )
    assert "The call in an hour" in _upcoming_panel(
        member_client.get("/?group=CCWG-IG").content.decode()
    )
    # Two hours later, no record changed, but the call has started: no longer upcoming.
    later = now + dt.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "The call in an hour" not in _upcoming_panel(
        member_client.get("/?group=CCWG-IG").content.decode()
    )


def test_an_unknown_group_is_still_a_404_after_a_cached_dashboard(group, member_client):
    assert member_client.get("/?group=CCWG-IG").status_code == 200
    assert member_client.get("/?group=NOPE").status_code == 404
    assert member_client.get("/?group=NOPE").status_code == 404


def _statements(queries) -> list[str]:
    """What a request ran, without the test transaction's savepoints."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO"))
    ]


def test_an_api_list_page_is_served_from_the_cache_until_a_write(group, member_api, staff_api):
    meeting = MeetingFactory(working_group=group, title="Before")
    url = "/api/v1/meetings/?working_group=CCWG-IG"
    first = member_api.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = member_api.get(url)
    # The token, the throttle's count, the fingerprint and the cache: no meeting is read.
    assert not [sql for sql in _statements(queries) if sql.startswith('SELECT "meetings_')]
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first["Content-Type"] == second["Content-Type"] == "application/json"
    assert [m["title"] for m in second.json()["results"]] == ["Before"]

    assert staff_api.patch(f"/api/v1/meetings/{meeting.pk}/", {"title": "After"}).status_code == 200
    assert [m["title"] for m in member_api.get(url).json()["results"]] == ["After"]


def test_each_visitor_gets_the_list_they_may_see(group, member_api, anon_api):
    AnnualReportFactory(working_group=group, year=2017)  # a draft: members only
    PublishedReportFactory(working_group=group, year=2016)
    assert {r["year"] for r in member_api.get("/api/v1/reports/").json()["results"]} == {
        2016,
        2017,
    }
    assert [r["year"] for r in anon_api.get("/api/v1/reports/").json()["results"]] == [2016]


def test_a_bad_filter_is_still_a_400_naming_it(group, member_api):
    assert member_api.get("/api/v1/meetings/?year=2017").status_code == 200
    response = member_api.get("/api/v1/meetings/?year=soon")
    assert response.status_code == 400
    assert "year" in response.json()


def test_the_browsable_api_is_not_served_from_the_json_cache(group, member_client):
    MeetingFactory(working_group=group, title="Shown in both")
    assert member_client.get("/api/v1/meetings/", HTTP_ACCEPT="application/json").status_code == 200
    page = member_client.get("/api/v1/meetings/", HTTP_ACCEPT="text/html")
    assert page["Content-Type"].startswith("text/html")
    assert "Shown in both" in page.content.decode()


def test_a_published_download_is_found_in_one_query(group, client):
    report = PublishedReportFactory(working_group=group, year=2016)
    path = f"/reports/CCWG-IG/2016.md?version={report.version}"
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert len(_statements(queries)) == 1
    if connection.vendor == "postgresql":  # prepared once per session: planned once
        assert _statements(queries)[0].startswith("EXECUTE ccwg_stored_document_version(")
    assert response["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert len(_statements(queries)) == 1
    # Any year or format the URL can carry is a 404, prepared statement or not.
    for path in ["/reports/CCWG-IG/99999999999.md", "/reports/CCWG-IG/99999999999.md?version=1"]:
        assert client.get(path).status_code == 404, path


def test_the_fingerprint_changes_with_any_record_and_is_prepared_once_on_postgresql(group):
    before = records_fingerprint()
    assert records_fingerprint() == before
    MeetingFactory(working_group=group)
    after = records_fingerprint()
    assert after != before
    with CaptureQueriesContext(connection) as queries:
        assert records_fingerprint() == after
    if connection.vendor == "postgresql":
        assert _statements(queries) == [f"EXECUTE {PREPARED}"]
    else:
        assert len(_statements(queries)) == 1


@pytest.mark.django_db(transaction=True)
def test_each_connection_prepares_the_statements_for_itself():
    """A thread has its own connection, hence its own PostgreSQL session: it prepares the
    fingerprint there, and the first thread's session, prepared already, is not asked to
    prepare it again (which PostgreSQL refuses)."""
    first = records_fingerprint()
    found: list[str] = []

    def in_another_thread() -> None:
        try:
            found.append(records_fingerprint())
        finally:
            connection.close()

    worker = threading.Thread(target=in_another_thread)
    worker.start()
    worker.join()
    assert found == [first]
    assert records_fingerprint() == first


def test_a_process_keeps_its_own_copy_under_the_same_keys(group, member_api, staff_api):
    meeting = MeetingFactory(working_group=group, title="Before")
    url = "/api/v1/meetings/?working_group=CCWG-IG"
    first = member_api.get(url)
    cache.clear()  # the shared cache emptied: this process still has its copy
    with CaptureQueriesContext(connection) as queries:
        second = member_api.get(url)
    assert second.content == first.content
    assert not [sql for sql in _statements(queries) if sql.startswith('SELECT "meetings_')]
    # An edit gives a new fingerprint, hence a new key: the copy is never served stale.
    assert staff_api.patch(f"/api/v1/meetings/{meeting.pk}/", {"title": "After"}).status_code == 200
    assert [m["title"] for m in member_api.get(url).json()["results"]] == ["After"]
