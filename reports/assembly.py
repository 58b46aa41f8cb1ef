"""The annual report as one plain, frozen data object, assembled from the records.

`assemble_report()` is a pure function of the records and the period: it reads them with
a constant number of queries (select_related / prefetch_related, whatever their number)
and returns a `ReportData` every renderer consumes. Nothing here knows about a format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch

from ccwg.models import (
    Chartership,
    DatePrecision,
    LinkKind,
    OrganizationKind,
    WorkingGroup,
    format_date,
)
from engagements.models import ExternalProcess, ProcessInput, Threat
from meetings.models import (
    AgendaItem,
    IcannMeeting,
    IcannMeetingFormat,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Statement,
    agenda_tree,
)
from reports.markup import RichText, plain_paragraphs, rich
from reports.models import report_file_stem
from reports.numbering import label_for_path

# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Narrative:
    """The parts of a report staff write, in Markdown."""

    introduction: str = ""
    internal_work_intro: str = ""
    way_forward: str = ""
    threats_intro: str = ""


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

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD

    def agenda_entries(self) -> Iterator[AgendaEntry]:
        return walk_agenda(self.agenda)


@dataclass(frozen=True)
class IcannMeetingEntry:
    """An ICANN meeting in the period: the group's public sessions there, or why none."""

    number: int
    label: str
    dates: str
    sessions: tuple[Session, ...]
    absence_note: str = ""


@dataclass(frozen=True)
class Heading:
    number: str
    title: str
    anchor: str
    level: int

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


@dataclass(frozen=True)
class InputEntry:
    lead: str
    summary: RichText
    outcome: RichText
    links: tuple[Link, ...]


@dataclass(frozen=True)
class ProcessEntry:
    heading: Heading
    description: RichText
    inputs: tuple[InputEntry, ...]
    links: tuple[Link, ...] = ()


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

    def agenda_entries(self) -> Iterator[AgendaEntry]:
        return walk_agenda(self.agenda)


@dataclass(frozen=True)
class ThreatEntry:
    heading: Heading
    description: RichText
    processes: tuple[str, ...]
    milestone: str


@dataclass(frozen=True)
class ReportData:
    """Every section of one report, ready to render."""

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
    # 3
    way_forward: RichText
    chartership_changes: tuple[str, ...]
    chartering_organizations: tuple[str, ...]
    successor: str
    # 4
    threats_intro: RichText
    threats: tuple[ThreatEntry, ...]

    @property
    def file_stem(self) -> str:
        return report_file_stem(self.group_acronym, self.year, self.version)

    @property
    def published_label(self) -> str:
        if self.published_at is None:
            return ""
        return format_date(self.published_at.date())

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


# --------------------------------------------------------------------------- helpers


def format_range(start: dt.date, end: dt.date | None) -> str:
    """'12-16 June 2017', '28 October-3 November 2017', '30 December 2017-2 January 2018'."""
    if end is None or end == start:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%B} {end.year}"
    if start.year == end.year:
        return f"{start.day} {start:%B}-{end.day} {end:%B} {end.year}"
    return f"{format_date(start)}-{format_date(end)}"


def short_date(day: dt.date) -> str:
    """'2 Feb 2017', as in the teleconference table."""
    return f"{day.day} {day:%b} {day.year}"


def attendance_label(members: int | None, total: int | None) -> str:
    """'15 (17, inc. staff)', '9' when only members are known, '' when nothing is."""
    if members is not None and total is not None:
        return f"{members} ({total}, inc. staff)"
    if members is not None:
        return str(members)
    if total is not None:
        return f"{total} (inc. staff)"
    return ""


def meeting_when(meeting: Meeting) -> str:
    """'16 March 2017, 08:00-09:30 UTC'; only the date when the time is not known."""
    if meeting.starts_at is None:
        return "Date to be confirmed"
    start = meeting.starts_at.astimezone(dt.UTC)
    text = format_date(start.date())
    if meeting.time_is_known:
        text += f", {start:%H:%M}"
        if meeting.ends_at:
            end = meeting.ends_at.astimezone(dt.UTC)
            if end.date() == start.date():
                text += f"-{end:%H:%M}"
            else:
                text += f"-{format_date(end.date())} {end:%H:%M}"
        text += " UTC"
    return text


