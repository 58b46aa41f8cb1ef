"""The OpenAPI schema tells the whole truth (drf-spectacular).

`RecordAutoSchema` (the project's `DEFAULT_SCHEMA_CLASS`) adds to every operation, generically,
each error status it can answer, with its body (`FieldErrors` for 400, `Detail` otherwise):

- 400 `{"field": ["message", ...]}` on every write (invalid input, broken rules) and on every
  list (an invalid filter value, e.g. an unknown acronym, or an invalid `page`/`page_size`);
- 401 everywhere (no or an invalid token), 403 on writes (members may not write);
- 404 on every detail route, and on lists (a page past the last one);
- 409 on DELETE (other records still refer to the record) and where a viewset documents it;
- 412 on PUT, PATCH and DELETE of a viewset honouring `If-Match` (`ccwg.rest.concurrency`);
- 406 everywhere (an `Accept` the API cannot serve), 415 on writes with a body (not JSON),
  429 everywhere (throttled; `Retry-After` says when to try again).

It also documents the constraints the server enforces on list filters (ranges, lengths, the
400 for an unknown acronym) and on pagination, and appends to a field's description each rule
reported under it, since OpenAPI cannot express rules across fields: unique values, model
constraints (`total_present`: "The total present (including staff) cannot be lower than the
members present.") and a serializer's `schema_rules` (what a model's `clean()` checks).
`record_schema` adds the success answers of a record viewset (ETag, 304).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db import models
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from ccwg.rest.concurrency import ConditionalWriteMixin
from ccwg.rest.errors import constraint_field
from ccwg.rest.fields import WEB_LINK_PATTERN, NaturalKeyField, WebLinkField

#: The body of a 400: each refused field (or `non_field_errors`) with its messages.
FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "description": "Each refused field with its messages; rules about the record as a whole "
    "under `non_field_errors`; nested places named in the message, 1-based "
    '(`"item 1 > children > item 2 > title: ..."`).',
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "minProperties": 1,
}
#: The body of every other error: `{"detail": "..."}`.
DETAIL_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
ERROR_COMPONENTS = {"FieldErrors": FIELD_ERRORS_SCHEMA, "Detail": DETAIL_SCHEMA}

#: Generic descriptions of the error answers.
ERROR_DESCRIPTIONS = {
    400: "Invalid input: each refused field is named with its messages.",
    401: "Not authenticated: no token, or an invalid one (`WWW-Authenticate: Token`).",
    403: "Authenticated, but not staff: only staff users write.",
    404: "Not found.",
    406: "The `Accept` header names no format this endpoint serves (JSON).",
    409: "Other records still refer to this one; delete or change them first.",
    412: "`If-Match` no longer matches the record's `ETag`: someone changed it since you "
    "read it; nothing was written.",
    415: "The request body is not JSON (`Content-Type: application/json`).",
    429: "Too many requests: throttled. `Retry-After` gives the seconds to wait.",
}
LIST_NOT_FOUND = "No such page: `page` is past the last one."
#: Documented error answers of every write.
WRITE_ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description='Invalid input: `{"field": [...]}`.'),
    401: OpenApiResponse(description="Not authenticated."),
    403: OpenApiResponse(description="Authenticated, but not staff."),
}
DELETE_RESPONSES = {
    204: OpenApiResponse(description="Deleted."),
    401: OpenApiResponse(description="Not authenticated."),
    403: OpenApiResponse(description="Authenticated, but not staff."),
    404: OpenApiResponse(description="Not found."),
    409: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description='Other records still refer to this one (`{"detail": ..., '
        '"referred_to_by": [{"kind", "label", "id", "url", "admin_url"}]}`); change or '
        "delete them first, or name a replacement with `?replace_with=`.",
    ),
}
REPLACE_WITH = OpenApiParameter(
    "replace_with",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description="The record (its lookup value, as in its URL, or its `id`) that the records "
    "referring to this one should refer to instead; they are changed, then this one is "
    "deleted. Without it, a record still referred to is not deleted (409).",
)


#: Concurrent writes (see `ccwg.rest.concurrency`).
ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201, 304],
    description="Entity tag of the record as returned, nested parts included; send it back "
    "in `If-Match` to write only if nobody changed the record meanwhile.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Write only if the record's current `ETag` is one of these (or `*`); "
    "otherwise 412 and nothing changes. Without it, the write proceeds.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Answer 304 Not Modified, with no body, when the record's `ETag` is one of these.",
)
PRECONDITION_FAILED = {
    412: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description='`If-Match` no longer matches the record\'s `ETag` (`{"detail"}`): someone '
        "changed it since you read it; nothing was written.",
    )
}
NOT_MODIFIED = {
    304: OpenApiResponse(description="Not modified: your copy (`If-None-Match`) is current.")
}


def record_schema(serializer: type[serializers.Serializer], *, frozen_when: str = ""):
    """The documented answers of a record viewset's operations.

    `frozen_when` documents a 409 on updates (e.g. "the report is published").
    """
    conflict = {}
    if frozen_when:
        conflict = {
            409: OpenApiResponse(
                OpenApiTypes.OBJECT, description=f'Refused when {frozen_when}: `{{"detail"}}`.'
            )
        }

    def with_errors(status: int) -> dict:
        return {status: serializer, **WRITE_ERRORS}

    def changed() -> dict:
        return {
            **with_errors(200),
            404: OpenApiResponse(description="Not found."),
            **conflict,
            **PRECONDITION_FAILED,
        }

    return extend_schema_view(
        retrieve=extend_schema(
            parameters=[IF_NONE_MATCH, ETAG_HEADER],
            responses={200: serializer, **NOT_MODIFIED},
        ),
        create=extend_schema(parameters=[ETAG_HEADER], responses=with_errors(201)),
        update=extend_schema(parameters=[IF_MATCH, ETAG_HEADER], responses=changed()),
        partial_update=extend_schema(parameters=[IF_MATCH, ETAG_HEADER], responses=changed()),
        destroy=extend_schema(
            parameters=[IF_MATCH, REPLACE_WITH],
            responses={**DELETE_RESPONSES, **PRECONDITION_FAILED},
        ),
    )


# --- The generic part: every operation's error answers, filters, rules ----------------------


def model_rules(model: type[models.Model]) -> dict[str, list[str]]:
    """The rules of a model's fields and constraints, by the field they are reported under:
    unique values, and each constraint's own message (e.g. "The period cannot end before it
    starts.")."""
    rules: dict[str, list[str]] = {}
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            plural = model._meta.verbose_name_plural
            rules.setdefault(field.name, []).append(f"Unique among {plural}.")
    for constraint in model._meta.constraints:
        message = str(getattr(constraint, "violation_error_message", "") or "")
        if not message or "%(" in message:
            continue
        rules.setdefault(constraint_field(constraint), []).append(message)
    return rules


