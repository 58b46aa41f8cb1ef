"""Publishing freezes the report's documents; a published report is never edited."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Meeting
from reports.checks import findings_for_report
from reports.models import AnnualReport, PublishedDocument, ReportStatus
from reports.services import (
    acknowledge_finding,
    publish_report,
    start_new_version,
    update_report,
)
from tests.factories import (
    AgendaItemFactory,
    AnnualReportFactory,
    TeleconferenceFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_report(staff):
    """A small report without findings."""
    group = WorkingGroupFactory(acronym="CCWG-T", name="Test Group")
    meeting = TeleconferenceFactory(working_group=group)
    AgendaItemFactory(meeting=meeting, title="Opening")
    return AnnualReportFactory(working_group=group, introduction="The *first* report.")


@pytest.mark.slow
def test_publish_stores_every_format_with_its_sha256(clean_report, staff):
    report = publish_report(report=clean_report, user=staff, note="Sent to the SO/ACs.")
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_by == staff
    assert report.published_at is not None
    assert report.published_despite_errors is False
    assert report.publish_note == "Sent to the SO/ACs."
    documents = {d.format: d for d in PublishedDocument.objects.filter(report=report)}
    assert set(documents) == {"html", "pdf", "docx", "md"}
    for document in documents.values():
        content = bytes(document.content)
        assert document.sha256 == hashlib.sha256(content).hexdigest()
        assert document.size == len(content) > 0
    assert bytes(documents["pdf"].content).startswith(b"%PDF")
    assert bytes(documents["docx"].content).startswith(b"PK")
    assert b"Published on" in bytes(documents["html"].content)
    assert b"Published on" in bytes(documents["md"].content)


@pytest.mark.slow
def test_published_bytes_stay_identical_after_records_change(clean_report, staff, client):
    publish_report(report=clean_report, user=staff)
    before = {
        d.format: (bytes(d.content), d.sha256)
        for d in PublishedDocument.objects.filter(report=clean_report)
    }
    downloads = {
        fmt: client.get(f"/reports/CCWG-T/2017.{fmt}").content for fmt in ("pdf", "docx", "md")
    }
    meeting = Meeting.objects.get(working_group__acronym="CCWG-T")
    meeting.members_present = 3
    meeting.save()
    meeting.agenda_items.update(title="Changed later")
    TeleconferenceFactory(working_group=meeting.working_group)

    after = {
        d.format: (bytes(d.content), d.sha256)
        for d in PublishedDocument.objects.filter(report=clean_report)
    }
    assert after == before
    for fmt, content in downloads.items():
        response = client.get(f"/reports/CCWG-T/2017.{fmt}")
        assert response.content == content == before[fmt][0]
        assert hashlib.sha256(response.content).hexdigest() == before[fmt][1]
    page = client.get("/reports/CCWG-T/2017/").content.decode()
    assert "Opening" in page and "Changed later" not in page


@pytest.mark.slow
def test_a_report_is_published_once(clean_report, staff):
    publish_report(report=clean_report, user=staff)
    with pytest.raises(ValidationError, match="already published"):
        publish_report(report=clean_report, user=staff)
    assert PublishedDocument.objects.filter(report=clean_report).count() == 4


@pytest.mark.slow
def test_a_published_report_cannot_be_edited(clean_report, staff):
    publish_report(report=clean_report, user=staff)
    stale = AnnualReport.objects.get(pk=clean_report.pk)
    stale.introduction = "Rewritten"
    with pytest.raises(ValidationError, match="cannot be edited"):
        stale.save()
    with pytest.raises(ValidationError, match="cannot be edited"):
        stale.full_clean()
    with pytest.raises(ValidationError, match="cannot be edited"):
        update_report(report=stale, introduction="Rewritten")
    assert AnnualReport.objects.get(pk=clean_report.pk).introduction == "The *first* report."


def test_drafts_can_be_updated(clean_report):
    update_report(report=clean_report, introduction="New text")
    assert AnnualReport.objects.get(pk=clean_report.pk).introduction == "New text"
    with pytest.raises(ValidationError):
        update_report(report=clean_report, status="published")


@pytest.mark.slow
def test_open_errors_block_publishing_unless_confirmed(report_with_open_error, staff):
    with pytest.raises(ValidationError) as raised:
        publish_report(report=report_with_open_error, user=staff)
    message = " ".join(raised.value.messages)
    assert "1 open error" in message
    assert "ICANN 59, Johannesburg" in message
    assert AnnualReport.objects.get(pk=report_with_open_error.pk).status == ReportStatus.DRAFT
    assert not PublishedDocument.objects.filter(report=report_with_open_error).exists()

    report = publish_report(
        report=report_with_open_error,
        user=staff,
        confirm_errors=True,
        note="Date checked with staff.",
    )
    assert report.is_published
    assert report.published_despite_errors is True
    assert "Date checked with staff." in report.publish_note
    assert "Published despite 1 error(s)" in report.publish_note
    assert "ICANN 59, Johannesburg" in report.publish_note


def test_warnings_do_not_block_publishing(report_with_open_error, staff):
    warning = next(
        f for f in findings_for_report(report_with_open_error) if f.severity == "warning"
    )
    acknowledge_finding(
        report=report_with_open_error, key=warning.key, reason="History.", user=staff
    )
    with pytest.raises(ValidationError):  # the error is still open
        publish_report(report=report_with_open_error, user=staff)


@pytest.mark.slow
def test_a_new_version_is_a_new_draft(clean_report, staff):
    with pytest.raises(ValidationError, match="still a draft"):
        start_new_version(report=clean_report, user=staff)
    publish_report(report=clean_report, user=staff)
    draft = start_new_version(report=clean_report, user=staff)
    assert draft.pk != clean_report.pk
    assert (draft.version, draft.status) == (2, ReportStatus.DRAFT)
    assert draft.introduction == "The *first* report."
    assert draft.period_start == dt.date(2017, 1, 1)
    with pytest.raises(ValidationError, match="already a draft"):
        start_new_version(report=clean_report, user=staff)
    update_report(report=draft, introduction="Second edition")
    publish_report(report=draft, user=staff)
    assert {d.report_id for d in PublishedDocument.objects.all()} == {clean_report.pk, draft.pk}


# --- Drafts written through the services; the frozen rule and its errors ---------------------


@pytest.mark.slow
def test_create_report_computes_version_and_period_once():
    from reports.services import create_report
    from tests.factories import PublishedReportFactory

    group = WorkingGroupFactory(acronym="CCWG-IG")
    PublishedReportFactory(working_group=group, year=2017)
    draft = create_report(working_group=group, year=2017, title="Second")
    assert draft.version == 2 == AnnualReport.next_version(working_group=group, year=2017) - 1
    assert (draft.period_start, draft.period_end) == AnnualReport.default_period(2017)
    other = create_report(working_group=group, year=2018, period_end=dt.date(2018, 6, 30))
    assert (other.version, other.period_start, other.period_end) == (
        1,
        dt.date(2018, 1, 1),
        dt.date(2018, 6, 30),
    )


def test_update_report_saves_only_on_change_and_keeps_group_and_year(clean_report):
    update_report(report=clean_report, introduction="The *first* report.")
    assert clean_report.history.count() == 1
    same = update_report(
        report=clean_report,
        working_group=clean_report.working_group,
        year=clean_report.year,
        title="Titled",
    )
    assert same.title == "Titled" and clean_report.history.count() == 2
    with pytest.raises(ValidationError) as error:
        update_report(report=clean_report, year=2018)
    assert error.value.message_dict == {
        "year": ["Cannot be changed; create a report for the other group or year."]
    }


def test_the_frozen_rule_raises_its_own_errors(clean_report, staff):
    from ccwg.errors import Conflict
    from reports.errors import (
        DraftExists,
        ReportAlreadyPublished,
        ReportFrozen,
        ReportIsDraft,
    )
    from reports.services import delete_report

    with pytest.raises(ReportIsDraft):
        start_new_version(report=clean_report, user=staff)
    publish_report(report=clean_report, user=staff)
    with pytest.raises(ReportFrozen) as frozen:
        update_report(report=clean_report, title="Changed")
    assert isinstance(frozen.value, Conflict)
    with pytest.raises(ReportFrozen):
        delete_report(report=clean_report)
    warning_key = "any"
    with pytest.raises(ReportFrozen):
        acknowledge_finding(report=clean_report, key=warning_key, reason="Why", user=staff)
    with pytest.raises(ReportAlreadyPublished) as already:
        publish_report(report=clean_report, user=staff)
    assert not isinstance(already.value, Conflict)  # answered 400, as it always was
    start_new_version(report=clean_report, user=staff)
    with pytest.raises(DraftExists):
        start_new_version(report=clean_report, user=staff)
    assert AnnualReport.objects.filter(pk=clean_report.pk).exists()


def test_delete_report_deletes_a_draft(clean_report):
    from reports.services import delete_report

    delete_report(report=clean_report)
    assert not AnnualReport.objects.exists()


@pytest.mark.slow
def test_the_report_row_is_locked_for_every_write(clean_report, staff):
    """select_for_update on the report inside the transaction: asked for on every database,
    and seen in the SQL where the database has row locks (PostgreSQL)."""
    from unittest import mock

    from django.db import connection
    from django.db.models import QuerySet
    from django.test.utils import CaptureQueriesContext

    from reports.services import delete_report

    original = QuerySet.select_for_update

    def locked(write) -> bool:
        asked: list[type] = []

        def spy(queryset, *args, **kwargs):
            asked.append(queryset.model)
            return original(queryset, *args, **kwargs)

        with (
            mock.patch.object(QuerySet, "select_for_update", spy),
            CaptureQueriesContext(connection) as captured,
        ):
            write()
        in_sql = any("FOR UPDATE" in q["sql"] for q in captured.captured_queries)
        return AnnualReport in asked and (in_sql or not connection.features.has_select_for_update)

    assert locked(lambda: update_report(report=clean_report, title="T"))
    assert locked(lambda: publish_report(report=clean_report, user=staff))
    assert locked(lambda: start_new_version(report=clean_report, user=staff))
    draft = AnnualReport.objects.get(version=2)
    assert locked(lambda: delete_report(report=draft))


@pytest.mark.slow
def test_report_errors_map_to_409_and_400_in_the_api(staff_api):
    from tests.factories import PublishedReportFactory

    published = PublishedReportFactory()
    url = f"/api/v1/reports/{published.pk}/"
    frozen = staff_api.delete(url)
    assert frozen.status_code == 409 and "published" in frozen.json()["detail"]
    again = staff_api.post(f"{url}publish/", {"confirm_errors": True})
    assert again.status_code == 400
    assert "already published" in again.json()["non_field_errors"][0]
