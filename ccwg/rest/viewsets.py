"""The base viewset of every record resource: serializers validate, services write."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, Protocol

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.settings import api_settings

from ccwg.rest.concurrency import ConditionalWriteMixin
from ccwg.rest.pagination import Pagination


class RecordServices(Protocol):
    """The services that write one kind of record (e.g. `ccwg.core.services.WORKING_GROUPS`).

    `create(**fields)` and `update(<record>=instance, **fields)` return the record;
    `delete(<record>=instance)`; `record` names the keyword the record is passed under.
    """

    @property
    def record(self) -> str: ...
    @property
    def create(self) -> Callable[..., models.Model]: ...
    @property
    def update(self) -> Callable[..., models.Model]: ...
    @property
    def delete(self) -> Callable[..., Any]: ...


class _NoFormatOverride:
    """DRF's settings, without the `?format=` renderer override."""

    def __getattr__(self, name: str) -> Any:
        return None if name == "URL_FORMAT_OVERRIDE" else getattr(api_settings, name)


class FilterFirstNegotiation(DefaultContentNegotiation):
    """Content negotiation where a list filter named `format` (ICANN meetings' `?format=A`)
    is the filter, not DRF's renderer override (which answered 404 to it)."""

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        view = request.parser_context.get("view") if request.parser_context else None
        if _filters_format(view):
            self.settings = _NoFormatOverride()  # type: ignore[assignment]
        return super().select_renderer(request, renderers, format_suffix)


def _filters_format(view: Any) -> bool:
    filterset = getattr(view, "filterset_class", None)
    param = api_settings.URL_FORMAT_OVERRIDE
    return bool(param) and filterset is not None and param in filterset.base_filters


class _RequestWithoutFormat:
    """The request, as links see it: without the `format` filter, which DRF would otherwise
    copy into every link it builds (taking it for its renderer override)."""

    def __init__(self, request: Any):
        self._wrapped = request
        self.GET = request.GET.copy()
        self.GET.pop(api_settings.URL_FORMAT_OVERRIDE, None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)


class RecordViewSet(ConditionalWriteMixin, viewsets.ModelViewSet):
    """CRUD on one kind of record: members read, staff write (see ccwg.rest.permissions).

    The serializer only validates (its `service_kwargs()` are the validated input); every
    write is one call of the resource's `services`, whose domain errors the exception
    handler (`ccwg.rest.errors`) answers. Detail answers carry an `ETag`, and writes honour
    `If-Match` (`ccwg.rest.concurrency`).
    """

    lookup_value_regex = "[0-9]+"
    pagination_class = Pagination
    content_negotiation_class = FilterFirstNegotiation
    services: RecordServices

    def get_object(self) -> Any:
        # A key no record can have (PostgreSQL refuses NUL in a text value): not found.
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if isinstance(value, str) and "\x00" in value:
            raise Http404
        return super().get_object()

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        request = context.get("request")
        if request is not None and _filters_format(self):
            context["request"] = _RequestWithoutFormat(request)
        return context

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = self.services.create(**serializer.service_kwargs())

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = self.services.update(
            **{self.services.record: serializer.instance}, **serializer.service_kwargs()
        )

    def perform_destroy(self, instance: models.Model) -> None:
        """Delete through the services; `?replace_with=` names the record that the records
        referring to this one refer to instead (see `ccwg.core.deletion`)."""
        kwargs: dict[str, Any] = {self.services.record: instance}
        value = self.request.query_params.get("replace_with")
        if value is not None:
            if "replace_with" not in inspect.signature(self.services.delete).parameters:
                raise ValidationError(
                    {"replace_with": ["No record refers to records of this kind."]}
                )
            kwargs["replace_with"] = self.replacement(instance, value)
        self.services.delete(**kwargs)

    def replacement(self, instance: models.Model, value: str) -> models.Model:
        """The record `?replace_with=` names: by the resource's lookup (an acronym, a
        number) or by `id`."""
        manager = type(instance)._default_manager
        lookups = [self.lookup_field] + (["pk"] if self.lookup_field != "pk" else [])
        for lookup in lookups:
            try:
                found = manager.filter(**{lookup: value}).first()
            except (ValueError, TypeError, DjangoValidationError):
                continue
            if found is not None:
                return found
        raise ValidationError(
            {
                "replace_with": [
                    f"No {type(instance)._meta.verbose_name} “{value}” to replace it with."
                ]
            }
        )
