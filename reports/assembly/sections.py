"""The report's sections, built from the records of one group and period (no query here):
the meetings (2.1, 2.2, 2.4), the chartering organizations (3) and the attendance chart;
the external processes and threats (2.3, 4) are in `engagement`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from ccwg.core.models import (
    DatePrecision,
    ExternalEvent,
    IcannMeetingFormat,
    LinkKind,
    OrganizationKind,
    format_date,
)
from meetings.attendance import attendance_label
from meetings.charts import AttendancePoint
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Statement,
    agenda_tree,
)
from meetings.numbering import label_for_path, number_for_path
from reports.assembly.data import (
    AgendaEntry,
    AnnexStatement,
    AttendanceChart,
    ExternalEventEntry,
    FindingNote,
    Heading,
    IcannMeetingEntry,
    Link,
    Session,
    SpeakerData,
    StatementData,
    TeleconferenceRow,
)
from reports.assembly.text import (
    format_range,
    join_words,
    meeting_when,
    short_date,
    typeset,
)
from reports.assembly.wording import attendance_chart_caption
from reports.markup import plain_paragraphs, rich
from reports.selectors import Records


class Notes:
    """The open findings of a draft by where the report shows their record (see
    `reports.checks.Finding.target`); each is taken once, where it occurs, and what is
    left is listed on its own."""

    def __init__(self, by_target: dict[str, list[FindingNote]] | None = None) -> None:
        self.by_target = by_target or {}
        self.taken: set[str] = set()

    def take(self, target: str) -> tuple[FindingNote, ...]:
        if target in self.taken:
            return ()
        self.taken.add(target)
        return tuple(self.by_target.get(target, ()))

    def left(self) -> tuple[FindingNote, ...]:
        return tuple(
            note
            for target, notes in self.by_target.items()
            if target not in self.taken
            for note in notes
        )


NO_NOTES = Notes()


def links_of(rows: Iterable) -> tuple[Link, ...]:
    labels = dict(LinkKind.choices)
    return tuple(
        Link(
            title=typeset((row.title or row.url or "").strip()),
            url=(row.url or "").strip(),
            kind=row.kind,
            kind_label=labels.get(row.kind, row.kind),
        )
        for row in sorted(rows, key=lambda r: (r.position, r.pk))
    )


def _statement(statement: Statement) -> StatementData:
    return StatementData(
        attribution=statement.attribution,
        paragraphs=tuple(typeset(p) for p in plain_paragraphs(statement.text)),
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
            title=typeset(item.title.strip()),
            notes=tuple(typeset(p) for p in plain_paragraphs(item.notes)),
            statements=tuple(_statement(s) for s in by_item.get(item.pk, [])),
            links=links_of(item.links.all()),
            children=tuple(convert(child) for child in node.children),
        )

    return tuple(convert(root) for root in agenda_tree(meeting.agenda_items.all()))


def _loose_statements(meeting: Meeting) -> tuple[StatementData, ...]:
    return tuple(_statement(s) for s in meeting.statements.all() if not s.agenda_item_id)


def _session(
    meeting: Meeting, *, acronym: str, heading: str = "", notes: Notes = NO_NOTES
) -> Session:
    return Session(
        meeting_id=meeting.pk,
        kind=meeting.kind,
        kind_label=meeting.get_kind_display(),
        status=meeting.status,
        status_label=meeting.get_status_display(),
        title=typeset((meeting.title or meeting.get_kind_display()).strip()),
        heading=heading,
        when=meeting_when(meeting),
        summary=_session_summary(meeting, acronym=acronym),
        speakers=tuple(
            SpeakerData(typeset(s.name.strip()), typeset(s.affiliation.strip()))
            for s in meeting.speakers.all()
        ),
        agenda=_agenda(meeting),
        outcomes=tuple(typeset(o.text.strip()) for o in meeting.outcomes.all()),
        statements=_loose_statements(meeting),
        links=links_of(meeting.links.all()),
        notes=rich(meeting.notes),
        findings=notes.take(f"meeting:{meeting.pk}"),
    )


def org_phrase(org) -> str:
    """'the IGF Multistakeholder Advisory Group (MAG)', or 'the MAG' when only the acronym
    is known."""
    if org.name and org.name != org.acronym:
        return f"the {org.name} ({org.acronym})"
    return f"the {org.acronym}"


def _program_of(event: ExternalEvent) -> str:
    """'December program': an event's program, named by the month it opens in."""
    if event.starts_on is None:
        return "program"
    return f"{event.starts_on:%B} program"


