"""The admin's link from a report to the changes page (`reports.compare_views`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from reports.models import AnnualReport


def changes_link(report: AnnualReport) -> SafeString | str:
    """' · Changes from version N-1' to this version (a draft: from the last published
    version); '' for a first version, which has none before it."""
    if report.version < 2:
        return ""
    url = reverse("reports:report_changes", args=[report.working_group.acronym, report.year])
    to = report.version if report.is_published else "draft"
    return format_html(' · <a href="{}?to={}">Changes from the previous version</a>', url, to)
