"""The staff's admin site: its index leads with what staff do (record a meeting, this year's
meetings of each group, the draft reports and their open findings) above the list of tables.

`CcwgAdminConfig` (in INSTALLED_APPS in place of `django.contrib.admin`) makes `CcwgAdminSite`
the default site, so `admin.site`, `admin.register` and every admin URL are as before. Tables
edited only inside their owner's page are left out of the list
(`ccwg.core.admin_index.ChildTableAdmin`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone


class CcwgAdminSite(admin.AdminSite):
    site_header = "ccwg records"
    site_title = "ccwg"
    index_title = "Working-group records"
    index_template = "admin/ccwg/index.html"

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        context = {**staff_tasks(request), **(extra_context or {})}
        return super().index(request, extra_context=context)


class CcwgAdminConfig(AdminConfig):
    default_site = "ccwg.admin_site.CcwgAdminSite"


def staff_tasks(request: HttpRequest) -> dict[str, Any]:
    """What the index offers staff, for the tables they may change."""
    # Imported here: this module is loaded with the settings, before the apps are ready.
    from meetings.admin_selectors import meetings_per_group
    from reports.drafts import report_findings
    from reports.selectors import draft_reports

    user = request.user
    year = timezone.now().year
    tasks: dict[str, Any] = {"task_year": year}
    if user.has_perm("meetings.add_meeting"):
        add = reverse("admin:meetings_meeting_add")
        tasks["record_teleconference_url"] = f"{add}?kind=teleconference"
        tasks["record_meeting_url"] = add
    if user.has_perm("meetings.view_meeting"):
        changelist = reverse("admin:meetings_meeting_changelist")
        groups = []
        for row in meetings_per_group(year):
            shown_year = row.year if row.count or row.latest_year is None else row.latest_year
            groups.append(
                {
                    "row": row,
                    "shown_year": shown_year,
                    "shown_count": row.count if shown_year == year else row.latest_count,
                    "url": f"{changelist}?working_group__id__exact={row.group.pk}"
                    f"&starts_at__year={shown_year}",
                    "next_call_url": (
                        f"{reverse('admin:meetings_meeting_add')}?like={row.last_call.pk}"
                        if row.last_call is not None and "record_meeting_url" in tasks
                        else ""
                    ),
                }
            )
        tasks["group_meetings"] = groups
    if user.has_perm("reports.view_annualreport"):
        drafts = []
        for report in draft_reports():
            open_findings = [f for f in report_findings(report) if f.is_open]
            drafts.append(
                {
                    "report": report,
                    "url": reverse("admin:reports_annualreport_change", args=[report.pk]),
                    "errors": sum(1 for f in open_findings if f.is_error),
                    "warnings": sum(1 for f in open_findings if not f.is_error),
                }
            )
        tasks["draft_reports"] = drafts
    return tasks