def _session_summary(meeting: Meeting, *, acronym: str) -> str:
    """One sentence on what became of a session at an external event (its date included,
    so the session shows no date line of its own)."""
    event = meeting.external_event
    if event is None:
        return ""
    kind = "workshop" if meeting.kind == MeetingKind.WORKSHOP else "session"
    title = typeset((meeting.title or "").strip())
    named = f", {title}," if title else ""
    day = format_date(meeting.date) if meeting.date else ""
    short = (event.acronym or event.name).strip()
    selector = f" by {org_phrase(meeting.selected_by)}" if meeting.selected_by_id else ""
    status = meeting.status
    if status == MeetingStatus.HELD:
        when = f" held {day}" if day else ""
        return f"At the {event.name}, {acronym} organized a {kind}{named}{when}.".replace(",.", ".")
    if status == MeetingStatus.ACCEPTED:
        text = (
            f"The {acronym} developed a {kind} proposal{named} which has been accepted"
            f"{selector} for inclusion in the {_program_of(event)} of {short}."
        )
        return text + (f" It is scheduled for {day}." if day else "")
    if status == MeetingStatus.PROPOSED:
        return (
            f"The {acronym} submitted a {kind} proposal{named} to {short}; "
            "the selection is pending."
        )
    if status == MeetingStatus.DECLINED:
        return f"The {acronym}’s {kind} proposal{named} was not selected{selector}.".replace(
            ",.", "."
        )
    if status == MeetingStatus.PLANNED:
        return f"The {acronym} plans a {kind}{named} at {short}" + (f" on {day}." if day else ".")
    return ""


def icann_section(
    records: Records, acronym: str, as_of: dt.date, notes: Notes = NO_NOTES
) -> tuple[IcannMeetingEntry, ...]:
    """Every ICANN meeting of the period the records hold that was held by the report's
    date, and any later one where the group plans a public session: with the group's
    public sessions there, or what the records say instead (a "Meeting B" format, the
    group's other meetings there, or that no session of the group is recorded; the checks
    ask staff about the last, `reports.checks`). An ICANN meeting not yet over by the
    report's date without a session of the group is left out: nothing is known of it yet."""
    sessions_by_meeting, others_by_meeting = _meetings_at_icann(records)
    icann = {m.pk: m for m in records.icann_meetings}
    for meetings in sessions_by_meeting.values():
        icann.setdefault(meetings[0].icann_meeting_id, meetings[0].icann_meeting)
    entries = []
    for icann_meeting in sorted(icann.values(), key=lambda m: m.number):
        sessions = tuple(
            _session(m, acronym=acronym, notes=notes)
            for m in sessions_by_meeting.get(icann_meeting.pk, [])
        )
        note = ""
        if not sessions and not _stated_without_session(icann_meeting, as_of):
            continue
        if not sessions:
            note = icann_absence_note(
                icann_meeting, acronym, others_by_meeting.get(icann_meeting.pk, [])
            )
        entries.append(
            IcannMeetingEntry(
                number=icann_meeting.number,
                label=str(icann_meeting),
                dates=format_range(icann_meeting.starts_on, icann_meeting.ends_on),
                sessions=sessions,
                absence_note=note,
                findings=notes.take(f"icann:{icann_meeting.pk}"),
            )
        )
    return tuple(entries)


