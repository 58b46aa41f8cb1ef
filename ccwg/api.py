"""REST API of the core records, and the pieces every app's API shares.

Shared: pagination, the base serializer that validates with the model's own rules,
natural-key relation fields, the `links` serializer and the base viewset.
Resources here: `working-groups/`, `organizations/`, `charterships/`, and `people/` (an
extension: the people an attendance list names).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.pagination import PageNumberPagination

from ccwg.api_errors import raise_model_errors
from ccwg.filters import ChartershipFilter, OrganizationFilter, PersonFilter, WorkingGroupFilter
from ccwg.models import Chartership, LinkBase, LinkKind, Organization, Person, WorkingGroup
from ccwg.services import assign, sync_links
from meetings.models import IcannMeeting


class Pagination(PageNumberPagination):
    """`{"count", "next", "previous", "results"}`; `?page_size=` up to 200."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class NaturalKeyField(serializers.SlugRelatedField):
    """A relation written and read by its natural key (an acronym or a number)."""

    default_error_messages = {
        "does_not_exist": "No {model} with {slug_name} {value!r}.",
        "invalid": "Invalid value.",
    }

    def to_internal_value(self, data: Any) -> models.Model:
        if isinstance(data, bool | list | dict | float):
            self.fail("invalid")
        queryset = self.get_queryset()
        try:
            return queryset.get(**{self.slug_field: data})
        except queryset.model.DoesNotExist:
            self.fail(
                "does_not_exist",
                model=queryset.model._meta.verbose_name,
                slug_name=self.slug_field,
                value=data,
            )
        except (TypeError, ValueError, OverflowError):
            self.fail("invalid")


def acronym_field(model: type[models.Model], **kwargs: Any) -> NaturalKeyField:
    return NaturalKeyField(slug_field="acronym", queryset=model.objects.all(), **kwargs)


def optional_acronym_field(model: type[models.Model], **kwargs: Any) -> NaturalKeyField:
    return acronym_field(model, required=False, allow_null=True, **kwargs)


class LinkSerializer(serializers.Serializer):
    """One link: `{"title", "url", "kind"}`; the title defaults to the URL."""

    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=LinkKind.choices, default=LinkKind.DOCUMENT)

    def validate(self, attrs: dict) -> dict:
        if not (attrs.get("title") or "").strip() and not attrs.get("url"):
            raise serializers.ValidationError({"title": ["Give a title or a URL."]})
        return attrs


class CleanModelSerializer(serializers.ModelSerializer):
    """A model serializer that validates with the model's own rules before saving.

    `validate` applies the input to a copy of the record and runs `full_clean` and every
    constraint (see `ccwg.api_errors.model_errors`), so each broken rule answers 400
    under its field. DRF's own unique-together validators are off: the model's
    constraints (with their conditions and messages) are the single source.

    `links` (when the serializer declares it and sets `link_model`/`link_owner_field`) is
    written whole with `ccwg.services.sync_links` after the record is saved.
    """

    link_model: type[LinkBase] | None = None
    link_owner_field: str = ""

    def get_uniqueness_extra_kwargs(self, field_names, declared_fields, extra_kwargs):
        return extra_kwargs, {}

    def get_validators(self) -> list:
        return []

    def _model_field_names(self) -> tuple[set[str], set[str]]:
        opts = self.Meta.model._meta
        concrete = {f.name for f in opts.concrete_fields}
        many = {f.name for f in opts.many_to_many}
        return concrete, many

    def prepare_instance(self, instance: models.Model, attrs: Mapping) -> None:
        """Hook: adjust the record (e.g. defaults) before it is validated and saved."""

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        concrete, _ = self._model_field_names()
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name in concrete:
                setattr(instance, name, value)
        self.prepare_instance(instance, attrs)
        raise_model_errors(instance)
        return attrs

    def _split(self, validated_data: dict) -> tuple[dict, dict, dict]:
        concrete, many = self._model_field_names()
        scalar, m2m, parts = {}, {}, {}
        for name, value in validated_data.items():
            if name in concrete:
                scalar[name] = value
            elif name in many:
                m2m[name] = value
            else:
                parts[name] = value
        return scalar, m2m, parts

    def save_parts(self, instance: models.Model, parts: Mapping[str, Any]) -> None:
        if self.link_model is not None and parts.get("links") is not None:
            sync_links(
                owner_field=self.link_owner_field,
                owner=instance,
                link_model=self.link_model,
                links=parts["links"],
            )

    @transaction.atomic
    def create(self, validated_data: dict) -> models.Model:
        scalar, m2m, parts = self._split(validated_data)
        instance = self.Meta.model(**scalar)
        self.prepare_instance(instance, validated_data)
        instance.save()
        for name, value in m2m.items():
            getattr(instance, name).set(value)
        self.save_parts(instance, parts)
        return instance

    @transaction.atomic
    def update(self, instance: models.Model, validated_data: dict) -> models.Model:
        """Save only what changed: writing a record back as read adds no history."""
        scalar, m2m, parts = self._split(validated_data)
        changed = assign(instance, scalar)
        self.prepare_instance(instance, validated_data)
        if changed:
            instance.save()
        for name, value in m2m.items():
            manager = getattr(instance, name)
            if {obj.pk for obj in manager.all()} != {obj.pk for obj in value}:
                manager.set(value)
        self.save_parts(instance, parts)
        return instance


