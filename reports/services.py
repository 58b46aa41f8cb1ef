"""Writes to annual reports: create, edit and delete drafts, publish (freeze), start a new
version, acknowledge a finding.

The rule "a published report is frozen" is `AnnualReport.is_frozen`; the services apply it
with the report's row locked (`select_for_update`) for the rest of the transaction:
`lock_draft` refuses a frozen report with `ReportFrozen` (update, delete, acknowledging a
finding), publishing refuses a published one with `ReportAlreadyPublished`, and a new
version starts only from a published one. (`AnnualReport.save()` asks the same rule as a
last line of defence for writes that bypass these services; the admin shows a frozen
report view-only.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ccwg.core.models import WorkingGroup
from ccwg.core.writes import RecordWrites, assign, delete_record
from reports.checks import WARNING, findings_for_report, open_errors
from reports.drafts import assemble_for_report, report_findings
from reports.errors import DraftExists, ReportAlreadyPublished, ReportIsDraft
from reports.models import (
    AnnualReport,
    CheckAcknowledgement,
    PublishedDocument,
    ReportBlockEdit,
    ReportStatus,
)
from reports.renderers import FORMATS, render, render_all


class ReportFields(TypedDict, total=False):
    """Narrative and period fields staff may change on a draft (a period left out or None
    is the calendar year, see `AnnualReport.default_period`)."""

    period_start: dt.date | None
    period_end: dt.date | None
    title: str
    issued_on: dt.date | None
    issued_on_precision: str
    way_forward_heading: str
    introduction: str
    internal_work_intro: str
    way_forward: str
    threats_intro: str
    statements_placement: str


EDITABLE_FIELDS = tuple(ReportFields.__annotations__)

#: What a report's group and year answer when a write tries to change them.
FIXED_ON_CREATION = "Cannot be changed; create a report for the other group or year."


def _lock(report: AnnualReport) -> AnnualReport:
    """The report's row, locked for the rest of the transaction, fresh from the database."""
    return (
        AnnualReport.objects.select_for_update().select_related("working_group").get(pk=report.pk)
    )


def lock_draft(*, report: AnnualReport) -> AnnualReport:
    """The report's row, locked for the rest of the transaction; `ReportFrozen` when it is
    published. Call it inside a transaction."""
    locked = _lock(report)
    locked.refuse_if_frozen()
    return locked


def _describe(findings) -> str:
    return "; ".join(f"{f.record_label}: {f.message}" for f in findings)


@transaction.atomic
def create_report(
    *,
    working_group: WorkingGroup,
    year: int,
    version: int | None = None,
    **fields: Unpack[ReportFields],
) -> AnnualReport:
    """A new draft; its version is the next one of the group's reports for the year unless
    given, its period the calendar year unless given."""
    _check_editable(fields)
    if version is None:
        version = AnnualReport.next_version(working_group=working_group, year=year)
    report = AnnualReport(working_group=working_group, year=year, version=version, **fields)
    report.full_clean()
    report.save()
    return report