def period_phrase(start: dt.date, end: dt.date) -> str:
    """'2017' for a calendar year, else '1 July 2017-30 June 2018'."""
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        if start.year == end.year:
            return str(start.year)
        return f"{start.year}-{end.year}"
    return format_range(start, end)


def _links(rows: Iterable) -> tuple[Link, ...]:
    labels = dict(LinkKind.choices)
    return tuple(
        Link(
            title=(row.title or row.url or "").strip(),
            url=(row.url or "").strip(),
            kind=row.kind,
            kind_label=labels.get(row.kind, row.kind),
        )
        for row in sorted(rows, key=lambda r: (r.position, r.pk))
    )


def _statement(statement: Statement) -> StatementData:
    return StatementData(
        attribution=statement.attribution, paragraphs=plain_paragraphs(statement.text)
    )


def _agenda(meeting: Meeting) -> tuple[AgendaEntry, ...]:
    """The meeting's agenda tree (from prefetched items), numbered, with statements attached."""
    by_item: dict[int, list[Statement]] = {}
    for statement in meeting.statements.all():
        if statement.agenda_item_id:
            by_item.setdefault(statement.agenda_item_id, []).append(statement)

    def convert(node) -> AgendaEntry:
        item: AgendaItem = node.item
        return AgendaEntry(
            path=tuple(node.path),
            label=label_for_path(node.path),
            title=item.title.strip(),
            notes=plain_paragraphs(item.notes),
            statements=tuple(_statement(s) for s in by_item.get(item.pk, [])),
            links=_links(item.links.all()),
            children=tuple(convert(child) for child in node.children),
        )

    return tuple(convert(root) for root in agenda_tree(meeting.agenda_items.all()))


def _loose_statements(meeting: Meeting) -> tuple[StatementData, ...]:
    return tuple(_statement(s) for s in meeting.statements.all() if not s.agenda_item_id)


# --------------------------------------------------------------------------- records


@dataclass
class Records:
    """The rows a report of one group and period is made from, fetched in a fixed number
    of queries. The consistency checks read the same rows."""

    working_group: WorkingGroup
    period_start: dt.date
    period_end: dt.date
    icann_meetings: list[IcannMeeting]
    meetings: list[Meeting]
    inputs: list[ProcessInput]
    threats: list[Threat]
    charterships: list[Chartership]
    successor: WorkingGroup | None


def _meeting_sort_key(meeting: Meeting) -> tuple:
    """Chronological; undated meetings by their event's or ICANN meeting's first day."""
    if meeting.starts_at is not None:
        day, moment = meeting.starts_at.date(), meeting.starts_at
    else:
        day = None
        if meeting.external_event_id:
            day = meeting.external_event.starts_on
        elif meeting.icann_meeting_id:
            day = meeting.icann_meeting.starts_on
        day = day or dt.date.max
        moment = dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
    return (moment, meeting.pk)


def fetch_records(
    *, working_group: WorkingGroup, period_start: dt.date, period_end: dt.date
) -> Records:
    statements = Statement.objects.select_related("source", "author").order_by("position", "id")
    meetings = list(
        Meeting.objects.filter(working_group=working_group)
        .in_period(period_start, period_end)
        .with_attendance_counts()
        .select_related("icann_meeting", "external_event", "selected_by")
        .prefetch_related(
            "agenda_items",
            "agenda_items__links",
            Prefetch("statements", queryset=statements),
            "speakers",
            "outcomes",
            "links",
            "external_event__links",
        )
        .order_by("id")
    )
    meetings.sort(key=_meeting_sort_key)
    icann_meetings = list(IcannMeeting.objects.in_period(period_start, period_end))
    inputs = list(
        ProcessInput.objects.filter(working_group=working_group)
        .in_period(period_start, period_end)
        .select_related("process", "process__body", "requested_by", "for_event")
        .prefetch_related("links", "process__links")
        .order_by("requested_on", "id")
    )
    threats = list(
        Threat.objects.filter(working_group=working_group, identified_on__lte=period_end)
        .select_related("next_milestone_event")
        .prefetch_related(
            Prefetch("processes", queryset=ExternalProcess.objects.select_related("body"))
        )
        .order_by("position", "identified_on", "id")
    )
    charterships = list(
        Chartership.objects.filter(working_group=working_group)
        .select_related("organization", "withdrawal_effective_before")
        .order_by("organization__acronym", "joined_on")
    )
    # Always one query, with or without a successor.
    successor = WorkingGroup.objects.filter(pk=working_group.successor_id).first()
    return Records(
        working_group=working_group,
        period_start=period_start,
        period_end=period_end,
        icann_meetings=icann_meetings,
        meetings=meetings,
        inputs=inputs,
        threats=threats,
        charterships=charterships,
        successor=successor,
    )


