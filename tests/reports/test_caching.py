"""Draft documents cached until a record changes; published downloads with their stored digest
as ETag, conditional GETs answered 304, and an integrity check before any stored byte is served."""

from __future__ import annotations

import hashlib
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import AgendaItem, Meeting
from meetings.services import update_meeting
from reports import published_bytes, responses, views
from reports.draft_cache import records_fingerprint
from reports.models import PublishedDocument
from reports.services import update_report
from tests.factories import PublishedReportFactory, TeleconferenceFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The formats the download view actually rendered (the real renderer runs)."""
    calls: list[str] = []
    real = views.render_format

    def counting(data, fmt):
        calls.append(fmt)
        return real(data, fmt)

    monkeypatch.setattr(views, "render_format", counting)
    return calls


def _cache_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM ccwg_cache WHERE cache_key LIKE %s", ["%ccwg:draft:%"])
        return cursor.fetchone()[0]


def test_a_draft_download_is_rendered_once_and_kept_in_the_database_cache(
    draft_report, member_client, renders
):
    first = member_client.get("/reports/CCWG-IG/2017.md")
    second = member_client.get("/reports/CCWG-IG/2017.md")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert renders == ["md"]
    assert _cache_rows() == 1  # in the shared database cache, not in a worker's memory
    assert "no-store" in second["Cache-Control"]  # a draft is never cached by a browser


def test_editing_a_meeting_of_the_report_renders_the_draft_again(
    draft_report, member_client, renders
):
    before = member_client.get("/reports/CCWG-IG/2017.md").content.decode()
    assert "IGF Community Public Consultation" in before
    meeting = Meeting.objects.get(working_group=draft_report.working_group)
    update_meeting(
        meeting=meeting,
        agenda=[{"title": "A retitled item after the first render", "children": []}],
    )
    after = member_client.get("/reports/CCWG-IG/2017.md").content.decode()
    assert "A retitled item after the first render" in after
    assert "IGF Community Public Consultation" not in after
    assert renders == ["md", "md"]


def test_editing_the_narrative_changes_the_cached_report_page(draft_report, member_client):
    assert (
        "a brand-new introduction"
        not in member_client.get("/reports/CCWG-IG/2017/").content.decode()
    )
    update_report(report=draft_report, introduction="This is a brand-new introduction.")
    page = member_client.get("/reports/CCWG-IG/2017/").content.decode()
    assert "This is a brand-new introduction." in page


def test_a_record_outside_the_report_still_changes_the_fingerprint(draft_report):
    """The fingerprint is coarse: any write anywhere gives new keys (never a stale draft)."""
    before = records_fingerprint()
    TeleconferenceFactory(working_group=WorkingGroupFactory(acronym="OTHER"))
    middle = records_fingerprint()
    AgendaItem.objects.filter(meeting__working_group=draft_report.working_group).delete()
    after = records_fingerprint()
    assert len({before, middle, after}) == 3


@pytest.fixture
def published(db):
    return PublishedReportFactory(working_group=WorkingGroupFactory(acronym="CCWG-IG"))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_published_download_carries_its_digest_and_answers_304(published, client, fmt):
    stored = PublishedDocument.objects.get(report=published, format=fmt)
    response = client.get(f"/reports/CCWG-IG/2017.{fmt}")
    assert response.status_code == 200
    assert response.content == bytes(stored.content)
    assert response["ETag"] == f'"{hashlib.sha256(response.content).hexdigest()}"'
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]

    again = client.get(f"/reports/CCWG-IG/2017.{fmt}", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == response["ETag"]

    stale = client.get(f"/reports/CCWG-IG/2017.{fmt}", HTTP_IF_NONE_MATCH='"0123abc"')
    assert stale.status_code == 200
    assert stale.content == response.content


def test_a_tampered_document_is_not_served(published, client, caplog):
    PublishedDocument.objects.filter(report=published, format="md").update(
        content=b"# Something else entirely\n"
    )
    with caplog.at_level(logging.ERROR, logger="reports.responses"):
        response = client.get("/reports/CCWG-IG/2017.md")
    assert response.status_code == 503
    assert b"Something else entirely" not in response.content
    assert "failed its integrity check" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert any("failed its integrity check" in r.getMessage() for r in caplog.records)

    as_json = client.get("/reports/CCWG-IG/2017.md", HTTP_ACCEPT="application/json")
    assert as_json.status_code == 503
    assert as_json.json() == {"detail": responses.INTEGRITY_MESSAGE}

    # The other documents are intact and still served.
    assert client.get("/reports/CCWG-IG/2017.docx").status_code == 200


def test_a_tampered_web_page_is_not_shown(published, client):
    PublishedDocument.objects.filter(report=published, format="html").update(
        content=b"<html><body><main>injected</main></body></html>"
    )
    response = client.get("/reports/CCWG-IG/2017/")
    assert response.status_code == 503
    assert b"injected" not in response.content


def _reads_content(queries) -> bool:
    return any('"content"' in q["sql"] for q in queries.captured_queries)


def test_a_worker_reads_a_published_documents_bytes_once_then_checks_its_copy(published, client):
    first = client.get("/reports/CCWG-IG/2017.md")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/reports/CCWG-IG/2017.md")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert not _reads_content(queries)  # the digest is read, the bytes come from the copy


def test_damage_to_the_stored_bytes_is_found_once_the_copy_is_read_again(
    published, client, monkeypatch
):
    assert client.get("/reports/CCWG-IG/2017.md").status_code == 200
    PublishedDocument.objects.filter(report=published, format="md").update(
        content=b"# Something else entirely\n"
    )
    monkeypatch.setattr(published_bytes, "MAX_AGE", 0.0)  # the copy has aged: read the bytes again
    response = client.get("/reports/CCWG-IG/2017.md")
    assert response.status_code == 503
    assert b"Something else entirely" not in response.content
