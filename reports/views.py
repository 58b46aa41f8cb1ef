"""Pages and downloads of annual reports; thin: selectors choose, renderers render."""

from __future__ import annotations

import base64
import hashlib
import re

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from ccwg.core.selectors import group_by_acronym
from reports import selectors
from reports.draft_cache import cached_draft, cached_value
from reports.drafts import assemble_for_report, assemble_with_findings
from reports.errors import RenderFailed
from reports.models import AnnualReport
from reports.renderers import CONTENT_TYPES
from reports.renderers import render as render_format
from reports.renderers.html import extract_body, render_body
from reports.responses import (
    LoginRequired,
    cache_headers,
    verified_content,
    with_login,
)
from reports.selectors import StoredDocument


def _version(request: HttpRequest) -> int | None:
    value = request.GET.get("version", "")
    return int(value) if value.isdigit() and 0 < int(value) < 10000 else None


def _report_or_404(
    request: HttpRequest, acronym: str, year: int
) -> tuple[AnnualReport, list[AnnualReport]]:
    """The report the URL names and every version of it the user may see (one query when
    there is one; the group is looked up only to say why there is none)."""
    versions = selectors.report_versions_for_url(user=request.user, acronym=acronym, year=year)
    report = selectors.report_for_url(versions, _version(request))
    if report is not None:
        return report, versions
    group = group_by_acronym(acronym)
    if group is None:
        raise Http404("No such working group.")
    if not request.user.is_authenticated and selectors.draft_exists(working_group=group, year=year):
        # Never shown to anonymous visitors: members log in to read a draft.
        raise LoginRequired
    raise Http404("No report for that year.")


@require_safe
def group_reports(request: HttpRequest, acronym: str) -> HttpResponse:
    group = group_by_acronym(acronym)
    if group is None:
        raise Http404("No such working group.")
    reports = selectors.reports_visible_to(user=request.user, working_group=group)
    context = {"group": group, "reports": reports, "formats": ("pdf", "docx", "md")}
    return render(request, "reports/group_reports.html", context)


@transaction.non_atomic_requests  # reads only (the cache writes in its own transaction)
@require_safe
@with_login
def report_page(request: HttpRequest, acronym: str, year: int) -> HttpResponse:
    report, versions = _report_or_404(request, acronym, year)
    findings = []
    body = ""
    if report.is_published:
        document = selectors.document_for_report(report, "html")
        if document is not None:
            body = extract_body(verified_content(StoredDocument.of(document, report)))
    if not body:
        # The body and the findings on the draft come from one assembly and are kept
        # together; members are shown the body, staff the findings as well.
        body, found = cached_value(report, "page", lambda: _page_parts(report))
        if request.user.is_staff:
            findings = found
    context = {
        "report": report,
        # Our own template output (autoescaped, narrative sanitized), or the frozen copy of it.
        "body": mark_safe(body),
        "findings": findings,
        "open_errors": [f for f in findings if f.is_error],
        "versions": versions,
        "newer_draft": selectors.newer_draft(versions, report),
        "version_query": _version(request) is not None,
        "downloads": [(fmt, report.file_name(fmt)) for fmt in ("pdf", "docx", "md", "html")],
    }
    return cache_headers(
        render(request, "reports/report_page.html", context), published=report.is_published
    )


@transaction.non_atomic_requests  # reads only (the cache writes in its own transaction)
@require_safe
@with_login
def report_download(request: HttpRequest, acronym: str, year: int, fmt: str) -> HttpResponse:
    # A published document is found in one query; the rest (drafts, members' latest
    # versions, former acronyms, 404s) takes the general way.
    stored = selectors.stored_document_for_url(
        user=request.user, acronym=acronym, year=year, version=_version(request), fmt=fmt
    )
    if stored is not None:
        return _published_download(request, stored)
    report, _versions = _report_or_404(request, acronym, year)
    if report.is_published:
        document = selectors.document_for_report(report, fmt)
        if document is not None:
            return _published_download(request, StoredDocument.of(document, report))
    try:
        content = cached_draft(report, fmt, lambda: render_format(assemble_for_report(report), fmt))
    except RenderFailed as error:
        return _render_failed(request, report, fmt, error)
    return _document_response(report.file_name(fmt), fmt, content, published=False)


def _page_parts(report: AnnualReport) -> tuple[str, list]:
    data, findings = assemble_with_findings(report)
    return render_body(data), findings


def _published_download(request: HttpRequest, document: StoredDocument) -> HttpResponse:
    """The stored bytes, checked against their SHA-256; the digest is the ETag, so a client
    holding these bytes gets a 304."""
    etag = f'"{document.sha256}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag
        return cache_headers(not_modified, published=True)
    content = verified_content(document)
    response = _document_response(document.file_name, document.format, content, published=True)
    response["ETag"] = etag
    return response


def _document_response(
    file_name: str, fmt: str, content: bytes, *, published: bool
) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{file_name}"'
    if fmt == "html":
        _allow_own_styles(response, content)
    return cache_headers(response, published=published)


def _render_failed(
    request: HttpRequest, report: AnnualReport, fmt: str, error: RenderFailed
) -> HttpResponse:
    """503, as a page or as JSON (by `Accept`), saying which document failed and why."""
    message = f"The {fmt.upper()} of {report} could not be made: {error.message}"
    if "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse({"detail": message}, status=503)
    else:
        context = {"report": report, "message": message}
        response = render(request, "reports/render_failed.html", context, status=503)
    response["Retry-After"] = "60"
    patch_cache_control(response, private=True, no_cache=True, no_store=True)
    return response


_STYLE_BLOCK = re.compile(rb"<style>(.*?)</style>", re.DOTALL)


def _allow_own_styles(response: HttpResponse, content: bytes) -> None:
    """The standalone HTML document carries its styles inline: the Content-Security-Policy
    allows exactly those blocks, by hash (never 'unsafe-inline'), and still no script."""
    hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(block).digest()).decode()}'"
        for block in _STYLE_BLOCK.findall(content)
    ]
    response._csp_replace = {"style-src": hashes or ["'none'"]}  # type: ignore[attr-defined]