def _meetings_at_icann(records: Records) -> tuple[dict[int, list], dict[int, list]]:
    """The group's public sessions (and workshops) at each ICANN meeting, not cancelled;
    and its other meetings held there (face-to-face), by ICANN meeting id."""
    sessions: dict[int, list[Meeting]] = {}
    others: dict[int, list[Meeting]] = {}
    for meeting in records.meetings:
        if meeting.status == MeetingStatus.CANCELLED or not meeting.icann_meeting_id:
            continue
        if meeting.kind in (MeetingKind.PUBLIC_SESSION, MeetingKind.WORKSHOP):
            sessions.setdefault(meeting.icann_meeting_id, []).append(meeting)
        elif meeting.status == MeetingStatus.HELD:
            others.setdefault(meeting.icann_meeting_id, []).append(meeting)
    return sessions, others


def _stated_without_session(icann_meeting, as_of: dt.date) -> bool:
    """An ICANN meeting without a session of the group is named when it was over by the
    report's date, or its "Meeting B" format explains the absence."""
    return icann_meeting.ends_on <= as_of or icann_meeting.format == IcannMeetingFormat.B


def icann_meetings_without_session(records: Records, as_of: dt.date) -> list:
    """The ICANN meetings of the period, held by the report's date and not "Meeting B",
    where no public session of the group is recorded: 2.1 says only that, and the checks
    ask staff whether a session is missing from the records."""
    sessions, _ = _meetings_at_icann(records)
    return [
        m
        for m in records.icann_meetings
        if m.pk not in sessions
        and m.format != IcannMeetingFormat.B
        and _stated_without_session(m, as_of)
    ]


def icann_absence_note(icann_meeting, acronym: str, others: list[Meeting]) -> str:
    """What the records say of an ICANN meeting held without a public session of the group:
    its "Meeting B" format, the group's other meetings there, or that none is recorded."""
    number = icann_meeting.number
    if icann_meeting.format == IcannMeetingFormat.B:
        return (
            "No public meeting on Internet governance as ICANN "
            f"{number} was a “Meeting B” format meeting."
        )
    if others:
        counts = Counter(m.get_kind_display().lower() for m in others)
        held = join_words(
            f"its {kind}" if count == 1 else f"{count} {kind}s" for kind, count in counts.items()
        )
        return (
            f"No public session of the {acronym} at ICANN {number} is recorded; the "
            f"{acronym} held {held} there."
        )
    dates = format_range(icann_meeting.starts_on, icann_meeting.ends_on)
    return f"No session of the {acronym} at ICANN {number} ({dates}) is recorded."


def external_section(
    records: Records, acronym: str, parent: Heading, notes: Notes = NO_NOTES
) -> tuple:
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
                sessions=tuple(
                    _session(m, acronym=acronym, notes=notes) for m in by_event[event.pk]
                ),
                links=links_of(event.links.all()),
                findings=notes.take(f"event:{event.pk}"),
                record_id=getattr(event, "pk", 0),
            )
        )
    return tuple(entries)


def face_to_face(records: Records, acronym: str, notes: Notes = NO_NOTES) -> tuple[Session, ...]:
    """The face-to-face meetings the group held (one only planned is the narrative's to
    announce: the section reports what took place)."""
    out = []
    for meeting in records.meetings:
        if meeting.kind != MeetingKind.FACE_TO_FACE or meeting.status != MeetingStatus.HELD:
            continue
        if meeting.icann_meeting_id:
            heading = str(meeting.icann_meeting)
        else:
            heading = meeting.location or meeting.title or "Face-to-face meeting"
        out.append(_session(meeting, acronym=acronym, heading=heading, notes=notes))
    return tuple(out)


def _refer_statements(
    entries: tuple[AgendaEntry, ...], row_date: str, annex: list[AnnexStatement]
) -> tuple[AgendaEntry, ...]:
    """The agenda with its statements moved to the annex, each item saying where they are."""
    out = []
    for entry in entries:
        notes = entry.notes
        if entry.statements:
            numbers = []
            for statement in entry.statements:
                number = f"A.{len(annex) + 1}"
                numbers.append(number)
                annex.append(
                    AnnexStatement(
                        number=number,
                        anchor=f"annex-a-{len(annex) + 1}",
                        context=f"Teleconference of {row_date}, agenda item "
                        f"{number_for_path(entry.path)}: {entry.title}",
                        statement=statement,
                    )
                )
            who = " and ".join(s.attribution or "unattributed" for s in entry.statements)
            notes = (*notes, f"Statements quoted in Annex {' and '.join(numbers)}: {who}.")
        out.append(
            replace(
                entry,
                notes=notes,
                statements=(),
                children=_refer_statements(entry.children, row_date, annex),
            )
        )
    return tuple(out)


