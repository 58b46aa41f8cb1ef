"""The process an external event is a meeting of: what engagements adds to the core's
external events (a core record, whose services and API are in `ccwg.core`), contributed by
`EngagementsConfig.ready` so that the core imports nothing of engagements. The admin's part
(the process and the groups' sessions on an event's page) is contributed by
`engagements.admin`."""

from __future__ import annotations

from rest_framework import serializers

from ccwg.core.api import ContributedField, ExternalEventSerializer
from ccwg.core.services import contribute_event_part
from engagements.models import ExternalProcess
from engagements.services import set_event_process


def process_field() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        source="process_link.process",
        queryset=ExternalProcess.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the external process this event is a meeting of.",
    )


def contribute() -> None:
    """The event services' `process` keyword and the event API's `process` field."""
    contribute_event_part("process", set_event_process)
    ExternalEventSerializer.contribute(
        ContributedField(
            name="process",
            after="organizer",
            make=process_field,
            select_related=("process_link",),
        )
    )
