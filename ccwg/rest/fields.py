"""Relation fields written and read by a natural key, and web links."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from rest_framework import serializers


class NaturalKeyField(serializers.SlugRelatedField):
    """A relation written and read by its natural key (an acronym or a number)."""

    default_error_messages = {
        "does_not_exist": "No {model} with {slug_name} {value!r}.",
        "invalid": "Invalid value.",
    }

    def key_is_number(self) -> bool:
        field = self.get_queryset().model._meta.get_field(self.slug_field)
        return isinstance(field, models.IntegerField)

    def to_internal_value(self, data: Any) -> models.Model:
        # The key in its own JSON type: a number for a number, a string for an acronym.
        expected = int if self.key_is_number() else str
        if isinstance(data, bool) or not isinstance(data, expected):
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


#: The schemes a web link may have; anything else (`javascript:`, `data:`, `ftp:`) is refused.
WEB_LINK_PATTERN = r"^(https?|mailto):"
_http_url = URLValidator(schemes=["http", "https"])


def is_web_link(value: str) -> bool:
    """True for an `http(s)://` URL or a `mailto:address`: the one rule for links, which the
    models' `LinkURLField` (ccwg.core.fields) and the API's `WebLinkField` both apply."""
    scheme, _, rest = value.partition(":")
    try:
        if scheme.lower() == "mailto":
            validate_email(rest.split("?", 1)[0])
        else:
            _http_url(value)
    except ValidationError:
        return False
    return True


class WebLinkField(serializers.CharField):
    """A link to the web: an `http(s)://` URL or a `mailto:` address, nothing else."""

    default_error_messages = {
        "invalid": "Enter a valid web link: an http:// or https:// URL, or mailto:address.",
    }

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if value and not is_web_link(value):
            self.fail("invalid")
        return value
