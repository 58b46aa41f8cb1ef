"""A report as its readers see it: the data assembled from its record (`reports.assembly`),
with staff's edits of its words (`reports.blocks`) and, on a draft, the findings of the checks
(`reports.checks`) marked where they occur.

Above both the assembly and the checks, so that neither imports the other: the checks read
the assembled words of a draft (stale edits), and a draft's data carries the checks' findings.
"""

from __future__ import annotations

import datetime as dt

from reports.assembly import ReportData, assemble_report, narrative_of
from reports.blocks import apply_edits, blocks_of, edits_by_key
from reports.checks import findings_for_report, stale_edit_findings
from reports.models import AnnualReport, ReportBlockEdit, StatementsPlacement
from reports.selectors import Records, fetch_records


def assemble_for_report(
    report: AnnualReport, *, published_at: dt.datetime | None = None
) -> ReportData:
    """The data of an AnnualReport record: its group, period, date, title and narrative; a
    draft with its open findings marked where they occur."""
    return assemble_with_findings(report, published_at=published_at)[0]


def assemble_with_findings(
    report: AnnualReport,
    *,
    published_at: dt.datetime | None = None,
    findings_marked: bool = True,
    edited: bool = True,
    records: Records | None = None,
) -> tuple[ReportData, list]:
    """`assemble_for_report`, and the findings on the draft (`reports.checks.Finding`, with
    staff's acknowledgements; none for a published report, nor when not `findings_marked`)
    from the same records. With staff's edits of its words unless not `edited` (the
    generated text, `reports.blocks`)."""
    published_at = published_at or report.published_at
    if records is None:
        records = _records_of(report)
    marked = findings_marked and published_at is None and report.pk
    edits = _edits_of(report) if edited or marked else []
    findings: list = []
    if marked:
        findings = report_findings(report, records=records, edits=edits)
    data = _assemble(report, published_at=published_at, findings=findings, records=records)
    if edited:
        data = apply_edits(data, edits_by_key(edits))
    return data, findings


def report_findings(
    report: AnnualReport,
    *,
    records: Records | None = None,
    edits: list[ReportBlockEdit] | None = None,
) -> list:
    """`reports.checks.findings_for_report`, with the findings on staff's edits of the
    report's words (`edits`, `reports.blocks`: stale ones), for which the words are
    assembled."""
    if records is None:
        records = _records_of(report)
    if edits is None:
        edits = _edits_of(report)
    stale: list = []
    if edits:
        generated = _assemble(report, published_at=None, findings=(), records=records)
        stale = list(stale_edit_findings(report, edits, blocks_of(generated)))
    return findings_for_report(report, records=records, more=stale)


def _edits_of(report: AnnualReport) -> list[ReportBlockEdit]:
    """Staff's edits of the report's words; none read when the report was fetched knowing
    it has none (`has_block_edits`, `reports.selectors.report_versions_for_url`)."""
    if not report.pk or not getattr(report, "has_block_edits", True):
        return []
    return list(report.block_edits.all())


def _records_of(report: AnnualReport) -> Records:
    return fetch_records(
        working_group=report.working_group,
        period_start=report.period_start,
        period_end=report.period_end,
    )


def _assemble(
    report: AnnualReport,
    *,
    published_at: dt.datetime | None,
    findings: tuple | list,
    records: Records,
) -> ReportData:
    """The report's data from its record's fields, without staff's edits."""
    return assemble_report(
        working_group=report.working_group,
        period_start=report.period_start,
        period_end=report.period_end,
        narrative=narrative_of(report),
        title=report.display_title,
        published_at=published_at,
        version=report.version,
        issued_on=report.issued_on,
        issued_on_precision=report.issued_on_precision,
        way_forward_heading=report.way_forward_heading,
        statements_in_annex=report.statements_placement != StatementsPlacement.TABLE,
        findings=tuple(findings),
        records=records,
    )
