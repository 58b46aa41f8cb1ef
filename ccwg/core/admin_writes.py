"""The admin writes through the services, and shows what they refuse as a message.

`ServiceWritesAdmin` is mixed into every ModelAdmin of the records. The record's form and
its inline forms validate as Django's admin always did; the writes themselves are calls of
the record's services (`services`, or `inline_services` for the rows of an inline), or of
the generic writes of `ccwg.core.writes` for the parts that have no services of their own
(agenda items, roles, links, ...). A refusal (a domain error of `ccwg.errors`, or a
`ValidationError` a service raised) is shown once, here, as an error message; nothing of
that submission is saved.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from ccwg.core.deletion import referrers
from ccwg.core.text import count_of
from ccwg.core.writes import RecordWrites, create_record, delete_record, update_record
from ccwg.errors import DomainError


def refusal_text(error: DomainError | ValidationError) -> str:
    """What a refused write says to staff."""
    if isinstance(error, DomainError):
        return error.message
    return " ".join(error.messages)


def generic_services(model: type[models.Model], record: str = "record") -> RecordWrites:
    """The generic writes (`ccwg.core.writes`) for a model without services of its own."""

    def update(**values: Any) -> models.Model:
        return update_record(values.pop(record), values)

    return RecordWrites(
        record=record,
        create=lambda **values: create_record(model, values),
        update=update,
        delete=lambda **values: delete_record(
            values[record], replace_with=values.get("replace_with")
        ),
    )


def _model_values(form, model: type[models.Model]) -> dict[str, Any]:
    """The form's cleaned values of the model's own fields (many-to-many included)."""
    names = {f.name for f in model._meta.concrete_fields if not f.primary_key}
    names |= {f.name for f in model._meta.many_to_many}
    return {name: form.cleaned_data[name] for name in form.fields if name in names}


def take_over(obj: models.Model, saved: models.Model) -> None:
    """Make the admin's object the row the service saved (inlines and the log use it)."""
    if saved is obj:
        return
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


class ServiceWritesAdmin:
    """Mixin for a ModelAdmin: save, delete and inline rows go through the services."""

    #: The record's services; None: the generic writes.
    services: RecordWrites | None = None
    #: Services of the rows of an inline, by model; others use the generic writes.
    inline_services: Mapping[type[models.Model], RecordWrites] = {}

    # -- which services
    def record_services(self) -> RecordWrites:
        return self.services or generic_services(self.model)

    def row_services(self, model: type[models.Model]) -> RecordWrites:
        return self.inline_services.get(model) or generic_services(model)

    # -- what is written
    def record_values(self, request: HttpRequest, form) -> dict[str, Any]:
        """The record's values the services are given (a form may add values it computes)."""
        return _model_values(form, self.model)

    def row_values(self, request: HttpRequest, formset, row_form) -> dict[str, Any]:
        """The values of one inline row the services are given."""
        return _model_values(row_form, formset.model)

    # -- the record
    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        services = self.record_services()
        values = self.record_values(request, form)
        if change:
            stored = self.model._default_manager.get(pk=obj.pk)
            saved = services.update(**{services.record: stored}, **values)
        else:
            saved = services.create(**values)
        take_over(obj, saved)

    def delete_model(self, request: HttpRequest, obj) -> None:
        services = self.record_services()
        services.delete(**{services.record: obj})

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # Many-to-many values were written with the record (see `save_model`).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    # -- the rows of an inline
    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        model = formset.model
        services = self.row_services(model)
        fk = getattr(formset, "fk", None)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        deleted = formset.deleted_forms
        for row_form in deleted:
            row = row_form.instance
            if row.pk is not None:
                services.delete(**{services.record: model._default_manager.get(pk=row.pk)})
                formset.deleted_objects.append(row)
        for row_form in formset.forms:
            if row_form in deleted or not row_form.has_changed():
                continue
            values = self.row_values(request, formset, row_form)
            if fk is not None:
                values[fk.name] = formset.instance
            row = row_form.instance
            if row.pk is not None:
                stored = model._default_manager.get(pk=row.pk)
                take_over(row, services.update(**{services.record: stored}, **values))
                formset.changed_objects.append((row, row_form.changed_data))
            else:
                take_over(row, services.create(**values))
                formset.new_objects.append(row)

    # -- refusals become messages
    def message_refusal(self, request: HttpRequest, error: DomainError | ValidationError) -> None:
        self.message_user(request, refusal_text(error), messages.ERROR)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (DomainError, ValidationError) as error:
            self.message_refusal(request, error)
            return HttpResponseRedirect(request.get_full_path())

    # -- deleting: everything that refers to the record is listed; none is changed unasked
    def render_delete_form(self, request: HttpRequest, context: dict[str, Any]):
        response = super().render_delete_form(request, context)  # type: ignore[misc]
        if not getattr(self, "delete_confirmation_template", None):
            # Lists what refers to the record, and offers a replacement.
            response.template_name = "admin/ccwg/delete_confirmation.html"
        return response

    def _referrer_entry(self, request: HttpRequest, obj: models.Model) -> str:
        opts = obj._meta
        label = f"{capfirst(opts.verbose_name)}: "
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        except NoReverseMatch:
            return f"{label}{obj}"
        return format_html('{}<a href="{}">{}</a>', label, url, obj)

    def get_deleted_objects(self, objs, request: HttpRequest):
        """Django's lists, and every record that refers to one of `objs` (a link of a
        many-to-many included) among the protected ones, which stop the deletion."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(  # type: ignore[misc]
            objs, request
        )
        listed = [str(entry) for entry in protected]
        for obj in objs:
            for referrer in referrers(obj):
                entry = self._referrer_entry(request, referrer)
                if str(entry) not in listed:
                    listed.append(str(entry))
                    protected.append(entry)
        return deleted, counts, perms_needed, protected

    def can_replace(self) -> bool:
        delete = self.record_services().delete
        return "replace_with" in inspect.signature(delete).parameters

    def replacement_choices(self, obj: models.Model) -> list[models.Model]:
        return list(self.model._default_manager.exclude(pk=obj.pk)[:2000])

    def _delete_replacing(self, request: HttpRequest, object_id: str) -> HttpResponseRedirect:
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_delete_permission(request, obj):
            raise PermissionDenied
        value = request.POST.get("replace_with", "")
        replacement = (
            self.model._default_manager.exclude(pk=obj.pk).filter(pk=value).first()
            if value.isdigit()
            else None
        )
        if replacement is None:
            self.message_user(request, "Choose the record that replaces it.", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        count = len(referrers(obj))
        services = self.record_services()
        with transaction.atomic():
            services.delete(**{services.record: obj, "replace_with": replacement})
            self.log_deletions(request, [obj])
        self.message_user(
            request,
            f"“{obj}” was deleted; the {count_of(count, 'record')} that referred to it now "
            f"{'refers' if count == 1 else 'refer'} to “{replacement}”.",
            messages.SUCCESS,
        )
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    def delete_view(self, request, object_id, extra_context=None):
        try:
            if request.method == "POST" and "replace_with" in request.POST and self.can_replace():
                return self._delete_replacing(request, object_id)
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.can_replace() and referrers(obj):
                extra_context = {
                    **(extra_context or {}),
                    "replacement_choices": self.replacement_choices(obj),
                }
            return super().delete_view(request, object_id, extra_context)
        except (DomainError, ValidationError) as error:
            self.message_refusal(request, error)
            return HttpResponseRedirect(request.get_full_path())

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except (DomainError, ValidationError) as error:
            self.message_refusal(request, error)
            return HttpResponseRedirect(request.get_full_path())
