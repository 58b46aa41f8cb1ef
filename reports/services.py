"""Writes to annual reports: publish (freeze), start a new version, acknowledge a finding."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from reports.assembly import assemble_for_report
from reports.checks import WARNING, findings_for_report, open_errors
from reports.models import (
    AnnualReport,
    CheckAcknowledgement,
    PublishedDocument,
    ReportStatus,
)
from reports.renderers import FORMATS, render

#: Narrative and period fields staff may change on a draft.
EDITABLE_FIELDS = (
    "period_start",
    "period_end",
    "title",
    "introduction",
    "internal_work_intro",
    "way_forward",
    "threats_intro",
)


def _lock(report: AnnualReport) -> AnnualReport:
    """The report's row, locked for the rest of the transaction, fresh from the database."""
    return (
        AnnualReport.objects.select_for_update().select_related("working_group").get(pk=report.pk)
    )


def _describe(findings) -> str:
    return "; ".join(f"{f.record_label}: {f.message}" for f in findings)


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
        raise ValidationError(
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
    documents = {fmt: render(data, fmt) for fmt in FORMATS}
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
    """A new draft of a published report, with its narrative and period, as the next version."""
    locked = _lock(report)
    if not locked.is_published:
        raise ValidationError(f"{locked} is still a draft: edit it instead of starting a new one.")
    draft = AnnualReport.objects.filter(
        working_group=locked.working_group, year=locked.year, status=ReportStatus.DRAFT
    ).first()
    if draft is not None:
        raise ValidationError(f"{draft} is already a draft of this report: edit that one.")
    latest = AnnualReport.objects.filter(
        working_group=locked.working_group, year=locked.year
    ).aggregate(latest=Max("version"))["latest"]
    new = AnnualReport(
        working_group=locked.working_group,
        year=locked.year,
        version=(latest or 0) + 1,
        **{name: getattr(locked, name) for name in EDITABLE_FIELDS},
    )
    new.full_clean()
    new.save()
    return new


@transaction.atomic
def update_report(*, report: AnnualReport, **fields: Any) -> AnnualReport:
    """Change a draft's narrative or period; a published report cannot be edited."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    locked = _lock(report)
    if locked.is_published:
        raise ValidationError(
            f"{locked} is published and cannot be edited; start a new version instead."
        )
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def acknowledge_finding(
    *, report: AnnualReport, key: str, reason: str, user
) -> CheckAcknowledgement:
    """Record staff's reason for accepting a warning; the finding stays visible, marked."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for accepting this warning."})
    locked = _lock(report)
    if locked.is_published:
        raise ValidationError(f"{locked} is published; its findings can no longer change.")
    finding = next((f for f in findings_for_report(locked) if f.key == key), None)
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
