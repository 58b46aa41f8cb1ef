"""What refers to a record: deleting one never erases what other records say about it.

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
The deletion itself is the generic write `ccwg.core.writes.delete_record`; this module finds
what refers to a record and words the refusal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import models
from django.db.models.deletion import ProtectedError, RestrictedError

from ccwg.core.text import count_of

#: How many referring records a message names before "and N more".
LISTED = 10


def relations(model: type[models.Model]) -> Iterator[models.ForeignObjectRel]:
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


def rows_of(instance: models.Model, rel: models.ForeignObjectRel) -> models.QuerySet:
    related = rel.related_model
    assert isinstance(related, type)
    return related._base_manager.filter(**{rel.field.name: instance}).order_by("pk")


def referrers(instance: models.Model) -> list[models.Model]:
    """The records that refer to `instance` and are not its own parts, in a stable order."""
    found: list[models.Model] = []
    for rel in relations(type(instance)):
        found.extend(rows_of(instance, rel))
    return found


def describe(obj: models.Model) -> str:
    return f"{obj._meta.verbose_name} “{obj}”"


def in_use_message(objects: list[Any]) -> str:
    kinds = ", ".join(sorted({str(obj._meta.verbose_name_plural) for obj in objects}))
    listed = "; ".join(describe(obj) for obj in objects[:LISTED])
    if len(objects) > LISTED:
        listed += f"; and {len(objects) - LISTED} more"
    return (
        f"This record cannot be deleted: {count_of(len(objects), 'other record')} ({kinds}) "
        f"still {'refers' if len(objects) == 1 else 'refer'} to it: {listed}. Change or "
        "delete those first, or choose a record to "
        "replace it."
    )


def protected_objects(error: ProtectedError | RestrictedError) -> list[Any]:
    objects = list(getattr(error, "protected_objects", None) or [])
    return objects or list(getattr(error, "restricted_objects", None) or [])
