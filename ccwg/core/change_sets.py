"""Change sets: the history rows one save writes, tied together.

One save of a record and of everything on its page (a meeting with its agenda, attendance,
statements, ...) writes many history rows, one per row changed. Each of them carries the
same `history_change_set`, so the record's history can show that save as one entry:

- within a request (the admin, the API), every history row written while handling it
  shares one change set (`simple_history.middleware.HistoryRequestMiddleware` exposes the
  request);
- elsewhere (the services called from a command or a test), `change_set()` opens one;
- `change_set(user=..., reason=...)` also names who made the change, for writes made outside
  a request or on a user's behalf (a restore), and the reason kept on every row it writes.

History models take the field by listing `ChangeSetHistory` in their `HistoricalRecords(bases=
[...])`; rows written outside any change set (older rows, the sample loader) keep it empty,
and readers group those by user and time instead.
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords


class ChangeSetHistory(models.Model):
    """Base of a history model: the change set each history row belongs to."""

    history_change_set = models.UUIDField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class ChangeSet:
    id: uuid.UUID
    user: Any = None
    reason: str = ""


_current: contextvars.ContextVar[ChangeSet | None] = contextvars.ContextVar(
    "ccwg_change_set", default=None
)

#: Attribute of the request that holds the change set of its writes.
_REQUEST_ATTRIBUTE = "_ccwg_change_set"


def current_change_set() -> ChangeSet | None:
    """The open change set: the innermost `change_set()`, else the current request's."""
    opened = _current.get()
    if opened is not None:
        return opened
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return None
    found = getattr(request, _REQUEST_ATTRIBUTE, None)
    if found is None:
        found = ChangeSet(id=uuid.uuid4())
        setattr(request, _REQUEST_ATTRIBUTE, found)
    return found


@contextmanager
def change_set(*, user: Any = None, reason: str = "") -> Iterator[ChangeSet]:
    """Tie the history rows written inside into one change set.

    Inside an open change set (or a request), the writes join it unless `user` or `reason`
    is given: those open a new one (still one per call), made by `user`, with `reason`.
    """
    outer = current_change_set()
    if outer is not None and user is None and not reason:
        yield outer
        return
    opened = ChangeSet(
        id=uuid.uuid4(),
        user=user if user is not None else (outer.user if outer else None),
        reason=reason,
    )
    token = _current.set(opened)
    try:
        yield opened
    finally:
        _current.reset(token)


def tag_history_row(sender: type[models.Model], history_instance: Any, **kwargs: Any) -> None:
    """`pre_create_historical_record` receiver: the open change set, its user and reason."""
    if not hasattr(history_instance, "history_change_set"):
        return
    opened = current_change_set()
    if opened is None:
        return
    history_instance.history_change_set = opened.id
    if opened.user is not None and getattr(opened.user, "pk", None):
        history_instance.history_user = opened.user
    if opened.reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = opened.reason[:100]
