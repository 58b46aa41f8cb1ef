"""Relation fields written and read by a natural key."""

from __future__ import annotations

from typing import Any

from django.core.validators import URLValidator
from django.db import models
from rest_framework import serializers


class NaturalKeyField(serializers.SlugRelatedField):
    """A relation written and read by its natural key (an acronym or a number)."""

    default_error_messages = {
        "does_not_exist": "No {model} with {slug_name} {value!r}.",
        "invalid": "Invalid value.",
    }

    def to_internal_value(self, data: Any) -> models.Model:
        if isinstance(data, bool | list | dict | float):
            self.fail("invalid")
        queryset = self.get_queryset()
        try:
            return queryset.get(**{self.slug_field: data})
        except queryset.model.DoesNotExist:
            self.fail(
                "does_not_exist",
                model=queryset.model._meta.verbose_name,
                slug_name=self.slug_field,
                value=data,
            )
        except (TypeError, ValueError, OverflowError):
            self.fail("invalid")


def acronym_field(model: type[models.Model], **kwargs: Any) -> NaturalKeyField:
    return NaturalKeyField(slug_field="acronym", queryset=model.objects.all(), **kwargs)


def optional_acronym_field(model: type[models.Model], **kwargs: Any) -> NaturalKeyField:
    return acronym_field(model, required=False, allow_null=True, **kwargs)


class ModelURLField(serializers.URLField):
    """A URL validated by the validators it is given (the model field's: see
    `ccwg.core.fields.validate_link_url`) instead of DRF's own, which refuses `mailto:`.
    Still a `URLField`, so the schema says `format: uri`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, URLValidator)]
