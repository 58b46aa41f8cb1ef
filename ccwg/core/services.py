"""Writes to the core records, and the write mechanics every app's services share.

Every write of a record goes through a service: the API viewsets, the admin and the sample
loader call them. A service validates with the model's own rules (`full_clean`), saves only
when a value changed (so writing a record back as read adds no history row), and raises a
domain error (`ccwg.errors`) when the records' state refuses the write.

The generic writes (`create_record`, `update_record`, `delete_record`) hold those mechanics;
the typed services of each resource (`create_working_group`, ...) are built on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, Unpack

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction

from ccwg.core.deletion import delete_record, lock_fresh
from ccwg.core.models import (
    Chartership,
    IcannMeeting,
    LinkBase,
    Organization,
    Person,
    WorkingGroup,
    link_title,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

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


def _foreign_key(model: type[models.Model], name: str) -> models.Field | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.concrete and (field.many_to_one or field.one_to_one) else None  # type: ignore[return-value]


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
    values: ChartershipFields = {
        "withdrawal_decided_on": withdrawal_decided_on,
        "withdrawal_decided_precision": withdrawal_decided_precision,
        "withdrew_on": withdrew_on,
        "withdrawal_effective_before": withdrawal_effective_before,
        "note": note,
    }
    found = Chartership.objects.filter(
        working_group=working_group, organization=organization, joined_on=joined_on
    ).first()
    if found is None:
        return create_chartership(
            working_group=working_group, organization=organization, joined_on=joined_on, **values
        )
    return update_chartership(chartership=found, **values)


# --- Working groups -----------------------------------------------------------------------


class WorkingGroupFields(TypedDict, total=False):
    acronym: str
    name: str
    kind: str
    discussion_began_on: dt.date | None
    discussion_began_precision: str
    established_on: dt.date | None
    closed_on: dt.date | None
    description: str
    resources_note: str
    successor: WorkingGroup | None


@transaction.atomic
def create_working_group(**fields: Unpack[WorkingGroupFields]) -> WorkingGroup:
    check_fields(fields, WorkingGroupFields)
    return create_record(WorkingGroup, fields)


@transaction.atomic
def update_working_group(
    *, working_group: WorkingGroup, **fields: Unpack[WorkingGroupFields]
) -> WorkingGroup:
    check_fields(fields, WorkingGroupFields)
    return update_record(working_group, fields)


@transaction.atomic
def delete_working_group(
    *, working_group: WorkingGroup, replace_with: WorkingGroup | None = None
) -> None:
    """Delete working group; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(working_group, replace_with=replace_with)


# --- Organizations ----------------------------------------------------------------------------


class OrganizationFields(TypedDict, total=False):
    acronym: str
    name: str
    kind: str
    url: str
    description: str


@transaction.atomic
def create_organization(**fields: Unpack[OrganizationFields]) -> Organization:
    check_fields(fields, OrganizationFields)
    return create_record(Organization, fields)


@transaction.atomic
def update_organization(
    *, organization: Organization, **fields: Unpack[OrganizationFields]
) -> Organization:
    check_fields(fields, OrganizationFields)
    return update_record(organization, fields)


@transaction.atomic
def delete_organization(
    *, organization: Organization, replace_with: Organization | None = None
) -> None:
    """Delete organization; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(organization, replace_with=replace_with)


# --- Charterships -----------------------------------------------------------------------------


class ChartershipFields(TypedDict, total=False):
    working_group: WorkingGroup
    organization: Organization
    joined_on: dt.date | None
    withdrawal_decided_on: dt.date | None
    withdrawal_decided_precision: str
    withdrew_on: dt.date | None
    withdrawal_effective_before: IcannMeeting | None
    note: str


@transaction.atomic
def create_chartership(**fields: Unpack[ChartershipFields]) -> Chartership:
    check_fields(fields, ChartershipFields)
    return create_record(Chartership, fields)


@transaction.atomic
def update_chartership(
    *, chartership: Chartership, **fields: Unpack[ChartershipFields]
) -> Chartership:
    check_fields(fields, ChartershipFields)
    return update_record(chartership, fields)


@transaction.atomic
def delete_chartership(
    *, chartership: Chartership, replace_with: Chartership | None = None
) -> None:
    """Delete chartership; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(chartership, replace_with=replace_with)


# --- People -----------------------------------------------------------------------------------


class PersonFields(TypedDict, total=False):
    full_name: str
    honorific: str
    title: str
    affiliation: str
    email: str
    user: AbstractBaseUser | None


@transaction.atomic
def create_person(**fields: Unpack[PersonFields]) -> Person:
    check_fields(fields, PersonFields)
    return create_record(Person, fields)


@transaction.atomic
def update_person(*, person: Person, **fields: Unpack[PersonFields]) -> Person:
    check_fields(fields, PersonFields)
    return update_record(person, fields)


@transaction.atomic
def delete_person(*, person: Person, replace_with: Person | None = None) -> None:
    """Delete person; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(person, replace_with=replace_with)


# --- ICANN meetings ---------------------------------------------------------------------------


class IcannMeetingFields(TypedDict, total=False):
    number: int
    city: str
    country: str
    starts_on: dt.date
    ends_on: dt.date
    format: str
    url: str


@transaction.atomic
def create_icann_meeting(**fields: Unpack[IcannMeetingFields]) -> IcannMeeting:
    check_fields(fields, IcannMeetingFields)
    return create_record(IcannMeeting, fields)


@transaction.atomic
def update_icann_meeting(
    *, icann_meeting: IcannMeeting, **fields: Unpack[IcannMeetingFields]
) -> IcannMeeting:
    check_fields(fields, IcannMeetingFields)
    return update_record(icann_meeting, fields)


@transaction.atomic
def delete_icann_meeting(
    *, icann_meeting: IcannMeeting, replace_with: IcannMeeting | None = None
) -> None:
    """Delete icann meeting; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(icann_meeting, replace_with=replace_with)


WORKING_GROUPS = RecordWrites(
    "working_group", create_working_group, update_working_group, delete_working_group
)
ORGANIZATIONS = RecordWrites(
    "organization", create_organization, update_organization, delete_organization
)
CHARTERSHIPS = RecordWrites(
    "chartership", create_chartership, update_chartership, delete_chartership
)
PEOPLE = RecordWrites("person", create_person, update_person, delete_person)
ICANN_MEETINGS = RecordWrites(
    "icann_meeting", create_icann_meeting, update_icann_meeting, delete_icann_meeting
)
