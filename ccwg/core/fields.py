"""Model fields for untrusted text: free text with a length cap, and links limited to the
web (`http`, `https`) and e-mail (`mailto:`).

Every limit is enforced by the model (`full_clean`, which the services run), the admin's
forms and the API's serializers alike, so oversized input is an error naming its field, and
the renderers only ever meet text of a bounded size.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    ProhibitNullCharactersValidator,
)
from django.db import models

from ccwg.rest.fields import is_web_link

#: Caps of free text, in characters. Longest in the 2017 records: 1,786 (a statement).
SHORT_TEXT = 2_000  # notes, reasons, action items
TEXT = 10_000  # descriptions, statements, outcomes
LONG_TEXT = 20_000  # report narratives, meeting notes

#: The schemes a link may use.
LINK_SCHEMES = ("http", "https", "mailto")

LINK_MESSAGE = "Enter a web address (http:// or https://) or a mailto: address."


def validate_link_url(value: str) -> None:
    """Accept `http(s)://…` and `mailto:address`; refuse `javascript:`, `data:`, `ftp:`..."""
    if value and not is_web_link(value):
        raise ValidationError(LINK_MESSAGE, code="invalid")


class LinkFormField(forms.URLField):
    default_validators = [validate_link_url]
    default_error_messages = {"invalid": LINK_MESSAGE}


class LinkURLField(models.URLField):
    """A URL field that accepts only http(s) and mailto links (see `validate_link_url`)."""

    default_validators = [validate_link_url]

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(
            form_class=form_class or LinkFormField, choices_form_class=choices_form_class, **kwargs
        )


class CappedTextField(models.TextField):
    """Free text with a length cap that the model enforces (a plain `TextField`'s
    `max_length` only reaches forms), and no NUL character (PostgreSQL cannot store it)."""

    def __init__(self, *args: Any, max_length: int = TEXT, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)
        self.validators.append(MaxLengthValidator(max_length))
        self.validators.append(ProhibitNullCharactersValidator())
