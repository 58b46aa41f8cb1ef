"""API errors: every invalid input becomes a 400 naming its field, never a 500.

- `model_errors` runs a model's own validation (fields, `clean()`, unique fields and every
  constraint) and attributes each constraint's message to the field it is about, so
  "total below members" answers `{"total_present": [...]}` rather than a bare message.
- `exception_handler` converts what the services and the database raise, the one place
  where a domain error (`ccwg.errors`) gets an HTTP meaning:
  `Conflict` (a frozen record, a record still referred to, ...) -> 409 `{"detail": ...}`,
  `Unavailable` (e.g. a render over its time budget) -> 503 `{"detail": ...}`,
  any other `DomainError` -> 400 `{"non_field_errors": [...]}`,
  Django `ValidationError` -> 400 `{"field": [...]}` (`__all__` -> `non_field_errors`),
  `IntegrityError` / `DataError` (a last resort, should validation miss one) -> 400,
  a body that is not JSON (`ParseError`) -> 400 `{"non_field_errors": [...]}`: every 400 has
  the one shape the schema documents (`FieldErrors`).
- `JSONParser` turns JSON nested too deeply to parse into a 400 as well.

A `RecordInUse` (a deletion refused while other records refer to the record) answers 409
`{"detail": ..., "referred_to_by": [{"kind", "label", "id", "url", "admin_url"}, ...]}`:
`url` is the API address of the referring record, or of the record it is part of (a
statement: its meeting), from the routes `ccwg.api_urls` registers (`register_routes`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DEFAULT_DB_ALIAS, DataError, IntegrityError, models
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from rest_framework import exceptions, parsers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from ccwg import errors as domain

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the record."
    default_code = "conflict"


class Unavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The request cannot be completed now; try again later."
    default_code = "unavailable"


def _leaves(node: Any):
    if isinstance(node, Q):
        for child in node.children:
            yield from _leaves(child)
    elif isinstance(node, tuple) and len(node) == 2:
        yield node


def constraint_field(constraint: models.BaseConstraint) -> str:
    """The model field a constraint's violation is reported under.

    Unique constraints: their last field (e.g. `joined_on`, `year`). Check constraints:
    the field compared with another one (`ends_on >= starts_on` -> `ends_on`), else the
    first field the condition names.
    """
    fields = getattr(constraint, "fields", None)
    if isinstance(constraint, models.UniqueConstraint) and fields:
        return fields[-1]
    condition = getattr(constraint, "condition", None)
    if condition is not None:
        leaves = list(_leaves(condition))
        for lookup, value in leaves:
            if isinstance(value, F):
                return lookup.split("__")[0]
        if leaves:
            return leaves[0][0].split("__")[0]
    return NON_FIELD_ERRORS


def _rename(key: str) -> str:
    return api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key


def django_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ValidationError as `{"field": ["message", ...]}`."""
    if hasattr(error, "error_dict"):
        return {_rename(key): list(messages) for key, messages in error.message_dict.items()}
    return {api_settings.NON_FIELD_ERRORS_KEY: list(error.messages)}


def model_errors(
    instance: models.Model, *, exclude: list[str] | None = None
) -> dict[str, list[str]]:
    """Everything `full_clean` finds wrong with `instance`, each under its field."""
    exclude = list(exclude or [])
    errors: dict[str, list[str]] = {}
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except DjangoValidationError as error:
        for key, messages in django_errors(error).items():
            errors.setdefault(key, []).extend(messages)
    skip = {*exclude, *errors}
    model = type(instance)
    for constraint in model._meta.constraints:
        try:
            constraint.validate(model, instance, exclude=skip, using=DEFAULT_DB_ALIAS)
        except DjangoValidationError as error:
            field = _rename(constraint_field(constraint))
            for message in error.messages:
                if message not in errors.get(field, []):
                    errors.setdefault(field, []).append(message)
    return errors


