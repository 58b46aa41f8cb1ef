"""The inlines of the admin's meeting page: the rows of the parts edited there (statements,
outcomes, actions, links, speakers), each written with the meeting as its part's entries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from ccwg.core.models import link_title
from meetings import admin_selectors
from meetings.admin_forms import IsoDateField, counted
from meetings.models import (
    ActionItem,
    Meeting,
    MeetingKind,
    MeetingLink,
    Outcome,
    Speaker,
    Statement,
)
from meetings.outline import OutlineError, numbered, parse_outline


class MeetingChildInline(admin.TabularInline):
    """Inlines of the meeting page. The rows are written with the meeting, as its part's
    entries (`entries`), in the order of the page."""

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

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if type(db_field) is models.DateField:  # one date format: ISO, shown back as typed
            kwargs.update(form_class=IsoDateField, widget=IsoDateField.widget_for())
        if isinstance(db_field, models.URLField):  # a plain box: the row is the link already
            kwargs["widget"] = forms.URLInput(attrs={"class": "vURLField"})
        return counted(super().formfield_for_dbfield(db_field, request, **kwargs))


def _typed_outline(
    inline: admin.options.InlineModelAdmin, request: HttpRequest, meeting: Any
) -> str:
    """The agenda outline the page's rows point into: as submitted (a stale page's merged
    with what is stored now), else as stored, else as a new page starts it."""
    if request.method == "POST":
        data = getattr(meeting, "_page_merged_data", None) or request.POST
        return data.get("agenda_outline") or ""
    if meeting is not None and meeting.pk:
        return admin_selectors.agenda_outline(meeting)
    parent = inline.admin_site._registry[Meeting]
    return str(parent.get_changeform_initial_data(request).get("agenda_outline") or "")


class AgendaRowForm(forms.ModelForm):
    """A row that points at an agenda item by its full number in the agenda outline of the
    same page ("1.a"), so that an item typed in the outline can be chosen before anything
    is saved (the page's script keeps the choices following the outline as typed). A
    stored row left on its item keeps it, wherever the outline moves it."""

    agenda_item = forms.ChoiceField(label="Agenda item", required=False)
    #: The outline's items ((number, label) choices; number -> path) and the stored items'
    #: numbers by id, set for each page by `AgendaRowsInline.get_formset`.
    agenda_choices: tuple[tuple[str, str], ...] = ()
    agenda_paths: Mapping[str, tuple[int, ...]] = {}
    stored_numbers: Mapping[int, str] = {}

    class Meta:
        # The model field is not assigned from the form: the row names its item by number.
        exclude = ["agenda_item"]  # noqa: DJ006

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "---------"), *self.agenda_choices]
        field.widget.attrs["class"] = "agenda-choice"
        item_id = getattr(self.instance, "agenda_item_id", None)
        if item_id is not None:
            self.initial.setdefault("agenda_item", self.stored_numbers.get(item_id, ""))


class AgendaRowsInline(MeetingChildInline):
    """The inline of a part whose rows point at agenda items (statements, actions)."""

    form = AgendaRowForm

    def get_formset(
        self, request: HttpRequest, obj: Meeting | None = None, **kwargs: Any
    ) -> type[forms.BaseInlineFormSet]:
        try:
            items = numbered(parse_outline(_typed_outline(self, request, obj)))
        except OutlineError:
            items = []
        kwargs["form"] = type(
            self.form.__name__,
            (self.form,),
            {
                "agenda_choices": tuple((n, f"{n}. {item.title}") for n, _, item in items),
                "agenda_paths": {n: path for n, path, _ in items},
                "stored_numbers": admin_selectors.agenda_numbers(obj) if obj and obj.pk else {},
            },
        )
        return super().get_formset(request, obj, **kwargs)

    @classmethod
    def entry(cls, row_form: forms.ModelForm) -> Any:
        values = super().entry(row_form)
        number = values.pop("agenda_item", "") or ""
        if row_form.instance.pk is not None and "agenda_item" not in row_form.changed_data:
            values["agenda_item"] = row_form.instance.agenda_item
        else:
            path = getattr(row_form, "agenda_paths", {}).get(number)
            values["agenda_path"] = list(path) if path else None
        return values


class SpeakerInline(MeetingChildInline):
    model = Speaker
    fields = ["name", "affiliation", "person"]
    autocomplete_fields = ["person"]


class StatementInline(AgendaRowsInline):
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


class ActionItemInline(AgendaRowsInline):
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
