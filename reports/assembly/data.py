"""The frozen data of one report: every section, ready to render, and nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ccwg.core.models import format_date
from meetings.charts import AttendancePoint
from meetings.models import MeetingStatus
from reports.markup import RichText, rich
from reports.models import AnnualReport, report_file_stem


@dataclass(frozen=True)
class Narrative:
    """The parts of a report staff write, in Markdown."""

    introduction: str = ""
    internal_work_intro: str = ""
    way_forward: str = ""
    threats_intro: str = ""


def narrative_of(report: AnnualReport) -> Narrative:
    """The narrative staff wrote on a report record."""
    return Narrative(
        introduction=report.introduction,
        internal_work_intro=report.internal_work_intro,
        way_forward=report.way_forward,
        threats_intro=report.threats_intro,
    )


@dataclass(frozen=True)
class FindingNote:
    """An open finding of the checks, marked where it occurs in a draft (never in a
    published report): a margin note, a Word comment, a Markdown blockquote."""

    severity: str  # "error" or "warning"
    label: str  # "Open error (draft)"
    text: str


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    kind: str
    kind_label: str


@dataclass(frozen=True)
class StatementData:
    attribution: str
    paragraphs: tuple[str, ...]

    @property
    def lead(self) -> str:
        return f"From {self.attribution}:" if self.attribution else "Statement:"


@dataclass(frozen=True)
class AgendaEntry:
    path: tuple[int, ...]
    label: str
    title: str
    notes: tuple[str, ...] = ()
    statements: tuple[StatementData, ...] = ()
    links: tuple[Link, ...] = ()
    children: tuple[AgendaEntry, ...] = ()

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    def walk(self) -> Iterator[AgendaEntry]:
        yield self
        for child in self.children:
            yield from child.walk()


def walk_agenda(roots: Iterable[AgendaEntry]) -> Iterator[AgendaEntry]:
    """Every entry of an agenda, depth first, in order."""
    for root in roots:
        yield from root.walk()


@dataclass(frozen=True)
class SpeakerData:
    name: str
    affiliation: str

    @property
    def text(self) -> str:
        return f"{self.name}, {self.affiliation}" if self.affiliation else self.name


@dataclass(frozen=True)
class Session:
    """One meeting of the group as the report shows it (public session, face-to-face, ...)."""

    meeting_id: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    title: str
    heading: str
    when: str
    summary: str = ""
    speakers: tuple[SpeakerData, ...] = ()
    agenda: tuple[AgendaEntry, ...] = ()
    outcomes: tuple[str, ...] = ()
    statements: tuple[StatementData, ...] = ()
    links: tuple[Link, ...] = ()
    notes: RichText = field(default_factory=lambda: rich(""))
    findings: tuple[FindingNote, ...] = ()

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD

    def agenda_entries(self) -> Iterator[AgendaEntry]:
        return walk_agenda(self.agenda)


@dataclass(frozen=True)
class IcannMeetingEntry:
    """An ICANN meeting in the period: the group's public sessions there, or what the
    records say instead."""

    number: int
    label: str
    dates: str
    sessions: tuple[Session, ...]
    absence_note: str = ""
    findings: tuple[FindingNote, ...] = ()


@dataclass(frozen=True)
class Heading:
    number: str
    title: str
    anchor: str
    level: int
    #: False when staff left a sub-heading out (`reports.blocks`): its text is printed
    #: under the section above it, unnumbered.
    shown: bool = True

    @property
    def text(self) -> str:
        number = f"{self.number}." if "." not in self.number else self.number
        return f"{number} {self.title}"


@dataclass(frozen=True)
class ExternalEventEntry:
    heading: Heading
    dates_place: str
    sessions: tuple[Session, ...]
    links: tuple[Link, ...] = ()
    findings: tuple[FindingNote, ...] = ()
    record_id: int = 0  # the external event's: the key of its blocks (`reports.blocks`)


@dataclass(frozen=True)
class InputEntry:
    lead: str
    summary: RichText
    outcome: RichText
    links: tuple[Link, ...]
    findings: tuple[FindingNote, ...] = ()
    record_id: int = 0  # the process input's: the key of its blocks (`reports.blocks`)


@dataclass(frozen=True)
class ProcessEntry:
    heading: Heading
    description: RichText
    inputs: tuple[InputEntry, ...]
    links: tuple[Link, ...] = ()
    dateline: str = ""  # "Open June to September 2017"
    findings: tuple[FindingNote, ...] = ()
    record_id: int = 0  # the process's: the key of its blocks (`reports.blocks`)


@dataclass(frozen=True)
class TeleconferenceRow:
    meeting_id: int
    date: dt.date
    date_label: str
    attendance: str
    members: int | None
    total: int | None
    agenda: tuple[AgendaEntry, ...]
    statements: tuple[StatementData, ...] = ()
    links: tuple[Link, ...] = ()
    findings: tuple[FindingNote, ...] = ()

    def agenda_entries(self) -> Iterator[AgendaEntry]:
        return walk_agenda(self.agenda)

    @property
    def quotes(self) -> bool:
        """The row quotes statements (its agenda's, or the call's): it may run over pages."""
        return bool(self.statements) or any(e.statements for e in self.agenda_entries())


@dataclass(frozen=True)
class AnnexStatement:
    """A statement quoted at a teleconference, printed in the annex (a table cell is no
    place for pages of quotation); the row refers to it by `number`."""

    number: str  # "A.1"
    anchor: str
    context: str  # "Teleconference of 20 June 2017, agenda item 1: Reviewing questions …"
    statement: StatementData
    #: "<meeting id>/<n>": the n-th statement of that teleconference (`reports.blocks`)
    ref: str = ""


@dataclass(frozen=True)
class AttendanceChart:
    """The teleconferences' attendance as a chart (members and everyone present per call),
    drawn under 2.4.2 where a format can draw (HTML and PDF); the table holds the figures."""

    title: str
    caption: str
    points: tuple[AttendancePoint, ...]


@dataclass(frozen=True)
class ThreatEntry:
    heading: Heading
    description: RichText
    processes: tuple[str, ...]
    milestone: str
    processes_label: str = "Processes:"  # "Process:" for one
    milestone_label: str = "Next milestone:"  # "Past milestone:" once over by the report's date
    findings: tuple[FindingNote, ...] = ()
    record_id: int = 0  # the threat's: the key of its blocks (`reports.blocks`)


@dataclass(frozen=True)
class Cover:
    """The first page: who issues the report, its title, period and version, and whether it
    is published."""

    issuer: str
    title: str
    issued: str  # "October 2017": the report's date ("" when not yet set)
    meta: str  # "Period: 1 January–31 December 2017 · Version 2"
    status: str  # "Published on 1 March 2018" or "Draft: not yet published"
    published: bool


@dataclass(frozen=True)
class SessionStyle:
    """How the sessions of one part of the report are shown."""

    agenda_label: str  # "Agenda:", "Agenda overview:", "Topics discussed:"
    show_title: bool = False  # under an ICANN meeting: the session's title and status
    show_when: bool = True  # False where the summary sentence already gives the date
    standalone: bool = False  # an entry of its section, under its own heading (face-to-face)


@dataclass(frozen=True)
class Wording:
    """The report's fixed words, the same in every format (the values: `assembly.wording`)."""

    contents: str
    no_icann_meetings: str
    no_external_events: str
    no_face_to_face: str
    no_teleconferences: str
    no_chartering_organizations: str
    icann_sessions: SessionStyle
    event_sessions: SessionStyle
    face_to_face_sessions: SessionStyle
    speakers: str
    speaker: str  # for one
    outcomes: str
    outcome: str  # for one
    more_information: str
    teleconference_columns: tuple[str, str, str]
    processes: str
    process: str
    next_milestone: str
    past_milestone: str

    def speakers_label(self, count: int) -> str:
        """'Speakers:', or 'Speaker:' for one."""
        return self.speaker if count == 1 else self.speakers

    def outcomes_label(self, count: int) -> str:
        """'Conclusions from the discussion …:', or 'Conclusion …:' for one."""
        return self.outcome if count == 1 else self.outcomes

    #: A link's text is its title (what it points to); on paper its address is printed too
    #: (a footnote in the PDF, the numbered `links_annex` of the Word document). Without an
    #: address: "<title> (link to be added)."
    link_missing: str
    links_annex: str
    links_annex_intro: str


