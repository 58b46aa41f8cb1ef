"""Reads of a report's words as blocks (`reports.blocks`): what the records generate, what
staff wrote instead, and whether the records changed under their words since."""

from __future__ import annotations

from dataclasses import dataclass

from reports.blocks import Block, blocks_of, is_stale
from reports.drafts import assemble_with_findings
from reports.models import AnnualReport, ReportBlockEdit


@dataclass(frozen=True)
class ReportBlock:
    """One block of a report as staff see it."""

    key: str
    section: str
    generated: str
    text: str  # what is printed: the staff's words where `edited`
    edited: bool
    stale: bool
    omitted: bool
    omittable: bool
    movable: bool = False
    position: int | None = None
    edit: ReportBlockEdit | None = None


def generated_blocks(report: AnnualReport, positions: dict[str, int] | None = None) -> list[Block]:
    """The blocks of a report as the records generate them now, in document order (the
    sections in staff's order when `positions` are given)."""
    data, _ = assemble_with_findings(report, findings_marked=False, edited=False)
    return blocks_of(data, positions)


def report_blocks(report: AnnualReport) -> list[ReportBlock]:
    """Every block of the report in the order it is printed, with staff's edits."""
    edits = {edit.key: edit for edit in report.block_edits.select_related("edited_by")}
    positions = {key: e.position for key, e in edits.items() if e.position is not None}
    out = []
    for block in generated_blocks(report, positions):
        edit = edits.get(block.key)
        edited = edit is not None and edit.text is not None
        out.append(
            ReportBlock(
                key=block.key,
                section=block.section,
                generated=block.generated,
                text=edit.text if edit is not None and edit.text is not None else block.generated,
                edited=edited,
                stale=edit is not None and is_stale(edit, block),
                omitted=edit is not None and edit.omitted and block.omittable,
                omittable=block.omittable,
                movable=block.movable,
                position=edit.position if edit is not None and block.movable else None,
                edit=edit,
            )
        )
    return out


def report_block(report: AnnualReport, key: str) -> ReportBlock | None:
    """One block of the report, by key; None when the report has no such block."""
    return next((block for block in report_blocks(report) if block.key == key), None)
