"""REST API of the core records.

Resources here: `working-groups/`, `organizations/`, `charterships/`, `icann-meetings/`, and
`people/` (an extension: the people an attendance list names). Also `LinkSerializer`, the
piece of the shared plumbing (`ccwg.rest`) that needs the core's links. Writes go through
`ccwg.core.services`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db.models import QuerySet
from rest_framework import serializers

from ccwg.core import services as core_services
from ccwg.core.filters import (
    ChartershipFilter,
    ExternalEventFilter,
    IcannMeetingFilter,
    OrganizationFilter,
    PersonFilter,
    WorkingGroupFilter,
)
from ccwg.core.models import (
    Chartership,
    ExternalEvent,
    IcannMeeting,
    LinkKind,
    Organization,
    Person,
    WorkingGroup,
)
from ccwg.core.output_cache import CachedListMixin
from ccwg.rest.fields import NaturalKeyField, WebLinkField, acronym_field, optional_acronym_field
from ccwg.rest.schema import record_schema
from ccwg.rest.serializers import CleanModelSerializer, StrictSerializer
from ccwg.rest.viewsets import RecordViewSet


class LinkSerializer(StrictSerializer):
    """One link: `{"title", "url", "kind"}`; the title defaults to the URL."""

    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    url = WebLinkField(max_length=1000, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=LinkKind.choices, default=LinkKind.DOCUMENT)

    def validate(self, attrs: dict) -> dict:
        if not (attrs.get("title") or "").strip() and not attrs.get("url"):
            raise serializers.ValidationError({"title": ["Give a title or a URL."]})
        return attrs


# --- Resources --------------------------------------------------------------------------


class WorkingGroupSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api-working-group-detail", lookup_field="acronym"
    )
    successor = optional_acronym_field(WorkingGroup)

    schema_rules = {"successor": "A group cannot be its own successor."}

    class Meta:
        model = WorkingGroup
        fields = [
            "id",
            "url",
            "acronym",
            "name",
            "kind",
            "discussion_began_on",
            "discussion_began_precision",
            "established_on",
            "closed_on",
            "description",
            "resources_note",
            "successor",
            "mailing_list",
        ]


@record_schema(WorkingGroupSerializer)
class WorkingGroupViewSet(CachedListMixin, RecordViewSet):
    """Working groups; detail by acronym (`working-groups/CCWG-IG/`)."""

    queryset = WorkingGroup.objects.select_related("successor").order_by("acronym")
    serializer_class = WorkingGroupSerializer
    filterset_class = WorkingGroupFilter
    lookup_field = "acronym"
    lookup_value_regex = "[^/]+"
    services = core_services.WORKING_GROUPS


class OrganizationSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api-organization-detail", lookup_field="acronym"
    )
    website = WebLinkField(
        source="url", max_length=500, required=False, allow_blank=True, default=""
    )

    class Meta:
        model = Organization
        fields = ["id", "url", "acronym", "name", "kind", "website", "description"]


@record_schema(OrganizationSerializer)
class OrganizationViewSet(CachedListMixin, RecordViewSet):
    """SOs, ACs, ICANN bodies and external bodies; detail by acronym; `?kind=`."""

    queryset = Organization.objects.order_by("acronym")
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    lookup_field = "acronym"
    lookup_value_regex = "[^/]+"
    services = core_services.ORGANIZATIONS


class ChartershipSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-chartership-detail")
    working_group = acronym_field(WorkingGroup)
    organization = acronym_field(Organization)
    withdrawal_effective_before = NaturalKeyField(
        slug_field="number",
        queryset=IcannMeeting.objects.all(),
        required=False,
        allow_null=True,
        help_text="Number of the ICANN meeting the withdrawal takes effect ahead of.",
    )
    effective_end = serializers.DateField(read_only=True, allow_null=True)

    schema_rules = {
        "joined_on": "Periods of the same group and organization may not overlap.",
    }

    class Meta:
        model = Chartership
        fields = [
            "id",
            "url",
            "working_group",
            "organization",
            "joined_on",
            "withdrawal_decided_on",
            "withdrawal_decided_precision",
            "withdrew_on",
            "withdrawal_effective_before",
            "effective_end",
            "note",
        ]


@record_schema(ChartershipSerializer)
class ChartershipViewSet(CachedListMixin, RecordViewSet):
    """Which organizations charter which group, from when to when.

    Filters: `?working_group=` and `?organization=` (acronyms), `?active_on=DATE`.
    """

    queryset = Chartership.objects.select_related(
        "working_group", "organization", "withdrawal_effective_before"
    ).order_by("working_group__acronym", "organization__acronym", "joined_on", "id")
    serializer_class = ChartershipSerializer
    filterset_class = ChartershipFilter
    services = core_services.CHARTERSHIPS


class IcannMeetingSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api-icann-meeting-detail", lookup_field="number"
    )
    number = serializers.IntegerField(min_value=1, max_value=32767)
    website = WebLinkField(
        source="url", max_length=500, required=False, allow_blank=True, default=""
    )

    class Meta:
        model = IcannMeeting
        fields = [
            "id",
            "url",
            "number",
            "city",
            "country",
            "starts_on",
            "ends_on",
            "format",
            "website",
        ]


@record_schema(IcannMeetingSerializer)
class IcannMeetingViewSet(CachedListMixin, RecordViewSet):
    """ICANN public meetings; detail by number (`icann-meetings/58/`)."""

    queryset = IcannMeeting.objects.order_by("number")
    serializer_class = IcannMeetingSerializer
    filterset_class = IcannMeetingFilter
    lookup_field = "number"
    lookup_value_regex = "[0-9]+"
    services = core_services.ICANN_MEETINGS


class PersonSerializer(CleanModelSerializer):
    """A person; contact data (`email`) is for staff only: it is left out of the answers
    to members (the field is omitted, not emptied)."""

    url = serializers.HyperlinkedIdentityField(view_name="api-person-detail")

    #: Fields only staff read.
    STAFF_ONLY = ("email",)

    class Meta:
        model = Person
        fields = ["id", "url", "full_name", "honorific", "title", "affiliation", "email"]
        extra_kwargs = {
            "email": {"help_text": "Contact address; staff only (omitted for members)."}
        }

    def to_representation(self, instance: Person) -> dict:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not getattr(getattr(request, "user", None), "is_staff", False):
            for name in self.STAFF_ONLY:
                data.pop(name, None)
        return data


@record_schema(PersonSerializer)
class PersonViewSet(CachedListMixin, RecordViewSet):
    """People who speak, attend, chair or support (for attendance lists); `?search=`."""

    queryset = Person.objects.order_by("full_name", "id")
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    services = core_services.PEOPLE


# --- External events --------------------------------------------------------------------------


def web_page_field(help_text: str) -> WebLinkField:
    """`url` of events and processes: their own web page, as the schema describes it."""
    return WebLinkField(
        max_length=500, required=False, allow_blank=True, default="", help_text=help_text
    )


@dataclass(frozen=True)
class ContributedField:
    """A field an app above the core adds to a core record's API (the core imports no such
    app): its `name`, the field it follows in the answers, the field itself (`make()`, one
    per serializer), and the relations the list reads it through (`select_related`). Its
    validated value reaches the services under `name`."""

    name: str
    after: str
    make: Callable[[], serializers.Field]
    select_related: tuple[str, ...] = ()


class ExternalEventSerializer(CleanModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api-external-event-detail")
    organizer = optional_acronym_field(Organization)
    url = web_page_field("The event's web page.")
    links = LinkSerializer(many=True, required=False)

    #: Fields other apps add (`contribute`): engagements' `process`.
    contributed: ClassVar[list[ContributedField]] = []

    class Meta:
        model = ExternalEvent
        fields = [
            "id",
            "api_url",
            "name",
            "acronym",
            "organizer",
            "location",
            "starts_on",
            "ends_on",
            "url",
            "description",
            "links",
        ]

    @classmethod
    def contribute(cls, field: ContributedField) -> None:
        cls.contributed.append(field)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for added in self.contributed:
            ordered: dict[str, serializers.Field] = {}
            for name, field in fields.items():
                ordered[name] = field
                if name == added.after:
                    ordered[added.name] = added.make()
            fields = ordered
        return fields

    def service_kwargs(self) -> dict[str, Any]:
        """A contributed field's value under its name (a field with a dotted `source`, such
        as `process_link.process`, validates into a nested value)."""
        kwargs = super().service_kwargs()
        for added in self.contributed:
            path = self.fields[added.name].source_attrs
            if path and path[0] in kwargs:
                value = kwargs.pop(path[0])
                for attr in path[1:]:
                    value = value[attr]
                kwargs[added.name] = value
        return kwargs


@record_schema(ExternalEventSerializer)
class ExternalEventViewSet(CachedListMixin, RecordViewSet):
    """Events outside ICANN (WSIS Forum, IGF, ...); `?year=`."""

    queryset = (
        ExternalEvent.objects.select_related("organizer")
        .prefetch_related("links")
        .order_by("starts_on", "name", "id")
    )
    serializer_class = ExternalEventSerializer
    filterset_class = ExternalEventFilter
    services = core_services.EXTERNAL_EVENTS

    def get_queryset(self) -> QuerySet[ExternalEvent]:
        joined = [name for f in ExternalEventSerializer.contributed for name in f.select_related]
        return super().get_queryset().select_related(*joined)
