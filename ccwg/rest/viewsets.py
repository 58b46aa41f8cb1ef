"""The base viewset of every record resource: serializers validate, services write."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, Protocol

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

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


class RecordViewSet(ConditionalWriteMixin, viewsets.ModelViewSet):
    """CRUD on one kind of record: members read, staff write (see ccwg.rest.permissions).

    The serializer only validates (its `service_kwargs()` are the validated input); every
    write is one call of the resource's `services`, whose domain errors the exception
    handler (`ccwg.rest.errors`) answers. Detail answers carry an `ETag`, and writes honour
    `If-Match` (`ccwg.rest.concurrency`).
    """

    lookup_value_regex = "[0-9]+"
    pagination_class = Pagination
    services: RecordServices

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
