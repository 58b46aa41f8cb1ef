"""API filters of annual reports."""

from __future__ import annotations

import django_filters

from ccwg.core.filters import YearFilter, group_filter
from reports.models import AnnualReport, ReportStatus


class AnnualReportFilter(django_filters.FilterSet):
    working_group = group_filter()
    year = YearFilter(field_name="year", help_text="The year the report covers.")
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)

    class Meta:
        model = AnnualReport
        fields = ["working_group", "year", "status"]
