"""Reads of the groups' meetings for the members' pages: lists, one meeting, the dashboard's
parts, the attendance chart's period, and the full-text search.

Each function reads with a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import escape

from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils.safestring import SafeString, mark_safe

from ccwg.core.models import WorkingGroup
from meetings.charts import AttendancePoint, points_from_meetings
from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaNode,
    Attendance,
    Meeting,
    MeetingStatus,
    Outcome,
    Statement,
    agenda_tree,
)
from meetings.numbering import label_for_path

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
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.prefetch_related("links").order_by("position", "id"),
            ),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related(
                    "source", "author", "concerns_charter"
                ).order_by("position", "id"),
            ),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person", "organization").order_by(
                    "person__full_name"
                ),
            ),
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner").order_by("position", "id"),
            ),
            "speakers",
            "outcomes",
            "links",
            "organizations_present",
            "process_inputs__process",
        )
        .first()
    )


def _starts_from(now: dt.datetime) -> Q:
    """Meetings on or after `now` (by date when the time is not known), or undated and tied
    to an event or ICANN meeting not yet over, or not dated at all."""
    today = now.date()
    undated = Q(starts_at__isnull=True)
    return (
        Q(starts_at__gte=now)
        | Q(time_is_known=False, starts_at__date__gte=today)
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
        | Q(attendances__isnull=False)
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
            Meeting.objects.filter(working_group=group, starts_at__date__lte=today).held()
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
        Meeting.objects.filter(
            working_group=group, starts_at__date__range=(period.start, period.end)
        )
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


# --------------------------------------------------------------------------- search

#: Markers the database puts around the words found (escaped away before display).
_START, _STOP = "\ue000", "\ue001"
MAX_RESULTS_PER_KIND = 50


@dataclass(frozen=True)
class SearchHit:
    """One place the words were found: a meeting, an agenda item, a statement or outcome."""

    kind: str  # "meeting", "agenda item", "statement", "outcome"
    meeting: Meeting
    title: str
    title_html: SafeString  # the title, escaped, with the words found in <mark>
    snippet: SafeString  # from the text beyond the title ('' when there is none)
    rank: float
    agenda_item_id: int | None = None
    anchor: str = ""


def search_terms(query: str) -> list[str]:
    """The words of a query, without quotes or operators, for the fallback and highlights."""
    words = re.findall(r"[\w][\w'’.-]*", query.lower())
    return [w.strip(".-'’") for w in words if w not in {"or", "and"} and len(w.strip(".-'’")) > 0]


def _highlight_markers(text: str) -> SafeString:
    """Escape the database's headline and turn its markers into <mark> elements."""
    safe = escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(safe)


