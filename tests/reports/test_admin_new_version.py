"""A published report's admin page starts its next version in one click; the group's list of
reports names its columns for what they hold."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import AnnualReport
from tests.factories import DraftReportFactory, PublishedReportFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return PublishedReportFactory(working_group=WorkingGroupFactory(acronym="CCWG-P"))


def test_a_published_report_s_page_starts_a_new_version(admin_client, published):
    page = admin_client.get(reverse("admin:reports_annualreport_change", args=[published.pk]))
    url = reverse("admin:reports_annualreport_new_version", args=[published.pk])
    assert (
        f'action="{url}"' in page.content.decode()
        and "Start a new version" in page.content.decode()
    )
    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url, follow=True)
    new = AnnualReport.objects.get(working_group=published.working_group, version=2)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:reports_annualreport_change", args=[new.pk]
    )
    assert "started as a draft" in response.content.decode()
    draft_page = admin_client.get(reverse("admin:reports_annualreport_change", args=[new.pk]))
    assert "Start a new version" not in draft_page.content.decode()


def test_a_draft_cannot_start_another_version_and_says_why(admin_client):
    draft = DraftReportFactory()
    url = reverse("admin:reports_annualreport_new_version", args=[draft.pk])
    response = admin_client.post(url, follow=True)
    assert response.status_code == 200
    assert AnnualReport.objects.filter(working_group=draft.working_group).count() == 1
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_the_group_s_reports_table_has_a_report_and_a_year_column(client, published):
    page = client.get(f"/reports/{published.working_group.acronym}/").content.decode()
    assert "<th>Report</th><th>Year</th><th>Version</th>" in page
    assert f"<td>{published.year}</td>" in page
