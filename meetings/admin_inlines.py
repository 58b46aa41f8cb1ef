"""The inlines of the admin's meeting page: the rows of the parts edited there (statements,
outcomes, actions, links, speakers), each written with the meeting as its part's entries."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from ccwg.core.models import link_title
from meetings import admin_selectors
from meetings.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingKind,
    MeetingLink,
    Outcome,
    Speaker,
    Statement,
)


class MeetingChildInline(admin.TabularInline):
    """Inlines of the meeting page: agenda-item choices limited to the meeting being edited,
    labelled by their number in the agenda. The rows are written with the meeting, as its
    part's entries (`entries`), in the order of the page."""

    extra = 0

    @classmethod
    def entry(cls, row_form: forms.ModelForm) -> Any:
        """One row as its part's entry for the services: the values of the form, and the
        row's other fields as stored (what the page does not show is kept)."""
        names = [name for name in cls.fields or () if isinstance(name, str)]
        shown = {name: row_form.cleaned_data.get(name) for name in names}
        model = cls.model
        kept = {
            field.name: getattr(row_form.instance, field.name)
            for field in model._meta.concrete_fields
            if not field.primary_key
            and field.name not in shown
            and field.name not in ("meeting", "position")
        }
        return {**kept, **shown}

    @classmethod
    def entries(cls, formset: forms.BaseModelFormSet) -> list[Any] | None:
        """The part as the page submitted it (None when the page left it as it was)."""
        if not formset.has_changed():
            return None
        deleted = set(map(id, formset.deleted_forms))
        return [
            cls.entry(row_form)
            for row_form in formset.forms
            if id(row_form) not in deleted
            and (row_form.instance.pk is not None or row_form.has_changed())
        ]

    def get_formset(
        self, request: HttpRequest, obj: Meeting | None = None, **kwargs: Any
    ) -> type[forms.BaseInlineFormSet]:
        self._meeting = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.name in {"parent", "agenda_item"}:
            meeting = getattr(self, "_meeting", None)
            kwargs["queryset"] = (
                AgendaItem.objects.filter(meeting=meeting) if meeting else AgendaItem.objects.none()
            )
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            labels = admin_selectors.numbered_agenda_labels(meeting) if meeting else {}

            def label(item: AgendaItem) -> str:
                return labels.get(item.pk, item.title)

            if field is not None:
                field.label_from_instance = label  # type: ignore[method-assign,assignment]
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SpeakerInline(MeetingChildInline):
    model = Speaker
    fields = ["name", "affiliation", "person"]
    autocomplete_fields = ["person"]


class StatementInline(MeetingChildInline):
    template = "admin/edit_inline/stacked.html"
    model = Statement
    fields = ["agenda_item", "source", "author", "author_name", "text"]
    autocomplete_fields = ["source", "author"]


class OutcomeInline(MeetingChildInline):
    model = Outcome
    fields = ["text"]

    @classmethod
    def entry(cls, row_form: forms.ModelForm) -> Any:
        return row_form.cleaned_data["text"]


class ActionItemInline(MeetingChildInline):
    template = "admin/edit_inline/stacked.html"
    model = ActionItem
    fields = ["description", "agenda_item", "owner", "owner_name", "due_on", "status"]
    autocomplete_fields = ["owner"]


class LinkForm(forms.ModelForm):
    """A link's row: the title may be left blank for the URL (`link_title`, as the API)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].required = False
            self.fields["title"].help_text = "Blank: the URL."

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        cleaned["title"] = link_title(cleaned.get("title"), cleaned.get("url"))
        return cleaned

    def _get_validation_exclusions(self) -> set[str]:
        # The title as defaulted is the model's to validate (blank with no URL: refused).
        exclusions: set[str] = super()._get_validation_exclusions()  # type: ignore[misc]
        return exclusions - {"title"}


class MeetingLinkInline(MeetingChildInline):
    model = MeetingLink
    form = LinkForm
    fields = ["title", "url", "kind"]


#: The inlines that apply only to some kinds of meeting.
KIND_INLINES = {SpeakerInline: (MeetingKind.PUBLIC_SESSION, MeetingKind.WORKSHOP)}
