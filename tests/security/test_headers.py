"""Security headers: a Content-Security-Policy without 'unsafe-inline' on every page (the
site, the admin, the API docs), and nosniff, the referrer policy and clickjacking protection on
the downloads too (PDF, DOCX, Markdown, HTML, iCal, CSV). Production settings pass
`check --deploy`."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

import pytest
from django.test import Client

from tests import factories as f

CSP = "Content-Security-Policy"


def directives(response) -> dict[str, list[str]]:
    policy = response[CSP]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_protected(response, where: str) -> None:
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "same-origin", where
    assert response["X-Frame-Options"] == "DENY", where
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'none'"], where
    assert policy["object-src"] == ["'none'"], where
    assert policy["script-src"] == ["'self'"], where
    assert "'unsafe-inline'" not in response[CSP], where
    assert "'unsafe-eval'" not in response[CSP], where


@pytest.fixture
def records(db):
    group = f.WorkingGroupFactory(acronym="HX")
    meeting = f.TeleconferenceFactory(working_group=group)
    f.DraftReportFactory(working_group=group, year=2017)
    f.PublishedReportFactory(
        working_group=group,
        year=2016,
        period_start=dt.date(2016, 1, 1),
        period_end=dt.date(2016, 12, 31),
        confirm_errors=True,
    )
    return {"group": group, "meeting": meeting}


def test_every_kind_of_page_carries_the_policy(records, member_client, superuser_client):
    anonymous = Client()
    meeting = records["meeting"]
    pages = [
        (anonymous, "/"),
        (anonymous, "/accounts/login/"),
        (anonymous, "/admin/login/"),
        (anonymous, "/reports/HX/2016/"),
        (anonymous, "/api/docs/"),
        (anonymous, "/api/docs/?script="),
        (anonymous, "/api/schema/"),
        (anonymous, "/api/v1/reports/"),
        (member_client, "/"),
        (member_client, f"/meetings/{meeting.pk}/"),
        (member_client, "/reports/HX/2017/"),
        (superuser_client, "/admin/"),
        (superuser_client, f"/admin/meetings/meeting/{meeting.pk}/change/"),
        (superuser_client, "/admin/meetings/meeting/"),
        (superuser_client, "/admin/authtoken/tokenproxy/add/"),
    ]
    for client, path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_protected(response, path)
        if "text/html" in response["Content-Type"]:
            html = response.content.decode()
            # No inline script or style: scripts and styles are files (JSON data blocks and
            # admin templates aside, checked in the browser by test_csp_browser.py).
            assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html), path
            assert not re.search(r"\son[a-z]+=\"", html), path


def test_browsable_api_pages_allow_only_drf_fixed_style_attributes(records, superuser_client):
    """DRF's HTML pages: no <style> block, and each style attribute allowed by its hash."""
    seen: set[str] = set()
    for path in ("/api/v1/meetings/", "/api/v1/reports/", "/api/v1/working-groups/HX/"):
        response = superuser_client.get(path, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("text/html"), path
        assert_protected(response, path)
        policy = response["Content-Security-Policy"]
        html = response.content.decode()
        assert "<style" not in html, path
        attributes = set(re.findall(r'style="([^"]*)"', html))
        seen |= attributes
        allowed = re.search(r"style-src-attr ([^;]*)", policy)
        assert allowed is not None and "'unsafe-hashes'" in allowed.group(1), policy
        for value in attributes:
            digest = base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in allowed.group(1), (path, value)
    assert seen, "DRF's pages drew no style attribute to check (the lists' filter button has one)"


def test_the_former_redoc_page_leads_to_the_docs(db):
    response = Client().get("/api/redoc/")
    assert response.status_code == 301
    assert response["Location"] == "/api/docs/"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md", "html"])
def test_report_downloads_are_protected(records, fmt):
    for path in (f"/reports/HX/2016.{fmt}",):
        response = Client().get(path)
        assert response.status_code == 200
        assert_protected(response, path)


def test_draft_downloads_are_protected(records, member_client):
    response = member_client.get("/reports/HX/2017.md")
    assert response.status_code == 200
    assert_protected(response, "draft markdown")


def test_the_html_download_allows_exactly_its_own_style_block(records):
    response = Client().get("/reports/HX/2016.html")
    html = response.content
    blocks = re.findall(rb"<style>(.*?)</style>", html, re.DOTALL)
    assert blocks
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(block).digest()).decode() + "'"
        for block in blocks
    ]
    assert directives(response)["style-src"] == hashes


def test_calendar_feeds_and_csv_are_protected(records, member_client):
    meeting = records["meeting"]
    for path in (
        "/calendar/upcoming.ics",
        "/calendar/deadlines.ics",
        "/calendar/HX.ics",
        f"/calendar/meetings/{meeting.pk}.ics",
        "/meetings/export.csv",
    ):
        response = member_client.get(path)
        assert response.status_code == 200, path
        assert_protected(response, path)


def test_the_policy_built_once_is_django_csps_own(records, member_client):
    """ContentSecurityPolicyMiddleware keeps the settings' policy; it is exactly what
    django-csp builds, and a change of the settings is seen at once."""
    from csp.utils import build_policy
    from django.test import override_settings

    for client, path in [(Client(), "/reports/HX/2016.pdf"), (member_client, "/")]:
        assert client.get(path)[CSP] == build_policy(), path
    policy = {"DIRECTIVES": {"default-src": ["'self'"], "frame-ancestors": ["'none'"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        assert directives(Client().get("/reports/HX/2016.pdf")) == {
            "default-src": ["'self'"],
            "frame-ancestors": ["'none'"],
        }
    assert Client().get("/reports/HX/2016.pdf")[CSP] == build_policy()


def test_a_nonce_or_a_views_own_policy_takes_django_csps_way(rf):
    from csp.constants import NONCE
    from csp.exceptions import CSPNonceError
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.test import override_settings

    from ccwg.site.csp import ContentSecurityPolicyMiddleware

    def nonce_view(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    def own_policy_view(request):
        response = HttpResponse("x")
        response._csp_replace = {"style-src": ["'sha256-abc'"]}
        return response

    def exempt_view(request):
        response = HttpResponse("x")
        response._csp_exempt = True
        return response

    def plain_view(request):
        return HttpResponse("x")

    def run(view, middleware_class=ContentSecurityPolicyMiddleware):
        middleware = middleware_class(view)
        request = rf.get("/")
        middleware.process_request(request)
        return request, middleware.process_response(request, view(request))

    for view in (own_policy_view, exempt_view, plain_view):
        assert run(view)[1].get(CSP) == run(view, CSPMiddleware)[1].get(CSP), view.__name__
    assert directives(run(own_policy_view)[1])["style-src"] == ["'sha256-abc'"]
    assert CSP not in run(exempt_view)[1]
    request, response = run(plain_view)
    assert "nonce" not in response[CSP]
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)  # asked for after the header was written
    policy = {"DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'self'", NONCE]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        request, response = run(nonce_view)
    nonce = str(request.csp_nonce)
    assert directives(response)["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert f"nonce='{nonce}'" in response.content.decode()
