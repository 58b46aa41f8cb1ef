"""A report's state changes are serialised (issue 14, item 1).

The issue: `POST .../publish/` and, half a second later, `PATCH` on the same report both
answered 200, the report fell back to draft with four orphaned documents, and publishing
again failed for good. Publish, edit, delete and new version now lock the report's row for
their whole transaction (rendering included), so an edit arriving during a publish waits,
then answers 409; an edit that got the lock first lands before the publish, and is in the
frozen documents.

The races run on PostgreSQL with real concurrent requests (threads, each with its own
database connection, through the whole HTTP stack and its per-request transactions),
`REPETITIONS` times each, and check the final state every time. Two are made deterministic
by pausing one request inside its lock until the other is seen waiting for it
(`pg_stat_activity`); a third leaves the timing to chance. SQLite has no row locks
(`select_for_update` does nothing there): its races are not run; the sequential checks
(refusals after publishing, a failed publish retried) run on both databases.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, connections
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from reports import services
from reports.models import AnnualReport, PublishedDocument, ReportStatus
from tests.factories import DraftReportFactory, StaffFactory

REPETITIONS = int(os.environ.get("RACE_REPETITIONS", "50"))
#: How long a paused request waits, at most, to see the other one blocked on its lock.
WAIT_LIMIT = 20.0


def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite has no row locks (select_for_update is a no-op; writers queue on the "
            "database file): the publish/edit race is run on PostgreSQL "
            "(DATABASE_URL=postgres://...)"
        )


def _client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _in_thread(target: Callable[..., None], *args: object) -> threading.Thread:
    def run() -> None:
        try:
            target(*args)
        finally:
            connections.close_all()  # the thread's own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _wait_until_blocked() -> None:
    """Return once a connection to this database is blocked on a lock (asked on a connection
    of its own: the caller's is inside the transaction holding the lock)."""
    probe = connections.create_connection("default")
    deadline = time.monotonic() + WAIT_LIMIT
    try:
        with probe.cursor() as cursor:
            while True:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
                if cursor.fetchone()[0] > 0:
                    return
                if time.monotonic() > deadline:
                    raise AssertionError("the other request never came to wait for the lock")
                time.sleep(0.02)
    finally:
        probe.close()


def _check_published(report_id: int, *, title_in_documents: str | None, absent: str | None):
    """The final state, every time: published, four documents, none orphaned, not stuck."""
    report = AnnualReport.objects.get(pk=report_id)
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_at is not None
    documents = {
        d.format: bytes(d.content) for d in PublishedDocument.objects.filter(report=report)
    }
    assert sorted(documents) == ["docx", "html", "md", "pdf"]
    markdown = documents["md"].decode()
    if title_in_documents is not None:
        assert title_in_documents in markdown
    if absent is not None:
        assert absent not in markdown
    return report


@pytest.fixture
def staff_token(transactional_db) -> str:
    return Token.objects.create(user=StaffFactory(username="racer")).key


@pytest.fixture
def quick_pdf(monkeypatch):
    """WeasyPrint takes seconds per PDF on a loaded machine, which would make hundreds of
    races take half an hour: in the race tests the PDF is a stand-in made from the Markdown
    (the lock does not depend on the renderer; every other format is rendered for real, and
    the real PDF is published by the sequential tests below and the renderer tests)."""
    real_render = services.render

    def render(data, fmt):
        if fmt == "pdf":
            return b"%PDF-1.7 stand-in\n" + real_render(data, "md")
        return real_render(data, fmt)

    monkeypatch.setattr(services, "render", render)


def _publish(client: APIClient, report_id: int, out: dict) -> None:
    out["publish"] = client.post(
        f"/api/v1/reports/{report_id}/publish/", {"confirm_errors": True}, format="json"
    ).status_code


def _edit(client: APIClient, report_id: int, title: str, out: dict) -> None:
    out["edit"] = client.patch(
        f"/api/v1/reports/{report_id}/", {"title": title}, format="json"
    ).status_code


def _late_edit(delay: float, client: APIClient, report_id: int, title: str, out: dict) -> None:
    time.sleep(delay)
    _edit(client, report_id, title, out)


def _new_version(client: APIClient, report_id: int, out: list) -> None:
    out.append(client.post(f"/api/v1/reports/{report_id}/new-version/").status_code)


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_edit_during_a_publish_waits_and_is_refused(staff_token, quick_pdf, monkeypatch):
    """The publish holds the lock (it is rendering) when the edit arrives."""
    _postgresql_only()
    real_render = services.render
    publishing = threading.Event()

    def render_while_the_edit_waits(data, fmt):
        if not publishing.is_set():
            publishing.set()
            _wait_until_blocked()
        return real_render(data, fmt)

    monkeypatch.setattr(services, "render", render_while_the_edit_waits)
    for repetition in range(REPETITIONS):
        publishing.clear()
        report = DraftReportFactory(title=f"Before {repetition}")
        title = f"Edited during publish {repetition}"
        out: dict[str, int] = {}
        publisher = _in_thread(_publish, _client(staff_token), report.pk, out)
        publishing.wait(WAIT_LIMIT)
        editor = _in_thread(_edit, _client(staff_token), report.pk, title, out)
        publisher.join(60)
        editor.join(60)
        assert out == {"publish": 200, "edit": 409}, (repetition, out)
        _check_published(report.pk, title_in_documents=f"Before {repetition}", absent=title)
        again = _client(staff_token).post(f"/api/v1/reports/{report.pk}/publish/", {})
        assert again.status_code == 400 and "already published" in again.content.decode()


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_edit_holding_the_lock_lands_before_the_publish(staff_token, quick_pdf, monkeypatch):
    """The edit holds the lock when the publish arrives: the publish waits, then freezes
    the edited report."""
    _postgresql_only()
    real_assign = services.assign
    editing = threading.Event()

    def assign_while_the_publish_waits(instance, values):
        changed = real_assign(instance, values)
        if "title" in values and not editing.is_set():
            editing.set()
            _wait_until_blocked()
        return changed

    monkeypatch.setattr(services, "assign", assign_while_the_publish_waits)
    for repetition in range(REPETITIONS):
        editing.clear()
        report = DraftReportFactory(title=f"Before {repetition}")
        title = f"Edited before publish {repetition}"
        out: dict[str, int] = {}
        editor = _in_thread(_edit, _client(staff_token), report.pk, title, out)
        editing.wait(WAIT_LIMIT)
        publisher = _in_thread(_publish, _client(staff_token), report.pk, out)
        editor.join(60)
        publisher.join(60)
        assert out == {"publish": 200, "edit": 200}, (repetition, out)
        _check_published(report.pk, title_in_documents=title, absent=f"Before {repetition}")


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_publish_and_edit_at_random_moments(staff_token, quick_pdf):
    """No pause: the edit starts at a random moment of the publish. Whichever wins, the
    report ends published, with all four documents, and the edit is in them exactly when
    it answered 200."""
    _postgresql_only()
    rng = random.Random(14)
    outcomes: dict[tuple[int, int], int] = {}
    for repetition in range(REPETITIONS):
        report = DraftReportFactory(title=f"Before {repetition}")
        title = f"Edited at random {repetition}"
        out: dict[str, int] = {}
        delay = rng.uniform(0, 0.5)
        publisher = _in_thread(_publish, _client(staff_token), report.pk, out)
        editor = _in_thread(_late_edit, delay, _client(staff_token), report.pk, title, out)
        publisher.join(60)
        editor.join(60)
        assert out["publish"] == 200 and out["edit"] in (200, 409), (repetition, out)
        landed = out["edit"] == 200
        _check_published(
            report.pk,
            title_in_documents=title if landed else f"Before {repetition}",
            absent=None if landed else title,
        )
        outcomes[(out["publish"], out["edit"])] = outcomes.get((out["publish"], out["edit"]), 0) + 1
    assert sum(outcomes.values()) == REPETITIONS
    print(f"publish/edit outcomes over {REPETITIONS} random races: {outcomes}")


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_new_versions_at_once_make_one_draft(staff_token, quick_pdf):
    _postgresql_only()
    for repetition in range(10):
        report = DraftReportFactory(title=f"v1 {repetition}")
        services.publish_report(report=report, user=None, confirm_errors=True)
        out: list[int] = []
        threads = [_in_thread(_new_version, _client(staff_token), report.pk, out) for _ in "ab"]
        for thread in threads:
            thread.join(60)
        assert sorted(out) == [201, 400], out
        assert (
            AnnualReport.objects.filter(
                working_group=report.working_group, status=ReportStatus.DRAFT
            ).count()
            == 1
        )


# --- Sequential checks, on SQLite and PostgreSQL ------------------------------------------------


@pytest.mark.django_db
def test_after_publishing_edit_and_delete_answer_409(staff_api):
    report = DraftReportFactory()
    assert (
        staff_api.post(
            f"/api/v1/reports/{report.pk}/publish/", {"confirm_errors": True}, format="json"
        ).status_code
        == 200
    )
    assert (
        staff_api.patch(f"/api/v1/reports/{report.pk}/", {"title": "x"}, format="json").status_code
        == 409
    )
    assert staff_api.delete(f"/api/v1/reports/{report.pk}/").status_code == 409
    _check_published(report.pk, title_in_documents=None, absent=None)


@pytest.mark.django_db
def test_a_failed_publish_stores_nothing_and_can_be_retried(monkeypatch):
    report = DraftReportFactory(title="Retry me")
    real_render = services.render

    def failing_pdf(data, fmt):
        if fmt == "pdf":
            raise RuntimeError("the PDF renderer failed")
        return real_render(data, fmt)

    monkeypatch.setattr(services, "render", failing_pdf)
    with pytest.raises(RuntimeError):
        services.publish_report(report=report, user=None, confirm_errors=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.published_at is None
    assert not PublishedDocument.objects.filter(report=report).exists()
    monkeypatch.setattr(services, "render", real_render)
    services.publish_report(report=report, user=None, confirm_errors=True)
    _check_published(report.pk, title_in_documents="Retry me", absent=None)


@pytest.mark.django_db
def test_documents_left_on_a_draft_do_not_block_publishing():
    """A draft carrying documents (as the race of the issue left them) publishes: they are
    replaced by the frozen ones, never a "conflicts with an existing one" for good."""
    report = DraftReportFactory(title="Unstuck")
    PublishedDocument.objects.create(
        report=report, format="md", content=b"orphan", sha256="0" * 64, size=6
    )
    services.publish_report(report=report, user=None, confirm_errors=True)
    report = _check_published(report.pk, title_in_documents="Unstuck", absent="orphan")
