"""Reads of the groups' meetings: the API's queryset, and for the members' pages the lists,
one meeting, the dashboard's parts and the attendance chart's period (the full-text search
is in `meetings.search`).

Each function reads with a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, F, Prefetch, Q, QuerySet, Value, When

from ccwg.core.models import Message, Person, WorkingGroup
from meetings.charts import AttendancePoint, points_from_meetings
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AgendaNode,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    Statement,
    agenda_tree,
)
from meetings.models.meeting import starts_on_days
from meetings.numbering import label_for_path
from meetings.parts import prefetches

#: Meetings that will not take place: never "upcoming" (cancelled ones are shown marked).
NOT_HAPPENING = [MeetingStatus.DECLINED]
NOT_YET_HELD = [MeetingStatus.PLANNED, MeetingStatus.PROPOSED, MeetingStatus.ACCEPTED]


def meeting_list() -> QuerySet[Meeting]:
    """Every meeting with what a list row shows, newest first (the reverse of the one
    chronological order: meetings with no date at all first)."""
    return (
        Meeting.objects.select_related("working_group", "icann_meeting", "external_event")
        .with_attendance_counts()
        .chronological()
        .reverse()
    )


def meeting_detail(pk: int) -> Meeting | None:
    """One meeting with everything its page shows, in a fixed number of queries."""
    return (
        Meeting.objects.filter(pk=pk)
        .select_related("working_group", "icann_meeting", "external_event", "selected_by")
        .with_attendance_counts()
        .prefetch_related(
            *prefetches(),
            "process_inputs__process",
        )
        .first()
    )


@dataclass(frozen=True)
class AttendanceSection:
    """The people listed for a meeting with one status, as its page shows them."""

    key: str  # the section's id: "attendance" (present), "apologies", "absent"
    heading: str
    caption: str
    rows: list[Attendance]


#: The members' meeting page's sections of the attendance list, in order.
SECTIONS: tuple[tuple[str, str, str, str], ...] = (
    (AttendanceStatus.PRESENT, "attendance", "Present", "People present"),
    (AttendanceStatus.APOLOGIES, "apologies", "Apologies", "People who sent apologies"),
    (AttendanceStatus.ABSENT, "absent", "Absent", "People absent without apologies"),
)


def attendance_sections(meeting: Meeting) -> list[AttendanceSection]:
    """The people listed for a meeting by status (present, sent apologies, absent), the
    empty ones left out; from the prefetched rows when read with its parts."""
    rows = list(meeting.attendances.all())
    sections = [
        AttendanceSection(key, heading, caption, [row for row in rows if row.status == status])
        for status, key, heading, caption in SECTIONS
    ]
    return [section for section in sections if section.rows]


def with_absences(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings with the people who sent apologies or were absent (`absences`, by name),
    in one more query (the CSV export lists them)."""
    rows = (
        Attendance.objects.exclude(status=AttendanceStatus.PRESENT)
        .select_related("person")
        .order_by("person__full_name", "id")
    )
    return meetings.prefetch_related(Prefetch("attendances", queryset=rows, to_attr="absences"))


def _starts_from(now: dt.datetime) -> Q:
    """Meetings on or after `now` (by date when the time is not known), or undated and tied
    to an event or ICANN meeting not yet over, or not dated at all."""
    today = now.date()
    undated = Q(starts_at__isnull=True)
    return (
        Q(starts_at__gte=now)
        | (Q(time_is_known=False) & starts_on_days(start=today))
        | (undated & Q(external_event__ends_on__gte=today))
        | (undated & Q(icann_meeting__ends_on__gte=today))
        | (undated & Q(external_event__isnull=True, icann_meeting__isnull=True))
    )


def upcoming_meetings(
    group: WorkingGroup | None, *, now: dt.datetime, limit: int | None = 10
) -> QuerySet[Meeting]:
    """Meetings still to come (cancelled ones included, to be shown as such), soonest first."""
    meetings = (
        Meeting.objects.filter(_starts_from(now))
        .exclude(status__in=NOT_HAPPENING)
        .exclude(status=MeetingStatus.HELD, starts_at__lt=now)
        .select_related("working_group", "icann_meeting", "external_event")
        .chronological()
    )
    if group is not None:
        meetings = meetings.filter(working_group=group)
    return meetings[:limit] if limit else meetings


def recent_meetings(group: WorkingGroup, *, now: dt.datetime, limit: int = 5) -> list[Meeting]:
    """The latest meetings held, newest first, with their attendance counts."""
    return list(
        Meeting.objects.filter(working_group=group, starts_at__lte=now)
        .held()
        .select_related("working_group", "icann_meeting", "external_event")
        .with_attendance_counts()
        .order_by("-starts_at", "-id")[:limit]
    )