def teleconferences(
    records: Records, notes: Notes = NO_NOTES, *, statements_in_annex: bool = True
) -> tuple[tuple[TeleconferenceRow, ...], tuple[AnnexStatement, ...]]:
    """The teleconference rows, and the statements quoted at them, moved to Annex A (or
    left in the table, under their agenda item, when not `statements_in_annex`)."""
    annex: list[AnnexStatement] = []
    rows = []
    for meeting in records.meetings:
        if meeting.kind != MeetingKind.TELECONFERENCE or meeting.status != MeetingStatus.HELD:
            continue
        members, total = meeting.attendance_members, meeting.attendance_total
        day = format_date(meeting.date)
        before = len(annex)
        agenda = _agenda(meeting)
        loose = _loose_statements(meeting)
        if statements_in_annex:
            agenda = _refer_statements(agenda, day, annex)
        if loose and statements_in_annex:
            first = len(annex) + 1
            for statement in loose:
                annex.append(
                    AnnexStatement(
                        number=f"A.{len(annex) + 1}",
                        anchor=f"annex-a-{len(annex) + 1}",
                        context=f"Teleconference of {day}",
                        statement=statement,
                    )
                )
            refs = " and ".join(f"A.{n}" for n in range(first, len(annex) + 1))
            agenda = (
                *agenda,
                AgendaEntry(
                    path=(len(agenda) + 1,),
                    label="",
                    title=f"Statements: see Annex {refs}.",
                ),
            )
        annex[before:] = [
            replace(a, ref=f"{meeting.pk}/{n}") for n, a in enumerate(annex[before:], start=1)
        ]
        rows.append(
            TeleconferenceRow(
                meeting_id=meeting.pk,
                date=meeting.date,
                date_label=short_date(meeting.date),
                attendance=attendance_label(members, total) or "Not recorded",
                members=members,
                total=total,
                agenda=agenda,
                statements=() if statements_in_annex else tuple(loose),
                links=links_of(meeting.links.all()),
                findings=notes.take(f"meeting:{meeting.pk}"),
            )
        )
    return tuple(rows), tuple(annex)


def _org_label(org) -> str:
    if org.kind == OrganizationKind.SO:
        return f"the {org.acronym} Council"
    return f"the {org.acronym}"


def charterships(
    records: Records, acronym: str, as_of: dt.date | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The changes of chartership in the period up to the report's date (`as_of`), and the
    chartering organizations at that date."""
    start = records.period_start
    end = min(records.period_end, as_of) if as_of is not None else records.period_end
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
        if decided and decided > end:
            decided = None  # decided after the report's date: not yet a fact
        if decided and start <= decided <= end:
            when = format_date(decided, ship.withdrawal_decided_precision)
            prefix = "In" if ship.withdrawal_decided_precision != DatePrecision.DAY else "On"
            changes.append(
                (
                    decided,
                    f"{prefix} {when}, {_org_label(org)} resolved to withdraw as a chartered "
                    f"member of {acronym}{effective}.",
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


def attendance_chart(rows: Iterable[TeleconferenceRow], *, title: str) -> AttendanceChart | None:
    """The chart of the teleconferences whose attendance is recorded (None when none is),
    its caption naming those left out."""
    points, left_out = [], []
    for row in rows:
        if row.members is None and row.total is None:
            left_out.append(format_date(row.date))
        else:
            points.append(AttendancePoint(day=row.date, members=row.members, total=row.total))
    if not points:
        return None
    caption = attendance_chart_caption(left_out)
    return AttendanceChart(title=title, caption=caption, points=tuple(points))