# --------------------------------------------------------------------------- sections


def _session(meeting: Meeting, *, acronym: str, heading: str = "") -> Session:
    return Session(
        meeting_id=meeting.pk,
        kind=meeting.kind,
        kind_label=meeting.get_kind_display(),
        status=meeting.status,
        status_label=meeting.get_status_display(),
        title=(meeting.title or meeting.get_kind_display()).strip(),
        heading=heading,
        when=meeting_when(meeting),
        summary=_session_summary(meeting, acronym=acronym),
        speakers=tuple(
            SpeakerData(s.name.strip(), s.affiliation.strip()) for s in meeting.speakers.all()
        ),
        agenda=_agenda(meeting),
        outcomes=tuple(o.text.strip() for o in meeting.outcomes.all()),
        statements=_loose_statements(meeting),
        links=_links(meeting.links.all()),
        notes=rich(meeting.notes),
    )


def _session_summary(meeting: Meeting, *, acronym: str) -> str:
    """One sentence on what became of a session at an external event."""
    event = meeting.external_event
    if event is None:
        return ""
    kind = "workshop" if meeting.kind == MeetingKind.WORKSHOP else "session"
    title = (meeting.title or "").strip()
    named = f", “{title}”," if title else ""
    day = format_date(meeting.date) if meeting.date else ""
    selector = ""
    if meeting.selected_by_id:
        org = meeting.selected_by
        selector = (
            f" by the {org.name} ({org.acronym})"
            if org.name != org.acronym
            else f" by {org.acronym}"
        )
    status = meeting.status
    if status == MeetingStatus.HELD:
        when = f" held {day}" if day else " held during the event"
        return f"At the {event.name}, the {acronym} organized a {kind}{named}{when}."
    if status == MeetingStatus.ACCEPTED:
        text = (
            f"The {acronym} developed a {kind} proposal{named} which has been accepted"
            f"{selector} for inclusion in the programme of {event.name}."
        )
        return text + (f" It is scheduled for {day}." if day else "")
    if status == MeetingStatus.PROPOSED:
        return (
            f"The {acronym} submitted a {kind} proposal{named} to {event.name}; "
            "the selection is pending."
        )
    if status == MeetingStatus.DECLINED:
        return f"The {acronym}'s {kind} proposal{named} was not selected{selector}."
    if status == MeetingStatus.PLANNED:
        return f"The {acronym} plans a {kind}{named} at {event.name}" + (
            f" on {day}." if day else "."
        )
    return ""


def _icann_section(records: Records, acronym: str) -> tuple[IcannMeetingEntry, ...]:
    sessions_by_meeting: dict[int, list[Meeting]] = {}
    for meeting in records.meetings:
        if meeting.status == MeetingStatus.CANCELLED or not meeting.icann_meeting_id:
            continue
        if meeting.kind in (MeetingKind.PUBLIC_SESSION, MeetingKind.WORKSHOP):
            sessions_by_meeting.setdefault(meeting.icann_meeting_id, []).append(meeting)
    icann = {m.pk: m for m in records.icann_meetings}
    for meetings in sessions_by_meeting.values():
        icann.setdefault(meetings[0].icann_meeting_id, meetings[0].icann_meeting)
    entries = []
    for icann_meeting in sorted(icann.values(), key=lambda m: m.number):
        sessions = tuple(
            _session(m, acronym=acronym) for m in sessions_by_meeting.get(icann_meeting.pk, [])
        )
        note = ""
        if not sessions:
            if icann_meeting.format == IcannMeetingFormat.B:
                note = (
                    "No public session on Internet governance, as ICANN "
                    f"{icann_meeting.number} was a “Meeting B” format meeting."
                )
            else:
                note = "No public session on Internet governance is recorded."
        entries.append(
            IcannMeetingEntry(
                number=icann_meeting.number,
                label=str(icann_meeting),
                dates=format_range(icann_meeting.starts_on, icann_meeting.ends_on),
                sessions=sessions,
                absence_note=note,
            )
        )
    return tuple(entries)


