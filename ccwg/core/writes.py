"""The write mechanics every app's services share.

A service validates with the model's own rules (`full_clean`), saves only when a value
changed (so writing a record back as read adds no history row), and raises a domain error
(`ccwg.errors`) when the records' state refuses the write. The generic writes here
(`create_record`, `update_record`, `delete_record`, the `sync_*` of ordered child rows) hold
those mechanics; each app's typed services (`ccwg.core.services.create_working_group`, ...)
are built on them, and `RecordWrites` bundles one resource's services for the API, the admin
and the sample loader.

Deleting never erases what other records say about a record: `delete_record` refuses with
`RecordInUse` while `ccwg.core.deletion.referrers` finds any, unless a replacement is named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import connections, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from ccwg.core.deletion import in_use_message, protected_objects, referrers, relations, rows_of
from ccwg.core.models import LinkBase, link_title
from ccwg.errors import Conflict, RecordInUse

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class RecordWrites:
    """The services that write one kind of record, as the API viewsets, the admin and the
    sample loader take them: `create(**fields)`, `update(<record>=instance, **fields)`,
    `delete(<record>=instance)`, where `record` names the keyword of the record."""

    record: str
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]


def assign(instance: models.Model, values: Mapping[str, Any]) -> bool:
    """Set the given attributes; return whether any of them changed (a foreign key is
    compared by id, without reading the record it points to)."""
    changed = False
    for name, value in values.items():
        field = _foreign_key(type(instance), name)
        if field is not None and (value is None or value.pk is not None):
            if getattr(instance, field.attname) == (value.pk if value is not None else None):
                if value is not None:
                    field.set_cached_value(instance, value)
                continue
        elif getattr(instance, name) == value:
            continue
        setattr(instance, name, value)
        changed = True
    return changed


def _foreign_key(model: type[models.Model], name: str) -> models.ForeignObject | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if isinstance(field, models.ForeignObject) and field.concrete:
        return field
    return None


def check_fields(fields: Mapping[str, Any], allowed: type) -> None:
    """Refuse keyword arguments that are not keys of the TypedDict `allowed` (a typo in a
    caller would otherwise be dropped silently)."""
    unknown = set(fields) - set(allowed.__annotations__)
    if unknown:
        raise TypeError(f"Unknown fields for {allowed.__name__}: {', '.join(sorted(unknown))}")


def _split(model: type[models.Model], values: Mapping[str, Any]) -> tuple[dict, dict]:
    """Concrete field values and many-to-many values."""
    many = {field.name for field in model._meta.many_to_many}
    scalar = {name: value for name, value in values.items() if name not in many}
    return scalar, {name: value for name, value in values.items() if name in many}


def _set_many(instance: models.Model, many: Mapping[str, Iterable[models.Model]]) -> None:
    for name, objects in many.items():
        manager = getattr(instance, name)
        wanted = list(objects)
        if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in wanted}:
            manager.set(wanted)


@transaction.atomic
def create_record(model: type[M], values: Mapping[str, Any]) -> M:
    """Create one record from its field values (many-to-many ones included), validated."""
    scalar, many = _split(model, values)
    instance = model(**scalar)
    instance.full_clean()
    instance.save()
    _set_many(instance, many)
    return instance


@transaction.atomic
def update_record(instance: M, values: Mapping[str, Any]) -> M:
    """Set the given fields; validate and save only if one changed (no history row otherwise).
    Many-to-many values are set only when they differ. The row is locked and read again
    first (`lock_fresh`), so a concurrent write of other fields is kept, not overwritten."""
    lock_fresh(instance)
    scalar, many = _split(type(instance), values)
    if assign(instance, scalar):
        instance.full_clean()
        instance.save()
    _set_many(instance, many)
    return instance


def upsert(model: type[M], *, lookup: Mapping[str, Any], values: Mapping[str, Any]) -> M:
    """Create or update one record found by `lookup`, validating it; save only on change.

    Running the same upsert twice writes nothing the second time (no new history rows).
    """
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        return create_record(model, {**lookup, **values})
    return update_record(instance, values)


def clean_nested(
    instance: models.Model, *, field: str, label: str, exclude: Sequence[str] = ()
) -> None:
    """full_clean, re-raising errors under the nested `field`, prefixed with the entry's label
    (e.g. {"speakers": ["Speaker 2: name: This field cannot be blank."]})."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        messages = [
            f"{label}: {name}: {message}" if name != NON_FIELD_ERRORS else f"{label}: {message}"
            for name, found in error.message_dict.items()
            for message in found
        ]
        raise ValidationError({field: messages}) from error


