"""Pages and downloads: status codes, content types, file names, who sees drafts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import (
    AgendaItemFactory,
    AnnualReportFactory,
    MeetingFactory,
    PublishedReportFactory,
    TeleconferenceFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


def test_url_names():
    assert reverse("reports:group_reports", args=["CCWG-IG"]) == "/reports/CCWG-IG/"
    assert reverse("reports:report_page", args=["CCWG-IG", 2017]) == "/reports/CCWG-IG/2017/"
    assert reverse("reports:report_download", args=["CCWG-IG", 2017, "pdf"]) == (
        "/reports/CCWG-IG/2017.pdf"
    )


def test_drafts_are_hidden_from_anonymous_visitors(draft_report, client):
    for path in ["/reports/CCWG-IG/2017/"] + [
        f"/reports/CCWG-IG/2017.{fmt}" for fmt in ("pdf", "docx", "md", "html")
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == f"/accounts/login/?next={path}"
    page = client.get("/reports/CCWG-IG/2017/", follow=True).content.decode()
    assert "teleconferences" not in page
    assert client.get("/reports/CCWG-IG/2016/").status_code == 404
    listing = client.get("/reports/CCWG-IG/")
    assert listing.status_code == 200
    assert "Report on the 2017" not in listing.content.decode()
    assert "No annual report" in listing.content.decode()


def test_members_see_the_draft_page(draft_report, member_client):
    response = member_client.get("/reports/CCWG-IG/2017/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Draft" in page
    assert "2.4.2 CCWG-IG teleconferences" in page
    assert "15 (17, inc. staff)" in page
    assert "Consistency checks" not in page  # staff only
    assert "no-store" in response["Cache-Control"]
    assert 'href="/reports/CCWG-IG/2017.pdf"' in page
    listing = member_client.get("/reports/CCWG-IG/").content.decode()
    assert "Report on the 2017" in listing


def test_staff_see_the_findings_with_links(report_with_open_error, staff_client):
    page = staff_client.get("/reports/CCWG-IG/2017/").content.decode()
    assert "Consistency checks" in page
    assert "26–29 June 2017" in page
    assert "/admin/meetings/meeting/" in page
    assert f"/admin/reports/annualreport/{report_with_open_error.pk}/publish/" in page


@pytest.mark.parametrize("fmt", ["md", "docx", "html"])
def test_draft_downloads_for_members(draft_report, member_client, fmt):
    response = member_client.get(f"/reports/CCWG-IG/2017.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == TYPES[fmt]
    disposition = "inline" if fmt == "html" else "attachment"
    assert response["Content-Disposition"] == (
        f'{disposition}; filename="CCWG-IG-annual-report-2017.{fmt}"'
    )


@pytest.mark.parametrize(
    "path",
    [
        "/reports/NOPE/",
        "/reports/NOPE/2017/",
        "/reports/NOPE/2017.pdf",
        "/reports/CCWG-IG/1999/",
        "/reports/CCWG-IG/2016.pdf",
        "/reports/CCWG-IG/2017.exe",
        "/reports/CCWG-IG/2017/?version=99",
    ],
)
def test_unknown_things_are_404(draft_report, member_client, path):
    assert member_client.get(path).status_code == 404


def test_a_malformed_version_is_ignored(draft_report, member_client):
    assert member_client.get("/reports/CCWG-IG/2017/?version=abc").status_code == 200


def test_writes_are_refused(draft_report, member_client):
    assert member_client.post("/reports/CCWG-IG/2017/").status_code == 405


@pytest.fixture
def published(staff):
    group = WorkingGroupFactory(acronym="CCWG-P", name="Published Group")
    meeting = TeleconferenceFactory(working_group=group)
    AgendaItemFactory(meeting=meeting, title="Only <b>item</b> & more")
    return PublishedReportFactory(
        working_group=group, introduction="Hello **world**", published_by=staff
    )


def test_published_reports_are_public_with_their_stored_bytes(published, client):
    page = client.get("/reports/CCWG-P/2017/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Published on" in text
    assert "Only &lt;b&gt;item&lt;/b&gt; &amp; more" in text
    assert "<strong>world</strong>" in text
    for fmt in ("pdf", "docx", "md", "html"):
        response = client.get(f"/reports/CCWG-P/2017.{fmt}")
        assert response.status_code == 200
        assert response["Content-Type"] == TYPES[fmt]
        stored = published.documents.get(format=fmt)
        assert response.content == bytes(stored.content)
        assert response["ETag"] == f'"{stored.sha256}"'
        assert f'filename="CCWG-P-annual-report-2017.{fmt}"' in response["Content-Disposition"]
    assert client.get("/reports/CCWG-P/2017.pdf")["Content-Disposition"].startswith("attachment")
    listing = client.get("/reports/CCWG-P/").content.decode()
    assert "Published on" in listing


def test_everyone_sees_the_published_version_and_members_a_link_to_the_draft(
    published, staff, client, member_client
):
    from reports.services import start_new_version, update_report

    draft = start_new_version(report=published, user=staff)
    update_report(report=draft, introduction="Second edition")
    pages = {
        who: c.get("/reports/CCWG-P/2017/").content.decode()
        for who, c in (("anonymous", client), ("member", member_client))
    }
    for page in pages.values():  # the same report for everyone: the latest published
        assert "Hello" in page and "Second edition" not in page
    assert 'href="?version=2" class="newer-draft"' in pages["member"]
    assert "newer-draft" not in pages["anonymous"]
    newer = member_client.get("/reports/CCWG-P/2017/?version=2").content.decode()
    assert "Second edition" in newer and "newer-draft" not in newer
    assert client.get("/reports/CCWG-P/2017/?version=2").status_code == 302  # to log in
    response = member_client.get("/reports/CCWG-P/2017.md")
    assert response["Content-Disposition"] == 'attachment; filename="CCWG-P-annual-report-2017.md"'


def test_home_page_links_to_the_group_reports(draft_report, client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/reports/CCWG-IG/"' in response.content.decode()


def test_page_escapes_untrusted_titles(member_client):
    group = WorkingGroupFactory(acronym="CCWG-X")
    meeting = MeetingFactory(working_group=group, title="<script>alert(1)</script>")
    AgendaItemFactory(meeting=meeting, title='<img src=x onerror="alert(1)">')
    AnnualReportFactory(working_group=group, introduction="<script>alert(2)</script>ok")
    text = member_client.get("/reports/CCWG-X/2017/").content.decode()
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=" in text


@pytest.mark.slow
def test_a_second_version_is_named_with_its_suffix_everywhere(
    published, staff, member_client, member_api
):
    """The page's download links, the API's document links and the served files all name
    version 2 `...-2017-v2.<format>`; the first version keeps the name without suffix."""
    from reports.services import start_new_version

    draft = start_new_version(report=published, user=staff)
    formats = ("pdf", "docx", "md", "html")
    assert [published.file_name(fmt) for fmt in formats] == [
        f"CCWG-P-annual-report-2017.{fmt}" for fmt in formats
    ]
    names = {fmt: f"CCWG-P-annual-report-2017-v2.{fmt}" for fmt in formats}
    assert {fmt: draft.file_name(fmt) for fmt in formats} == names

    latest = member_client.get("/reports/CCWG-P/2017/").content.decode()  # the published
    asked = member_client.get("/reports/CCWG-P/2017/?version=2").content.decode()
    for fmt, name in names.items():
        assert f'href="/reports/CCWG-P/2017.{fmt}" download="{published.file_name(fmt)}"' in latest
        assert f'href="/reports/CCWG-P/2017.{fmt}?version=2" download="{name}"' in asked

    links = member_api.get(f"/api/v1/reports/{draft.pk}/").json()["downloads"]
    assert links["html"].endswith("/reports/CCWG-P/2017/?version=2")
    assert "Second edition" not in member_client.get(links["html"]).content.decode()
    for fmt in ("pdf", "docx", "md"):
        assert links[fmt].endswith(f"/reports/CCWG-P/2017.{fmt}?version=2")
        response = member_client.get(links[fmt])
        assert response["Content-Disposition"] == f'attachment; filename="{names[fmt]}"'
    response = member_client.get("/reports/CCWG-P/2017.html?version=2")
    assert response["Content-Disposition"] == f'inline; filename="{names["html"]}"'


def test_report_file_names_without_a_record():
    from reports.models import report_file_name, report_file_stem

    assert report_file_stem("CCWG-IG", 2017) == "CCWG-IG-annual-report-2017"
    assert report_file_stem("CCWG-IG", 2017, 3) == "CCWG-IG-annual-report-2017-v3"
    assert report_file_name("CCWG-IG", 2017, "md") == "CCWG-IG-annual-report-2017.md"
    assert report_file_name("CCWG-IG", 2017, "pdf", 2) == "CCWG-IG-annual-report-2017-v2.pdf"
