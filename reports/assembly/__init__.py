"""The annual report as one plain, frozen data object, assembled from the records.

`assemble_report()` is a pure function of the records and the period: it reads them with
a constant number of queries (`reports.selectors.fetch_records`) and returns a `ReportData`
every renderer consumes. Nothing here knows about a format.

- `data`: the frozen dataclasses (`ReportData` and its parts);
- `text`: dates, periods and counts as the report writes them;
- `sections`: each section built from the records; `engagement` those on ICANN's
  engagement with external processes (2.3) and the threats they carry (4);
- `wording`: the headings, the cover and the fixed sentences and labels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ccwg.core.models import DatePrecision, WorkingGroup
from reports.assembly import engagement, sections, wording
from reports.assembly.as_of import cutoff, issue_date, issued_label, records_as_of
from reports.assembly.data import (
    AgendaEntry,
    FindingNote,
    Narrative,
    ReportData,
    narrative_of,
)
from reports.assembly.text import format_range, period_phrase, typeset
from reports.markup import rich
from reports.selectors import Records, fetch_records

__all__ = [
    "AgendaEntry",
    "FindingNote",
    "Narrative",
    "ReportData",
    "assemble_for_year",
    "assemble_report",
    "narrative_of",
]

SEVERITY_LABELS = {"error": "Open error (draft)", "warning": "Open warning (draft)"}


def assemble_report(
    *,
    working_group: WorkingGroup,
    period_start: dt.date,
    period_end: dt.date,
    narrative: Narrative | None = None,
    title: str = "",
    published_at: dt.datetime | None = None,
    version: int = 1,
    issued_on: dt.date | None = None,
    issued_on_precision: str = DatePrecision.DAY,
    way_forward_heading: str = "",
    statements_in_annex: bool = True,
    findings: tuple = (),
    records: Records | None = None,
) -> ReportData:
    """Assemble the report of `working_group` for the period from the records, as of its
    issue date (`issued_on`, else the publication date, else the period's end).

    `findings` (a draft's open findings, `reports.checks.Finding`) are marked where their
    record occurs; a published report is assembled without them."""
    narrative = narrative or Narrative()
    if records is None:
        records = fetch_records(
            working_group=working_group, period_start=period_start, period_end=period_end
        )
    issued, precision = issue_date(issued_on, issued_on_precision, published_at)
    as_of = cutoff(issued, precision, period_end)
    records = records_as_of(records, as_of)
    shown = {f"meeting:{m.pk}" for m in records.meetings}
    by_target = _notes_by_target(findings) if published_at is None else {}
    # findings on meetings after the report's date concern records the report leaves out
    by_target = {
        target: notes
        for target, notes in by_target.items()
        if not target.startswith("meeting:") or target in shown
    }
    notes = sections.Notes(by_target)
    group = working_group
    acr = group.acronym
    phrase = period_phrase(period_start, period_end)
    changes, active = sections.charterships(records, acr, as_of)
    section_3 = wording.way_forward_heading(
        way_forward_heading,
        narrative=bool(narrative.way_forward.strip()),
        successor=records.successor is not None,
    )
    h = wording.section_headings(acr, phrase, section_3)
    external = sections.external_section(records, acr, h["external"], notes)
    inputs_intro, processes = engagement.inputs_section(records, acr, h["inputs"], as_of, notes)
    threats = engagement.threats(records, h["threats"], as_of, notes)
    title = title or wording.default_title(phrase, group.name, acr)
    period_label = format_range(period_start, period_end)
    label = issued_label(issued, precision)
    icann_meetings = sections.icann_section(records, acr, as_of, notes)
    face_to_face = sections.face_to_face(records, acr, notes)
    teleconferences, annex_statements = sections.teleconferences(
        records, notes, statements_in_annex=statements_in_annex
    )
    statements_annex = wording.statements_annex() if annex_statements else None
    narrative_findings = {
        field: notes.take(f"narrative:{field}")
        for field in ("introduction", "internal_work_intro", "way_forward", "threats_intro")
    }
    data = ReportData(
        title=title,
        group_name=group.name,
        group_acronym=acr,
        year=period_end.year if phrase.isdigit() else period_start.year,
        period_start=period_start,
        period_end=period_end,
        period_label=period_label,
        period_phrase=phrase,
        published_at=published_at,
        version=version,
        issued_label=label,
        as_of=as_of,
        cover=wording.cover(
            title=title,
            period_label=period_label,
            version=version,
            published_at=published_at,
            issued=label,
        ),
        wording=wording.WORDING,
        headings=h,
        toc=(),
        introduction=rich(narrative.introduction),
        resources_note=(group.resources_note or "").strip(),
        icann_meetings=icann_meetings,
        external_events=external,
        inputs_intro=inputs_intro,
        processes=processes,
        internal_work_intro=rich(narrative.internal_work_intro),
        face_to_face=face_to_face,
        teleconferences=teleconferences,
        attendance_chart=sections.attendance_chart(
            teleconferences,
            title=wording.attendance_chart_title(acr, period_label),
        ),
        way_forward=rich(narrative.way_forward),
        chartership_changes=changes,
        chartering_organizations=active,
        chartering_note=wording.chartering_note(active, label),
        successor=wording.successor_note(acr, records.successor),
        threats_intro=rich(narrative.threats_intro),
        threats=threats,
        statements_annex=statements_annex,
        annex_statements=annex_statements,
        narrative_findings=narrative_findings,
        other_findings=notes.left(),
    )
    return replace(data, toc=data.contents())


def _notes_by_target(findings) -> dict[str, list[FindingNote]]:
    """Open findings (errors, and warnings not acknowledged) by where they occur."""
    out: dict[str, list[FindingNote]] = {}
    for finding in findings:
        if not finding.is_open:
            continue
        note = FindingNote(
            severity=finding.severity,
            label=SEVERITY_LABELS.get(finding.severity, "Open finding (draft)"),
            text=typeset(f"{finding.record_label}: {finding.message}"),
        )
        out.setdefault(finding.target or f"other:{finding.key}", []).append(note)
    return out


def assemble_for_year(*, working_group: WorkingGroup, year: int) -> ReportData:
    """A calendar-year report without a record (no narrative): for previews and the CLI."""
    return assemble_report(
        working_group=working_group,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
    )
