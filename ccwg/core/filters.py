"""API filters of the core records, and filter types the other apps share.

An invalid value (an unknown acronym, a malformed date, a year that is not a number)
answers 400 naming the filter.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ccwg.core.models import (
    Chartership,
    ExternalEvent,
    IcannMeeting,
    Organization,
    OrganizationKind,
    Person,
    WorkingGroup,
    WorkingGroupKind,
)


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(django_filters.NumberFilter):
    """A calendar year (1-9999); what it selects is up to the filter's method."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class AcronymFilter(django_filters.ModelChoiceFilter):
    """A group or organization given by its acronym; unknown acronyms answer 400."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "acronym")
        super().__init__(*args, **kwargs)


def group_filter(field_name: str = "working_group") -> AcronymFilter:
    return AcronymFilter(
        field_name=field_name,
        queryset=WorkingGroup.objects.all(),
        help_text="Acronym of the working group.",
    )


def organization_filter(field_name: str) -> AcronymFilter:
    return AcronymFilter(
        field_name=field_name,
        queryset=Organization.objects.all(),
        help_text="Acronym of the organization.",
    )


class WorkingGroupFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=WorkingGroupKind.choices)

    class Meta:
        model = WorkingGroup
        fields = ["kind"]


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices)

    class Meta:
        model = Organization
        fields = ["kind"]


class ChartershipFilter(django_filters.FilterSet):
    working_group = group_filter()
    organization = organization_filter("organization")
    active_on = django_filters.DateFilter(
        method="filter_active_on", help_text="Charterships in force on this date."
    )

    class Meta:
        model = Chartership
        fields = ["working_group", "organization", "active_on"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


class IcannMeetingFilter(django_filters.FilterSet):
    year = YearFilter(method="filter_year", help_text="ICANN meetings held in this year.")

    class Meta:
        model = IcannMeeting
        fields = ["year", "format"]

    def filter_year(self, queryset, name, value):
        return queryset.in_period(dt.date(value, 1, 1), dt.date(value, 12, 31))


class ExternalEventFilter(django_filters.FilterSet):
    year = YearFilter(method="filter_year", help_text="Events held (at least partly) that year.")

    class Meta:
        model = ExternalEvent
        fields = ["year"]

    def filter_year(self, queryset, name, value):
        return queryset.in_period(dt.date(value, 1, 1), dt.date(value, 12, 31))


class PersonFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Words in the name or affiliation."
    )

    class Meta:
        model = Person
        fields = ["search"]

    def filter_search(self, queryset, name, value):
        words = value.strip()
        if not words:
            return queryset
        return queryset.filter(Q(full_name__icontains=words) | Q(affiliation__icontains=words))
