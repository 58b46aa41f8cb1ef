"""export_archive / import_archive: the round trip reproduces the records (byte-identical
Markdown report, identical API lists, identical published downloads); a damaged archive
changes nothing and says why in one line; a non-empty database is refused unless --replace."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from ccwg.archive.archive import FORMAT, FORMAT_VERSION, archived_models
from reports.drafts import assemble_for_report
from reports.models import AnnualReport, PublishedDocument
from reports.renderers import render
from reports.services import publish_report
from tests.factories import OrganizationFactory, StaffFactory


def _record_count() -> int:
    return sum(model._base_manager.count() for model in archived_models())


def _api_lists(client: Client) -> dict[str, object]:
    index = client.get("/api/v1/", HTTP_ACCEPT="application/json").json()
    lists = {}
    for name, url in sorted(index.items()):
        response = client.get(url, {"page_size": 200}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, (name, response.content[:200])
        lists[name] = response.json()
    return lists


def _state(report_id: int) -> dict[str, object]:
    staff = get_user_model().objects.get(username="archivist")
    client = Client()
    client.force_login(staff)
    report = AnnualReport.objects.get(pk=report_id)
    downloads = {}
    for document in PublishedDocument.objects.filter(report=report):
        url = reverse(
            "reports:report_download",
            args=[report.working_group.acronym, report.year, document.format],
        )
        response = client.get(url, {"version": report.version})
        downloads[document.format] = (response.status_code, response.content)
    return {
        "markdown": render(assemble_for_report(report), "md"),
        "api": _api_lists(client),
        "downloads": downloads,
    }


def _export(path: Path) -> str:
    stderr = io.StringIO()
    call_command("export_archive", str(path), stdout=io.StringIO(), stderr=stderr)
    return stderr.getvalue()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_round_trip_into_an_empty_database_reproduces_everything(tmp_path):
    call_command("load_sample_data", verbosity=0)
    staff = StaffFactory(username="archivist")
    report = AnnualReport.objects.filter(year=2017).order_by("-version").first()
    if not report.is_published:
        report = publish_report(report=report, user=staff, confirm_errors=True)
    before = _state(report.pk)
    assert before["downloads"] and all(code == 200 for code, _ in before["downloads"].values())
    count = _record_count()

    archive = tmp_path / "archive.json"
    progress = _export(archive)
    assert "100%" in progress and f"{count}/{count}" in progress
    envelope = json.loads(archive.read_text())
    assert (envelope["format"], envelope["format_version"]) == (FORMAT, FORMAT_VERSION)
    assert envelope["app_version"]
    assert sum(envelope["counts"].values()) == count == len(envelope["records"])
    documents = [r for r in envelope["records"] if r["model"] == "reports.publisheddocument"]
    assert documents and all(r["fields"]["sha256"] and r["fields"]["content"] for r in documents)

    call_command("flush", interactive=False, verbosity=0)
    assert _record_count() == 0
    call_command("import_archive", str(archive), stdout=io.StringIO(), stderr=io.StringIO())

    assert _record_count() == count
    after = _state(report.pk)
    assert after["markdown"] == before["markdown"]
    assert after["api"] == before["api"]
    assert after["downloads"] == before["downloads"]
    # New records get new keys: the sequences follow the imported ones (PostgreSQL).
    organizations = [r["pk"] for r in envelope["records"] if r["model"] == "ccwg.organization"]
    assert OrganizationFactory().pk > max(organizations)


def _archive_of_one_organization(tmp_path: Path) -> tuple[Path, dict]:
    OrganizationFactory(acronym="GNSO")
    path = tmp_path / "one.json"
    _export(path)
    envelope = json.loads(path.read_text())
    call_command("flush", interactive=False, verbosity=0)
    return path, envelope


def _import_fails(path: Path, *words: str) -> str:
    before = _record_count()
    with pytest.raises(CommandError) as raised:
        call_command("import_archive", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    message = str(raised.value)
    assert "\n" not in message and "Nothing was changed" in message
    for word in words:
        assert word in message
    assert _record_count() == before
    return message


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_changes_nothing_and_says_why(tmp_path):
    path, envelope = _archive_of_one_organization(tmp_path)
    text = path.read_text()
    cases = {
        "truncated": (text[: len(text) // 2], ["truncated"]),
        "not json": ("hello", ["not a complete JSON document"]),
        "not ours": (json.dumps({"records": []}), ["not a ccwg archive"]),
        "wrong version": (json.dumps({**envelope, "format_version": 99}), ["version 99"]),
        "a record missing": (
            json.dumps({**envelope, "records": envelope["records"][:-1]}),
            ["index says"],
        ),
        "a dangling reference": (
            json.dumps(
                {
                    **envelope,
                    "records": [
                        *envelope["records"],
                        {
                            "model": "ccwg.role",
                            "pk": 1,
                            "fields": {"person": 999, "working_group": 999, "kind": "member"},
                        },
                    ],
                    "counts": {**envelope["counts"], "ccwg.role": 1},
                }
            ),
            ["could not be loaded"],
        ),
        "a foreign table": (
            json.dumps(
                {
                    **envelope,
                    "records": [
                        *envelope["records"],
                        {"model": "members.calendartoken", "pk": 1, "fields": {}},
                    ],
                    "counts": {**envelope["counts"], "members.calendartoken": 1},
                }
            ),
            ["not archived"],
        ),
    }
    for name, (content, words) in cases.items():
        damaged = tmp_path / f"{name}.json"
        damaged.write_text(content)
        _import_fails(damaged, *words)
    assert _record_count() == 0


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_document_that_does_not_match_its_sha256_is_refused(tmp_path):
    call_command("load_sample_data", verbosity=0)
    report = AnnualReport.objects.filter(year=2017).order_by("-version").first()
    if not report.is_published:
        publish_report(report=report, user=StaffFactory(), confirm_errors=True)
    path = tmp_path / "a.json"
    _export(path)
    envelope = json.loads(path.read_text())
    for record in envelope["records"]:
        if record["model"] == "reports.publisheddocument" and record["fields"]["format"] == "md":
            record["fields"]["content"] = "ZGFtYWdlZA=="  # "damaged"
    path.write_text(json.dumps(envelope))
    call_command("flush", interactive=False, verbosity=0)
    _import_fails(path, "SHA-256")


@pytest.mark.django_db(transaction=True)
def test_a_database_with_records_is_refused_unless_replace(tmp_path):
    path, _ = _archive_of_one_organization(tmp_path)
    OrganizationFactory(acronym="ALAC")
    message = _import_fails(path, "already holds", "--replace")
    assert message
    call_command(
        "import_archive", str(path), "--replace", stdout=io.StringIO(), stderr=io.StringIO()
    )
    organizations = apps.get_model("ccwg", "organization").objects
    assert list(organizations.values_list("acronym", flat=True)) == ["GNSO"]


@pytest.mark.django_db(transaction=True)
def test_replace_discards_the_sessions_cached_ones_too(tmp_path):
    """A session is read through the shared cache (`cached_db`); --replace discards the
    sessions, so a browser signed in before is signed out after, though its user (same key,
    same password) is in the archive."""
    from tests.factories import UserFactory

    user = UserFactory(username="reader")
    client = Client()
    client.force_login(user)
    assert client.get("/meetings/").status_code == 200  # signed in, the session now cached
    path = tmp_path / "with-reader.json"
    _export(path)
    call_command(
        "import_archive", str(path), "--replace", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert get_user_model().objects.filter(pk=user.pk, username="reader").exists()
    response = client.get("/meetings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