def _external_section(records: Records, acronym: str, parent: Heading) -> tuple:
    by_event: dict[int, list[Meeting]] = {}
    events = {}
    for meeting in records.meetings:
        if meeting.status == MeetingStatus.CANCELLED or not meeting.external_event_id:
            continue
        by_event.setdefault(meeting.external_event_id, []).append(meeting)
        events[meeting.external_event_id] = meeting.external_event
    ordered = sorted(events.values(), key=lambda e: (e.starts_on, e.name, e.pk))
    entries = []
    for index, event in enumerate(ordered, start=1):
        place = f", {event.location}" if event.location else ""
        heading = Heading(
            number=f"{parent.number}.{index}",
            title=event.name,
            anchor=f"{parent.anchor}-{index}",
            level=3,
        )
        entries.append(
            ExternalEventEntry(
                heading=heading,
                dates_place=format_range(event.starts_on, event.ends_on) + place,
                sessions=tuple(_session(m, acronym=acronym) for m in by_event[event.pk]),
                links=_links(event.links.all()),
            )
        )
    return tuple(entries)


def _process_heading(process) -> str:
    name = process.name.strip()
    if process.acronym and process.acronym not in name:
        name = f"{name} ({process.acronym})"
    body = process.body
    if body is not None and body.acronym not in name:
        name = f"{name}, {body.acronym}"
    return name


def _inputs_section(records: Records, acronym: str, parent: Heading) -> tuple[str, tuple]:
    groups: dict[int, list[ProcessInput]] = {}
    processes = {}
    for item in records.inputs:
        groups.setdefault(item.process_id, []).append(item)
        processes.setdefault(item.process_id, item.process)
    entries = []
    requesters: list[str] = []
    for index, (process_id, inputs) in enumerate(groups.items(), start=1):
        process = processes[process_id]
        rendered = []
        for item in inputs:
            org = item.requested_by
            if org is not None and org.name not in requesters:
                requesters.append(org.name)
            who = f"the {org.name}" if org is not None else "ICANN"
            when = format_date(item.requested_on, item.requested_on_precision)
            lead = f"In {when}, {who} sought input from the members of the {acronym}"
            if item.for_event_id:
                event = item.for_event
                lead += f" for the {event.name} ({format_range(event.starts_on, event.ends_on)})"
            lead += f", through the {item.get_channel_display().lower()}."
            rendered.append(
                InputEntry(
                    lead=lead[0].upper() + lead[1:],
                    summary=rich(item.summary),
                    outcome=rich(item.outcome),
                    links=_links(item.links.all()),
                )
            )
        entries.append(
            ProcessEntry(
                heading=Heading(
                    number=f"{parent.number}.{index}",
                    title=_process_heading(process),
                    anchor=f"{parent.anchor}-{index}",
                    level=3,
                ),
                description=rich(process.description),
                inputs=tuple(rendered),
                links=_links(process.links.all()),
            )
        )
    if not entries:
        intro = "No input into external processes is recorded for this period."
    elif requesters:
        who = " and the ".join(requesters)
        intro = f"The {who} sought the {acronym}’s input on the following processes:"
    else:
        intro = f"The {acronym} gave input on the following processes:"
    return intro, tuple(entries)


def _face_to_face(records: Records, acronym: str) -> tuple[Session, ...]:
    out = []
    for meeting in records.meetings:
        if meeting.kind != MeetingKind.FACE_TO_FACE or meeting.status in (
            MeetingStatus.CANCELLED,
            MeetingStatus.DECLINED,
        ):
            continue
        if meeting.icann_meeting_id:
            heading = str(meeting.icann_meeting)
        else:
            heading = meeting.location or meeting.title or "Face-to-face meeting"
        if meeting.status != MeetingStatus.HELD:
            heading += f" ({meeting.get_status_display().lower()})"
        out.append(_session(meeting, acronym=acronym, heading=heading))
    return tuple(out)


