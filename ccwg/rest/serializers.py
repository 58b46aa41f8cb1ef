"""The base serializer of every record: validated with the model's own rules."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from rest_framework import serializers

from ccwg.rest.errors import raise_model_errors


class CleanModelSerializer(serializers.ModelSerializer):
    # The docstring below is published: drf-spectacular describes every resource serializer
    # that has no docstring of its own with it, so it is kept word for word (module names of
    # the time included) and the OpenAPI schema stays as it is. Today `model_errors` is in
    # `ccwg.rest.errors`, and `links` are written by `ccwg.core.api.LinkedModelSerializer`
    # (`sync_links` is in `ccwg.core.services`); `save_parts` is the hook.
    """A model serializer that validates with the model's own rules before saving.

    `validate` applies the input to a copy of the record and runs `full_clean` and every
    constraint (see `ccwg.api_errors.model_errors`), so each broken rule answers 400
    under its field. DRF's own unique-together validators are off: the model's
    constraints (with their conditions and messages) are the single source.

    `links` (when the serializer declares it and sets `link_model`/`link_owner_field`) is
    written whole with `ccwg.services.sync_links` after the record is saved.
    """

    def get_uniqueness_extra_kwargs(self, field_names, declared_fields, extra_kwargs):
        return extra_kwargs, {}

    def get_validators(self) -> list:
        return []

    def _model_field_names(self) -> tuple[set[str], set[str]]:
        opts = self.Meta.model._meta
        concrete = {f.name for f in opts.concrete_fields}
        many = {f.name for f in opts.many_to_many}
        return concrete, many

    def prepare_instance(self, instance: models.Model, attrs: Mapping) -> None:
        """Hook: adjust the record (e.g. defaults) before it is validated and saved."""

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        concrete, _ = self._model_field_names()
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name in concrete:
                setattr(instance, name, value)
        self.prepare_instance(instance, attrs)
        raise_model_errors(instance)
        return attrs

    def _split(self, validated_data: dict) -> tuple[dict, dict, dict]:
        concrete, many = self._model_field_names()
        scalar, m2m, parts = {}, {}, {}
        for name, value in validated_data.items():
            if name in concrete:
                scalar[name] = value
            elif name in many:
                m2m[name] = value
            else:
                parts[name] = value
        return scalar, m2m, parts

    def save_parts(self, instance: models.Model, parts: Mapping[str, Any]) -> None:
        """Hook: write what is neither a field nor a many-to-many (e.g. `links`), after
        the record is saved."""

    @transaction.atomic
    def create(self, validated_data: dict) -> models.Model:
        scalar, m2m, parts = self._split(validated_data)
        instance = self.Meta.model(**scalar)
        self.prepare_instance(instance, validated_data)
        instance.save()
        for name, value in m2m.items():
            getattr(instance, name).set(value)
        self.save_parts(instance, parts)
        return instance

    @transaction.atomic
    def update(self, instance: models.Model, validated_data: dict) -> models.Model:
        """Save only what changed: writing a record back as read adds no history."""
        scalar, m2m, parts = self._split(validated_data)
        changed = False
        for name, value in scalar.items():
            if getattr(instance, name) != value:
                setattr(instance, name, value)
                changed = True
        self.prepare_instance(instance, validated_data)
        if changed:
            instance.save()
        for name, value in m2m.items():
            manager = getattr(instance, name)
            if {obj.pk for obj in manager.all()} != {obj.pk for obj in value}:
                manager.set(value)
        self.save_parts(instance, parts)
        return instance
