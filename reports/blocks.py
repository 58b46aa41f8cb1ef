"""The report's words as blocks staff may edit: every piece of text the assembly generates,
under a key that names the records it comes from and its place (`process/12/heading`,
`teleconferences/31/agenda/1.2`, `introduction/p1`), so that it survives regeneration.

Edits apply to the data (`apply_edits`), before the walk: the four writers print the staff's
words without knowing of them. One traversal (`_visit`) serves both listing the blocks and
applying the edits, so a key is defined in one place.

Covered: the headings, the narrative's paragraphs, the resources note, the ICANN meetings'
labels and absence notes, the sessions' headings, summaries, outcomes and agenda items,
the external events' dates, the inputs' introduction, the processes' datelines and
descriptions, the inputs' leads, summaries and outcomes, the sentences said when a section
is empty, the teleconference table's agenda items and attendance, the chart's title and
caption, the chartership changes (by position: they carry no record), the chartering note,
the successor note, the threats' descriptions and milestones, the annex's contexts.
Not covered: the cover and contents, the fixed labels ("Agenda:", column headers), links,
speakers, the statements quoted (the records' own words), agenda notes, a threat's list of
processes, and the findings marked in a draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from reports.assembly.data import (
    AgendaEntry,
    Heading,
    ReportData,
    Session,
)
from reports.markup import RichText, rich
from reports.models import ReportBlockEdit


@dataclass(frozen=True)
class Block:
    key: str
    section: str  # the number of the section it is printed in ("2.3.1")
    generated: str
    omittable: bool = True  # a heading cannot be left out (its section would remain)


@dataclass(frozen=True)
class Edit:
    """Staff's edit of a block: `text` None keeps the generated text."""

    text: str | None = None
    omitted: bool = False


_PARAGRAPHS = re.compile(r"\n\s*\n")


class _Visitor:
    """Records every block met, and says what to print in its place."""

    def __init__(self, edits: Mapping[str, Edit]) -> None:
        self.edits = edits
        self.blocks: list[Block] = []
        self.headings: dict[str, Heading] = {}  # by anchor: the edited ones

    def text(self, key: str, section: str, generated: str, *, omittable: bool = True) -> str:
        """The text printed at `key`: staff's, else generated; "" when left out."""
        if not generated:
            return generated
        self.blocks.append(Block(key, section, generated, omittable))
        edit = self.edits.get(key)
        if edit is None:
            return generated
        if edit.omitted and omittable:
            return ""
        return generated if edit.text is None else edit.text

    def items(self, key: str, section: str, generated: tuple[str, ...]) -> tuple[str, ...]:
        """A list of sentences, each a block `<key>/<n>`."""
        out = (self.text(f"{key}/{n}", section, item) for n, item in enumerate(generated, 1))
        return tuple(item for item in out if item)

    def rich(self, key: str, section: str, generated: RichText) -> RichText:
        """Markdown written as one block; the same object when unchanged."""
        text = self.text(key, section, generated.source.strip())
        return generated if text == generated.source.strip() else rich(text)

    def paragraphs(self, key: str, section: str, generated: RichText) -> RichText:
        """Markdown, each paragraph a block `<key>/p<n>`."""
        parts = [p for p in _PARAGRAPHS.split(generated.source.strip()) if p.strip()]
        out = [self.text(f"{key}/p{n}", section, part) for n, part in enumerate(parts, 1)]
        return generated if out == parts else rich("\n\n".join(p for p in out if p))

    def heading(self, key: str, heading: Heading) -> Heading:
        title = self.text(key, heading.number, heading.title, omittable=False)
        if title == heading.title:
            return heading
        self.headings[heading.anchor] = edited = replace(heading, title=title)
        return edited


def _agenda(
    v: _Visitor, key: str, section: str, entries: tuple[AgendaEntry, ...]
) -> tuple[AgendaEntry, ...]:
    out = []
    for entry in entries:
        path = ".".join(map(str, entry.path))
        title = v.text(f"{key}/agenda/{path}", section, entry.title)
        if not title and entry.title:
            continue  # left out, with its sub-items
        children = _agenda(v, key, section, entry.children)
        if title != entry.title or children != entry.children:
            entry = replace(entry, title=title, children=children)
        out.append(entry)
    return tuple(out)


def _session(v: _Visitor, key: str, section: str, session: Session) -> Session:
    return replace(
        session,
        heading=v.text(f"{key}/heading", section, session.heading, omittable=False),
        summary=v.text(f"{key}/summary", section, session.summary),
        outcomes=v.items(f"{key}/outcome", section, session.outcomes),
        agenda=_agenda(v, key, section, session.agenda),
    )


