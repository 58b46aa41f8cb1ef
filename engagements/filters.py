"""API filters of external processes, inputs and threats."""

from __future__ import annotations

import datetime as dt

import django_filters

from ccwg.core.filters import YearFilter, group_filter
from engagements.models import ExternalProcess, ProcessInput, Threat


def _year(value: int) -> tuple[dt.date, dt.date]:
    return dt.date(value, 1, 1), dt.date(value, 12, 31)


class ExternalProcessFilter(django_filters.FilterSet):
    open_on = django_filters.DateFilter(
        method="filter_open_on", help_text="Processes open on this date."
    )

    class Meta:
        model = ExternalProcess
        fields = ["open_on"]

    def filter_open_on(self, queryset, name, value):
        return queryset.open_on(value)


class ProcessInputFilter(django_filters.FilterSet):
    working_group = group_filter()
    year = YearFilter(
        method="filter_year",
        help_text="Inputs requested that year, or sought for an event of that year.",
    )

    class Meta:
        model = ProcessInput
        fields = ["working_group", "year", "process"]

    def filter_year(self, queryset, name, value):
        return queryset.in_period(*_year(value))


class ThreatFilter(django_filters.FilterSet):
    working_group = group_filter()

    class Meta:
        model = Threat
        fields = ["working_group"]
