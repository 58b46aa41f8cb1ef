"""The admin: check-and-publish page, acknowledgements, publish action, published read-only."""

from __future__ import annotations

import pytest

from reports.checks import findings_for_report
from reports.models import AnnualReport, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


def test_publish_page_shows_findings_and_needs_confirmation(sample_report, admin_client):
    url = f"/admin/reports/annualreport/{sample_report.pk}/publish/"
    page = admin_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Errors (1)" in text and "Warnings (1)" in text
    assert "26-29 June 2017" in text
    assert "publish-confirm_errors" in text

    response = admin_client.post(url, {"publish": "1", "publish-note": ""}, follow=True)
    assert "open error" in response.content.decode()
    assert AnnualReport.objects.get(pk=sample_report.pk).status == ReportStatus.DRAFT

    response = admin_client.post(
        url, {"publish": "1", "publish-note": "Checked.", "publish-confirm_errors": "on"}
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get(pk=sample_report.pk)
    assert report.is_published and report.published_despite_errors
    assert "Checked." in report.publish_note


def test_acknowledge_from_the_publish_page(sample_report, admin_client):
    warning = next(f for f in findings_for_report(sample_report) if f.severity == "warning")
    url = f"/admin/reports/annualreport/{sample_report.pk}/publish/"
    response = admin_client.post(
        url, {"acknowledge": "1", "ack-key": warning.key, "ack-reason": "History of 2016."}
    )
    assert response.status_code == 302
    text = admin_client.get(url).content.decode()
    assert "History of 2016." in text


def test_publish_action_refuses_with_open_errors(sample_report, admin_client):
    response = admin_client.post(
        "/admin/reports/annualreport/",
        {"action": "publish_selected", "_selected_action": [sample_report.pk]},
        follow=True,
    )
    assert "was not published" in response.content.decode()
    assert AnnualReport.objects.get(pk=sample_report.pk).status == ReportStatus.DRAFT


def test_published_report_is_read_only_in_the_admin(sample_report, admin_client, staff):
    from reports.services import publish_report

    publish_report(report=sample_report, user=staff, confirm_errors=True)
    url = f"/admin/reports/annualreport/{sample_report.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="introduction"' not in text
    assert "sha256" in text.lower() or "Sha256" in text
    response = admin_client.post(url, {"introduction": "Rewritten"})
    assert response.status_code == 403
    assert AnnualReport.objects.get(pk=sample_report.pk).introduction.startswith("This report")


def test_draft_change_page_and_changelist(sample_report, admin_client):
    assert admin_client.get("/admin/reports/annualreport/").status_code == 200
    page = admin_client.get(f"/admin/reports/annualreport/{sample_report.pk}/change/")
    assert page.status_code == 200
    assert "Check and publish" in page.content.decode()
