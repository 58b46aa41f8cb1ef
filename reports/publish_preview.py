"""What publishing a report freezes, to show staff before they confirm (a read, no write)."""

from __future__ import annotations

from dataclasses import dataclass

from reports.assembly import ReportData
from reports.checks import WARNING, Finding
from reports.drafts import assemble_for_report, report_findings
from reports.models import AnnualReport
from reports.renderers import FORMATS

#: How each stored document is named to staff.
FORMAT_LABELS = {"html": "Web page", "pdf": "PDF", "docx": "Word document", "md": "Markdown"}


@dataclass(frozen=True)
class FrozenDocument:
    format: str
    label: str
    file_name: str


@dataclass(frozen=True)
class SectionCount:
    heading: str  # "2.4.2 CCWG-IG teleconferences"
    counted: str  # "9 teleconferences"


@dataclass(frozen=True)
class FreezeSummary:
    """The documents publishing stores, the records counted per section, and the findings."""

    documents: tuple[FrozenDocument, ...]
    sections: tuple[SectionCount, ...]
    open_errors: tuple[Finding, ...]
    open_warnings: tuple[Finding, ...]
    acknowledged: tuple[Finding, ...]


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


def section_counts(data: ReportData) -> tuple[SectionCount, ...]:
    h = data.headings
    icann_sessions = sum(len(entry.sessions) for entry in data.icann_meetings)
    event_sessions = sum(len(event.sessions) for event in data.external_events)
    inputs = sum(len(process.inputs) for process in data.processes)
    rows = [
        (
            h["icann"],
            f"{_count(len(data.icann_meetings), 'ICANN meeting')}, "
            f"{_count(icann_sessions, 'session')} of the group",
        ),
        (
            h["external"],
            f"{_count(len(data.external_events), 'external event')}, "
            f"{_count(event_sessions, 'session')}",
        ),
        (
            h["inputs"],
            f"{_count(len(data.processes), 'process', 'processes')}, {_count(inputs, 'input')}",
        ),
        (h["face_to_face"], _count(len(data.face_to_face), "face-to-face meeting")),
        (h["teleconferences"], _count(len(data.teleconferences), "teleconference")),
        (
            h["way_forward"],
            f"{_count(len(data.chartering_organizations), 'chartering organization')}, "
            f"{_count(len(data.chartership_changes), 'change')} of chartership",
        ),
        (h["threats"], _count(len(data.threats), "threat")),
    ]
    agenda = _count(len(data.agenda_labels()), "agenda item")
    return (
        *(SectionCount(heading.text, counted) for heading, counted in rows),
        SectionCount("Agendas (all sections)", agenda),
    )


def freeze_summary(report: AnnualReport) -> FreezeSummary:
    """What publishing `report` now would store and freeze."""
    data = assemble_for_report(report)
    findings = report_findings(report)
    return FreezeSummary(
        documents=tuple(
            FrozenDocument(fmt, FORMAT_LABELS.get(fmt, fmt), report.file_name(fmt))
            for fmt in FORMATS
        ),
        sections=section_counts(data),
        open_errors=tuple(f for f in findings if f.is_error and f.is_open),
        open_warnings=tuple(f for f in findings if f.severity == WARNING and f.is_open),
        acknowledged=tuple(f for f in findings if f.is_acknowledged),
    )
