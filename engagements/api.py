"""REST API of external processes, the group's inputs, and threats.

External events are core records, with their API in `ccwg.core.api`; the process an event is
a meeting of is contributed to it from here (`event_process_field`, by
`EngagementsConfig.ready`).

`url` of an external process is its own web page (a field of the record, as the schema lists
it); its API address is in `api_url`. Writes go through `engagements.services` (`links`
included, written whole).
"""

from __future__ import annotations

from rest_framework import serializers

from ccwg.core.api import LinkSerializer, web_page_field
from ccwg.core.models import ExternalEvent, Organization, WorkingGroup
from ccwg.core.output_cache import CachedListMixin
from ccwg.rest.fields import acronym_field, optional_acronym_field
from ccwg.rest.schema import record_schema
from ccwg.rest.serializers import CleanModelSerializer
from ccwg.rest.viewsets import RecordViewSet
from engagements import services as engagement_services
from engagements.filters import (
    ExternalProcessFilter,
    ProcessInputFilter,
    ThreatFilter,
)
from engagements.models import ExternalProcess, ProcessInput, Threat
from meetings.models import Meeting


class ExternalProcessSerializer(CleanModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api-external-process-detail")
    body = optional_acronym_field(
        Organization, help_text="Acronym of the organization running the process."
    )
    url = web_page_field("The process's web page.")
    links = LinkSerializer(many=True, required=False)

    class Meta:
        model = ExternalProcess
        fields = [
            "id",
            "api_url",
            "name",
            "acronym",
            "body",
            "description",
            "opens_on",
            "closes_on",
            "dates_precision",
            "url",
            "links",
        ]


@record_schema(ExternalProcessSerializer)
class ExternalProcessViewSet(CachedListMixin, RecordViewSet):
    """Processes outside ICANN the groups follow; `?open_on=DATE`."""

    queryset = (
        ExternalProcess.objects.select_related("body")
        .prefetch_related("links")
        .order_by("name", "id")
    )
    serializer_class = ExternalProcessSerializer
    filterset_class = ExternalProcessFilter
    services = engagement_services.EXTERNAL_PROCESSES


class ProcessInputSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-process-input-detail")
    process = serializers.PrimaryKeyRelatedField(queryset=ExternalProcess.objects.all())
    working_group = acronym_field(WorkingGroup)
    requested_by = optional_acronym_field(
        Organization, help_text="Acronym of the organization that sought the input."
    )
    for_event = serializers.PrimaryKeyRelatedField(
        queryset=ExternalEvent.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the event of the process the input was sought for.",
    )
    discussed_at = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Meeting.objects.all(),
        required=False,
        help_text="Ids of the meetings where it was discussed.",
    )
    links = LinkSerializer(many=True, required=False)

    class Meta:
        model = ProcessInput
        fields = [
            "id",
            "url",
            "process",
            "working_group",
            "requested_on",
            "requested_on_precision",
            "requested_by",
            "for_event",
            "channel",
            "summary",
            "outcome",
            "discussed_at",
            "links",
        ]


@record_schema(ProcessInputSerializer)
class ProcessInputViewSet(CachedListMixin, RecordViewSet):
    """Input sought from a group on an external process; `?working_group=` `?year=`."""

    queryset = (
        ProcessInput.objects.select_related("process", "working_group", "requested_by")
        .prefetch_related("links", "discussed_at")
        .order_by("requested_on", "id")
    )
    serializer_class = ProcessInputSerializer
    filterset_class = ProcessInputFilter
    services = engagement_services.PROCESS_INPUTS


class ThreatSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-threat-detail")
    working_group = acronym_field(WorkingGroup)
    processes = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=ExternalProcess.objects.all(),
        required=False,
        help_text="Ids of the external processes the threat is watched through.",
    )
    next_milestone_event = serializers.PrimaryKeyRelatedField(
        queryset=ExternalEvent.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the coming event where the threat may be decided.",
    )
    position = serializers.IntegerField(min_value=1, max_value=32767, required=False)

    class Meta:
        model = Threat
        fields = [
            "id",
            "url",
            "working_group",
            "title",
            "description",
            "identified_on",
            "processes",
            "next_milestone",
            "next_milestone_on",
            "next_milestone_event",
            "position",
        ]


@record_schema(ThreatSerializer)
class ThreatViewSet(CachedListMixin, RecordViewSet):
    """Identified threats to ICANN's mission; `?working_group=`."""

    queryset = (
        Threat.objects.select_related("working_group")
        .prefetch_related("processes")
        .order_by("working_group__acronym", "position", "identified_on", "id")
    )
    serializer_class = ThreatSerializer
    filterset_class = ThreatFilter
    services = engagement_services.THREATS
