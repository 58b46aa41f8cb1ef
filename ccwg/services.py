"""Writes to the core records, and small helpers every app's services share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction

from ccwg.models import Chartership, LinkBase, Organization, WorkingGroup

if TYPE_CHECKING:
    from meetings.models import IcannMeeting

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


def sync_links(
    *, owner_field: str, owner: models.Model, link_model: type[LinkBase], links: Sequence[Mapping]
) -> None:
    """Make `owner`'s links exactly `links` ({"title", "url", "kind"}), in that order."""
    existing = {link.position: link for link in link_model.objects.filter(**{owner_field: owner})}
    for position, data in enumerate(links, start=1):
        values = {
            "title": data.get("title") or data.get("url") or "",
            "url": data.get("url") or "",
            "kind": data.get("kind") or "document",
        }
        link = existing.pop(position, None)
        if link is None:
            link = link_model(**{owner_field: owner}, position=position, **values)
        elif not assign(link, values):
            continue
        link.full_clean(exclude=[owner_field])
        link.save()
    if existing:
        link_model.objects.filter(pk__in=[link.pk for link in existing.values()]).delete()


def sync_texts(
    *,
    model: type[models.Model],
    owner_field: str,
    owner: models.Model,
    field: str,
    texts: Iterable[str],
) -> None:
    """Make the owner's ordered text rows (e.g. outcomes) exactly `texts`."""
    existing = {row.position: row for row in model.objects.filter(**{owner_field: owner})}
    for position, text in enumerate(texts, start=1):
        row = existing.pop(position, None)
        if row is None:
            row = model(**{owner_field: owner, "position": position, field: text})
        elif not assign(row, {field: text}):
            continue
        row.full_clean(exclude=[owner_field])
        row.save()
    if existing:
        model.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()


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