#: Documented error answers of every write.
WRITE_ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description='Invalid input: `{"field": [...]}`.'),
    401: OpenApiResponse(description="Not authenticated."),
    403: OpenApiResponse(description="Authenticated, but not staff."),
}
DELETE_RESPONSES = {
    204: OpenApiResponse(description="Deleted."),
    401: OpenApiResponse(description="Not authenticated."),
    403: OpenApiResponse(description="Authenticated, but not staff."),
    404: OpenApiResponse(description="Not found."),
    409: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description='Other records still refer to this one (`{"detail": ...}`); '
        "delete or change them first.",
    ),
}


def record_schema(serializer: type[serializers.Serializer], *, frozen_when: str = ""):
    """The documented answers of a record viewset's operations.

    `frozen_when` documents a 409 on updates (e.g. "the report is published").
    """
    conflict = {}
    if frozen_when:
        conflict = {
            409: OpenApiResponse(
                OpenApiTypes.OBJECT, description=f'Refused when {frozen_when}: `{{"detail"}}`.'
            )
        }

    def with_errors(status: int) -> dict:
        return {status: serializer, **WRITE_ERRORS}

    def changed() -> dict:
        return {**with_errors(200), 404: OpenApiResponse(description="Not found."), **conflict}

    return extend_schema_view(
        create=extend_schema(responses=with_errors(201)),
        update=extend_schema(responses=changed()),
        partial_update=extend_schema(responses=changed()),
        destroy=extend_schema(responses=DELETE_RESPONSES),
    )


class RecordViewSet(viewsets.ModelViewSet):
    """CRUD on one kind of record: members read, staff write (see ccwg.permissions)."""

    lookup_value_regex = "[0-9]+"
    pagination_class = Pagination


# --- Resources --------------------------------------------------------------------------


class WorkingGroupSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api-working-group-detail", lookup_field="acronym"
    )
    successor = optional_acronym_field(WorkingGroup)

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
        ]


@record_schema(WorkingGroupSerializer)
class WorkingGroupViewSet(RecordViewSet):
    """Working groups; detail by acronym (`working-groups/CCWG-IG/`)."""

    queryset = WorkingGroup.objects.select_related("successor").order_by("acronym")
    serializer_class = WorkingGroupSerializer
    filterset_class = WorkingGroupFilter
    lookup_field = "acronym"
    lookup_value_regex = "[^/]+"


class OrganizationSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api-organization-detail", lookup_field="acronym"
    )
    website = serializers.URLField(
        source="url", max_length=500, required=False, allow_blank=True, default=""
    )

    class Meta:
        model = Organization
        fields = ["id", "url", "acronym", "name", "kind", "website", "description"]


@record_schema(OrganizationSerializer)
class OrganizationViewSet(RecordViewSet):
    """SOs, ACs, ICANN bodies and external bodies; detail by acronym; `?kind=`."""

    queryset = Organization.objects.order_by("acronym")
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    lookup_field = "acronym"
    lookup_value_regex = "[^/]+"


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
class ChartershipViewSet(RecordViewSet):
    """Which organizations charter which group, from when to when.

    Filters: `?working_group=` and `?organization=` (acronyms), `?active_on=DATE`.
    """

    queryset = Chartership.objects.select_related(
        "working_group", "organization", "withdrawal_effective_before"
    ).order_by("working_group__acronym", "organization__acronym", "joined_on", "id")
    serializer_class = ChartershipSerializer
    filterset_class = ChartershipFilter


class PersonSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-person-detail")

    class Meta:
        model = Person
        fields = ["id", "url", "full_name", "honorific", "title", "affiliation", "email"]


@record_schema(PersonSerializer)
class PersonViewSet(RecordViewSet):
    """People who speak, attend, chair or support (for attendance lists); `?search=`."""

    queryset = Person.objects.order_by("full_name", "id")
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
