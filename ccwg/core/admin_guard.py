"""No lost update in the admin: a save made on a stale page is refused.

`StaleSaveGuardAdmin` is mixed into a ModelAdmin. The change form carries a hidden token: the
state of the record and of the rows shown on its page as it was when the page was opened
(`page_state`, which an admin overrides to take in everything its page shows), signed, with
the time. On save, the state is read again, with the record's row locked: when it differs,
someone else saved in between, and the save is refused before anything is written. The form
comes back with the user's input as typed, an error that lists what the other person changed
(`describe_page_changes`: field, old → new; rows added, removed, changed) and who
(`page_changed_by`), and a fresh token, so saving again applies the input on top of their
changes. A POST without the token (a script, an older page) is not checked.

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


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


def _same_text(submitted: Any, shown: str) -> bool:
    """Whether submitted text is what the page showed (line ends and trailing spaces aside)."""
    if submitted is None:
        return False

    def norm(text: str) -> str:
        return "\n".join(
            line.rstrip() for line in str(text).replace("\r\n", "\n").split("\n")
        ).strip()

    return norm(submitted) == norm(shown)


def _shown_values(form: forms.BaseForm) -> dict[str, str]:
    """What an unbound form shows in its plain text and number fields."""
    shown = {}
    for name in form.fields:
        if name == TOKEN_FIELD:
            continue
        value = form[name].value()
        if value is None or (isinstance(value, str | int) and not isinstance(value, bool)):
            shown[name] = _as_text(value)
    return shown


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
    def page_token(self, obj: models.Model, shown: dict[str, str] | None = None) -> str:
        """The signed token: the page's state, when it was opened, and what its plain
        fields showed (so that a refused save can tell the fields you changed)."""
        state = {
            "state": _plain(self.page_state(obj)),
            "at": timezone.now().isoformat(),
            "shown": shown or {},
        }
        return signing.dumps(state, salt=_SALT, compress=True)

    @staticmethod
    def _refresh_untouched(
        form: forms.BaseForm, data: Any, shown: dict[str, str], fresh: models.Model
    ) -> None:
        """In the refused input, fields the user left as they were opened take the values
        saved since (the other person's), so saving again keeps their changes there."""
        current = type(form)(instance=fresh)  # type: ignore[call-arg]
        for name, then in shown.items():
            key = form.add_prefix(name)
            if name in current.fields and _same_text(data.get(key), then):
                data[key] = _as_text(current[name].value())

    def check_page_state(self, form: forms.BaseForm, obj: models.Model) -> None:
        """Refuse (a form error) when the record changed since the page was opened."""
        token = form.data.get(form.add_prefix(TOKEN_FIELD))
        if not token:
            return
        try:
            opened = signing.loads(token, salt=_SALT)
        except signing.BadSignature as error:
            raise ValidationError(
                "This page's record of what it showed is unreadable: reload the page."
            ) from error
        now = self.stored_page_state(obj)
        if etag_of(opened["state"]) == etag_of(now):
            return
        fresh = type(obj)._default_manager.get(pk=obj.pk)
        since = parse_datetime(opened.get("at") or "")
        who = self.page_changed_by(fresh, since) if since else []
        changes = self.describe_page_changes(opened["state"], now)
        data = form.data.copy()  # type: ignore[attr-defined]
        self._refresh_untouched(form, data, opened.get("shown") or {}, fresh)
        data[form.add_prefix(TOKEN_FIELD)] = self.page_token(
            fresh,
            shown=_shown_values(type(form)(instance=fresh)),  # type: ignore[call-arg]
        )
        form.data = data
        verbose = type(obj)._meta.verbose_name
        opened_at = f" ({since:%H:%M} UTC)" if since else ""
        raise ValidationError(
            [
                f"{', '.join(who) if who else 'Someone else'} saved this {verbose} after you "
                f"opened it{opened_at}, so your changes were not saved. Your input is kept "
                "below, and the fields you had not changed show what they saved: check what "
                "they changed, then save again to apply yours on top.",
                *(f"They changed: {line}" for line in changes or ["(nothing shown on this page)"]),
            ]
        )

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
        return self._guarded(form_class, obj)

    def _guarded(self, form_class: Any, obj: models.Model) -> Any:
        guard = self

        class GuardedForm(form_class):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self.fields[TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
                if not self.is_bound:
                    self.fields[TOKEN_FIELD].initial = guard.page_token(
                        obj, shown=_shown_values(self)
                    )

            def clean(self) -> Any:
                cleaned = super().clean()
                guard.check_page_state(self, obj)
                return cleaned

        GuardedForm.__name__ = form_class.__name__
        GuardedForm.__qualname__ = form_class.__qualname__
        return GuardedForm
