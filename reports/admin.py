"""Admin of annual reports: edit drafts, check and publish them, view frozen documents."""

from __future__ import annotations

import dataclasses

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from ccwg.core.admin_writes import ServiceWritesAdmin, generic_services, refusal_text
from ccwg.errors import DomainError
from reports import services as report_services
from reports.checks import WARNING, findings_for_report
from reports.models import AnnualReport, CheckAcknowledgement, PublishedDocument


class PublishedDocumentInline(admin.TabularInline):
    model = PublishedDocument
    extra = 0
    can_delete = False
    fields = ["format", "size", "sha256", "created_at", "download"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Download")
    def download(self, document: PublishedDocument) -> str:
        report = document.report
        url = reverse(
            "reports:report_download",
            args=[report.working_group.acronym, report.year, document.format],
        )
        return format_html('<a href="{}?version={}">{}</a>', url, report.version, "download")


class CheckAcknowledgementInline(admin.TabularInline):
    model = CheckAcknowledgement
    extra = 0
    fields = ["check_key", "reason", "acknowledged_by", "acknowledged_at"]
    readonly_fields = fields
    verbose_name = "acknowledged warning"

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # acknowledge from the "Check and publish" page, where findings are shown

    def has_delete_permission(self, request, obj=None) -> bool:
        return bool(obj is not None and not obj.is_published and request.user.is_staff)


class AcknowledgeForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))


class PublishForm(forms.Form):
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}), label="Note"
    )
    confirm_errors = forms.BooleanField(
        required=False,
        label="I have read the errors above and confirm publishing despite them.",
    )


@admin.register(AnnualReport)
class AnnualReportAdmin(ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "working_group", "year", "version", "status", "published_at"]
    list_filter = ["status", "working_group", "year"]
    search_fields = ["working_group__acronym", "title"]
    autocomplete_fields = ["working_group"]
    inlines = [PublishedDocumentInline, CheckAcknowledgementInline]
    actions = ["publish_selected", "new_version_of_selected"]
    fieldsets = [
        (None, {"fields": ["working_group", "year", "version", "title"]}),
        ("Period", {"fields": [("period_start", "period_end")]}),
        (
            "Narrative (Markdown)",
            {"fields": ["introduction", "internal_work_intro", "way_forward", "threats_intro"]},
        ),
        (
            "Publication",
            {
                "fields": [
                    "links",
                    "status",
                    "published_at",
                    "published_by",
                    "published_despite_errors",
                    "publish_note",
                ]
            },
        ),
    ]
    readonly_fields = [
        "links",
        "status",
        "published_at",
        "published_by",
        "published_despite_errors",
        "publish_note",
    ]
    services = report_services.REPORTS
    inline_services = {
        # The inline only deletes (acknowledging is done on the "Check and publish" page).
        CheckAcknowledgement: dataclasses.replace(
            generic_services(CheckAcknowledgement, record="acknowledgement"),
            delete=report_services.withdraw_acknowledgement,
        )
    }

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        """A report's group, year and version are set when it is created."""
        fixed = ["working_group", "year", "version"] if obj is not None else []
        return [*fixed, *self.readonly_fields]

    # -- published reports are view-only (the services refuse to change them: ReportFrozen)
    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        for name in ("period_start", "period_end"):
            if name in form.base_fields:
                form.base_fields[name].required = False
                form.base_fields[name].help_text = "Leave blank for the calendar year."
        return form

    @admin.display(description="Report")
    def links(self, report: AnnualReport) -> str:
        if report.pk is None:
            return "-"
        page = reverse("reports:report_page", args=[report.working_group.acronym, report.year])
        page = f"{page}?version={report.version}"
        if report.is_published:
            return format_html('<a href="{}">View the published report</a>', page)
        publish = reverse("admin:reports_annualreport_publish", args=[report.pk])
        return format_html(
            '<a href="{}">Preview</a> · <a href="{}">Check and publish</a>', page, publish
        )

    # -- actions
    @admin.action(description="Publish the selected draft reports (refused when errors are open)")
    def publish_selected(self, request: HttpRequest, queryset) -> None:
        if not request.user.is_staff:
            raise PermissionDenied
        for report in queryset.select_related("working_group"):
            try:
                report_services.publish_report(report=report, user=request.user)
            except (DomainError, ValidationError) as error:
                url = reverse("admin:reports_annualreport_publish", args=[report.pk])
                self.message_user(
                    request,
                    format_html(
                        '{} was not published: {} <a href="{}">Check and publish</a>.',
                        report,
                        refusal_text(error),
                        url,
                    ),
                    messages.ERROR,
                )
            else:
                self.message_user(request, f"{report} is published.", messages.SUCCESS)

    @admin.action(description="Start a new version (draft) of the selected published reports")
    def new_version_of_selected(self, request: HttpRequest, queryset) -> None:
        for report in queryset.select_related("working_group"):
            try:
                new = report_services.start_new_version(report=report, user=request.user)
            except (DomainError, ValidationError) as error:
                self.message_refusal(request, error)
            else:
                self.message_user(request, f"{new} started as a draft.", messages.SUCCESS)

    # -- the check-and-publish page
    def get_urls(self):
        custom = [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="reports_annualreport_publish",
            ),
        ]
        return custom + super().get_urls()

    def publish_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        report = get_object_or_404(
            AnnualReport.objects.select_related("working_group"), pk=object_id
        )
        if not (request.user.is_staff and super().has_change_permission(request, report)):
            raise PermissionDenied
        ack_form = AcknowledgeForm(prefix="ack")
        publish_form = PublishForm(prefix="publish")
        if request.method == "POST":
            if "acknowledge" in request.POST:
                ack_form = AcknowledgeForm(request.POST, prefix="ack")
                if ack_form.is_valid():
                    try:
                        report_services.acknowledge_finding(
                            report=report,
                            key=ack_form.cleaned_data["key"],
                            reason=ack_form.cleaned_data["reason"],
                            user=request.user,
                        )
                    except (DomainError, ValidationError) as error:
                        self.message_refusal(request, error)
                    else:
                        self.message_user(request, "Warning acknowledged.", messages.SUCCESS)
                        return HttpResponseRedirect(request.path)
            elif "publish" in request.POST:
                publish_form = PublishForm(request.POST, prefix="publish")
                if publish_form.is_valid():
                    try:
                        published = report_services.publish_report(
                            report=report,
                            user=request.user,
                            confirm_errors=publish_form.cleaned_data["confirm_errors"],
                            note=publish_form.cleaned_data["note"],
                        )
                    except (DomainError, ValidationError) as error:
                        self.message_refusal(request, error)
                    else:
                        self.message_user(request, f"{published} is published.", messages.SUCCESS)
                        return HttpResponseRedirect(
                            reverse("admin:reports_annualreport_change", args=[published.pk])
                        )
        findings = [] if report.is_published else findings_for_report(report)
        errors = [f for f in findings if f.is_error]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Check and publish: {report}",
            "report": report,
            "findings": findings,
            "errors": errors,
            "warnings": [f for f in findings if f.severity == WARNING],
            "ack_form": ack_form,
            "publish_form": publish_form,
            "page_url": reverse(
                "reports:report_page", args=[report.working_group.acronym, report.year]
            )
            + f"?version={report.version}",
        }
        return TemplateResponse(request, "reports/admin/publish.html", context)
