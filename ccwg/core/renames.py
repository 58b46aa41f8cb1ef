"""Stable addresses: a group's pages keep answering after its acronym changes.

Chartering organizations cite the published reports by URL (`/reports/CCWG-IG/2017.pdf`).
When a group is renamed, a request for one of its addresses under a former acronym is
redirected permanently (301) to the same address under the current one. The former
acronyms are read from the group's history (every save is kept); a live acronym always
wins, so a new group that takes an old acronym gets its addresses.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse

from ccwg.core.models import WorkingGroup


def current_acronym(former: str) -> str | None:
    """The acronym of the group once called `former`, when no group is called so now."""
    if WorkingGroup.objects.filter(acronym=former).exists():
        return None
    group_id = (
        WorkingGroup.history.filter(acronym=former)
        .order_by("-history_date")
        .values_list("id", flat=True)
        .first()
    )
    if group_id is None:
        return None
    return WorkingGroup.objects.filter(pk=group_id).values_list("acronym", flat=True).first()


def follow_renamed_group(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a view taking `acronym`: when it finds nothing (404) under a former acronym of a
    group, redirect permanently to the same URL (query string kept) under the current one."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            current = current_acronym(kwargs.get("acronym", ""))
            match = request.resolver_match
            if current is None or match is None:
                raise
            url = reverse(match.view_name, args=match.args, kwargs={**kwargs, "acronym": current})
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    return wrapper
