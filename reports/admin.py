"""Admin of annual reports: create drafts from a group, edit them, see their findings,
preview, check and publish them after a confirmation page that lists what will be frozen,
view frozen documents.

A published report's page has the button "Start a new version" (as the list's action).
The working group's admin page gets its reports part from `reports.admin_group`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from ccwg.core.admin_fields import GroupFieldAdmin
from ccwg.core.admin_guard import StaleSaveGuardAdmin
from ccwg.core.admin_writes import ServiceWritesAdmin, generic_services, refusal_text
from ccwg.core.fields import LONG_TEXT, SHORT_TEXT
from ccwg.errors import DomainError
from reports import (
    admin_group,  # noqa: F401  (the reports part of the group's page)
    block_services,
)
from reports import services as report_services
from reports.block_selectors import report_blocks
from reports.checks import WARNING, open_errors
from reports.compare_admin import changes_link
from reports.drafts import report_findings
from reports.models import (
    AnnualReport,
    CheckAcknowledgement,
    PublishedDocument,
)
from reports.publish_preview import freeze_summary


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
        return bool(obj is not None and not obj.is_frozen and request.user.is_staff)


class AcknowledgeForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )


class PublishForm(forms.Form):
    note = forms.CharField(
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        label="Note",
    )
    confirm_errors = forms.BooleanField(
        required=False,
        label="I have read the errors above and confirm publishing despite them.",
    )


@admin.register(AnnualReport)
class AnnualReportAdmin(
    StaleSaveGuardAdmin, GroupFieldAdmin, ServiceWritesAdmin, SimpleHistoryAdmin
):
    list_display = ["__str__", "working_group", "year", "version", "status", "published_at"]
    list_filter = ["status", "working_group", "year"]
    search_fields = ["working_group__acronym", "title"]
    autocomplete_fields = ["working_group"]
    inlines = [PublishedDocumentInline, CheckAcknowledgementInline]
    actions = ["publish_selected", "new_version_of_selected"]
    fieldsets = [
        (None, {"fields": ["working_group", "year", "version", "title"]}),
        ("Period", {"fields": [("period_start", "period_end")]}),
        ("Issue date", {"fields": [("issued_on", "issued_on_precision")]}),
        (
            "Narrative (Markdown)",
            {
                "fields": [
                    "introduction",
                    "internal_work_intro",
                    "way_forward_heading",
                    "way_forward",
                    "threats_intro",
                    "statements_placement",
                ]
            },
        ),
        ("Consistency checks", {"fields": ["findings"]}),
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
        "findings",
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

    # -- frozen (published) reports are view-only (the services refuse to change them)
    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_frozen:
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
        changes = changes_link(report)
        if report.is_published:
            words = reverse("admin:reports_annualreport_words", args=[report.pk])
            return format_html(
                '<a href="{}">View the published report</a>{} · <a href="{}">Words</a>',
                page,
                changes,
                words,
            )
        publish = reverse("admin:reports_annualreport_publish", args=[report.pk])
        words = reverse("admin:reports_annualreport_words", args=[report.pk])
        return format_html(
            '<a href="{}">Preview</a>{} · <a href="{}">Words</a> · <a href="{}">Check and '
            "publish</a>",
            page,
            changes,
            words,
            publish,
        )

    @admin.display(description="Findings")
    def findings(self, report: AnnualReport) -> str:
        """The report's consistency checks: open errors and warnings, acknowledged ones."""
        if report.pk is None:
            return "Shown once the draft is saved."
        if report.is_published:
            return "Published: the checks were run when it was published (see its note)."
        found = report_findings(report)
        if not found:
            return "No findings."

        def state(finding) -> str:
            if finding.is_error:
                return "error"
            return "warning, acknowledged" if finding.is_acknowledged else "warning"

        return format_html(
            '<ul class="report-findings">{}</ul>',
            format_html_join(
                "",
                '<li class="finding-{}"><strong>{}</strong> ({}): {}{}</li>',
                (
                    (
                        finding.severity,
                        finding.record_label,
                        state(finding),
                        finding.message,
                        format_html(' <a href="{}">edit</a>', finding.admin_url)
                        if finding.admin_url
                        else "",
                    )
                    for finding in found
                ),
            ),
        )

    # -- actions
    @admin.action(description="Publish the selected draft reports (after a confirmation page)")
    def publish_selected(self, request: HttpRequest, queryset) -> HttpResponse | None:
        if not request.user.is_staff:
            raise PermissionDenied
        reports = list(queryset.select_related("working_group"))
        if not request.POST.get("confirmed"):
            ready = []
            for report in reports:
                errors = [] if report.is_published else open_errors(report_findings(report))
                if report.is_published or errors:
                    url = reverse("admin:reports_annualreport_publish", args=[report.pk])
                    reason = (
                        "it is already published."
                        if report.is_published
                        else f"{len(errors)} open error(s)."
                    )
                    self.message_user(
                        request,
                        format_html(
                            '{} was not published: {} <a href="{}">Check and publish</a>.',
                            report,
                            reason,
                            url,
                        ),
                        messages.ERROR,
                    )
                else:
                    ready.append(report)
            if not ready:
                return None
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Publish these reports?",
                "reports": [(report, freeze_summary(report)) for report in ready],
                "action": "publish_selected",
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "reports/admin/publish_selected.html", context)
        for report in reports:
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
        return None

    @admin.action(description="Start a new version (draft) of the selected published reports")
    def new_version_of_selected(self, request: HttpRequest, queryset) -> None:
        for report in queryset.select_related("working_group"):
            self._start_new_version(request, report)

    def _start_new_version(self, request: HttpRequest, report: AnnualReport) -> AnnualReport | None:
        try:
            new = report_services.start_new_version(report=report, user=request.user)
        except (DomainError, ValidationError) as error:
            self.message_refusal(request, error)
            return None
        self.message_user(request, f"{new} started as a draft.", messages.SUCCESS)
        return new

    def new_version_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """The report page's "Start a new version" button (POST): the new draft opens."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        report = get_object_or_404(AnnualReport, pk=object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        new = self._start_new_version(request, report)
        shown = new or report
        return HttpResponseRedirect(reverse("admin:reports_annualreport_change", args=[shown.pk]))

    # -- the check-and-publish page
    def get_urls(self):
        custom = [
            path(
                "<int:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="reports_annualreport_publish",
            ),
            path(
                "<int:object_id>/new-version/",
                self.admin_site.admin_view(self.new_version_view),
                name="reports_annualreport_new_version",
            ),
            path(
                "<int:object_id>/words/",
                self.admin_site.admin_view(self.words_view),
                name="reports_annualreport_words",
            ),
        ]
        return custom + super().get_urls()

    def publish_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
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
        findings = [] if report.is_published else report_findings(report)
        errors = [f for f in findings if f.is_error]
        summary = None if report.is_published else freeze_summary(report)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Check and publish: {report}",
            "report": report,
            "findings": findings,
            "errors": errors,
            "warnings": [f for f in findings if f.severity == WARNING],
            "summary": summary,
            "ack_form": ack_form,
            "publish_form": publish_form,
            "page_url": reverse(
                "reports:report_page", args=[report.working_group.acronym, report.year]
            )
            + f"?version={report.version}",
        }
        return TemplateResponse(request, "reports/admin/publish.html", context)

    def words_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """The report's words (`reports.blocks`), section by section: the generated text
        beside the printed one; on a draft, staff edit, revert, leave out or put back each."""
        report = get_object_or_404(
            AnnualReport.objects.select_related("working_group"), pk=object_id
        )
        if not (request.user.is_staff and super().has_view_permission(request, report)):
            raise PermissionDenied
        if request.method == "POST":
            if not super().has_change_permission(request, report):
                raise PermissionDenied
            form = BlockForm(request.POST)
            if form.is_valid():
                key, action = form.cleaned_data["key"], form.cleaned_data["action"]
                write: dict[str, Any] = {"report": report, "key": key, "user": request.user}
                try:
                    if action == BlockForm.SAVE:
                        block_services.edit_block(**write, text=form.cleaned_data["text"])
                    elif action == BlockForm.REVERT:
                        block_services.revert_block(**write)
                    elif action == BlockForm.MOVE:
                        position = form.cleaned_data["position"]
                        block_services.move_block(**write, position=position)
                    else:
                        block_services.omit_block(**write, omitted=action == BlockForm.OMIT)
                except (DomainError, ValidationError) as error:
                    self.message_refusal(request, error)
                else:
                    self.message_user(request, f"{key}: {form.DONE[action]}", messages.SUCCESS)
                return HttpResponseRedirect(f"{request.path}#{block_anchor(key)}")
            self.message_user(
                request, "Nothing was changed: the form was incomplete.", messages.ERROR
            )
        blocks = report_blocks(report)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Words: {report}",
            "report": report,
            "blocks": [(block, block_anchor(block.key)) for block in blocks],
            "edited": sum(block.edited or block.omitted for block in blocks),
            "stale": sum(block.stale for block in blocks),
            "editable": not report.is_frozen,
            "text_limit": LONG_TEXT,
        }
        return TemplateResponse(request, "reports/admin/words.html", context)


def block_anchor(key: str) -> str:
    """The id of a block's row on the words page."""
    return "block-" + key.replace("/", "--")


class BlockForm(forms.Form):
    """One block's row on the words page: which block, which button, the text."""

    SAVE, REVERT, OMIT, INCLUDE, MOVE = "save", "revert", "omit", "include", "move"
    DONE = {
        SAVE: "your text is printed.",
        REVERT: "the generated text is printed again.",
        OMIT: "left out of the report.",
        INCLUDE: "printed again.",
        MOVE: "the section is in its new place.",
    }
    key = forms.CharField(max_length=200)
    action = forms.ChoiceField(choices=[(a, a) for a in DONE])
    text = forms.CharField(required=False, max_length=LONG_TEXT, strip=False)
    #: A movable section's place among its siblings; empty: the generated order.
    position = forms.IntegerField(required=False, min_value=1, max_value=999)
