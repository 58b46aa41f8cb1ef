"""The Content-Security-Policy in a real Chromium: the site, the admin's meeting form, the
API docs (Swagger UI, /api/docs/) and DRF's browsable API pages run with no violation
reported and no console error."""

from __future__ import annotations

import pytest

from meetings.models import Meeting
from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def watched(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors
    context.close()


def visit(page, errors: list[str], path: str, ready: str | None = None) -> None:
    response = page.goto(path)
    assert response is not None and response.status < 400, path
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    if ready:
        page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__violations")
    assert violations == [], f"{path}: {violations}"
    assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == [], path
    assert errors == [], f"{path}: {errors}"


def test_site_admin_and_api_docs_run_without_csp_violations(watched, live_records):
    page, errors = watched
    meeting = Meeting.objects.filter(working_group__acronym="CCWG-IG").order_by("pk").first()
    assert meeting is not None
    for path in ("/", "/reports/CCWG-IG/2017/", "/accounts/login/"):
        visit(page, errors, path)
    log_in(page, "demo-staff", "demo-staff-pass")
    page.wait_for_url("**/admin/")
    for path, ready in (
        ("/", None),
        ("/meetings/", None),
        (f"/meetings/{meeting.pk}/", None),
        ("/reports/CCWG-IG/2017/", None),
        ("/admin/", None),
        ("/admin/meetings/meeting/", None),
        (f"/admin/meetings/meeting/{meeting.pk}/change/", "#meeting_form"),
        ("/admin/meetings/meeting/add/?kind=teleconference", "#meeting_form"),
        (f"/admin/meetings/meeting/{meeting.pk}/send-notes/", "#send-notes-form"),
        ("/admin/django_tasks_database/dbtaskresult/", None),
        ("/admin/authtoken/tokenproxy/add/", None),
        ("/api/docs/", ".swagger-ui .info"),
        ("/api/v1/meetings/", ".response-info"),
        (f"/api/v1/meetings/{meeting.pk}/", ".response-info"),
    ):
        visit(page, errors, path, ready)
