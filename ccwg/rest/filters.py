"""The filter backend of every list: django-filter's, refusing a query parameter the list does
not know (a misspelt filter must never return everything)."""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.request import Request

#: What every list takes besides its filters: pagination, and DRF's renderer override.
COMMON_PARAMETERS = frozenset({"page", "page_size", "format"})

UNKNOWN = "Unknown query parameter: this list takes {known}."


def known_parameters(view: Any) -> frozenset[str]:
    """The query parameters a list view takes: its filters', the common ones, and those its
    view names (`extra_query_parameters`)."""
    filterset = getattr(view, "filterset_class", None)
    names = set(filterset.base_filters) if filterset is not None else set()
    return frozenset(names | COMMON_PARAMETERS | set(getattr(view, "extra_query_parameters", ())))


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend; on a list, an unknown query parameter answers 400 naming it."""

    def filter_queryset(self, request: Request, queryset: Any, view: Any) -> Any:
        if getattr(view, "action", None) == "list":
            known = known_parameters(view)
            unknown = sorted(name for name in request.query_params if name not in known)
            if unknown:
                message = UNKNOWN.format(known=", ".join(f"`{n}`" for n in sorted(known)))
                raise serializers.ValidationError({name: [message] for name in unknown})
        return super().filter_queryset(request, queryset, view)