def _visit(data: ReportData, v: _Visitor) -> ReportData:
    """`data` with every block as `v` says, in document order (as `reports.walk`)."""
    h = dict(data.headings)
    words = data.wording

    def fixed(name: str) -> Heading:
        h[name] = v.heading(f"heading/{h[name].number}", h[name])
        return h[name]

    def empty(key: str, section: str, field: str, shown: bool) -> None:
        nonlocal words
        if shown:
            changes: dict[str, Any] = {field: v.text(key, section, getattr(words, field))}
            words = replace(words, **changes)

    s = fixed("introduction").number
    introduction = v.paragraphs("introduction", s, data.introduction)
    resources_note = v.text("introduction/resources", s, data.resources_note)

    fixed("events")
    s = fixed("icann").number
    icann_meetings = []
    for entry in data.icann_meetings:
        key = f"icann/ICANN-{entry.number}"
        sessions = tuple(
            _session(v, f"{key}/session/{session.meeting_id}", s, session)
            for session in entry.sessions
        )
        icann_meetings.append(
            replace(
                entry,
                label=v.text(f"{key}/label", s, entry.label, omittable=False),
                sessions=sessions,
                absence_note=v.text(f"{key}/absence", s, entry.absence_note),
            )
        )
    empty("icann/none", s, "no_icann_meetings", not data.icann_meetings)

    s = fixed("external").number
    external_events = []
    for event in data.external_events:
        key = f"event/{event.record_id}"
        heading = v.heading(f"{key}/heading", event.heading)
        n = heading.number
        dates_place = v.text(f"{key}/dates", n, event.dates_place)
        sessions = tuple(
            _session(v, f"{key}/session/{session.meeting_id}", n, session)
            for session in event.sessions
        )
        external_events.append(
            replace(event, heading=heading, dates_place=dates_place, sessions=sessions)
        )
    empty("external/none", s, "no_external_events", not data.external_events)

    s = fixed("inputs").number
    inputs_intro = v.text("inputs/intro", s, data.inputs_intro)
    processes = []
    for process in data.processes:
        key = f"process/{process.record_id}"
        heading = v.heading(f"{key}/heading", process.heading)
        n = heading.number
        dateline = v.text(f"{key}/dateline", n, process.dateline)
        description = v.rich(f"{key}/description", n, process.description)
        inputs = tuple(
            replace(
                item,
                lead=v.text(f"input/{item.record_id}/lead", n, item.lead),
                summary=v.rich(f"input/{item.record_id}/summary", n, item.summary),
                outcome=v.rich(f"input/{item.record_id}/outcome", n, item.outcome),
            )
            for item in process.inputs
        )
        processes.append(
            replace(
                process, heading=heading, dateline=dateline, description=description, inputs=inputs
            )
        )

    s = fixed("internal").number
    internal_work_intro = v.paragraphs("internal_work_intro", s, data.internal_work_intro)
    s = fixed("face_to_face").number
    face_to_face = tuple(
        _session(v, f"face-to-face/{session.meeting_id}", s, session)
        for session in data.face_to_face
    )
    empty("face-to-face/none", s, "no_face_to_face", not data.face_to_face)
    s = fixed("teleconferences").number
    chart = data.attendance_chart
    if chart is not None:
        chart = replace(
            chart,
            title=v.text("teleconferences/chart/title", s, chart.title),
            caption=v.text("teleconferences/chart/caption", s, chart.caption),
        )
    teleconferences = tuple(
        replace(
            row,
            attendance=v.text(
                f"teleconferences/{row.meeting_id}/attendance", s, row.attendance, omittable=False
            ),
            agenda=_agenda(v, f"teleconferences/{row.meeting_id}", s, row.agenda),
        )
        for row in data.teleconferences
    )
    empty("teleconferences/none", s, "no_teleconferences", not data.teleconferences)

    s = fixed("way_forward").number
    way_forward = v.paragraphs("way_forward", s, data.way_forward)
    chartership_changes = v.items("way-forward/chartership", s, data.chartership_changes)
    chartering_note = v.text("way-forward/chartering", s, data.chartering_note)
    successor = v.text("way-forward/successor", s, data.successor)

    s = fixed("threats").number
    threats_intro = v.paragraphs("threats_intro", s, data.threats_intro)
    threats = []
    for threat in data.threats:
        key = f"threat/{threat.record_id}"
        heading = v.heading(f"{key}/heading", threat.heading)
        n = heading.number
        threats.append(
            replace(
                threat,
                heading=heading,
                description=v.rich(f"{key}/description", n, threat.description),
                milestone=v.text(f"{key}/milestone", n, threat.milestone),
            )
        )

    annex = data.statements_annex
    annex_statements = data.annex_statements
    if annex is not None:
        annex = v.heading("heading/annex-a", annex)
        annex_statements = tuple(
            replace(a, context=v.text(f"annex/{a.ref}/context", a.number, a.context))
            for a in data.annex_statements
        )
    toc = tuple(v.headings.get(heading.anchor, heading) for heading in data.toc)
    return replace(
        data,
        wording=words,
        headings=h,
        toc=toc,
        introduction=introduction,
        resources_note=resources_note,
        icann_meetings=tuple(icann_meetings),
        external_events=tuple(external_events),
        inputs_intro=inputs_intro,
        processes=tuple(processes),
        internal_work_intro=internal_work_intro,
        face_to_face=face_to_face,
        teleconferences=teleconferences,
        attendance_chart=chart,
        way_forward=way_forward,
        chartership_changes=chartership_changes,
        chartering_note=chartering_note,
        successor=successor,
        threats_intro=threats_intro,
        threats=tuple(threats),
        statements_annex=annex,
        annex_statements=annex_statements,
    )


def blocks_of(data: ReportData) -> list[Block]:
    """Every block of the report, in document order, with its generated text."""
    visitor = _Visitor({})
    _visit(data, visitor)
    return visitor.blocks


def apply_edits(data: ReportData, edits: Mapping[str, Edit]) -> ReportData:
    """`data` with staff's edits applied (an edit whose key the data lacks is ignored)."""
    if not edits:
        return data
    return _visit(data, _Visitor(edits))


def edits_by_key(rows: Iterable[ReportBlockEdit]) -> dict[str, Edit]:
    """Staff's edits of a report's words (`AnnualReport.block_edits`), by key."""
    return {row.key: Edit(text=row.text, omitted=row.omitted) for row in rows}


def is_stale(edit: ReportBlockEdit, block: Block | None) -> bool:
    """The records under an edited block changed since staff edited it: they generate
    another text (or the block no longer exists)."""
    return block is None or block.generated != edit.generated_at_edit
