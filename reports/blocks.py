"""The report's words as blocks staff may edit: every piece of text the assembly generates,
under a key that names the records it comes from and its place (`process/12/heading`,
`teleconferences/31/agenda/1.2`, `introduction/p1`), so that it survives regeneration.

Edits apply to the data (`apply_edits`), before the walk: the four writers print the staff's
words without knowing of them. One traversal (`_visit`) serves both listing the blocks and
applying the edits, so a key is defined in one place.

Covered: the headings, the narrative's paragraphs, the resources note, the ICANN meetings'
labels and absence notes, the sessions' headings (leaving one out leaves the session out),
summaries, outcomes, notes, links and agenda items, the external events' dates and links,
the inputs' introduction, the processes' datelines, descriptions and links, the inputs'
leads, summaries, outcomes and links, the sentences said when a section is empty, the
teleconference table's agenda items and attendance, the chart's title and caption, the
chartership changes (by position: they carry no record), the chartering note, the successor
note, the threats' headings (left out: the threat is printed under section 4 unheaded),
descriptions, processes and milestones, the annex's contexts.
A list of links is one block, its generated text the list in Markdown: staff's text takes
its place as a paragraph ("… is available [here](…)").
The sections among siblings (events, processes, threats) can be moved (`Edit.position`):
they are renumbered in their new order.
The sessions' speakers are list items (`<session>/speaker/<n>`); the fixed labels ("Agenda:",
"Speakers:", the column headers) are blocks `label/<name>`, listed last.
Not covered: the cover (its title is the report's own field) and the contents (the
headings' blocks), the statements quoted (the records' own words), agenda notes, and the
findings marked in a draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from reports.assembly.data import (
    AgendaEntry,
    Heading,
    Link,
    ReportData,
    Session,
    SessionStyle,
    SpeakerData,
    Wording,
)
from reports.markup import RichText, rich
from reports.models import ReportBlockEdit


@dataclass(frozen=True)
class Block:
    key: str
    section: str  # the number of the section it is printed in ("2.3.1")
    generated: str
    omittable: bool = True  # a heading cannot be left out (its section would remain)
    movable: bool = False  # a sibling section's heading: its place can be chosen


@dataclass(frozen=True)
class Edit:
    """Staff's edit of a block: `text` None keeps the generated text; `position` None the
    generated order."""

    text: str | None = None
    omitted: bool = False
    position: int | None = None


_PARAGRAPHS = re.compile(r"\n\s*\n")


class _Visitor:
    """Records every block met, and says what to print in its place."""

    def __init__(self, edits: Mapping[str, Edit]) -> None:
        self.edits = edits
        self.blocks: list[Block] = []

    def text(
        self,
        key: str,
        section: str,
        generated: str,
        *,
        omittable: bool = True,
        movable: bool = False,
    ) -> str:
        """The text printed at `key`: staff's, else generated; "" when left out."""
        if not generated:
            return generated
        self.blocks.append(Block(key, section, generated, omittable, movable))
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

    def heading(
        self, key: str, heading: Heading, *, omittable: bool = False, movable: bool = False
    ) -> Heading:
        """The heading with staff's title; not `shown` when left out (if `omittable`)."""
        title = self.text(key, heading.number, heading.title, omittable=omittable, movable=movable)
        if not title:
            return replace(heading, shown=False)
        return heading if title == heading.title else replace(heading, title=title)

    def ordered(self, entries: list, key: Callable[[Any], str]) -> list:
        """Sibling sections in staff's order: one given a place (`Edit.position`, from 1)
        goes there, the others keep their generated order around it."""
        places = {}
        for n, entry in enumerate(entries):
            edit = self.edits.get(key(entry))
            if edit is not None and edit.position is not None:
                places[n] = edit.position
        if not places:
            return entries
        slots: list = [None] * len(entries)
        for n in sorted(places, key=lambda n: (places[n], n)):
            free = [i for i, taken in enumerate(slots) if taken is None]
            wanted = min(places[n], len(entries)) - 1
            slot = next((i for i in free if i >= wanted), free[-1])
            slots[slot] = entries[n]
        rest = iter(e for n, e in enumerate(entries) if n not in places)
        return [entry if entry is not None else next(rest) for entry in slots]

    def links(
        self, key: str, section: str, links: tuple[Link, ...]
    ) -> tuple[tuple[Link, ...], str]:
        """A list of links as one block: (the links to list, staff's text in their place)."""
        generated = "\n".join(f"- [{link.title}]({link.url})" for link in links if link.url)
        text = self.text(key, section, generated)
        if text == generated:
            return links, ""
        return (), text


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


