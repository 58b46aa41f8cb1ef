"""The sample loader's writes: each record, found by its lookup, is created or updated
through its app's services, so a second load finds everything unchanged and writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models

from ccwg.core import services as core
from ccwg.core import writes
from ccwg.core.models import ExternalEvent, IcannMeeting, Organization, Person, WorkingGroup
from ccwg.core.writes import RecordWrites
from engagements import services as engagements
from engagements.models import ExternalProcess, ProcessInput, Threat

M = TypeVar("M", bound=models.Model)

#: The services of each kind of record the loader writes; others (charter versions) are
#: written with the generic `ccwg.core.writes.upsert`.
SERVICES: dict[type[models.Model], RecordWrites] = {
    Organization: core.ORGANIZATIONS,
    WorkingGroup: core.WORKING_GROUPS,
    Person: core.PEOPLE,
    IcannMeeting: core.ICANN_MEETINGS,
    ExternalEvent: core.EXTERNAL_EVENTS,
    ExternalProcess: engagements.EXTERNAL_PROCESSES,
    ProcessInput: engagements.PROCESS_INPUTS,
    Threat: engagements.THREATS,
}


def upsert(model: type[M], *, lookup: Mapping[str, Any], values: Mapping[str, Any]) -> M:
    """Create the record found by `lookup` with `values`, or bring it up to date."""
    services = SERVICES.get(model)
    if services is None:
        return writes.upsert(model, lookup=lookup, values=values)
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        return services.create(**lookup, **values)
    return services.update(**{services.record: instance}, **values)