def _check_editable(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")


@transaction.atomic
def update_report(
    *,
    report: AnnualReport,
    working_group: WorkingGroup | None = None,
    year: int | None = None,
    **fields: Unpack[ReportFields],
) -> AnnualReport:
    """Change a draft's narrative or period; saved only when a value changed.

    A published report cannot be edited (`ReportFrozen`). `working_group` and `year` may be
    given (a client writing back what it read) but not changed.
    """
    _check_editable(fields)
    locked = lock_draft(report=report)
    errors = {
        name: [FIXED_ON_CREATION]
        for name, value in (("working_group", working_group), ("year", year))
        if value is not None and value != getattr(locked, name)
    }
    if errors:
        raise ValidationError(errors)
    if assign(locked, fields):
        locked.full_clean()
        locked.save()
    return locked


@transaction.atomic
def delete_report(*, report: AnnualReport) -> None:
    """Delete a draft; a published report cannot be deleted (`ReportFrozen`)."""
    delete_record(lock_draft(report=report))


REPORTS = RecordWrites("report", create_report, update_report, delete_report)


@transaction.atomic
def publish_report(
    *, report: AnnualReport, user, confirm_errors: bool = False, note: str = ""
) -> AnnualReport:
    """Freeze the report: store every format's bytes with their SHA-256, mark it published.

    Refused when it is already published, or when checks find errors and `confirm_errors`
    is False; with confirmation, the errors are recorded on the report.
    """
    locked = _lock(report)
    if locked.is_published:
        raise ReportAlreadyPublished(
            f"{locked} is already published (on {locked.published_at:%d %B %Y}); "
            "start a new version to change it."
        )
    findings = findings_for_report(locked)
    errors = open_errors(findings)
    if errors and not confirm_errors:
        raise ValidationError(
            f"{locked} has {len(errors)} open error(s): {_describe(errors)}. "
            "Correct them, or confirm publishing despite them."
        )
    now = timezone.now()
    data = assemble_for_report(locked, published_at=now)
    # Rendered inside the transaction, with the row locked: an edit arriving meanwhile waits
    # and is then refused (the report is published), and any failure stores nothing.
    # the PDF laid out once, Word's page numbers read from it
    documents = render_all(data, FORMATS, render=render)
    # Documents a draft should not have (left by a failure outside these services) would
    # block publishing for good: they are replaced.
    PublishedDocument.objects.filter(report=locked).delete()
    for fmt, content in documents.items():
        document = PublishedDocument(
            report=locked,
            format=fmt,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )
        document.full_clean(exclude=["report"])
        document.save()
    record = [note.strip()] if note.strip() else []
    if errors:
        record.append(f"Published despite {len(errors)} error(s): {_describe(errors)}")
    locked.status = ReportStatus.PUBLISHED
    locked.published_at = now
    locked.published_by = user if getattr(user, "pk", None) else None
    locked.published_despite_errors = bool(errors)
    locked.publish_note = "\n\n".join(record)
    locked.full_clean()
    locked.save(_publishing=True)
    return locked


@transaction.atomic
def start_new_version(*, report: AnnualReport, user) -> AnnualReport:
    """A new draft of a published report, with its narrative, period and staff's edits of
    its words (`ReportBlockEdit`), as the next version."""
    locked = _lock(report)
    if not locked.is_published:
        raise ReportIsDraft(f"{locked} is still a draft: edit it instead of starting a new one.")
    draft = AnnualReport.objects.filter(
        working_group=locked.working_group, year=locked.year, status=ReportStatus.DRAFT
    ).first()
    if draft is not None:
        raise DraftExists(f"{draft} is already a draft of this report: edit that one.")
    new = create_report(
        working_group=locked.working_group,
        year=locked.year,
        **{name: getattr(locked, name) for name in EDITABLE_FIELDS},
    )
    for edit in locked.block_edits.order_by("key"):
        copy = ReportBlockEdit(
            report=new,
            key=edit.key,
            text=edit.text,
            omitted=edit.omitted,
            position=edit.position,
            generated_at_edit=edit.generated_at_edit,
            edited_by=edit.edited_by,
        )
        copy.full_clean()
        copy.save()
    return new


@transaction.atomic
def acknowledge_finding(
    *, report: AnnualReport, key: str, reason: str, user
) -> CheckAcknowledgement:
    """Record staff's reason for accepting a warning; the finding stays visible, marked."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for accepting this warning."})
    locked = lock_draft(report=report)
    finding = next((f for f in report_findings(locked) if f.key == key), None)
    if finding is None:
        raise ValidationError({"key": "No current finding of this report has that key."})
    if finding.severity != WARNING:
        raise ValidationError(
            {
                "key": "Errors cannot be acknowledged: correct the record, or confirm publishing "
                "despite the error."
            }
        )
    ack = CheckAcknowledgement.objects.filter(report=locked, check_key=key).first()
    if ack is None:
        ack = CheckAcknowledgement(report=locked, check_key=key)
    ack.reason = reason
    ack.acknowledged_by = user if getattr(user, "pk", None) else None
    ack.full_clean()
    ack.save()
    return ack


@transaction.atomic
def withdraw_acknowledgement(*, acknowledgement: CheckAcknowledgement) -> None:
    """Withdraw staff's acceptance of a warning of a draft (the finding shows as open again)."""
    lock_draft(report=acknowledgement.report)
    acknowledgement.delete()
