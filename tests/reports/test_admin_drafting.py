"""Reports from the admin: a group's draft for a year, its findings, preview, and publishing
after a confirmation page that lists what will be frozen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ccwg.core.models import WorkingGroup
from reports.admin_group import suggested_report_year
from reports.checks import findings_for_report
from reports.models import AnnualReport, ReportStatus
from reports.services import acknowledge_finding, publish_report
from tests.factories import AnnualReportFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _group_page(admin_client, group: WorkingGroup) -> str:
    page = admin_client.get(reverse("admin:ccwg_workinggroup_change", args=[group.pk]))
    assert page.status_code == 200
    return page.content.decode()


def test_create_the_draft_report_from_the_group(sample_data, admin_client):
    AnnualReport.objects.all().delete()
    group = WorkingGroup.objects.get(acronym="CCWG-IG")
    assert suggested_report_year(group) == 2017
    text = _group_page(admin_client, group)
    assert "Create the draft report for 2017" in text
    url = reverse("admin:ccwg_workinggroup_draft_report", args=[group.pk])
    confirm = admin_client.get(url, {"year": 2017})
    assert confirm.status_code == 200
    assert "assembled from the records of the year" in confirm.content.decode()

    response = admin_client.post(url, {"year": "2017"})
    report = AnnualReport.objects.get(working_group=group, year=2017)
    assert report.status == ReportStatus.DRAFT and report.version == 1
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reports_annualreport_change", args=[report.pk])

    # The group's page now opens that draft, and lists it.
    text = _group_page(admin_client, group)
    assert "Open the draft report for 2017" in text
    assert "annual reports" in text.lower()
    change = reverse("admin:reports_annualreport_change", args=[report.pk])
    assert f'<ul class="group-reports"><li><a href="{change}">' in text
    # Asking again opens the existing draft rather than creating another.
    response = admin_client.post(url, {"year": "2017"})
    assert response.status_code == 302
    assert AnnualReport.objects.filter(working_group=group, year=2017).count() == 1


@pytest.mark.slow
def test_a_published_year_starts_its_next_version(sample_report, admin_client, staff):
    publish_report(report=sample_report, user=staff, confirm_errors=True)
    group = sample_report.working_group
    url = reverse("admin:ccwg_workinggroup_draft_report", args=[group.pk])
    assert "starts version 2" in admin_client.get(url, {"year": 2017}).content.decode()
    admin_client.post(url, {"year": "2017"})
    draft = AnnualReport.objects.get(working_group=group, year=2017, status=ReportStatus.DRAFT)
    assert draft.version == 2 and draft.introduction == sample_report.introduction


def test_the_draft_page_shows_its_findings_and_the_preview(sample_report, admin_client):
    page = admin_client.get(reverse("admin:reports_annualreport_change", args=[sample_report.pk]))
    text = page.content.decode()
    assert 'class="report-findings"' in text
    for finding in findings_for_report(sample_report):
        assert finding.message[:30] in text
    assert "(warning)" in text  # the sample's one finding: the reference's "in 2016"
    assert "/reports/CCWG-IG/2017/?version=1" in text and "Preview" in text


def test_the_publish_page_lists_what_will_be_frozen(sample_report, admin_client, staff):
    warning = next(f for f in findings_for_report(sample_report) if f.severity == "warning")
    acknowledge_finding(report=sample_report, key=warning.key, reason="Known", user=staff)
    page = admin_client.get(f"/admin/reports/annualreport/{sample_report.pk}/publish/")
    text = page.content.decode()
    assert "What publishing freezes" in text
    for name in ("html", "pdf", "docx", "md"):
        assert f"CCWG-IG-annual-report-2017.{name}" in text
    assert "2.4.2 CCWG-IG teleconferences" in text and "9 teleconferences" in text
    assert "2 face-to-face meetings" in text
    assert "Open findings: 0 errors, 0 warnings" in text
    assert "Acknowledged warnings: 1" in text and "Known" in text


@pytest.mark.slow
def test_the_publish_action_confirms_first(admin_client):
    report = AnnualReportFactory(working_group=WorkingGroupFactory(acronym="CCWG-X"), year=2017)
    assert not [f for f in findings_for_report(report) if f.is_error]
    changelist = reverse("admin:reports_annualreport_changelist")
    page = admin_client.post(
        changelist, {"action": "publish_selected", "_selected_action": [report.pk]}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Publish these reports?" in text and "CCWG-X-annual-report-2017.pdf" in text
    assert AnnualReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    response = admin_client.post(
        changelist,
        {"action": "publish_selected", "_selected_action": [report.pk], "confirmed": "yes"},
    )
    assert response.status_code == 302
    assert AnnualReport.objects.get(pk=report.pk).is_published


def test_the_group_admin_is_defined_once_and_its_reports_part_contributed():
    """The core defines the working group's admin page; reports adds its part through the
    hook the core declares, not by replacing the registration."""
    from django.contrib import admin

    from ccwg.core.admin import WorkingGroupAdmin
    from reports.admin_group import GroupReports

    assert type(admin.site._registry[WorkingGroup]) is WorkingGroupAdmin
    assert [type(part) for part in WorkingGroupAdmin.parts] == [GroupReports]
