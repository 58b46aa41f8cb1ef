"""The admin: check-and-publish page, acknowledgements, publish action, published read-only."""

from __future__ import annotations

import pytest

from reports.checks import findings_for_report
from reports.models import AnnualReport, ReportStatus
from tests.factories import PublishedReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_publish_page_shows_findings_and_needs_confirmation(
    report_with_open_error, superuser_client
):
    url = f"/admin/reports/annualreport/{report_with_open_error.pk}/publish/"
    page = superuser_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Errors (1)" in text and "Warnings (1)" in text
    assert "26–29 June 2017" in text
    assert "publish-confirm_errors" in text

    response = superuser_client.post(url, {"publish": "1", "publish-note": ""}, follow=True)
    assert "open error" in response.content.decode()
    assert AnnualReport.objects.get(pk=report_with_open_error.pk).status == ReportStatus.DRAFT

    response = superuser_client.post(
        url, {"publish": "1", "publish-note": "Checked.", "publish-confirm_errors": "on"}
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get(pk=report_with_open_error.pk)
    assert report.is_published and report.published_despite_errors
    assert "Checked." in report.publish_note


def test_acknowledge_from_the_publish_page(report_with_open_error, superuser_client):
    warning = next(
        f for f in findings_for_report(report_with_open_error) if f.severity == "warning"
    )
    url = f"/admin/reports/annualreport/{report_with_open_error.pk}/publish/"
    response = superuser_client.post(
        url, {"acknowledge": "1", "ack-key": warning.key, "ack-reason": "History of 2016."}
    )
    assert response.status_code == 302
    text = superuser_client.get(url).content.decode()
    assert "History of 2016." in text


def test_publish_action_refuses_with_open_errors(report_with_open_error, superuser_client):
    response = superuser_client.post(
        "/admin/reports/annualreport/",
        {"action": "publish_selected", "_selected_action": [report_with_open_error.pk]},
        follow=True,
    )
    assert "was not published" in response.content.decode()
    assert AnnualReport.objects.get(pk=report_with_open_error.pk).status == ReportStatus.DRAFT


def test_published_report_is_read_only_in_the_admin(superuser_client):
    report = PublishedReportFactory()
    url = f"/admin/reports/annualreport/{report.pk}/change/"
    page = superuser_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="introduction"' not in text
    assert "sha256" in text.lower() or "Sha256" in text
    response = superuser_client.post(url, {"introduction": "Rewritten"})
    assert response.status_code == 403
    assert AnnualReport.objects.get(pk=report.pk).introduction.startswith("This report")


def test_draft_change_page_and_changelist(draft_report, superuser_client):
    assert superuser_client.get("/admin/reports/annualreport/").status_code == 200
    page = superuser_client.get(f"/admin/reports/annualreport/{draft_report.pk}/change/")
    assert page.status_code == 200
    assert "Check and publish" in page.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/reports/annualreport/1/change/publish/",
        "/admin/reports/annualreport/1/change/words/",
        "/admin/reports/annualreport/x/words/",
        "/admin/ccwg/workinggroup/1/change/draft-report/",
    ],
)
def test_a_report_page_of_the_admin_under_a_malformed_id_is_never_a_500(admin_client, path):
    """The admin's own report pages take a number: anything else falls to Django's admin,
    which says the record does not exist (a redirect), never a traceback."""
    response = admin_client.get(path)
    assert response.status_code in (302, 404)


@pytest.mark.parametrize("page", ["publish", "words"])
def test_the_report_pages_of_the_admin_keep_the_admin_stylesheet(
    draft_report, superuser_client, page
):
    """Each page adds its own stylesheet beside the admin's base.css, never in its place (the
    admin's template names base.css's block "stylesheet")."""
    response = superuser_client.get(f"/admin/reports/annualreport/{draft_report.pk}/{page}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/admin/css/base.css" in html
    assert f"/static/reports/{page}.css" in html