@dataclass(frozen=True)
class ReportData:
    """Every section of one report, ready to render, with all its words: the headings and
    their numbers, the fixed wording and the sentences made from the records.
    `reports.walk.write_report` visits it in document order."""

    title: str
    group_name: str
    group_acronym: str
    year: int
    period_start: dt.date
    period_end: dt.date
    period_label: str
    period_phrase: str
    published_at: dt.datetime | None
    version: int
    #: The report's date and the last day of the records it states as facts (the end of
    #: the issue date's month for a month-precision date; the period's end when undated).
    issued_label: str
    as_of: dt.date
    cover: Cover
    wording: Wording
    headings: dict[str, Heading]
    toc: tuple[Heading, ...]
    # 1
    introduction: RichText
    resources_note: str
    # 2.1
    icann_meetings: tuple[IcannMeetingEntry, ...]
    # 2.2
    external_events: tuple[ExternalEventEntry, ...]
    # 2.3
    inputs_intro: str
    processes: tuple[ProcessEntry, ...]
    # 2.4
    internal_work_intro: RichText
    face_to_face: tuple[Session, ...]
    teleconferences: tuple[TeleconferenceRow, ...]
    attendance_chart: AttendanceChart | None
    # 3
    way_forward: RichText
    chartership_changes: tuple[str, ...]
    chartering_organizations: tuple[str, ...]
    chartering_note: str  # "Chartering organizations at the end of the period: ..."
    successor: str
    # 4
    threats_intro: RichText
    threats: tuple[ThreatEntry, ...]
    # Annex A: the statements quoted at teleconferences (None when there are none)
    statements_annex: Heading | None = None
    annex_statements: tuple[AnnexStatement, ...] = ()
    #: Drafts only: open findings on the narrative ("introduction", ...) and those the
    #: report shows nowhere else (listed after the contents).
    narrative_findings: dict[str, tuple[FindingNote, ...]] = field(default_factory=dict)
    other_findings: tuple[FindingNote, ...] = ()

    @property
    def is_draft(self) -> bool:
        return self.published_at is None

    @property
    def file_stem(self) -> str:
        return report_file_stem(self.group_acronym, self.year, self.version)

    @property
    def published_label(self) -> str:
        if self.published_at is None:
            return ""
        return format_date(self.published_at.date())

    def contents(self) -> tuple[Heading, ...]:
        """The headings of the contents, in document order (the hidden ones left out)."""
        h = self.headings
        out = [h["introduction"], h["events"], h["icann"], h["external"]]
        out += [e.heading for e in self.external_events]
        out.append(h["inputs"])
        out += [p.heading for p in self.processes]
        out += [h["internal"], h["face_to_face"], h["teleconferences"], h["way_forward"]]
        out.append(h["threats"])
        out += [t.heading for t in self.threats]
        if self.statements_annex is not None:
            out.append(self.statements_annex)
        return tuple(heading for heading in out if heading.shown)

    def agenda_labels(self) -> list[tuple[str, str]]:
        """Every agenda entry in document order as (label, title): the same in every format."""
        out: list[tuple[str, str]] = []
        for entry in self.icann_meetings:
            for session in entry.sessions:
                out += [(e.label, e.title) for e in session.agenda_entries()]
        for event in self.external_events:
            for session in event.sessions:
                out += [(e.label, e.title) for e in session.agenda_entries()]
        for session in self.face_to_face:
            out += [(e.label, e.title) for e in session.agenda_entries()]
        for row in self.teleconferences:
            out += [(e.label, e.title) for e in row.agenda_entries()]
        return out