def raise_model_errors(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    errors = model_errors(instance, exclude=exclude)
    if errors:
        raise exceptions.ValidationError(errors)


#: The API's detail route of each model: model -> (route name, lookup field).
DETAIL_ROUTES: dict[type[models.Model], tuple[str, str]] = {}


def register_routes(routes: Mapping[type[models.Model], tuple[str, str]]) -> None:
    """Called by the URL configuration with the router's resources."""
    DETAIL_ROUTES.update(routes)


def _api_url(obj: models.Model, request: Any, depth: int = 0) -> str | None:
    route = DETAIL_ROUTES.get(type(obj))
    if route is not None:
        name, lookup = route
        try:
            path = reverse(name, kwargs={lookup: getattr(obj, lookup)})
        except NoReverseMatch:
            return None
        return request.build_absolute_uri(path) if request is not None else path
    if depth < 3:
        # A part of a record: the address of the record it belongs to.
        for field in obj._meta.concrete_fields:
            if (
                isinstance(field, models.ForeignKey)
                and field.remote_field.on_delete is models.CASCADE
                and getattr(obj, field.attname) is not None
            ):
                return _api_url(getattr(obj, field.name), request, depth + 1)
    return None


def referrer_entry(obj: Any, request: Any) -> dict[str, Any]:
    """One record that refers to a record being deleted, as the 409 answer lists it."""
    meta = obj._meta
    try:
        admin_path: str | None = reverse(
            f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]
        )
    except NoReverseMatch:
        admin_path = None
    if admin_path is not None and request is not None:
        admin_path = request.build_absolute_uri(admin_path)
    return {
        "kind": str(meta.verbose_name),
        "label": str(obj),
        "id": obj.pk,
        "url": _api_url(obj, request),
        "admin_url": admin_path,
    }


def exception_handler(exc: Exception, context: dict) -> Any:
    if isinstance(exc, domain.RecordInUse) and exc.referrers:
        request = context.get("request")
        return Response(
            {
                "detail": exc.message,
                "referred_to_by": [referrer_entry(obj, request) for obj in exc.referrers],
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError | DataError):
        logger.warning("Database refused an API write: %s", exc)
    if isinstance(exc, domain.Conflict):
        exc = Conflict(exc.message)
    elif isinstance(exc, domain.Unavailable):
        exc = Unavailable(exc.message)
    elif isinstance(exc, domain.DomainError):
        exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [exc.message]})
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_errors(exc))
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError(
            {
                api_settings.NON_FIELD_ERRORS_KEY: [
                    "The record conflicts with an existing one or breaks a rule of the records."
                ]
            }
        )
    elif isinstance(exc, DataError):
        exc = exceptions.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: ["A value is too long or out of range."]}
        )
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [str(exc.detail)]})
    # Imported here: rest_framework.views reads the parser setting, which names this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if isinstance(exc, exceptions.ValidationError) and response is not None:
        response.data = flatten_errors(response.data)
    return response


def _label(segment: str | int) -> str:
    if isinstance(segment, int) or (isinstance(segment, str) and segment.isdigit()):
        return f"item {int(segment) + 1}"
    return str(segment)


def _messages(value: Any, path: tuple) -> list[str]:
    if isinstance(value, Mapping):
        found = []
        for key, inner in value.items():
            inner_path = path if key == api_settings.NON_FIELD_ERRORS_KEY else (*path, key)
            found.extend(_messages(inner, inner_path))
        return found
    if isinstance(value, list | tuple):
        if all(not isinstance(v, Mapping | list | tuple) for v in value):
            prefix = " > ".join(_label(p) for p in path)
            return [f"{prefix}: {v}" if prefix else str(v) for v in value]
        found = []
        for index, inner in enumerate(value):
            found.extend(_messages(inner, (*path, index) if inner else path))
        return found
    prefix = " > ".join(_label(p) for p in path)
    return [f"{prefix}: {value}" if prefix else str(value)]


def flatten_errors(data: Any) -> Any:
    """`{"field": ["message", ...]}` at the top, whatever nested serializers answered.

    Errors inside nested lists name their place, 1-based:
    `{"agenda": ["item 1 > children > item 2 > title: This field is required."]}`.
    """
    if not isinstance(data, Mapping):
        return {api_settings.NON_FIELD_ERRORS_KEY: _messages(data, ())}
    return {key: _messages(value, ()) for key, value in data.items()}


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; JSON nested too deeply for Python is a parse error (400) too."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError("JSON parse error - nested too deeply.") from error
