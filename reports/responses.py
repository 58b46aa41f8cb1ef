"""What the report pages and downloads answer besides the report itself: the login a draft
needs, the 503 a damaged published document gets, and who may keep a response how long.
Shared by `reports.views` and `reports.compare_views`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control

from reports import published_bytes
from reports.selectors import StoredDocument


class LoginRequired(Exception):
    """An anonymous visitor asked for what only members may read (a draft)."""


logger = logging.getLogger(__name__)

INTEGRITY_MESSAGE = "The stored document failed its integrity check; it is not served."


class IntegrityFailure(Exception):
    """A stored document's bytes no longer match the SHA-256 recorded when it was published."""


def verified_content(document: StoredDocument) -> bytes:
    """The stored bytes of a published document, checked against the SHA-256 recorded when
    it was published (`reports.published_bytes` checks them as it reads them)."""
    try:
        return published_bytes.stored_bytes(document)
    except published_bytes.Damaged as damaged:
        logger.error(
            "Published document %s (%s, id %s) failed its integrity check: stored SHA-256 %s, "
            "bytes hash to %s; not served.",
            document.report_id,
            document.format,
            document.pk,
            document.sha256,
            damaged.found,
        )
        raise IntegrityFailure from None


def integrity_failure(request: HttpRequest) -> HttpResponse:
    """503, never a traceback: JSON for a client that asks for it, else a page."""
    if "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse({"detail": INTEGRITY_MESSAGE}, status=503)
    else:
        response = render(
            request, "reports/integrity_failed.html", {"message": INTEGRITY_MESSAGE}, status=503
        )
    patch_cache_control(response, no_store=True)
    return response


def with_login(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send anonymous visitors asking for a draft to the login page, then back."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except LoginRequired:
            return redirect_to_login(request.get_full_path(), login_url=reverse("login"))
        except IntegrityFailure:
            return integrity_failure(request)

    return wrapper


def cache_headers(response: HttpResponse, *, published: bool) -> HttpResponse:
    """A published report may be kept five minutes by anyone; a draft by no one."""
    if published:
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_cache=True, no_store=True)
    return response
