"""python manage.py annual_report <acronym> <year> --format ... --output FILE"""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tests.factories import PublishedReportFactory, WorkingGroupFactory
from tests.reports.helpers import docx_text, md_text, normalize

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [("md", b"<!-- GitHub Flavored Markdown"), ("docx", b"PK"), ("html", b"<!doctype")],
)
def test_writes_each_format(draft_report, tmp_path, fmt, magic):
    target = tmp_path / f"out.{fmt}"
    call_command(
        "annual_report", "CCWG-IG", "2017", "--format", fmt, "--output", str(target), verbosity=0
    )
    content = target.read_bytes()
    assert content.startswith(magic)
    if fmt == "docx":
        assert "15 (17, inc. staff)" in docx_text(content)
    if fmt == "md":
        assert "ICANN 59 was a “Meeting B” format meeting" in normalize(md_text(content))


def test_a_published_report_is_written_from_its_stored_bytes(tmp_path):
    report = PublishedReportFactory(working_group=WorkingGroupFactory(acronym="CCWG-IG"))
    target = tmp_path / "report.md"
    call_command(
        "annual_report", "CCWG-IG", "2017", "--format", "md", "-o", str(target), verbosity=0
    )
    assert target.read_bytes() == bytes(report.documents.get(format="md").content)


def test_a_year_without_a_report_record_is_assembled_without_narrative(draft_report, tmp_path):
    target = tmp_path / "2016.md"
    call_command(
        "annual_report", "CCWG-IG", "2016", "--format", "md", "-o", str(target), verbosity=0
    )
    assert "Events and activities in 2016" in target.read_text()


def test_unknown_group(draft_report, tmp_path):
    with pytest.raises(CommandError, match="No working group"):
        call_command("annual_report", "NOPE", "2017", "--output", str(tmp_path / "x.pdf"))


def test_default_file_name(draft_report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command("annual_report", "CCWG-IG", "2017", "--format", "md", verbosity=0)
    assert (tmp_path / "CCWG-IG-annual-report-2017.md").exists()
