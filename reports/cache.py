"""Draft documents kept in Django's cache framework until a record they are made from changes.

Rendering a draft costs a full assembly and, for the PDF, about a second of WeasyPrint. The
bytes are kept in the `default` cache (the database cache unless settings say otherwise, so
every app server shares it) under a key that holds a *fingerprint of the records*: the
greatest primary key of every table of the record apps, history tables included, plus the
row count of the tables that keep no history.

Every write of a record through the services adds a history row (a new, greater
`history_id`), and a row added or removed anywhere changes a maximum or a count, so the
fingerprint -- hence the key -- changes whenever anything a report is made from changes:
the report's own narrative, a meeting, one of its agenda items, an organization's name, a
process, a chartership. It is coarse on purpose (a write anywhere invalidates every draft)
and cheap: one query of index-only lookups, whatever the size of the database. Stale
entries are never read again and age out with the cache's timeout.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.apps import apps
from django.core.cache import cache
from django.db import connection, models

#: The apps whose rows a report is made from.
RECORD_APPS = ("ccwg", "meetings", "engagements", "reports")

#: How long a rendered draft is kept (seconds); a changed record makes a new key anyway.
TIMEOUT = 24 * 3600

_SQL: str | None = None


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
    global _SQL
    if _SQL is None:
        quote = connection.ops.quote_name
        parts = []
        for table, pk, historied in _tables():
            parts.append(f"(SELECT MAX({quote(pk)}) FROM {quote(table)})")
            if not historied:
                parts.append(f"(SELECT COUNT(*) FROM {quote(table)})")
        _SQL = "SELECT " + ", ".join(parts)
    return _SQL


def records_fingerprint() -> str:
    """A short digest that changes whenever any record is added, changed or deleted."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:32]


def draft_key(report: models.Model, part: str, fingerprint: str) -> str:
    return f"ccwg:draft:{report.pk}:{part}:{fingerprint}"


def cached_draft(report: models.Model, part: str, build: Callable[[], bytes]) -> bytes:
    """The bytes of `part` (a format, or the page's body) of a draft report: from the cache
    when no record changed since they were rendered, else rendered by `build` and kept."""
    key = draft_key(report, part, records_fingerprint())
    content = cache.get(key)
    if content is None:
        content = build()
        cache.set(key, content, TIMEOUT)
    return bytes(content)
