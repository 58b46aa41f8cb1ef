"""Pagination of every list."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request


class Pagination(PageNumberPagination):
    """`{"count", "next", "previous", "results"}`; `?page_size=` up to 200.

    `page` and `page_size` are whole numbers from 1: anything else answers 400 naming the
    parameter, as the schema says; a page past the last one, 404. A larger `page_size` than
    200 gives 200.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()

    @staticmethod
    def _check_number(request: Request, name: str) -> None:
        raw = request.query_params.get(name)
        if raw is not None and not (raw.isascii() and raw.isdecimal() and int(raw) >= 1):
            raise serializers.ValidationError({name: ["A whole number from 1."]})

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        self._check_number(request, self.page_query_param)
        self._check_number(request, self.page_size_query_param)
        return super().paginate_queryset(queryset, request, view)
