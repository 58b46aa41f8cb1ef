"""Faults answered cleanly: a database out of reach is a 503, an API error is JSON.

- `FaultMiddleware` (first in `MIDDLEWARE`): a view that cannot reach the database
  (`OperationalError`, `InterfaceError`: refused or timed-out connection, statement timeout,
  a lock not granted in time) answers `503 Service Unavailable` with `Retry-After`, as JSON
  for API clients and as a short page otherwise, never a traceback. Nothing is kept between
  requests, so the site recovers by itself once the database answers again (Django opens a
  new connection per request, and drops a dead one: `CONN_HEALTH_CHECKS`). Every API answer
  gets `Cache-Control: private, no-store` unless its view set one.
- The error handlers (`handler400`, `handler403`, `handler404`, `handler500` of
  `ccwg.urls`): under `/api/`, or for a client that asks for JSON, the body is
  `{"detail": "..."}` whatever failed (a body over `DATA_UPLOAD_MAX_MEMORY_SIZE` is a 413);
  the server error handler gives a database fault its 503 too, from wherever it was raised.

A frozen PostgreSQL (its processes stopped, not gone) never refuses a connection and never
answers: libpq would wait forever, whatever `connect_timeout` and `statement_timeout` say
(the first is not applied to the connections psycopg2 waits on, the second is the frozen
server's to enforce). `install_database_deadlines` (from `FaultMiddleware`, on PostgreSQL)
gives psycopg2 a wait callback that gives up on a connection after `DB_CONNECT_TIMEOUT`
seconds and on a query after `DB_STATEMENT_TIMEOUT` + 2 seconds: the request then answers
the same 503, well within gunicorn's timeout.

This module reads no record: it must work while the database is away.
"""

from __future__ import annotations

import logging
import select
import sys
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

#: What a database that cannot be reached raises (psycopg2 and sqlite3 alike).
DATABASE_FAULTS = (OperationalError, InterfaceError)

UNAVAILABLE = (
    "The database cannot be reached at the moment. Nothing was changed; "
    "please try again in a little while."
)


def wants_json(request: HttpRequest) -> bool:
    """An API request, or a client that prefers JSON to HTML."""
    if request.path.startswith("/api/"):
        return True
    accept = request.headers.get("Accept", "")
    return "json" in accept and "html" not in accept


def _json(status: int, detail: str) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 answer while the database cannot be reached."""
    if wants_json(request):
        response: HttpResponse = _json(503, UNAVAILABLE)
    else:
        # No request context: the context processors would query the database.
        response = HttpResponse(
            loader.render_to_string("503.html", {"message": UNAVAILABLE}), status=503
        )
        response["Cache-Control"] = "no-store"
    response["Retry-After"] = str(getattr(settings, "DB_RETRY_AFTER", 30))
    return response


#: How much longer than the server's statement timeout the client waits for an answer.
QUERY_MARGIN = 2.0


def install_database_deadlines(*, connect: float, query: float) -> bool:
    """Make psycopg2 give up (OperationalError) on a connection attempt after `connect`
    seconds and on any other wait for the server after `query` seconds. False without
    psycopg2."""
    try:
        import psycopg2
        import psycopg2.extensions as ext
    except ImportError:  # pragma: no cover - psycopg2 is a dependency
        return False
    connecting = getattr(ext, "STATUS_CONNECTING", 20)

    def wait(conn: Any) -> None:
        limit = connect if conn.status == connecting else query
        deadline = time.monotonic() + limit
        while True:
            state = conn.poll()
            if state == ext.POLL_OK:
                return
            if state == ext.POLL_READ:
                events = select.POLLIN
            elif state == ext.POLL_WRITE:
                events = select.POLLOUT
            else:  # pragma: no cover - libpq's states are the three above
                raise psycopg2.OperationalError(f"Unexpected state from poll(): {state}")
            remaining = deadline - time.monotonic()
            if remaining > 0:
                poller = select.poll()
                poller.register(conn.fileno(), events | select.POLLERR | select.POLLHUP)
                poller.poll(remaining * 1000)
            if remaining <= 0 or time.monotonic() >= deadline:
                if conn.poll() == ext.POLL_OK:
                    return
                # psycopg2 marks the connection broken: it is not asked again, and Django
                # opens a new one for the next request.
                raise psycopg2.OperationalError(
                    f"The database did not answer within {limit:g} seconds."
                )

    ext.set_wait_callback(wait)
    return True


class FaultMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
            statement = float(getattr(settings, "DB_STATEMENT_TIMEOUT", 10))
            install_database_deadlines(
                connect=float(getattr(settings, "DB_CONNECT_TIMEOUT", 5)),
                # No statement timeout: a day rather than forever, for a frozen server.
                query=statement + QUERY_MARGIN if statement > 0 else 86400.0,
            )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/") and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_FAULTS):
            logger.error(
                "Database unavailable for %s %s: %s", request.method, request.path, exception
            )
            return database_unavailable(request)
        return None


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        detail = f"The request body is larger than the limit of {limit} bytes."
        if wants_json(request):
            return _json(413, detail)
        return HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")
    if wants_json(request):
        return _json(400, "Bad request.")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_json(request):
        return _json(403, "You do not have permission to perform this action.")
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_json(request):
        return _json(404, "Not found.")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_FAULTS):
        return database_unavailable(request)
    if wants_json(request):
        return _json(500, "Server error: the failure was logged.")
    return defaults.server_error(request)
