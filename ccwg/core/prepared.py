"""Hot queries prepared once per PostgreSQL session.

PostgreSQL plans a query every time it receives its text. For the few queries that run on
almost every request (the records' fingerprint, the lookup of a published download)
planning costs several times more than running them: `execute` prepares such a query once
per database session (`PREPARE name AS ...`), then runs it with `EXECUTE name(...)`. A
prepared statement lives as long as its session, whatever transactions roll back; Django
opening a new connection means a new session, which prepares again. (A pooler in transaction
mode, which hands each transaction another session, needs session pooling for this: see
docs/deploy.md.) Other databases run the query as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import connection

_PLACEHOLDER = re.compile(r"%s")


def execute(cursor: Any, *, name: str, sql: str, params: Sequence[object] = ()) -> None:
    """Run `sql` (Django's `%s` placeholders, one per item of `params`) on `cursor`; on
    PostgreSQL as the prepared statement `name`."""
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    session = connection.connection
    # (the DB-API connection, the names prepared on it), kept on this thread's connection.
    state: tuple[object, set[str]] | None = getattr(connection, "_ccwg_prepared", None)
    if state is None or state[0] is not session:
        state = (session, set())
        connection._ccwg_prepared = state  # type: ignore[attr-defined]
    if name not in state[1]:
        numbered = iter(range(1, len(params) + 1))
        text = _PLACEHOLDER.sub(lambda _match: f"${next(numbered)}", sql)
        cursor.execute(f"PREPARE {name} AS {text}")
        state[1].add(name)
    arguments = f"({', '.join(['%s'] * len(params))})" if params else ""
    cursor.execute(f"EXECUTE {name}{arguments}", params)
