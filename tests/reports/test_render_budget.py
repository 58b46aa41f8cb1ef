"""Rendering cost is bounded (issue #14, item 2): long unbroken strings wrap in the PDF, and a
PDF that passes its time budget (REPORT_RENDER_TIMEOUT) fails cleanly with a message, the
draft left as it was: a download answers 503 (a page, or JSON by Accept), the API's publish
503, the admin says so."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from pypdf import PdfReader

from reports.drafts import assemble_for_report
from reports.errors import RenderFailed
from reports.models import AnnualReport, PublishedDocument, ReportStatus
from reports.renderers import render
from reports.renderers.pdf import soft_breaks, write_pdf_within
from tests.factories import DraftReportFactory

#: Too short for any layout.
NO_TIME = 0.001


def test_soft_breaks_split_only_long_runs_of_text():
    url = "https://example.org/" + "p" * 70
    document = (
        f'<html><head><title>{"t" * 300}</title></head><body class="r">'
        f'<p title="{"a" * 300}">{"b" * 120} {url} &amp;{"c" * 99}</p></body></html>'
    )
    broken = soft_breaks(document)
    assert broken.count("\u200b") == 2  # 120 b's: after 50 and 100
    assert f'title="{"a" * 300}"' in broken and f"<title>{'t' * 300}</title>" in broken
    assert url in broken and f"&amp;{'c' * 99}" in broken


def test_a_render_past_its_budget_is_stopped():
    document = "<html><body>" + "<p>words and words</p>" * 2000 + "</body></html>"
    with pytest.raises(RenderFailed, match=r"longer than 0\.001 seconds"):
        write_pdf_within(document, "id", NO_TIME)
    assert write_pdf_within("<html><body><p>ok</p></body></html>", "id", 60).startswith(b"%PDF")


@pytest.mark.slow
@pytest.mark.django_db
def test_long_unbroken_strings_wrap_in_the_pdf():
    report = DraftReportFactory(introduction="Ж" * 20_000, way_forward="y" * 20_000)
    pdf = render(assemble_for_report(report), "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    runs = [len(run) for run in re.findall(r"Ж+", text.replace("\u200b", "\n"))]
    assert sum(runs) == 20_000  # all of it is there...
    assert max(runs) <= 100  # ...on lines that fit the page


@pytest.fixture
def no_time(settings):
    settings.REPORT_RENDER_TIMEOUT = NO_TIME


def _unchanged(report: AnnualReport) -> None:
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.published_at is None
    assert not PublishedDocument.objects.filter(report=report).exists()


def test_a_download_past_its_budget_answers_503_with_a_message(member_client, no_time):
    report = DraftReportFactory()
    url = reverse("reports:report_download", args=[report.working_group.acronym, 2017, "pdf"])
    page = member_client.get(url)
    assert page.status_code == 503
    assert page["Content-Type"].startswith("text/html")
    assert "could not be made" in page.content.decode() and "longer than" in page.content.decode()
    as_json = member_client.get(url, HTTP_ACCEPT="application/json")
    assert as_json.status_code == 503
    assert "longer than" in as_json.json()["detail"]
    # The other formats do not depend on the PDF's budget.
    markdown = member_client.get(url.replace(".pdf", ".md"))
    assert markdown.status_code == 200
    _unchanged(report)


def test_publishing_past_the_budget_answers_503_and_leaves_the_draft(staff_api, no_time):
    report = DraftReportFactory()
    response = staff_api.post(
        reverse("api-report-publish", args=[report.pk]), {"confirm_errors": True}, format="json"
    )
    assert response.status_code == 503, response.content
    assert "longer than" in response.json()["detail"]
    _unchanged(report)


def test_the_admin_says_publishing_failed_and_leaves_the_draft(admin_client, no_time):
    report = DraftReportFactory()
    url = reverse("admin:reports_annualreport_publish", args=[report.pk])
    response = admin_client.post(url, {"publish": "1", "publish-confirm_errors": "on"})
    assert response.status_code == 200
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("longer than" in message for message in said), said
    _unchanged(report)
