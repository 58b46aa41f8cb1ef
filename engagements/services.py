"""Writes to external processes, the groups' inputs to them, and threats; and the process an
external event (a core record, `ccwg.core.services`) is a meeting of.

`links`, where a service takes them, is the record's whole list of links
(`[{"title", "url", "kind"}, ...]`, in order): it replaces what the record had; `None`
leaves them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TypedDict, TypeVar, Unpack

from django.db import models, transaction

from ccwg.core.models import ExternalEvent, LinkBase, Organization, WorkingGroup
from ccwg.core.writes import (
    RecordWrites,
    check_fields,
    create_record,
    delete_record,
    sync_links,
    update_record,
)
from engagements.models import (
    ExternalProcess,
    ExternalProcessLink,
    ProcessInput,
    ProcessInputLink,
    ProcessMeeting,
    Threat,
)
from meetings.models import Meeting

R = TypeVar("R", bound=models.Model)


def _with_links(
    record: R, links: Sequence[Mapping] | None, *, link_model: type[LinkBase], owner_field: str
) -> R:
    if links is not None:
        sync_links(owner_field=owner_field, owner=record, link_model=link_model, links=links)
    return record


# --- The process an external event is a meeting of --------------------------------------------


def set_event_process(event: ExternalEvent, process: ExternalProcess | None) -> None:
    """Make the event a meeting of `process` (None: of no process); write only a change.
    The core's event services take it as their `process` keyword
    (`ccwg.core.services.EVENT_PARTS`, contributed by `EngagementsConfig.ready`)."""
    current = ProcessMeeting.objects.filter(event=event).first()
    if process is None:
        if current is not None:
            current.delete()
        return
    if current is None:
        current = ProcessMeeting(event=event, process=process)
    elif current.process_id == process.pk:
        return
    current.process = process
    current.full_clean()
    current.save()


# --- External processes -----------------------------------------------------------------------


class ExternalProcessFields(TypedDict, total=False):
    name: str
    acronym: str
    body: Organization | None
    description: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    dates_precision: str
    url: str


@transaction.atomic
def create_external_process(
    *, links: Sequence[Mapping] | None = None, **fields: Unpack[ExternalProcessFields]
) -> ExternalProcess:
    check_fields(fields, ExternalProcessFields)
    process = create_record(ExternalProcess, fields)
    return _with_links(process, links, link_model=ExternalProcessLink, owner_field="process")


@transaction.atomic
def update_external_process(
    *,
    external_process: ExternalProcess,
    links: Sequence[Mapping] | None = None,
    **fields: Unpack[ExternalProcessFields],
) -> ExternalProcess:
    check_fields(fields, ExternalProcessFields)
    process = update_record(external_process, fields)
    return _with_links(process, links, link_model=ExternalProcessLink, owner_field="process")


@transaction.atomic
def delete_external_process(
    *, external_process: ExternalProcess, replace_with: ExternalProcess | None = None
) -> None:
    """Delete external process; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(external_process, replace_with=replace_with)


# --- Process inputs ---------------------------------------------------------------------------


class ProcessInputFields(TypedDict, total=False):
    process: ExternalProcess
    working_group: WorkingGroup
    requested_on: dt.date
    requested_on_precision: str
    requested_by: Organization | None
    for_event: ExternalEvent | None
    channel: str
    summary: str
    outcome: str
    discussed_at: Sequence[Meeting]


@transaction.atomic
def create_process_input(
    *, links: Sequence[Mapping] | None = None, **fields: Unpack[ProcessInputFields]
) -> ProcessInput:
    check_fields(fields, ProcessInputFields)
    found = create_record(ProcessInput, fields)
    return _with_links(found, links, link_model=ProcessInputLink, owner_field="process_input")


@transaction.atomic
def update_process_input(
    *,
    process_input: ProcessInput,
    links: Sequence[Mapping] | None = None,
    **fields: Unpack[ProcessInputFields],
) -> ProcessInput:
    check_fields(fields, ProcessInputFields)
    found = update_record(process_input, fields)
    return _with_links(found, links, link_model=ProcessInputLink, owner_field="process_input")


@transaction.atomic
def delete_process_input(
    *, process_input: ProcessInput, replace_with: ProcessInput | None = None
) -> None:
    """Delete process input; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(process_input, replace_with=replace_with)


# --- Threats ----------------------------------------------------------------------------------


class ThreatFields(TypedDict, total=False):
    working_group: WorkingGroup
    title: str
    description: str
    identified_on: dt.date
    processes: Sequence[ExternalProcess]
    next_milestone: str
    next_milestone_on: dt.date | None
    next_milestone_event: ExternalEvent | None
    position: int


@transaction.atomic
def create_threat(**fields: Unpack[ThreatFields]) -> Threat:
    check_fields(fields, ThreatFields)
    return create_record(Threat, fields)


@transaction.atomic
def update_threat(*, threat: Threat, **fields: Unpack[ThreatFields]) -> Threat:
    check_fields(fields, ThreatFields)
    return update_record(threat, fields)


@transaction.atomic
def delete_threat(*, threat: Threat, replace_with: Threat | None = None) -> None:
    """Delete threat; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(threat, replace_with=replace_with)


EXTERNAL_PROCESSES = RecordWrites(
    "external_process",
    create_external_process,
    update_external_process,
    delete_external_process,
)
PROCESS_INPUTS = RecordWrites(
    "process_input", create_process_input, update_process_input, delete_process_input
)
THREATS = RecordWrites("threat", create_threat, update_threat, delete_threat)
