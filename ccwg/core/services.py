"""Writes to the core records, and small helpers every app's services share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from ccwg.core.models import Chartership, IcannMeeting, LinkBase, Organization, WorkingGroup

M = TypeVar("M", bound=models.Model)


def assign(instance: models.Model, values: Mapping[str, Any]) -> bool:
    """Set the given attributes; return whether any of them changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def upsert(model: type[M], *, lookup: Mapping[str, Any], values: Mapping[str, Any]) -> M:
    """Create or update one record found by `lookup`, validating it; save only on change.

    Running the same upsert twice writes nothing the second time (no new history rows).
    """
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        return instance
    if assign(instance, values):
        instance.full_clean()
        instance.save()
    return instance


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
    existing = {row.position: row for row in model._default_manager.filter(**{owner_field: owner})}
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
            "title": data.get("title") or data.get("url") or "",
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
    label = model._meta.verbose_name.capitalize()
    sync_ordered(
        model=model,
        owner_field=owner_field,
        owner=owner,
        rows=[{field: t} for t in texts],
        field=model._meta.verbose_name_plural.replace(" ", "_"),
        label=label,
    )


@transaction.atomic
def record_chartership(
    *,
    working_group: WorkingGroup,
    organization: Organization,
    joined_on: dt.date | None = None,
    withdrawal_decided_on: dt.date | None = None,
    withdrawal_decided_precision: str = "day",
    withdrew_on: dt.date | None = None,
    withdrawal_effective_before: IcannMeeting | None = None,
    note: str = "",
) -> Chartership:
    """Record (or update) the chartership that starts on `joined_on`."""
    return upsert(
        Chartership,
        lookup={
            "working_group": working_group,
            "organization": organization,
            "joined_on": joined_on,
        },
        values={
            "withdrawal_decided_on": withdrawal_decided_on,
            "withdrawal_decided_precision": withdrawal_decided_precision,
            "withdrew_on": withdrew_on,
            "withdrawal_effective_before": withdrawal_effective_before,
            "note": note,
        },
    )