def _month_start(day: dt.date, months_back: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(day: dt.date) -> dt.date:
    return _month_start(day, -1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class ChartPeriod:
    start: dt.date
    end: dt.date
    year: int | None  # a calendar year asked for, or None for the default window

    @property
    def label(self) -> str:
        if self.year is not None:
            return str(self.year)
        first = f"{self.start:%B} {self.start.year}"
        last = f"{self.end:%B} {self.end.year}"
        return first if first == last else f"{first} to {last}"


def _with_attendance(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.filter(
        Q(members_present__isnull=False)
        | Q(total_present__isnull=False)
        | Q(attendances__status=AttendanceStatus.PRESENT)
    ).distinct()


def chart_period(
    group: WorkingGroup, *, today: dt.date, year: int | None = None
) -> ChartPeriod | None:
    """The chart's period: the calendar `year` when asked for; else the twelve months up to
    the latest month in which the group held a meeting with attendance recorded (so a
    group whose latest year is long past still shows it). None when there is none."""
    if year is not None:
        return ChartPeriod(dt.date(year, 1, 1), dt.date(year, 12, 31), year)
    latest = (
        _with_attendance(
            Meeting.objects.filter(starts_on_days(end=today), working_group=group).held()
        )
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    if latest is None:
        return None
    last_day = latest.astimezone(dt.UTC).date()
    return ChartPeriod(_month_start(last_day, 11), _month_end(last_day), None)


def attendance_points(group: WorkingGroup, period: ChartPeriod) -> list[AttendancePoint]:
    """The held meetings of the period with attendance recorded, as chart points."""
    meetings = (
        Meeting.objects.filter(starts_on_days(period.start, period.end), working_group=group)
        .held()
        .with_attendance_counts()
        .order_by("starts_at", "id")
    )
    return points_from_meetings(meetings)


def attendance_years(group: WorkingGroup) -> list[int]:
    """Years in which the group held a meeting with attendance recorded, newest first."""
    dates = _with_attendance(Meeting.objects.filter(working_group=group).held()).dates(
        "starts_at", "year", order="DESC"
    )
    return [day.year for day in dates]


def open_action_items(group: WorkingGroup | None) -> QuerySet[ActionItem]:
    """Open action items, soonest due first (no due date last)."""
    items = (
        ActionItem.objects.open()
        .select_related(
            "owner",
            "meeting__working_group",
            "meeting__icann_meeting",
            "meeting__external_event",
            "agenda_item",
        )
        .order_by(F("due_on").asc(nulls_last=True), "meeting__starts_at", "position", "id")
    )
    if group is not None:
        items = items.filter(meeting__working_group=group)
    return items


def actions_of_person(person: Person | None) -> QuerySet[ActionItem]:
    """The action items a person owns, of every group: the open ones first, soonest due
    first (no due date last), then those done or dropped, the latest meeting first."""
    if person is None:
        return ActionItem.objects.none()
    closed = Case(When(status=ActionStatus.OPEN, then=Value(0)), default=Value(1))
    return (
        ActionItem.objects.filter(owner=person)
        .select_related("owner", "meeting__working_group", "agenda_item")
        .order_by(
            closed,
            F("due_on").asc(nulls_last=True),
            F("meeting__starts_at").desc(nulls_last=True),
            "position",
            "id",
        )
    )


def due_action_items() -> QuerySet[ActionItem]:
    """Open action items with a due date, for the deadlines feed."""
    return open_action_items(None).filter(due_on__isnull=False)


def meetings_for_calendar(
    *, group: WorkingGroup | None = None, now: dt.datetime | None = None
) -> QuerySet[Meeting]:
    """Meetings for a calendar feed: a group's (every one), or every group's still to come;
    declined proposals are left out."""
    meetings = (
        Meeting.objects.exclude(status__in=NOT_HAPPENING)
        .select_related("working_group", "icann_meeting", "external_event")
        .chronological()
    )
    if group is not None:
        meetings = meetings.filter(working_group=group)
    if now is not None:
        meetings = meetings.filter(_starts_from(now))
    return meetings


# --------------------------------------------------------------------------- one meeting


@dataclass(frozen=True)
class AgendaEntry:
    """An agenda item numbered as in the report ('1.', 'a.', 'i.'), with its statements,
    links and sub-items; built from the prefetched rows, no query."""

    item: AgendaItem
    label: str
    depth: int
    statements: tuple[Statement, ...]
    children: tuple[AgendaEntry, ...]


def agenda_entries(meeting: Meeting) -> list[AgendaEntry]:
    """The meeting's agenda as numbered entries (prefetch `agenda_items`, `statements`)."""
    by_item: dict[int, list[Statement]] = {}
    for statement in meeting.statements.all():
        if statement.agenda_item_id:
            by_item.setdefault(statement.agenda_item_id, []).append(statement)

    def convert(node: AgendaNode) -> AgendaEntry:
        return AgendaEntry(
            item=node.item,
            label=label_for_path(node.path),
            depth=node.depth,
            statements=tuple(by_item.get(node.item.pk, [])),
            children=tuple(convert(child) for child in node.children),
        )

    return [convert(root) for root in agenda_tree(meeting.agenda_items.all())]


def loose_statements(meeting: Meeting) -> list[Statement]:
    """Statements on the meeting as a whole (or whose agenda item was removed)."""
    return [s for s in meeting.statements.all() if not s.agenda_item_id]


def meetings_for_api() -> QuerySet[Meeting]:
    """Meetings with everything the API shows, in a constant number of queries.

    In date order on every database (`MeetingQuerySet.chronological`).
    """
    return (
        Meeting.objects.with_attendance_counts()
        .select_related("working_group", "icann_meeting", "external_event", "selected_by")
        .prefetch_related(*prefetches())
        .chronological()
    )


def neighbours(meeting: Meeting) -> tuple[Meeting | None, Meeting | None]:
    """The group's meetings before and after this one, in the one chronological order
    (declined proposals left out, as in the calendars)."""
    order = list(
        Meeting.objects.filter(working_group_id=meeting.working_group_id)
        .exclude(status__in=NOT_HAPPENING)
        .chronological()
        .values_list("pk", flat=True)
    )
    if meeting.pk not in order:
        return None, None
    at = order.index(meeting.pk)
    wanted = {
        "previous": order[at - 1] if at > 0 else None,
        "next": order[at + 1] if at + 1 < len(order) else None,
    }
    found = Meeting.objects.select_related("working_group").in_bulk(
        [pk for pk in wanted.values() if pk is not None]
    )
    return found.get(wanted["previous"] or 0), found.get(wanted["next"] or 0)


def notes_sent(meeting: Meeting) -> QuerySet[Message]:
    """The notes mails queued for a meeting (whatever became of them), newest first."""
    return Message.objects.about(meeting)
