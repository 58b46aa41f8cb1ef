"""Writes to the core records: working groups, organizations, charterships, people, ICANN
meetings, external events.

Every write of a record goes through a service: the API viewsets, the admin and the sample
loader call them. The typed services of each resource (`create_working_group`, ...) are built
on the generic writes of `ccwg.core.writes`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.db import transaction

from ccwg.core.models import (
    Chartership,
    ExternalEvent,
    ExternalEventLink,
    IcannMeeting,
    Organization,
    Person,
    WorkingGroup,
)
from ccwg.core.writes import (
    RecordWrites,
    check_fields,
    create_record,
    delete_record,
    sync_links,
    update_record,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


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
        created: ChartershipFields = {
            **values,
            "working_group": working_group,
            "organization": organization,
            "joined_on": joined_on,
        }
        return create_chartership(**created)
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
    mailing_list: str


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


# --- External events --------------------------------------------------------------------------


class ExternalEventFields(TypedDict, total=False):
    name: str
    acronym: str
    organizer: Organization | None
    location: str
    starts_on: dt.date
    ends_on: dt.date
    url: str
    description: str


#: What apps above the core write with an external event, by the keyword its services take
#: for it (`contribute_event_part`): engagements' `process`, the process the event is a
#: meeting of. A keyword left out leaves that part as it is.
EVENT_PARTS: dict[str, Callable[[ExternalEvent, Any], None]] = {}


def contribute_event_part(keyword: str, write: Callable[[ExternalEvent, Any], None]) -> None:
    """Let the event services take `keyword` and write it with `write(event, value)`."""
    EVENT_PARTS[keyword] = write


def _write_event(
    event: ExternalEvent, parts: Mapping[str, Any], links: Sequence[Mapping] | None
) -> ExternalEvent:
    for keyword, value in parts.items():
        EVENT_PARTS[keyword](event, value)
    if links is not None:
        sync_links(owner_field="event", owner=event, link_model=ExternalEventLink, links=links)
    return event


def _split_parts(fields: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The event's own fields, and the contributed parts (`EVENT_PARTS`) among `fields`."""
    own = {name: value for name, value in fields.items() if name not in EVENT_PARTS}
    return own, {name: value for name, value in fields.items() if name in EVENT_PARTS}


@transaction.atomic
def create_external_event(
    *, links: Sequence[Mapping] | None = None, **fields: Unpack[ExternalEventFields]
) -> ExternalEvent:
    """Also takes the keywords apps contribute (`EVENT_PARTS`: `process`, the process the
    event is a meeting of, or None)."""
    own, parts = _split_parts(fields)
    check_fields(own, ExternalEventFields)
    return _write_event(create_record(ExternalEvent, own), parts, links)


@transaction.atomic
def update_external_event(
    *,
    external_event: ExternalEvent,
    links: Sequence[Mapping] | None = None,
    **fields: Unpack[ExternalEventFields],
) -> ExternalEvent:
    """Also takes the keywords apps contribute (`EVENT_PARTS`), as `create_external_event`."""
    own, parts = _split_parts(fields)
    check_fields(own, ExternalEventFields)
    return _write_event(update_record(external_event, own), parts, links)


@transaction.atomic
def delete_external_event(
    *, external_event: ExternalEvent, replace_with: ExternalEvent | None = None
) -> None:
    """Delete external event; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(external_event, replace_with=replace_with)


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
EXTERNAL_EVENTS = RecordWrites(
    "external_event", create_external_event, update_external_event, delete_external_event
)
