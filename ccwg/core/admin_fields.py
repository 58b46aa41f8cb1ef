"""Form fields the admin pages share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest

from ccwg.core.models import WorkingGroup
from ccwg.core.selectors import group_by_acronym

GROUP_REQUIRED = (
    "Choose the group: type part of its acronym or name in the box, then pick it from the "
    "list. A group not on record yet is added first under Working groups."
)
GROUP_UNKNOWN = (
    "No working group “%(value)s” is on record: add it first under Working groups, or choose "
    "one from the list."
)


def _typed_group(acronym: str) -> WorkingGroup | None:
    """The group an acronym typed in names, case aside."""
    return group_by_acronym(acronym) or WorkingGroup.objects.filter(acronym__iexact=acronym).first()


class GroupChoiceField(forms.ModelChoiceField):
    """A record's working group: chosen from the list, or named by its acronym; a group that
    is not on record is an error that says so (not only "This field is required.")."""

    default_error_messages = {"required": GROUP_REQUIRED, "invalid_choice": GROUP_UNKNOWN}

    def prepare_value(self, value: Any) -> Any:
        # An acronym typed in: shown as its group when on record, else as no choice (the
        # error names what was typed).
        if isinstance(value, str) and value.strip() and not value.strip().isdigit():
            group = _typed_group(value.strip())
            return group.pk if group is not None else ""
        return super().prepare_value(value)

    def to_python(self, value: Any) -> Any:
        typed = value.strip() if isinstance(value, str) else value
        if isinstance(typed, str) and typed and not typed.isdigit():
            group = _typed_group(typed)
            if group is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": typed},
                )
            return group
        return super().to_python(value)


class GroupFieldAdmin:
    """Mixin for a ModelAdmin whose record has a `working_group`: its field is a
    `GroupChoiceField`."""

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.name == "working_group":
            kwargs["form_class"] = GroupChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


__all__ = ["GroupChoiceField", "GroupFieldAdmin"]
