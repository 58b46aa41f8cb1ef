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


def test_a_report_is_published_once(clean_report, staff):
    publish_report(report=clean_report, user=staff)
    with pytest.raises(ValidationError, match="already published"):
        publish_report(report=clean_report, user=staff)
    assert PublishedDocument.objects.filter(report=clean_report).count() == 4


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
