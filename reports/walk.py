"""The one walk over a report: its sections and blocks in document order.

`write_report(data, writer)` visits the assembled `ReportData` and calls the writer once per
block. HTML, Markdown and Word each implement `ReportWriter`; none of them decides the order of
the sections or has words of its own: the order is here, the words are in the data (the
fixed labels every writer reads from `data.wording`; what depends on the place in the report,
such as which sentence says a list is empty, is passed here).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from reports.assembly.data import (
    AnnexStatement,
    AttendanceChart,
    Cover,
    FindingNote,
    Heading,
    InputEntry,
    Link,
    ReportData,
    Session,
    SessionStyle,
    TeleconferenceRow,
    ThreatEntry,
)
from reports.markup import RichText


@runtime_checkable
class ReportWriter(Protocol):
    """Writes one format. Methods given empty text or no items write nothing, except that a
    writer may keep its own layout (the HTML keeps its line breaks)."""

    def cover(self, cover: Cover) -> None:
        """The first page."""

    def contents(self, toc: Sequence[Heading]) -> None:
        """The table of contents."""

    def heading(self, heading: Heading) -> None:
        """A numbered heading; level 1 starts a chapter."""

    def findings(self, notes: Sequence[FindingNote]) -> None:
        """A draft's open findings on the block just written (a margin note, a comment, a
        blockquote); nothing when there are none. Sessions and teleconference rows carry
        their own (`Session.findings`, `TeleconferenceRow.findings`)."""

    def narrative(self, text: RichText) -> None:
        """Staff's text opening a chapter or section."""

    def paragraph(self, text: str) -> None:
        """One sentence or paragraph of plain text."""

    def group(self, title: str) -> None:
        """Start the sessions held at one ICANN meeting, under its name."""

    def end_group(self) -> None:
        """End the group started by `group`."""

    def dateline(self, text: str) -> None:
        """When and where an event took place."""

    def session(self, session: Session, style: SessionStyle) -> None:
        """One session or meeting of the group."""

    def end_list(self) -> None:
        """The end of a list of entries (ICANN meetings, events, sessions, inputs, ...)."""

    def links(self, links: Sequence[Link]) -> None:
        """Links to documents."""

    def process_description(self, text: RichText) -> None:
        """What an external process is."""

    def process_input(self, item: InputEntry) -> None:
        """One request for the group's input into a process, and what came of it."""

    def attendance_chart(self, chart: AttendanceChart) -> None:
        """The teleconferences' attendance drawn as a chart; a format that cannot draw
        writes nothing (the table below holds the same figures)."""

    def teleconference_table(self, rows: Sequence[TeleconferenceRow]) -> None:
        """The teleconferences, one row each."""

    def threat(self, threat: ThreatEntry) -> None:
        """What one threat is, the processes it concerns and its next milestone."""

    def annex_statement(self, entry: AnnexStatement) -> None:
        """One statement of Annex A, numbered, with where it was made."""


def write_report(data: ReportData, out: ReportWriter) -> None:
    """Visit every block of the report in document order."""
    words, h = data.wording, data.headings
    notes = data.narrative_findings
    out.cover(data.cover)
    out.contents(data.toc)
    out.findings(data.other_findings)

    out.heading(h["introduction"])
    out.narrative(data.introduction)
    out.findings(notes.get("introduction", ()))
    out.paragraph(data.resources_note)

    out.heading(h["events"])
    out.heading(h["icann"])
    for entry in data.icann_meetings:
        out.group(entry.label)
        _sessions(out, entry.sessions, words.icann_sessions)
        out.paragraph(entry.absence_note)
        out.findings(entry.findings)
        out.end_group()
    if not data.icann_meetings:
        out.paragraph(words.no_icann_meetings)
    out.end_list()

    out.heading(h["external"])
    for event in data.external_events:
        out.heading(event.heading)
        out.dateline(event.dates_place)
        out.findings(event.findings)
        _sessions(out, event.sessions, words.event_sessions)
        out.links(event.links)
    if not data.external_events:
        out.paragraph(words.no_external_events)
    out.end_list()

    out.heading(h["inputs"])
    out.paragraph(data.inputs_intro)
    for process in data.processes:
        out.heading(process.heading)
        if process.dateline:
            out.dateline(process.dateline)
        out.findings(process.findings)
        out.process_description(process.description)
        for item in process.inputs:
            out.process_input(item)
            out.findings(item.findings)
        out.end_list()
        out.links(process.links)
    out.end_list()

    out.heading(h["internal"])
    out.narrative(data.internal_work_intro)
    out.findings(notes.get("internal_work_intro", ()))
    out.heading(h["face_to_face"])
    for session in data.face_to_face:
        out.session(session, words.face_to_face_sessions)
    if not data.face_to_face:
        out.paragraph(words.no_face_to_face)
    out.end_list()
    out.heading(h["teleconferences"])
    if data.attendance_chart is not None:
        out.attendance_chart(data.attendance_chart)
    if data.teleconferences:
        out.teleconference_table(data.teleconferences)
    else:
        out.paragraph(words.no_teleconferences)

    out.heading(h["way_forward"])
    out.narrative(data.way_forward)
    out.findings(notes.get("way_forward", ()))
    for change in data.chartership_changes:  # a sentence each, as the group writes them
        out.paragraph(change)
    out.paragraph(data.chartering_note)
    out.paragraph(data.successor)
    if not (data.way_forward or data.chartership_changes or data.chartering_note or data.successor):
        out.paragraph(words.no_chartering_organizations)

    out.heading(h["threats"])
    out.narrative(data.threats_intro)
    out.findings(notes.get("threats_intro", ()))
    for threat in data.threats:
        if threat.heading.shown:  # staff may print a threat unheaded, under section 4
            out.heading(threat.heading)
        out.findings(threat.findings)
        out.threat(threat)
    out.end_list()

    if data.statements_annex is not None:
        out.heading(data.statements_annex)
        for statement in data.annex_statements:
            out.annex_statement(statement)
        out.end_list()


def _sessions(out: ReportWriter, sessions: Sequence[Session], style: SessionStyle) -> None:
    for session in sessions:
        out.session(session, style)
    out.end_list()