def _with_text(text: RichText, more: str) -> RichText:
    """Markdown `text` followed by the paragraph `more` (staff's words for a list of links)."""
    if not more:
        return text
    return rich(f"{text.source.strip()}\n\n{more}".strip())


def _session(v: _Visitor, key: str, section: str, session: Session) -> Session | None:
    """The session with staff's words; None when staff left its heading out."""
    heading = v.text(f"{key}/heading", section, session.heading)
    if session.heading and not heading:
        return None
    summary = v.text(f"{key}/summary", section, session.summary)
    speakers = []
    for n, speaker in enumerate(session.speakers, 1):
        text = v.text(f"{key}/speaker/{n}", section, speaker.text)
        if text:
            speakers.append(speaker if text == speaker.text else SpeakerData(text, ""))
    outcomes = v.items(f"{key}/outcome", section, session.outcomes)
    agenda = _agenda(v, key, section, session.agenda)
    notes = v.rich(f"{key}/notes", section, session.notes)
    links, more = v.links(f"{key}/links", section, session.links)
    return replace(
        session,
        heading=heading,
        summary=summary,
        speakers=tuple(speakers),
        outcomes=outcomes,
        agenda=agenda,
        notes=_with_text(notes, more),
        links=links,
    )


def _sessions(v: _Visitor, key: str, section: str, sessions: tuple[Session, ...]) -> tuple:
    out = (_session(v, f"{key}/{s.meeting_id}", section, s) for s in sessions)
    return tuple(session for session in out if session is not None)


def _renumbered(entries: list, parent: Heading) -> list:
    """Sibling sections numbered in their order, the hidden headings not counted."""
    out, n = [], 0
    for entry in entries:
        heading = entry.heading
        if heading.shown:
            n += 1
            number, anchor = f"{parent.number}.{n}", f"{parent.anchor}-{n}"
            if (number, anchor) != (heading.number, heading.anchor):
                entry = replace(entry, heading=replace(heading, number=number, anchor=anchor))
        out.append(entry)
    return out


#: The fixed labels staff may reword (`Wording`'s fields; the sentences said when a section
#: is empty are blocks where they are printed).
LABELS = (
    "contents",
    "speakers",
    "speaker",
    "outcomes",
    "outcome",
    "more_information",
    "processes",
    "process",
    "next_milestone",
    "past_milestone",
    "link_missing",
    "links_annex",
    "links_annex_intro",
)
SESSION_STYLES = ("icann_sessions", "event_sessions", "face_to_face_sessions")