class RecordAutoSchema(AutoSchema):
    """drf-spectacular's `AutoSchema`, with every error answer and rule documented."""

    def _register_errors(self) -> None:
        for name, schema in ERROR_COMPONENTS.items():
            self.registry.register_on_missing(
                ResolvedComponent(
                    name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
                )
            )

    def _is_detail(self) -> bool:
        return "{" in self.path

    def error_statuses(self) -> dict[int, str]:
        """The error statuses this operation can answer, with their descriptions."""
        method = self.method.upper()
        write = method not in SAFE_METHODS
        statuses = {401: ERROR_DESCRIPTIONS[401], 406: ERROR_DESCRIPTIONS[406]}
        listing = not write and not self._is_detail()
        if write or (listing and (self.get_filter_backends() or self._get_paginator())):
            statuses[400] = ERROR_DESCRIPTIONS[400]
        if write:
            statuses[403] = ERROR_DESCRIPTIONS[403]
        if self._is_detail():
            statuses[404] = ERROR_DESCRIPTIONS[404]
        elif listing and self._get_paginator():
            statuses[404] = LIST_NOT_FOUND
        if method == "DELETE":
            statuses[409] = ERROR_DESCRIPTIONS[409]
        if (
            method in ("PUT", "PATCH", "DELETE")
            and isinstance(self.view, ConditionalWriteMixin)
            and getattr(self.view, "action", None) in ("update", "partial_update", "destroy")
        ):
            statuses[412] = ERROR_DESCRIPTIONS[412]
        if method in ("POST", "PUT", "PATCH"):
            statuses[415] = ERROR_DESCRIPTIONS[415]
        statuses[429] = ERROR_DESCRIPTIONS[429]
        return statuses

    def _get_response_bodies(self, direction: Any = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        self._register_errors()
        for status, description in self.error_statuses().items():
            name = "FieldErrors" if status == 400 else "Detail"
            answer = self._get_response_for_code(
                {"$ref": f"#/components/schemas/{name}"}, str(status), direction=direction
            )
            documented = responses.get(str(status))
            if documented and documented.get("description"):
                answer["description"] = documented["description"]
            else:
                answer["description"] = description
            if status == 429:
                answer["headers"] = {
                    "Retry-After": {
                        "schema": {"type": "integer"},
                        "description": "Seconds to wait before trying again.",
                    }
                }
            responses[str(status)] = answer
        return dict(sorted(responses.items()))

    def _get_filter_parameters(self) -> list[dict]:
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is None:
            return parameters
        for parameter in parameters:
            fltr = filterset_class.base_filters.get(parameter["name"])
            if fltr is not None:
                describe_filter(parameter, fltr)
        return parameters

    def _get_pagination_parameters(self) -> list[dict]:
        parameters = super()._get_pagination_parameters()
        paginator = self._get_paginator()
        for parameter in parameters:
            schema = parameter["schema"]
            if parameter["name"] == getattr(paginator, "page_query_param", None):
                schema["minimum"] = 1
                parameter["description"] = (
                    "Page number, from 1; past the last page answers 404, anything else "
                    "that is not a whole number from 1 answers 400."
                )
            elif parameter["name"] == getattr(paginator, "page_size_query_param", None):
                schema["minimum"] = 1
                parameter["description"] = (
                    f"Results per page, from 1 (default {paginator.page_size}; more than "
                    f"{paginator.max_page_size} gives {paginator.max_page_size}); anything "
                    "else answers 400."
                )
        return parameters

    def _map_serializer(self, serializer: Any, direction: Any, bypass_extensions: bool = False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        model = getattr(getattr(serializer, "Meta", None), "model", None)
        if model is None or not isinstance(schema, dict):
            return schema
        properties = schema.get("properties", {})
        for name, field in serializer.fields.items():
            relation = getattr(field, "child_relation", field)
            if isinstance(relation, NaturalKeyField) and name in properties and not field.read_only:
                note = f"An unknown {relation.slug_field} answers 400 naming the field."
                text = properties[name].get("description", "")
                if note not in text:
                    properties[name]["description"] = f"{text} {note}".strip()
        rules_by_field = model_rules(model)
        for field_name, text in getattr(serializer, "schema_rules", {}).items():
            rules_by_field.setdefault(field_name, []).append(text)
        for field_name, rules in rules_by_field.items():
            for name, field in serializer.fields.items():
                if (field.source or name) == field_name and name in properties:
                    prop = properties[name]
                    rule = " ".join(f"Rule: {message}" for message in rules)
                    text = prop.get("description", "")
                    if rule not in text:
                        prop["description"] = f"{text} {rule}".strip()
        return schema


def describe_filter(parameter: dict, fltr: Any) -> None:
    """A list filter's parameter with the constraints the server applies to it."""
    schema = parameter.setdefault("schema", {})
    extra = fltr.extra
    if "min_value" in extra and schema.get("type") in ("integer", "number"):
        schema["minimum"] = extra["min_value"]
    if "max_value" in extra and schema.get("type") in ("integer", "number"):
        schema["maximum"] = extra["max_value"]
    if "max_length" in extra and schema.get("type") == "string":
        schema["maxLength"] = extra["max_length"]
    # django-filter takes an empty value as no filter at all.
    parameter["allowEmptyValue"] = True
    parts = [str(extra.get("help_text") or parameter.get("description") or "")]
    if isinstance(fltr, django_filters.ModelChoiceFilter):
        key = fltr.extra.get("to_field_name") or "id"
        parts.append(f"An unknown {key} answers 400 naming the filter.")
    elif schema.get("enum"):
        parts.append("Another value answers 400 naming the filter.")
    elif schema.get("type") in ("integer", "number") or schema.get("format") == "date":
        parts.append("An invalid value answers 400 naming the filter.")
    parts.append("Empty: not filtered.")
    parameter["description"] = "\n\n".join(part for part in parts if part)


# --- Field types the server checks more closely than drf-spectacular says --------------------


class WebLinkFieldExtension(OpenApiSerializerFieldExtension):
    """A web link: an http(s) URL or a mailto: address (`WEB_LINK_PATTERN`)."""

    target_class = WebLinkField
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict:
        field = self.target
        link: dict[str, Any] = {"type": "string", "format": "uri", "pattern": WEB_LINK_PATTERN}
        if field.max_length is not None:
            link["maxLength"] = field.max_length
        if field.allow_blank:
            return {"oneOf": [link, {"type": "string", "maxLength": 0}]}
        return link


class NaturalKeyFieldExtension(OpenApiSerializerFieldExtension):
    """A relation by natural key: a non-empty acronym, or a meeting number from 1."""

    target_class = NaturalKeyField
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict:
        field = self.target
        schema: dict[str, Any]
        if field.key_is_number():
            schema = {"type": "integer", "minimum": 1, "maximum": 32767}
        else:
            schema = {"type": "string", "minLength": 0 if field.allow_null else 1}
            key = field.get_queryset().model._meta.get_field(field.slug_field)
            if key.max_length:
                schema["maxLength"] = key.max_length
        return schema
