"""Full-text search of the groups' meetings: titles, agenda items and their notes,
statements and outcomes. PostgreSQL's full-text search with ranking and highlighted
snippets; on SQLite a working fallback that matches every word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import Combinable
from django.utils.safestring import SafeString, mark_safe

from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Outcome,
    Statement,
)

#: Meetings that will not take place: never "upcoming" (cancelled ones are shown marked).
NOT_HAPPENING = [MeetingStatus.DECLINED]
NOT_YET_HELD = [MeetingStatus.PLANNED, MeetingStatus.PROPOSED, MeetingStatus.ACCEPTED]


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


def _meeting_hit(meeting: Meeting, terms: list[str], snippet: SafeString, rank: float) -> SearchHit:
    title = meeting.title or meeting.get_kind_display()
    return SearchHit(
        kind="meeting",
        meeting=meeting,
        title=title,
        title_html=highlight(title, terms, words=200),
        snippet=snippet,
        rank=rank,
    )


def _item_hit(item: AgendaItem, terms: list[str], snippet: SafeString, rank: float) -> SearchHit:
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


def _statement_hit(
    statement: Statement, terms: list[str], snippet: SafeString, rank: float
) -> SearchHit:
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


def _outcome_hit(outcome: Outcome, terms: list[str], snippet: SafeString, rank: float) -> SearchHit:
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

    def headline(expression: F) -> SearchHeadline:
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

    def ranked(queryset: QuerySet[Any], vector: Combinable, text: F) -> QuerySet[Any]:
        """The best matches, annotated with their `rank` and `headline`."""
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
