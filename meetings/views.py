"""The members' pages of meetings: the filtered list (and its CSV), one meeting, search.

Thin: the filterset and the selectors choose, the templates show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from ccwg.core.mail_models import MessageStatus
from ccwg.core.output_cache import cached, user_key
from meetings import selectors
from meetings.export import meetings_csv
from meetings.filters import MeetingSiteFilter
from meetings.models import Meeting
from meetings.search import search as search_meetings

PAGE_SIZE = 25
SEARCH_PAGE_SIZE = 20


def _page(request: HttpRequest, rows: QuerySet[Any] | Sequence[Any], size: int) -> Page[Any]:
    return Paginator(rows, size).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@transaction.non_atomic_requests  # reads only: no transaction to open and commit
@require_safe
@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    """The filtered list, a page at a time; its body is kept in the cache per user and query
    until a record changes (`ccwg.core.output_cache`)."""
    key = user_key("meeting-list", request.user, request.get_full_path())
    body = cached(key, lambda: _meeting_list_body(request))
    return render(request, "meetings/meeting_list.html", {"body": mark_safe(body)})


def _meeting_list_body(request: HttpRequest) -> str:
    filterset = MeetingSiteFilter(request.GET or None, queryset=selectors.meeting_list())
    meetings = filterset.qs if filterset.is_bound else selectors.meeting_list()
    invalid = filterset.is_bound and not filterset.is_valid()
    page = _page(request, meetings.none() if invalid else meetings, PAGE_SIZE)
    context = {
        "filter": filterset,
        "page": page,
        "query": _query_without_page(request),
        "invalid": invalid,
    }
    return render_to_string("meetings/includes/_meeting_list_body.html", context, request)


@require_safe
@login_required
def meeting_export(request: HttpRequest) -> HttpResponse:
    """The list as filtered, every page, as CSV."""
    filterset = MeetingSiteFilter(request.GET or None, queryset=selectors.meeting_list())
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponse(
            "Invalid filter: "
            + "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    meetings = selectors.with_absences(
        filterset.qs if filterset.is_bound else selectors.meeting_list()
    )

    def url(meeting: Meeting) -> str:
        return request.build_absolute_uri(reverse("meetings:detail", args=[meeting.pk]))

    response = HttpResponse(
        "".join(meetings_csv(meetings, url)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="meetings.csv"'
    return response


@require_safe
@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(pk)
    if meeting is None:
        raise Http404("No such meeting.")
    context = {
        "meeting": meeting,
        "agenda": selectors.agenda_entries(meeting),
        "loose_statements": selectors.loose_statements(meeting),
        "attendance_sections": selectors.attendance_sections(meeting),
        "process_inputs": list(meeting.process_inputs.all()),
        "neighbours": selectors.neighbours(meeting),
        "notes_sent": list(selectors.notes_sent(meeting).filter(status=MessageStatus.SENT)),
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_safe
@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    hits = search_meetings(query) if query else []
    context = {
        "q": query,
        "page": _page(request, hits, SEARCH_PAGE_SIZE),
        "count": len(hits),
        "query": _query_without_page(request),
    }
    return render(request, "meetings/search.html", context)