def _labels(v: _Visitor, words: Wording) -> Wording:
    """The report's fixed labels, each a block `label/<name>` (not left out)."""
    changes: dict[str, Any] = {
        name: v.text(f"label/{name}", "", getattr(words, name), omittable=False) for name in LABELS
    }
    for name in SESSION_STYLES:
        style: SessionStyle = getattr(words, name)
        label = v.text(f"label/{name}/agenda", "", style.agenda_label, omittable=False)
        changes[name] = replace(style, agenda_label=label)
    columns = words.teleconference_columns
    changes["teleconference_columns"] = tuple(
        v.text(f"label/teleconference_columns/{n}", "", column, omittable=False)
        for n, column in enumerate(columns, 1)
    )
    return replace(words, **changes)


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
        icann_meetings.append(
            replace(
                entry,
                label=v.text(f"{key}/label", s, entry.label, omittable=False),
                sessions=_sessions(v, f"{key}/session", s, entry.sessions),
                absence_note=v.text(f"{key}/absence", s, entry.absence_note),
            )
        )
    empty("icann/none", s, "no_icann_meetings", not data.icann_meetings)

    parent = fixed("external")
    s = parent.number
    external_events = []
    events = v.ordered(list(data.external_events), lambda e: f"event/{e.record_id}/heading")
    for event in _renumbered(events, parent):
        key = f"event/{event.record_id}"
        heading = v.heading(f"{key}/heading", event.heading, movable=True)
        n = heading.number
        dates_place = v.text(f"{key}/dates", n, event.dates_place)
        sessions = _sessions(v, f"{key}/session", n, event.sessions)
        links, more = v.links(f"{key}/links", n, event.links)
        if more and sessions:  # staff's words for the links close the last session
            last = sessions[-1]
            sessions = (*sessions[:-1], replace(last, notes=_with_text(last.notes, more)))
        elif more:
            dates_place = f"{dates_place}\n\n{more}".strip()
        external_events.append(
            replace(event, heading=heading, dates_place=dates_place, sessions=sessions, links=links)
        )
    empty("external/none", s, "no_external_events", not data.external_events)

    parent = fixed("inputs")
    s = parent.number
    inputs_intro = v.text("inputs/intro", s, data.inputs_intro)
    processes = []
    ordered = v.ordered(list(data.processes), lambda p: f"process/{p.record_id}/heading")
    for process in _renumbered(ordered, parent):
        key = f"process/{process.record_id}"
        heading = v.heading(f"{key}/heading", process.heading, movable=True)
        n = heading.number
        dateline = v.text(f"{key}/dateline", n, process.dateline)
        description = v.rich(f"{key}/description", n, process.description)
        inputs = []
        for item in process.inputs:
            k = f"input/{item.record_id}"
            outcome = v.rich(f"{k}/outcome", n, item.outcome)
            links, more = v.links(f"{k}/links", n, item.links)
            inputs.append(
                replace(
                    item,
                    lead=v.text(f"{k}/lead", n, item.lead),
                    summary=v.rich(f"{k}/summary", n, item.summary),
                    outcome=_with_text(outcome, more),
                    links=links,
                )
            )
        links, more = v.links(f"{key}/links", n, process.links)
        processes.append(
            replace(
                process,
                heading=heading,
                dateline=dateline,
                description=_with_text(description, more),
                inputs=tuple(inputs),
                links=links,
            )
        )

    s = fixed("internal").number
    internal_work_intro = v.paragraphs("internal_work_intro", s, data.internal_work_intro)
    s = fixed("face_to_face").number
    face_to_face = _sessions(v, "face-to-face", s, data.face_to_face)
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

    parent = fixed("threats")
    s = parent.number
    threats_intro = v.paragraphs("threats_intro", s, data.threats_intro)
    threats = []
    ordered = v.ordered(list(data.threats), lambda t: f"threat/{t.record_id}/heading")
    for threat in ordered:
        key = f"threat/{threat.record_id}"
        heading = v.heading(f"{key}/heading", threat.heading, omittable=True, movable=True)
        listed = v.text(f"{key}/processes", heading.number, "; ".join(threat.processes))
        threats.append(
            replace(
                threat,
                heading=heading,
                description=v.rich(f"{key}/description", heading.number, threat.description),
                processes=(listed,) if listed else (),
                milestone=v.text(f"{key}/milestone", heading.number, threat.milestone),
            )
        )
    threats = _renumbered(threats, parent)

    annex = data.statements_annex
    annex_statements = data.annex_statements
    if annex is not None:
        annex = v.heading("heading/annex-a", annex)
        annex_statements = tuple(
            replace(a, context=v.text(f"annex/{a.ref}/context", a.number, a.context))
            for a in data.annex_statements
        )
    labels = _labels(v, words)
    relabel = {
        getattr(words, name): getattr(labels, name)
        for name in ("process", "processes", "next_milestone", "past_milestone")
    }
    threats = [
        replace(
            t,
            processes_label=relabel.get(t.processes_label, t.processes_label),
            milestone_label=relabel.get(t.milestone_label, t.milestone_label),
        )
        for t in threats
    ]
    edited = replace(
        data,
        wording=labels,
        headings=h,
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
    return replace(edited, toc=edited.contents())


def blocks_of(data: ReportData, positions: Mapping[str, int] | None = None) -> list[Block]:
    """Every block of the report, in document order, with its generated text; the sections
    in staff's order (`positions`: a heading's key to its place), numbered as printed."""
    visitor = _Visitor({key: Edit(position=p) for key, p in (positions or {}).items()})
    _visit(data, visitor)
    return visitor.blocks


def apply_edits(data: ReportData, edits: Mapping[str, Edit]) -> ReportData:
    """`data` with staff's edits applied (an edit whose key the data lacks is ignored)."""
    if not edits:
        return data
    return _visit(data, _Visitor(edits))


def edits_by_key(rows: Iterable[ReportBlockEdit]) -> dict[str, Edit]:
    """Staff's edits of a report's words (`AnnualReport.block_edits`), by key."""
    return {
        row.key: Edit(text=row.text, omitted=row.omitted, position=row.position) for row in rows
    }


def is_stale(edit: ReportBlockEdit, block: Block | None) -> bool:
    """The records under an edited block changed since staff edited it: they generate
    another text (or the block no longer exists)."""
    return block is None or block.generated != edit.generated_at_edit
