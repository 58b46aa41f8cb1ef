"""Deleting a record never erases what other records say about it.

A record's own parts (the rows of a `CASCADE` foreign key to it: a meeting's agenda, its
attendance, a group's charterships...) go with it, as its delete confirmation page lists.
Everything else that refers to it stops the deletion with `RecordInUse`, which lists those
records: rows of a `PROTECT` foreign key (a statement attributed to a person, a meeting at an
ICANN meeting) and rows of a many-to-many to it (the meetings an organization was present
at), whose links Django would otherwise remove without a word. No foreign key of the records
is `SET_NULL`, except a person's login and the agenda item of a statement or action, which
only the meeting's own save removes (`tests/ccwg/test_deletion.py` holds the table of every
relation and checks each).

Staff may name a replacement (`replace_with`): every record that referred to the deleted one
is changed to refer to the replacement, through the same validation as any write (a clash,
e.g. the same person recorded twice at a meeting, refuses the whole deletion), then it goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from ccwg.errors import Conflict, RecordInUse

#: How many referring records a message names before "and N more".
LISTED = 10


def _relations(model: type[models.Model]) -> Iterator[models.ForeignObjectRel]:
    """The relations of other models to `model` that refer to it without being its parts:
    foreign keys that are not CASCADE, and many-to-many fields with their own through table
    (a through model of the project's is listed by its foreign key instead)."""
    for rel in model._meta.get_fields(include_hidden=True):
        if not isinstance(rel, models.ForeignObjectRel) or _is_history(rel.related_model):
            continue
        if rel.many_to_many:
            through = rel.through  # type: ignore[attr-defined]
            if through is None or through._meta.auto_created:
                yield rel
        elif rel.on_delete not in (models.CASCADE, models.DO_NOTHING):
            yield rel


def _is_history(model: Any) -> bool:
    """simple_history's copies of the records (they keep no constraint on what they name)."""
    return hasattr(model, "instance_type")


def _rows(instance: models.Model, rel: models.ForeignObjectRel) -> models.QuerySet:
    related = rel.related_model
    assert isinstance(related, type)
    return related._base_manager.filter(**{rel.field.name: instance}).order_by("pk")


def referrers(instance: models.Model) -> list[models.Model]:
    """The records that refer to `instance` and are not its own parts, in a stable order."""
    found: list[models.Model] = []
    for rel in _relations(type(instance)):
        found.extend(_rows(instance, rel))
    return found


def describe(obj: models.Model) -> str:
    return f"{obj._meta.verbose_name} “{obj}”"


def in_use_message(objects: list[Any]) -> str:
    kinds = ", ".join(sorted({str(obj._meta.verbose_name_plural) for obj in objects}))
    listed = "; ".join(describe(obj) for obj in objects[:LISTED])
    if len(objects) > LISTED:
        listed += f"; and {len(objects) - LISTED} more"
    return (
        f"This record cannot be deleted: {len(objects)} other record(s) ({kinds}) still "
        f"refer to it: {listed}. Change or delete those first, or choose a record to "
        "replace it."
    )


def _protected(error: ProtectedError | RestrictedError) -> list[Any]:
    objects = list(getattr(error, "protected_objects", None) or [])
    return objects or list(getattr(error, "restricted_objects", None) or [])


def replace_references(instance: models.Model, replacement: models.Model) -> int:
    """Make every record that refers to `instance` refer to `replacement`; return how many
    were changed. Each is validated and saved (so its history records the change)."""
    from ccwg.core.services import update_record

    if type(replacement) is not type(instance):
        raise ValidationError(
            {"replace_with": "The replacement must be a record of the same kind."}
        )
    if replacement.pk == instance.pk:
        raise ValidationError({"replace_with": "A record cannot replace itself."})
    changed = 0
    for rel in _relations(type(instance)):
        name = rel.field.name
        for row in _rows(instance, rel):
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
        objects = _protected(error)
        raise RecordInUse(in_use_message(objects), referrers=tuple(objects)) from error
