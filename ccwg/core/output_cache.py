"""Output kept in Django's cache framework until a record changes.

Rendering a draft report, the dashboard or a page of an API list costs many queries and
much Python; the result is kept in the `default` cache (the database cache unless settings
say otherwise, so every app server shares it) under a key that holds a *fingerprint of the
records*: the greatest primary key of every table of the record apps, history tables
included, plus the row count of the tables that keep no history.

Every write of a record through the services or the admin adds a history row (a new,
greater `history_id`), and a row added or removed anywhere changes a maximum or a count, so
the fingerprint -- hence the key -- changes whenever any record changes: a report's
narrative, a meeting, one of its agenda items, an organization's name, a process, a
chartership. It is coarse on purpose (a write anywhere invalidates everything cached) and
cheap: one query of index-only lookups, whatever the size of the database. Stale entries
are never read again and age out with the cache's timeout.

Each process also keeps what it read in its own memory (`LOCAL`, Django's local-memory
cache, bounded), under the same keys.

What depends on the clock as well as on the records (the dashboard's upcoming meetings)
says until when it holds (`expires`); what depends on who asks puts the user in its key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from ccwg.core import prepared
from ccwg.core.apps import RECORD_APPS

#: How long an entry is kept (seconds); a changed record makes a new key anyway.
TIMEOUT = 24 * 3600

#: The cache alias of each process's own copy of what it read from the shared cache: a key
#: holds the records' fingerprint, so a copy is never stale (an edit makes a new key); the
#: copy spares reading and decoding large values (a report's body, a page of the API) from
#: the database on every request.
LOCAL = "local"

T = TypeVar("T")

_SQL: dict[str, str] = {}


def _tables() -> list[tuple[str, str, bool]]:
    """(table, primary key column, keeps history) of every concrete table of the record apps."""
    tables = []
    for label in RECORD_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed:
                continue
            historied = hasattr(model, "history") or (meta.model_name or "").startswith(
                "historical"
            )
            # Historical models are complete journals of their records (every add, change
            # and delete is a new row); other tables also need their count to see a deletion.
            tables.append((meta.db_table, meta.pk.column, historied))
    return sorted(set(tables))


def _fingerprint_sql() -> str:
    vendor = connection.vendor
    if vendor not in _SQL:
        quote = connection.ops.quote_name
        parts = []
        for table, pk, historied in _tables():
            parts.append(f"(SELECT MAX({quote(pk)}) FROM {quote(table)})")
            if not historied:
                parts.append(f"(SELECT COUNT(*) FROM {quote(table)})")
        _SQL[vendor] = "SELECT " + ", ".join(parts)
    return _SQL[vendor]


#: The name of the fingerprint's prepared statement on PostgreSQL.
PREPARED = "ccwg_records_fingerprint"


def records_fingerprint() -> str:
    """A short digest that changes whenever any record is added, changed or deleted.

    On PostgreSQL the query is prepared once per database session (`ccwg.core.prepared`):
    planning its sixty sub-selects costs several times more than running them, and it runs
    on every cached page.
    """
    with connection.cursor() as cursor:
        prepared.execute(cursor, name=PREPARED, sql=_fingerprint_sql())
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:32]


def cached(
    key: str,
    build: Callable[[], T],
    *,
    expires: Callable[[T], dt.datetime | None] | None = None,
) -> T:
    """The value of `build()` for `key` while no record changed (and, when `expires` gives
    a moment for the value, until that moment): from the cache, else built and kept.

    `key` names what is built and everything it depends on besides the records (a user, a
    query string, the day); the records' fingerprint is added here.
    """
    full_key = f"ccwg:{key}:{records_fingerprint()}"
    local = caches[LOCAL]
    entry = local.get(full_key)
    if entry is None:
        entry = cache.get(full_key)
        if entry is not None:
            local.set(full_key, entry, TIMEOUT)
    if entry is not None:
        until, value = entry
        if until is None or timezone.now() < until:
            return value
    value = build()
    until = expires(value) if expires is not None else None
    cache.set(full_key, (until, value), TIMEOUT)
    local.set(full_key, (until, value), TIMEOUT)
    return value


def forget_local() -> None:
    """Empty this process's copy of the cache (`LOCAL`)."""
    caches[LOCAL].clear()


def digest(*parts: object) -> str:
    """A short stable digest of `parts`, for keys made of long or untrusted text."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def user_key(kind: str, user: Any, *parts: object) -> str:
    """The key of `kind` built for `user` (what they may see depends on who they are and
    on their staff and superuser flags, which the records' fingerprint does not cover)."""
    return f"{kind}:" + digest(user.pk, user.is_staff, user.is_superuser, *parts)


class CachedListMixin:
    """For a record viewset: the JSON answer of `list` (a page of records, serialized and
    rendered) kept in the cache per URL (filters, page and host) and user until a record
    changes. Other renderers (the browsable API) are served as usual.

    A bad filter or page still answers its 400 or 404: errors are raised, never kept.
    """

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Any:  # an HttpResponse
        renderer = request.accepted_renderer
        if not isinstance(renderer, JSONRenderer):
            return super().list(request, *args, **kwargs)  # type: ignore[misc]
        key = user_key(
            "api-list",
            request.user,
            type(self).__qualname__,
            request.build_absolute_uri(),
            request.accepted_media_type,
        )

        def build() -> bytes:
            data = super(CachedListMixin, self).list(request, *args, **kwargs).data  # type: ignore[misc]
            return renderer.render(data, request.accepted_media_type, {"request": request})

        return HttpResponse(cached(key, build), content_type=renderer.media_type)
