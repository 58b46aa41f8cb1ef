"""No lost update in the admin: a save made on a stale page is refused.

`StaleSaveGuardAdmin` is mixed into a ModelAdmin. The change form carries a hidden token: the
state of the record and of the rows shown on its page as it was when the page was opened
(`page_state`, which an admin overrides to take in everything its page shows), signed, with
the time. On save, the state is read again, with the record's row locked: when it differs,
someone else saved in between, and the save is refused before anything is written. The form
comes back with an error that lists what the other person changed
(`describe_page_changes`: field, old → new; rows added, removed, changed) and who
(`page_changed_by`), and a fresh token; the user's input is laid on the page as it is now
(`merge_page`): every field, inline cell and row the user changed keeps the input, every
other shows what was saved since, whatever its widget (date, time, select, autocomplete,
checkbox, inline rows added or deleted since), so saving again applies only the user's
changes on top of theirs. A POST without the token (a script, an older page) is not checked.

The idea is the API's `If-Match` (`ccwg.rest.concurrency`), whose digest this reuses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.forms.models import _get_foreign_key
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ccwg.rest.concurrency import etag_of

#: The hidden field of the change form that carries the page's state.
TOKEN_FIELD = "page_state_token"
_SALT = "ccwg.core.admin_guard.page_state"


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _is_stored_field(field: models.Field) -> bool:
    return not (
        field.primary_key
        or getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
    )


def record_state(obj: models.Model, exclude: Sequence[str] = ()) -> dict[str, Any]:
    """A record's stored values (many-to-many as sorted ids), as plain data."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if _is_stored_field(field) and field.name not in exclude:
            values[field.name] = _plain(field.value_from_object(obj))
    for m2m in obj._meta.many_to_many:
        if m2m.name not in exclude:
            values[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return values


def _display(value: Any) -> str:
    if value is None or value == "":
        return "blank"
    text = " ".join(str(value).split())
    return f"'{text[:57]}…'" if len(text) > 60 else repr(text) if isinstance(value, str) else text


def describe_state_changes(then: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What differs between two generic page states, in words."""
    lines = []
    for name in sorted(set(then.get("fields", {})) | set(now.get("fields", {}))):
        old, new = then.get("fields", {}).get(name), now.get("fields", {}).get(name)
        if old != new:
            label = name.replace("_", " ").capitalize()
            lines.append(f"{label}: {_display(old)} → {_display(new)}")
    for label in sorted(set(then.get("children", {})) | set(now.get("children", {}))):
        old_rows = then.get("children", {}).get(label, {})
        new_rows = now.get("children", {}).get(label, {})
        texts = [f"added #{pk}" for pk in new_rows if pk not in old_rows]
        texts += [f"removed #{pk}" for pk in old_rows if pk not in new_rows]
        for pk in old_rows:
            if pk in new_rows and old_rows[pk] != new_rows[pk]:
                fields = [n for n in new_rows[pk] if old_rows[pk].get(n) != new_rows[pk][n]]
                texts.append(f"changed #{pk} ({', '.join(fields)})")
        if texts:
            lines.append(f"{label}: {'; '.join(texts)}")
    return lines


def _norm(value: str) -> str:
    """Text as compared for "untouched": line ends and trailing spaces aside."""
    return "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").split("\n")).strip()


def _same(submitted: list[str], shown: list[str] | None) -> bool:
    """Whether what a field submitted is what the page showed in it."""
    if shown is None:
        return False
    return sorted(map(_norm, submitted)) == sorted(map(_norm, shown))


def widget_data(bound: forms.BoundField) -> list[str]:
    """What a browser submits for a field as the page renders it, left untouched: the
    widget's formatted value (a date in its format, a choice's key), a ticked box's "on"."""
    widget = bound.field.widget
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    value = bound.value()
    if isinstance(widget, forms.CheckboxInput):
        return ["on"] if widget.check_test(value) else []
    formatted = widget.format_value(value)
    if formatted is None:
        return [""]
    if isinstance(formatted, list | tuple):
        return [str(item) for item in formatted]
    return [str(formatted)]


def _form_data(form: forms.BaseForm) -> dict[str, list[str]]:
    return {bound.name: widget_data(bound) for bound in form if bound.name != TOKEN_FIELD}


def _pk_name(formset: forms.BaseFormSet) -> str:
    return formset.model._meta.pk.name  # type: ignore[attr-defined]


def page_data(form: forms.BaseForm, formsets: Sequence[forms.BaseFormSet]) -> dict[str, Any]:
    """What an untouched page submits: the form's fields by name, and each inline's stored
    rows by primary key (plain data, kept in the token)."""
    return {
        "fields": _form_data(form),
        "rows": {
            formset.prefix: {str(row.instance.pk): _form_data(row) for row in formset.initial_forms}
            for formset in formsets
        },
    }


def _submitted_rows(
    data: Any, prefix: str, pk_name: str
) -> tuple[dict[str, dict[str, list[str]]], list[dict[str, list[str]]]]:
    """The rows of an inline as submitted: the stored ones by primary key, the new ones."""

    def count(name: str) -> int:
        value = data.get(f"{prefix}-{name}", "")
        return int(value) if str(value).isdigit() else 0

    stored: dict[str, dict[str, list[str]]] = {}
    new: list[dict[str, list[str]]] = []
    for index in range(min(count("TOTAL_FORMS"), 1000)):
        head = f"{prefix}-{index}-"
        row = {key[len(head) :]: data.getlist(key) for key in data if key.startswith(head)}
        pk = (row.get(pk_name) or [""])[0]
        if index < count("INITIAL_FORMS") and pk:
            stored[pk] = row
        else:
            new.append(row)
    return stored, new


def merge_page(
    submitted: Any,
    opened: dict[str, Any],
    form: forms.BaseForm,
    formsets: Sequence[forms.BaseFormSet],
) -> Any:
    """The input of a refused stale save on top of the page as it is now (`form` and
    `formsets`, unbound, read now): each field, inline cell or row the user changed since
    the page was opened (`opened`, its `page_data`) keeps the input; everything else shows
    what is stored now, whatever its widget. Rows added since appear; rows deleted since
    are gone; rows the user added follow."""
    merged = submitted.copy()
    then_fields = opened.get("fields", {})
    for name, now in _form_data(form).items():
        key = form.add_prefix(name)
        if _same(submitted.getlist(key), then_fields.get(name)):
            merged.setlist(key, now)
    for formset in formsets:
        prefix, pk_name = str(formset.prefix), _pk_name(formset)
        then_rows = opened.get("rows", {}).get(prefix, {})
        stored, new = _submitted_rows(submitted, prefix, pk_name)
        for key in [key for key in merged if key.startswith(f"{prefix}-")]:
            del merged[key]
        rows = []
        for row_form in formset.initial_forms:
            pk = str(row_form.instance.pk)
            row = _form_data(row_form)
            mine, then = stored.get(pk), then_rows.get(pk)
            if mine is not None and then is not None:
                for name, values in mine.items():
                    if not _same(values, then.get(name)):
                        row[name] = values
            rows.append(row)
        rows += new
        for index, row in enumerate(rows):
            for name, values in row.items():
                merged.setlist(f"{prefix}-{index}-{name}", values)
        for bound in formset.management_form:
            merged.setlist(bound.html_name, widget_data(bound))
        merged[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    return merged


class StaleSaveGuardAdmin:
    """Mixin for a ModelAdmin (before the admin class in the bases): refuses stale saves."""

    # -- what the page shows (override for pages that show more than the record's inlines)
    def page_state(self, obj: Any) -> Any:
        """Plain data of everything the change page shows: the record and its inline rows."""
        children: dict[str, dict[str, Any]] = {}
        for inline in getattr(self, "inlines", []):
            model = inline.model
            fk = _get_foreign_key(type(obj), model, fk_name=getattr(inline, "fk_name", None))
            if fk is None:
                continue
            rows = model._default_manager.filter(**{fk.name: obj})
            children[str(model._meta.verbose_name_plural).capitalize()] = {
                str(row.pk): record_state(row, exclude=[fk.name]) for row in rows
            }
        return {"fields": record_state(obj), "children": children}

    def stored_page_state(self, obj: models.Model) -> Any:
        """The page's state as stored now, the record's row locked first (plain data); an
        admin that read the record locked already may answer from what it read."""
        manager = type(obj)._default_manager
        if connection.features.has_select_for_update:
            list(manager.select_for_update().filter(pk=obj.pk).values_list("pk"))
        return _plain(self.page_state(manager.get(pk=obj.pk)))

    def describe_page_changes(self, then: Any, now: Any) -> list[str]:
        """What changed between two `page_state`s, one line per field or part."""
        return describe_state_changes(then, now)

    def page_changed_by(self, obj: Any, since: dt.datetime) -> list[str]:
        """Who saved the record after `since` (from its history, where it has one)."""
        history = getattr(obj, "history", None)
        if history is None:
            return []
        users = (
            history.filter(history_date__gt=since)
            .exclude(history_user=None)
            .values_list("history_user", flat=True)
        )
        found = get_user_model()._default_manager.filter(pk__in=set(users))
        return sorted(str(user) for user in found)

    # -- the token
    def page_token(self, state: Any, shown: dict[str, Any]) -> str:
        """The signed token: the page's state (`page_state`, plain), when it was opened, and
        what its fields and inline rows showed (`page_data`: so that a refused save can tell
        what you changed)."""
        token = {"state": state, "at": timezone.now().isoformat(), "shown": shown}
        return signing.dumps(token, salt=_SALT, compress=True)

    def _page_now(
        self, request: HttpRequest, form: forms.BaseForm, obj: models.Model
    ) -> tuple[forms.BaseForm, list[forms.BaseFormSet]]:
        """The page as it would open now: its form and inline formsets, unbound."""
        formsets: list[forms.BaseFormSet] = []
        prefixes: dict[str, int] = {}
        for formset_class, inline in self.get_formsets_with_inlines(request, obj):  # type: ignore[attr-defined]
            prefix = formset_class.get_default_prefix()
            prefixes[prefix] = prefixes.get(prefix, 0) + 1
            if prefixes[prefix] != 1 or not prefix:
                prefix = f"{prefix}-{prefixes[prefix]}"
            formsets.append(
                formset_class(instance=obj, prefix=prefix, queryset=inline.get_queryset(request))
            )
        return type(form)(instance=obj), formsets  # type: ignore[call-arg]

    def check_page_state(
        self, request: HttpRequest, form: forms.BaseForm, obj: models.Model
    ) -> ValidationError | None:
        """The refusal (a form error) when the record changed since the page was opened.

        The refused input is then laid on the page as it is now (`merge_page`): the form's
        data, and the inlines' (`get_formset_kwargs`), so that every field the user had not
        changed shows what was saved since, and saving again applies only the user's input."""
        token = form.data.get(form.add_prefix(TOKEN_FIELD))
        if not token:
            return None
        try:
            opened = signing.loads(token, salt=_SALT)
        except signing.BadSignature:
            return ValidationError(
                "This page's record of what it showed is unreadable: reload the page."
            )
        now = self.stored_page_state(obj)
        if etag_of(opened["state"]) == etag_of(now):
            return None
        since = parse_datetime(opened.get("at") or "")
        who = self.page_changed_by(obj, since) if since else []
        changes = self.describe_page_changes(opened["state"], now)
        fresh_form, fresh_formsets = self._page_now(request, form, obj)
        data = merge_page(form.data, opened.get("shown") or {}, fresh_form, fresh_formsets)
        data[form.add_prefix(TOKEN_FIELD)] = self.page_token(
            now, page_data(fresh_form, fresh_formsets)
        )
        form.data = data
        obj._page_merged_data = data  # type: ignore[attr-defined]
        verbose = type(obj)._meta.verbose_name
        opened_at = f" ({since:%H:%M} UTC)" if since else ""
        return ValidationError(
            [
                f"{', '.join(who) if who else 'Someone else'} saved this {verbose} after you "
                f"opened it{opened_at}, so your changes were not saved. Your input is kept "
                "below, and the fields you had not changed show what they saved: check what "
                "they changed, then save again to apply yours on top.",
                *(f"They changed: {line}" for line in changes or ["(nothing shown on this page)"]),
            ]
        )

    def get_formset_kwargs(
        self, request: HttpRequest, obj: models.Model, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_formset_kwargs(request, obj, inline, prefix)  # type: ignore[misc]
        merged = getattr(obj, "_page_merged_data", None)
        if merged is not None and "data" in kwargs:
            kwargs["data"] = merged.copy()
        return kwargs

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], add: bool = False,
        change: bool = False, form_url: str = "", obj: models.Model | None = None,
    ) -> Any:  # fmt: skip
        form = context["adminform"].form
        if obj is not None and obj.pk and not form.is_bound and TOKEN_FIELD in form.fields:
            formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
            form.initial[TOKEN_FIELD] = self.page_token(
                _plain(self.page_state(obj)), page_data(form, formsets)
            )
        return super().render_change_form(request, context, add, change, form_url, obj)  # type: ignore[misc]

    # -- the form
    def add_page_token(self, fieldsets: Any, obj: models.Model | None) -> Any:
        """The fieldsets with the hidden page-state token (a change page only); an admin
        that builds its own fieldsets without `super()` ends with this."""
        fieldsets = list(fieldsets)
        if obj is None or TOKEN_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": [TOKEN_FIELD], "classes": ["hidden"]})]

    def get_fieldsets(self, request: HttpRequest, obj: models.Model | None = None) -> Any:
        return self.add_page_token(super().get_fieldsets(request, obj), obj)  # type: ignore[misc]

    def get_form(
        self,
        request: HttpRequest,
        obj: models.Model | None = None,
        change: bool = False,
        **kwargs: Any,
    ) -> Any:
        if kwargs.get("fields"):
            kwargs["fields"] = [name for name in kwargs["fields"] if name != TOKEN_FIELD]
        elif obj is not None and "fields" not in kwargs:
            fieldsets = self.get_fieldsets(request, obj)
            kwargs["fields"] = [f for f in flatten_fieldsets(fieldsets) if f != TOKEN_FIELD]
        form_class = super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]
        if obj is None:
            return form_class
        return self._guarded(form_class, request, obj)

    def _guarded(self, form_class: Any, request: HttpRequest, obj: models.Model) -> Any:
        guard = self

        class GuardedForm(form_class):
            def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
                super().__init__(data, *args, **kwargs)
                self.fields[TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
                # Checked before the inlines read the input: a stale page's input is merged
                # with what is stored now, and read again.
                self._stale = guard.check_page_state(request, self, obj) if self.is_bound else None
                if self._stale is not None:
                    super().__init__(self.data, *args, **kwargs)
                    self.fields[TOKEN_FIELD] = forms.CharField(
                        widget=forms.HiddenInput, required=False
                    )

            def clean(self) -> Any:
                cleaned = super().clean()
                if self._stale is not None:
                    raise self._stale
                return cleaned

        GuardedForm.__name__ = form_class.__name__
        GuardedForm.__qualname__ = form_class.__qualname__
        return GuardedForm