def sync_ordered(
    *,
    model: type[models.Model],
    owner_field: str,
    owner: models.Model,
    rows: Sequence[Mapping[str, Any]],
    field: str,
    label: str,
) -> None:
    """Make the owner's ordered child rows exactly `rows` (field values, in order).

    Rows keep their id where their position is unchanged and are saved only when a value
    changed; rows past the end are deleted. Errors name `field` and "<label> <position>".
    """
    stored: Iterable[Any] = model._default_manager.filter(**{owner_field: owner})
    existing = {row.position: row for row in stored}
    for position, values in enumerate(rows, start=1):
        row = existing.pop(position, None)
        if row is None:
            row = model(**{owner_field: owner, "position": position, **values})
        elif not assign(row, values):
            continue
        clean_nested(row, field=field, label=f"{label} {position}", exclude=[owner_field])
        row.save()
    if existing:
        model._default_manager.filter(pk__in=[row.pk for row in existing.values()]).delete()


def sync_links(
    *, owner_field: str, owner: models.Model, link_model: type[LinkBase], links: Sequence[Mapping]
) -> None:
    """Make `owner`'s links exactly `links` ({"title", "url", "kind"}), in that order."""
    rows = [
        {
            "title": link_title(data.get("title"), data.get("url")),
            "url": data.get("url") or "",
            "kind": data.get("kind") or "document",
        }
        for data in links
    ]
    sync_ordered(
        model=link_model,
        owner_field=owner_field,
        owner=owner,
        rows=rows,
        field="links",
        label="Link",
    )


def sync_texts(
    *,
    model: type[models.Model],
    owner_field: str,
    owner: models.Model,
    field: str,
    texts: Iterable[str],
) -> None:
    """Make the owner's ordered text rows (e.g. outcomes) exactly `texts`."""
    label = str(model._meta.verbose_name).capitalize()
    sync_ordered(
        model=model,
        owner_field=owner_field,
        owner=owner,
        rows=[{field: t} for t in texts],
        field=str(model._meta.verbose_name_plural).replace(" ", "_"),
        label=label,
    )


def replace_references(instance: models.Model, replacement: models.Model) -> int:
    """Make every record that refers to `instance` refer to `replacement`; return how many
    were changed. Each is validated and saved (so its history records the change)."""
    if type(replacement) is not type(instance):
        raise ValidationError(
            {"replace_with": "The replacement must be a record of the same kind."}
        )
    if replacement.pk == instance.pk:
        raise ValidationError({"replace_with": "A record cannot replace itself."})
    changed = 0
    for rel in relations(type(instance)):
        name = rel.field.name
        for row in rows_of(instance, rel):
            if rel.many_to_many:
                linked = [obj for obj in getattr(row, name).all() if obj.pk != instance.pk]
                if all(obj.pk != replacement.pk for obj in linked):
                    linked.append(replacement)
                update_record(row, {name: linked})
            else:
                update_record(row, {name: replacement})
            changed += 1
    return changed


def lock_fresh(instance: models.Model) -> None:
    """Lock the record's row for the rest of the transaction (`SELECT ... FOR UPDATE`, where
    the database has row locks) and read its fields again, so that a write computed from it
    starts from the last committed state and a concurrent write waits for this one.
    `Conflict` when someone deleted it meanwhile."""
    model = type(instance)
    rows = model._base_manager.all()
    if connections[rows.db].features.has_select_for_update:
        rows = rows.select_for_update()
    try:
        instance.refresh_from_db(from_queryset=rows)  # one query: locked and read
    except model.DoesNotExist as error:  # type: ignore[attr-defined]
        raise Conflict(f"This {model._meta.verbose_name} was deleted meanwhile.") from error


@transaction.atomic
def delete_record(instance: models.Model, *, replace_with: models.Model | None = None) -> None:
    """Delete one record and its own parts; `RecordInUse` (listing them) when other records
    refer to it, unless `replace_with` names the record they refer to from now on."""
    lock_fresh(instance)
    if replace_with is not None:
        replace_references(instance, replace_with)
    found = referrers(instance)
    if found:
        raise RecordInUse(in_use_message(found), referrers=tuple(found))
    try:
        instance.delete()
    except (ProtectedError, RestrictedError) as error:
        # A part of the record is referred to from elsewhere (a charter version of a group
        # that a statement questions...).
        objects = protected_objects(error)
        raise RecordInUse(in_use_message(objects), referrers=tuple(objects)) from error
