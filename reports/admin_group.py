"""The reports part of the working group's admin page (`ccwg.core.admin.WorkingGroupAdmin`
takes it as a `GroupPagePart`): the group's reports, and the button that creates the draft
of a year (`reports/admin/create_draft.html`)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from ccwg.core.admin import GroupPagePart, WorkingGroupAdmin
from ccwg.core.admin_writes import refusal_text
from ccwg.core.models import WorkingGroup
from ccwg.errors import DomainError
from reports import services as report_services
from reports.models import FIRST_YEAR, LAST_YEAR, AnnualReport, ReportStatus

# --- Reports from the working group's admin -----------------------------------------------


def suggested_report_year(group: WorkingGroup) -> int:
    """The latest year the group met without a report yet; else the latest year it met;
    else last year."""
    from meetings.models import Meeting

    met = sorted(
        {
            day.year
            for day in Meeting.objects.filter(working_group=group, starts_at__isnull=False).dates(
                "starts_at", "year"
            )
        }
    )
    reported = set(AnnualReport.objects.filter(working_group=group).values_list("year", flat=True))
    unreported = [year for year in met if year not in reported]
    if unreported:
        return unreported[-1]
    return met[-1] if met else timezone.now().year - 1


class DraftReportForm(forms.Form):
    year = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)


class GroupReports(GroupPagePart):
    """The reports part of the working group's admin page: the group's reports, and the
    object tool "Create the draft report for <year>" (or "Open the draft ...")."""

    def __init__(self) -> None:
        self.fieldsets = [("Annual reports", {"fields": [self.annual_reports]})]

    @staticmethod
    @admin.display(description="Reports")
    def annual_reports(group: WorkingGroup) -> str:
        """The group's reports, each linked to its page (listed here, edited there)."""
        if group.pk is None:
            return "-"
        reports = AnnualReport.objects.filter(working_group=group).order_by("-year", "-version")
        if not reports:
            return "None yet."
        return format_html(
            '<ul class="group-reports">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse("admin:reports_annualreport_change", args=[report.pk]),
                        report,
                        report.get_status_display().lower(),
                    )
                    for report in reports
                ),
            ),
        )

    def get_urls(self, model_admin: admin.ModelAdmin) -> list[URLPattern]:
        view = DraftReportView(model_admin)
        return [
            path(
                "<int:object_id>/draft-report/",
                model_admin.admin_site.admin_view(view),
                name="ccwg_workinggroup_draft_report",
            ),
        ]

    def object_tools(self, request: HttpRequest, group: WorkingGroup) -> list[dict[str, str]]:
        """Open the draft of the year the group would report on next, or create it."""
        if not request.user.has_perm("reports.add_annualreport"):
            return []
        year = suggested_report_year(group)
        draft = AnnualReport.objects.filter(
            working_group=group, year=year, status=ReportStatus.DRAFT
        ).first()
        if draft is not None:
            tool = {
                "label": f"Open the draft report for {year}",
                "url": reverse("admin:reports_annualreport_change", args=[draft.pk]),
            }
        else:
            url = reverse("admin:ccwg_workinggroup_draft_report", args=[group.pk])
            tool = {"label": f"Create the draft report for {year}", "url": f"{url}?year={year}"}
        return [{**tool, "class": "report-tool"}]


class DraftReportView:
    """The group's "Create the draft report for <year>" page (under the group's admin)."""

    def __init__(self, model_admin: admin.ModelAdmin) -> None:
        self.model_admin = model_admin

    def __call__(self, request: HttpRequest, object_id: int) -> HttpResponse:
        model_admin = self.model_admin
        group = get_object_or_404(WorkingGroup, pk=object_id)
        if not request.user.has_perm("reports.add_annualreport"):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else request.GET
        form = DraftReportForm(data if "year" in data else None)
        year = form.cleaned_data["year"] if form.is_valid() else suggested_report_year(group)
        reports = AnnualReport.objects.filter(working_group=group, year=year)
        draft = reports.filter(status=ReportStatus.DRAFT).first()
        latest = reports.order_by("-version").first()
        if request.method == "POST" and form.is_valid():
            if draft is not None:
                model_admin.message_user(request, f"{draft} is already a draft: here it is.")
                return _to_report(draft)
            try:
                if latest is not None:
                    report = report_services.start_new_version(report=latest, user=request.user)
                else:
                    report = report_services.create_report(working_group=group, year=year)
            except (DomainError, ValidationError) as error:
                model_admin.message_user(request, refusal_text(error), messages.ERROR)
            else:
                model_admin.message_user(
                    request,
                    f"{report} is created as a draft: check its findings, preview it, then "
                    "publish it.",
                    messages.SUCCESS,
                )
                return _to_report(report)
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "original": group,
            "title": f"Create the draft report for {year}",
            "group": group,
            "year": year,
            "form": form,
            "draft": draft,
            "latest": latest,
            "suggested": suggested_report_year(group),
        }
        return TemplateResponse(request, "reports/admin/create_draft.html", context)


def _to_report(report: AnnualReport) -> HttpResponse:
    return HttpResponseRedirect(reverse("admin:reports_annualreport_change", args=[report.pk]))


WorkingGroupAdmin.contribute(GroupReports())