def _teleconferences(records: Records) -> tuple[TeleconferenceRow, ...]:
    rows = []
    for meeting in records.meetings:
        if meeting.kind != MeetingKind.TELECONFERENCE or meeting.status != MeetingStatus.HELD:
            continue
        members, total = meeting.attendance_members, meeting.attendance_total
        rows.append(
            TeleconferenceRow(
                meeting_id=meeting.pk,
                date=meeting.date,
                date_label=short_date(meeting.date),
                attendance=attendance_label(members, total) or "Not recorded",
                members=members,
                total=total,
                agenda=_agenda(meeting),
                statements=_loose_statements(meeting),
                links=_links(meeting.links.all()),
            )
        )
    return tuple(rows)


def _org_label(org) -> str:
    if org.kind == OrganizationKind.SO:
        return f"the {org.acronym} Council"
    return f"the {org.acronym}"


def _charterships(records: Records, acronym: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    start, end = records.period_start, records.period_end
    changes: list[tuple[dt.date, str]] = []
    active: list[str] = []
    for ship in records.charterships:
        org = ship.organization
        if ship.joined_on and start <= ship.joined_on <= end:
            changes.append(
                (
                    ship.joined_on,
                    f"On {format_date(ship.joined_on)}, the {org.acronym} joined the "
                    f"{acronym} as a chartering organization.",
                )
            )
        decided = ship.withdrawal_decided_on
        effective = ""
        if ship.withdrew_on:
            effective = f", with effect from {format_date(ship.withdrew_on)}"
        elif ship.withdrawal_effective_before_id:
            effective = f" ahead of ICANN {ship.withdrawal_effective_before.number}"
        if decided and start <= decided <= end:
            when = format_date(decided, ship.withdrawal_decided_precision)
            prefix = "In" if ship.withdrawal_decided_precision != DatePrecision.DAY else "On"
            changes.append(
                (
                    decided,
                    f"{prefix} {when}, {_org_label(org)} resolved to withdraw as a chartering "
                    f"organization of the {acronym}{effective}.",
                )
            )
        effective_end = ship.effective_end
        if effective_end and start <= effective_end <= end and not (decided and start <= decided):
            changes.append(
                (
                    effective_end,
                    f"The {org.acronym}’s withdrawal as a chartering organization of the "
                    f"{acronym} took effect{effective or ' on ' + format_date(effective_end)}.",
                )
            )
        joined = ship.joined_on is None or ship.joined_on <= end
        if joined and (effective_end is None or effective_end > end):
            label = org.acronym
            if decided and decided <= end:
                label += " (withdrawal decided)"
            active.append(label)
    changes.sort(key=lambda pair: pair[0])
    return tuple(text for _, text in changes), tuple(active)


def _threats(records: Records, parent: Heading) -> tuple[ThreatEntry, ...]:
    out = []
    for index, threat in enumerate(records.threats, start=1):
        parts = []
        if threat.next_milestone:
            parts.append(threat.next_milestone.strip())
        event = threat.next_milestone_event
        if event is not None:
            if not parts or event.name not in parts[0]:
                parts.append(event.name)
            place = event.location.split(",")[0].strip() if event.location else ""
            if event.location and not any(place in part for part in parts):
                parts.append(event.location)
            parts.append(format_range(event.starts_on, event.ends_on))
        elif threat.next_milestone_on:
            parts.append(format_date(threat.next_milestone_on))
        out.append(
            ThreatEntry(
                heading=Heading(
                    number=f"{parent.number}.{index}",
                    title=threat.title.strip(),
                    anchor=f"{parent.anchor}-{index}",
                    level=2,
                ),
                description=rich(threat.description),
                processes=tuple(_process_heading(p) for p in threat.processes.all()),
                milestone=", ".join(parts),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- entry points


def assemble_report(
    *,
    working_group: WorkingGroup,
    period_start: dt.date,
    period_end: dt.date,
    narrative: Narrative | None = None,
    title: str = "",
    published_at: dt.datetime | None = None,
    version: int = 1,
) -> ReportData:
    """Assemble the report of `working_group` for the period from the records."""
    narrative = narrative or Narrative()
    records = fetch_records(
        working_group=working_group, period_start=period_start, period_end=period_end
    )
    group = working_group
    acr = group.acronym
    phrase = period_phrase(period_start, period_end)
    during = f"in {phrase}" if phrase.isdigit() else f"in the period {phrase}"
    h = {
        "introduction": Heading("1", "Introduction", "introduction", 1),
        "events": Heading("2", f"Events and activities {during}", "events", 1),
        "icann": Heading("2.1", f"{acr} engagement with the wider ICANN community", "icann", 2),
        "external": Heading(
            "2.2", f"{acr} participation in external events {during}", "external-events", 2
        ),
        "inputs": Heading(
            "2.3", f"{acr} input into ICANN’s engagement with external processes", "inputs", 2
        ),
        "internal": Heading("2.4", f"{acr} internal work {during}", "internal-work", 2),
        "face_to_face": Heading("2.4.1", "Face-to-face meetings", "face-to-face", 3),
        "teleconferences": Heading("2.4.2", f"{acr} teleconferences", "teleconferences", 3),
        "way_forward": Heading("3", "Work on developing a way forward", "way-forward", 1),
        "threats": Heading("4", "Identified threats to ICANN’s mission", "threats", 1),
    }
    external = _external_section(records, acr, h["external"])
    inputs_intro, processes = _inputs_section(records, acr, h["inputs"])
    threats = _threats(records, h["threats"])
    changes, active = _charterships(records, acr)
    toc: list[Heading] = [h["introduction"], h["events"], h["icann"], h["external"]]
    toc += [e.heading for e in external]
    toc.append(h["inputs"])
    toc += [p.heading for p in processes]
    toc += [h["internal"], h["face_to_face"], h["teleconferences"], h["way_forward"]]
    toc.append(h["threats"])
    toc += [t.heading for t in threats]
    successor = ""
    if records.successor is not None:
        succ = records.successor
        successor = (
            f"The {acr}’s work is to continue in its successor, the {succ.name} ({succ.acronym})."
        )
    return ReportData(
        title=title or f"Report on the {phrase} Activities of the {group.name} ({acr})",
        group_name=group.name,
        group_acronym=acr,
        year=period_end.year if phrase.isdigit() else period_start.year,
        period_start=period_start,
        period_end=period_end,
        period_label=format_range(period_start, period_end),
        period_phrase=phrase,
        published_at=published_at,
        version=version,
        headings=h,
        toc=tuple(toc),
        introduction=rich(narrative.introduction),
        resources_note=(group.resources_note or "").strip(),
        icann_meetings=_icann_section(records, acr),
        external_events=external,
        inputs_intro=inputs_intro,
        processes=processes,
        internal_work_intro=rich(narrative.internal_work_intro),
        face_to_face=_face_to_face(records, acr),
        teleconferences=_teleconferences(records),
        way_forward=rich(narrative.way_forward),
        chartership_changes=changes,
        chartering_organizations=active,
        successor=successor,
        threats_intro=rich(narrative.threats_intro),
        threats=threats,
    )


def narrative_of(report) -> Narrative:
    return Narrative(
        introduction=report.introduction,
        internal_work_intro=report.internal_work_intro,
        way_forward=report.way_forward,
        threats_intro=report.threats_intro,
    )


def assemble_for_report(report, *, published_at: dt.datetime | None = None) -> ReportData:
    """The data of an AnnualReport record: its group, period, title and narrative."""
    return assemble_report(
        working_group=report.working_group,
        period_start=report.period_start,
        period_end=report.period_end,
        narrative=narrative_of(report),
        title=report.display_title,
        published_at=published_at or report.published_at,
        version=report.version,
    )


def assemble_for_year(*, working_group: WorkingGroup, year: int) -> ReportData:
    """A calendar-year report without a record (no narrative): for previews and the CLI."""
    return assemble_report(
        working_group=working_group,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
    )


__all__: Sequence[str] = [
    "AgendaEntry",
    "Narrative",
    "ReportData",
    "assemble_for_report",
    "assemble_report",
    "fetch_records",
]
