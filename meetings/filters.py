"""API filters of the groups' meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import Q

from ccwg.core.filters import YearFilter, group_filter
from ccwg.core.models import IcannMeeting, WorkingGroup
from meetings.models import AgendaItem, Meeting, MeetingKind, MeetingStatus


class MeetingFilter(django_filters.FilterSet):
    """`?working_group=` `?kind=` `?status=` `?year=` `?after=` `?before=` `?search=`
    `?icann_meeting=`; the members' site's names `?group=` and `?q=` are taken as aliases of
    `working_group` and `search`.

    `year`, `after` and `before` select by the meeting's (UTC) date, or else by its
    external event's dates; `after` and `before` are inclusive.
    """

    working_group = group_filter()
    group = group_filter()
    icann_meeting = django_filters.NumberFilter(
        field_name="icann_meeting__number",
        help_text="The number of the ICANN meeting the meeting was held at (`59`).",
    )
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)
    year = YearFilter(method="filter_dates", help_text="Meetings held in this year.")
    after = django_filters.DateFilter(
        method="filter_dates", help_text="Meetings on or after this date."
    )
    before = django_filters.DateFilter(
        method="filter_dates", help_text="Meetings on or before this date."
    )
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text="Words in the title, notes, location or agenda items (case-insensitive).",
    )

    q = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="The same as `search`."
    )

    class Meta:
        model = Meeting
        fields = [
            "working_group",
            "group",
            "kind",
            "status",
            "year",
            "after",
            "before",
            "search",
            "q",
            "icann_meeting",
        ]

    def filter_dates(self, queryset, name, value):
        # Applied together in filter_queryset, as one period.
        return queryset

    def filter_search(self, queryset, name, value):
        words = value.strip()
        if not words:
            return queryset
        in_agenda = AgendaItem.objects.filter(
            Q(title__icontains=words) | Q(notes__icontains=words)
        ).values("meeting_id")
        return queryset.filter(
            Q(title__icontains=words)
            | Q(notes__icontains=words)
            | Q(location__icontains=words)
            | Q(pk__in=in_agenda)
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        start, end = dt.date.min, dt.date.max
        if data.get("year"):
            start = max(start, dt.date(data["year"], 1, 1))
            end = min(end, dt.date(data["year"], 12, 31))
        if data.get("after"):
            start = max(start, data["after"])
        if data.get("before"):
            end = min(end, data["before"])
        if (start, end) != (dt.date.min, dt.date.max):
            queryset = queryset.in_period(start, end)
        return queryset


# --------------------------------------------------------------------------- members' site


def _meeting_years() -> list[tuple[int, str]]:
    """The years that have dated meetings, newest first (read when the form is built)."""
    years = Meeting.objects.filter(starts_at__isnull=False).dates("starts_at", "year", order="DESC")
    return [(day.year, str(day.year)) for day in years]


class YearSelect(forms.Select):
    """The years that have meetings to pick from; a year typed in the address that has none
    stays selected (it lists nothing rather than being refused)."""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        years = _meeting_years()
        typed = str(value or "")
        if typed.isdigit() and typed not in {label for _, label in years}:
            years = sorted([*years, (int(value), str(value))], reverse=True)
        self.choices = [("", "Any year"), *years]
        return super().get_context(name, value, attrs)


class MeetingSiteFilter(django_filters.FilterSet):
    """The meeting list's form: `?group=` `?kind=` `?status=` `?year=` `?icann_meeting=` `?q=`.

    The same words as the API's `search` filter: title, notes, location, agenda items.
    """

    group = django_filters.ModelChoiceFilter(
        field_name="working_group",
        to_field_name="acronym",
        queryset=WorkingGroup.objects.order_by("acronym"),
        label="Group",
        empty_label="All groups",
    )
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, empty_label="Any kind")
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, empty_label="Any status")
    year = YearFilter(method="filter_year", label="Year", widget=YearSelect)
    icann_meeting = django_filters.ModelChoiceFilter(
        field_name="icann_meeting",
        to_field_name="number",
        queryset=IcannMeeting.objects.order_by("-number"),
        label="ICANN meeting",
        empty_label="Any ICANN meeting",
    )
    q = django_filters.CharFilter(
        method="filter_text",
        max_length=200,
        label="Text",
        help_text="Words in the title, notes, location or agenda.",
    )

    class Meta:
        model = Meeting
        fields = ["group", "kind", "status", "year", "icann_meeting", "q"]

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.in_period(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def filter_text(self, queryset, name, value):
        return MeetingFilter.filter_search(self, queryset, name, value)
