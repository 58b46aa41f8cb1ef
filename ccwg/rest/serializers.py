"""The base serializer of every record: it validates with the model's own rules; the
viewsets write through the services (see `RecordViewSet`)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, NoReturn

from django.db import models
from rest_framework import serializers

from ccwg.rest.errors import raise_model_errors
from ccwg.rest.fields import WebLinkField


def type_error(field: serializers.Field, value: Any) -> str | None:
    """Why `value` is not of the JSON type the schema gives `field`, or None.

    DRF coerces: `"12"` for an integer, `0` for a string, `"yes"` for a boolean. The
    API takes each value only in the type its schema states, so what the schema refuses the
    server refuses too (400 naming the field).
    """
    if value is None or field.read_only:
        return None
    if isinstance(field, serializers.BooleanField):
        return None if isinstance(value, bool) else "Must be true or false."
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "A whole number is required."
    if isinstance(field, serializers.CharField):
        if not isinstance(value, str):
            return "Not a valid string."
        # The schema's maxLength holds for the value as sent: DRF would trim the whitespace
        # around it first and take 301 characters as 300.
        if field.max_length is not None and len(value) > field.max_length:
            return f"Ensure this field has no more than {field.max_length} characters."
        return None
    if isinstance(field, serializers.ManyRelatedField) and isinstance(value, list):
        return _first_item_error(field.child_relation, value)
    if isinstance(field, serializers.ListField) and isinstance(value, list):
        return _first_item_error(field.child, value)
    return None


def _first_item_error(child: serializers.Field, values: list) -> str | None:
    for position, item in enumerate(values, start=1):
        error = type_error(child, item)
        if error:
            return f"item {position}: {error}"
    return None


class StrictTypesMixin:
    """Refuses values of another JSON type than the field's (see `type_error`)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            errors = {}
            for name, field in self.fields.items():
                if name in data:
                    error = type_error(field, data[name])
                    if error:
                        errors[name] = [error]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class StrictSerializer(StrictTypesMixin, serializers.Serializer):
    """A plain serializer (a nested part of a record) that takes each value in its own type.

    A nested part is always written whole, so a PATCH of its record gives each entry as a
    POST or PUT would: DRF skips the required fields and the defaults of every field under
    a partial root, which let an entry without its required `name` reach the services (a
    500). Here a missing required field is a 400 naming it, and a default is filled in.
    """

    def to_internal_value(self, data: Any) -> Any:
        if not getattr(self.root, "partial", False) or not isinstance(data, Mapping):
            return super().to_internal_value(data)
        writable = {name: field for name, field in self.fields.items() if not field.read_only}
        missing = {
            name: [field.error_messages["required"]]
            for name, field in writable.items()
            if field.required and name not in data
        }
        if missing:
            raise serializers.ValidationError(missing)
        value = super().to_internal_value(data)
        for name, field in writable.items():
            if name not in data and field.default is not serializers.empty:
                default = field.default() if callable(field.default) else field.default
                value[field.source] = copy.deepcopy(default)
        return value


class CleanModelSerializer(StrictTypesMixin, serializers.ModelSerializer):
    # The docstring below is published: drf-spectacular describes every resource serializer
    # that has no docstring of its own with it, so it is kept word for word (module names of
    # the time included) and the OpenAPI schema stays as it is. Today `model_errors` is in
    # `ccwg.rest.errors`, and this serializer no longer saves: `RecordViewSet` passes
    # `service_kwargs()` to the resource's services (`links` too, which they write whole).
    """A model serializer that validates with the model's own rules before saving.

    `validate` applies the input to a copy of the record and runs `full_clean` and every
    constraint (see `ccwg.api_errors.model_errors`), so each broken rule answers 400
    under its field. DRF's own unique-together validators are off: the model's
    constraints (with their conditions and messages) are the single source.

    `links` (when the serializer declares it and sets `link_model`/`link_owner_field`) is
    written whole with `ccwg.services.sync_links` after the record is saved.
    """

    # Links to the web: http(s) and mailto only (see `WebLinkField`).
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: WebLinkField,
    }

    def get_uniqueness_extra_kwargs(self, field_names, declared_fields, extra_kwargs):
        return extra_kwargs, {}

    def get_validators(self) -> list:
        return []

    #: Rules the model checks in `clean()`, by field, for the schema's field descriptions
    #: (constraints and unique fields are described from the model itself).
    schema_rules: dict[str, str] = {}

    #: Model fields left out of the model validation: fields the services set themselves
    #: (e.g. a report's version), which the input never carries.
    model_validation_exclude: tuple[str, ...] = ()

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        model = self.Meta.model
        concrete = {f.name for f in model._meta.concrete_fields}
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name in concrete:
                setattr(instance, name, value)
        raise_model_errors(instance, exclude=list(self.model_validation_exclude))
        return attrs

    def service_kwargs(self) -> dict[str, Any]:
        """The validated input as keyword arguments of the resource's create/update service."""
        return dict(self.validated_data)

    def create(self, validated_data: dict) -> NoReturn:
        raise NotImplementedError("Records are written by their services (see RecordViewSet).")

    def update(self, instance: Any, validated_data: dict) -> NoReturn:
        raise NotImplementedError("Records are written by their services (see RecordViewSet).")