def highlight(text: str, terms: list[str], *, words: int = 30) -> SafeString:
    """A window of `text` around the first term found, escaped, with terms in <mark>."""
    text = " ".join(text.split())
    if not terms:
        return mark_safe(escape(text[:240]))
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    match = pattern.search(text)
    tokens = text.split(" ")
    if match:
        before = len(text[: match.start()].split(" ")) - 1
        start = max(0, before - words // 3)
    else:
        start = 0
    window = " ".join(tokens[start : start + words])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    out, last = [], 0
    for found in pattern.finditer(window):
        out.append(escape(window[last : found.start()]))
        out.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    out.append(escape(window[last:]))
    return mark_safe(escape(prefix) + "".join(out) + escape(suffix))


def _fallback_rank(terms: list[str], *texts: tuple[str, float]) -> float:
    score = 0.0
    for text, weight in texts:
        lowered = (text or "").lower()
        score += weight * sum(lowered.count(term) for term in terms)
    return score


def _words_in(fields: tuple[str, ...], terms: list[str]) -> Q:
    """Every term in at least one of the fields (case-insensitive)."""
    condition = Q()
    for term in terms:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": term})
        condition &= any_field
    return condition


def search(query: str) -> list[SearchHit]:
    """Meetings, agenda items, statements and outcomes matching `query`, best first.

    PostgreSQL: full-text search (English stemming, `websearch` syntax: "phrases", -word,
    or) ranked by `ts_rank` with highlighted headlines. Elsewhere every word must appear
    (case-insensitive), ranked by how often the words occur.
    """
    query = query.strip()
    if not query:
        return []
    hits = _search_postgres(query) if connection.vendor == "postgresql" else _search_fallback(query)
    hits.sort(
        key=lambda h: (
            -h.rank,
            -(h.meeting.starts_at.timestamp() if h.meeting.starts_at else 0),
            h.kind,
        )
    )
    return hits


_MEETING_RELATED = ("working_group", "icann_meeting", "external_event")


def _search_fallback(query: str) -> list[SearchHit]:
    terms = search_terms(query)
    if not terms:
        return []
    hits: list[SearchHit] = []
    limit = MAX_RESULTS_PER_KIND
    meetings = Meeting.objects.filter(_words_in(("title", "notes"), terms)).select_related(
        *_MEETING_RELATED
    )[:limit]
    for m in meetings:
        hits.append(
            _meeting_hit(
                m,
                terms,
                highlight(m.notes, terms) if m.notes.strip() else mark_safe(""),
                _fallback_rank(terms, (m.title, 2.0), (m.notes, 1.0)),
            )
        )
    items = AgendaItem.objects.filter(_words_in(("title", "notes"), terms)).select_related(
        *(f"meeting__{name}" for name in _MEETING_RELATED)
    )[:limit]
    for item in items:
        hits.append(
            _item_hit(
                item,
                terms,
                highlight(item.notes, terms) if item.notes.strip() else mark_safe(""),
                _fallback_rank(terms, (item.title, 2.0), (item.notes, 1.0)),
            )
        )
    statements = Statement.objects.filter(_words_in(("text",), terms)).select_related(
        "source", "author", *(f"meeting__{name}" for name in _MEETING_RELATED)
    )[:limit]
    for statement in statements:
        hits.append(
            _statement_hit(
                statement,
                terms,
                highlight(statement.text, terms),
                _fallback_rank(terms, (statement.text, 1.0)),
            )
        )
    outcomes = Outcome.objects.filter(_words_in(("text",), terms)).select_related(
        *(f"meeting__{name}" for name in _MEETING_RELATED)
    )[:limit]
    for outcome in outcomes:
        hits.append(
            _outcome_hit(
                outcome,
                terms,
                highlight(outcome.text, terms),
                _fallback_rank(terms, (outcome.text, 1.0)),
            )
        )
    return hits


def _meeting_hit(meeting: Meeting, terms: list[str], snippet: SafeString, rank) -> SearchHit:
    title = meeting.title or meeting.get_kind_display()
    return SearchHit(
        kind="meeting",
        meeting=meeting,
        title=title,
        title_html=highlight(title, terms, words=200),
        snippet=snippet,
        rank=rank,
    )


def _item_hit(item: AgendaItem, terms: list[str], snippet: SafeString, rank) -> SearchHit:
    return SearchHit(
        kind="agenda item",
        meeting=item.meeting,
        title=item.title,
        title_html=highlight(item.title, terms, words=200),
        snippet=snippet,
        rank=rank,
        agenda_item_id=item.pk,
        anchor=f"item-{item.pk}",
    )


def _statement_hit(statement: Statement, terms: list[str], snippet: SafeString, rank) -> SearchHit:
    title = f"Statement from {statement.attribution}" if statement.attribution else "Statement"
    return SearchHit(
        kind="statement",
        meeting=statement.meeting,
        title=title,
        title_html=mark_safe(escape(title)),
        snippet=snippet,
        rank=rank,
        agenda_item_id=statement.agenda_item_id,
        anchor=f"statement-{statement.pk}",
    )


def _outcome_hit(outcome: Outcome, terms: list[str], snippet: SafeString, rank) -> SearchHit:
    return SearchHit(
        kind="outcome",
        meeting=outcome.meeting,
        title="Outcome",
        title_html=mark_safe("Outcome"),
        snippet=snippet,
        rank=rank,
        anchor=f"outcome-{outcome.pk}",
    )


def _search_postgres(query: str) -> list[SearchHit]:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    config = "english"
    ts_query = SearchQuery(query, search_type="websearch", config=config)
    limit = MAX_RESULTS_PER_KIND

    def headline(expression):
        return SearchHeadline(
            expression,
            ts_query,
            config=config,
            start_sel=_START,
            stop_sel=_STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )

    def ranked(queryset, vector, text):
        return (
            queryset.annotate(document=vector)
            .filter(document=ts_query)
            .annotate(rank=SearchRank(F("document"), ts_query), headline=headline(text))
            .order_by("-rank", "id")[:limit]
        )

    terms = search_terms(query)
    title_notes = SearchVector("title", weight="A", config=config) + SearchVector(
        "notes", weight="B", config=config
    )
    hits: list[SearchHit] = []
    for m in ranked(Meeting.objects.select_related(*_MEETING_RELATED), title_notes, F("notes")):
        snippet = _highlight_markers(m.headline) if m.notes.strip() else mark_safe("")
        hits.append(_meeting_hit(m, terms, snippet, m.rank))
    items = AgendaItem.objects.select_related(*(f"meeting__{name}" for name in _MEETING_RELATED))
    for item in ranked(items, title_notes, F("notes")):
        snippet = _highlight_markers(item.headline) if item.notes.strip() else mark_safe("")
        hits.append(_item_hit(item, terms, snippet, item.rank))
    text_only = SearchVector("text", weight="B", config=config)
    statements = Statement.objects.select_related(
        "source", "author", *(f"meeting__{name}" for name in _MEETING_RELATED)
    )
    for statement in ranked(statements, text_only, F("text")):
        snippet = _highlight_markers(statement.headline)
        hits.append(_statement_hit(statement, terms, snippet, statement.rank))
    outcomes = Outcome.objects.select_related(*(f"meeting__{name}" for name in _MEETING_RELATED))
    for outcome in ranked(outcomes, text_only, F("text")):
        snippet = _highlight_markers(outcome.headline)
        hits.append(_outcome_hit(outcome, terms, snippet, outcome.rank))
    return hits


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
