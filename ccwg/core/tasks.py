"""Background tasks: how they are retried, and how a task whose worker died is run again.

Tasks are Django's (`django_tasks`, the backport of Django 6's `django.tasks`); the queue is
the database backend of `django_tasks_db`, run by `manage.py worker`. That backend runs a task
once and marks it failed on an exception; the policy here adds, in one place:

- **Retries with back-off.** A task that fails for a reason that may pass (a mail server out
  of reach) calls `retry_later(...)`: the next attempt is enqueued with `attempt + 1`, to run
  `TASK_RETRY_DELAY × 2^(attempt - 1)` seconds later, up to `TASK_MAX_ATTEMPTS` attempts; then
  it raises `RetryScheduled`, so this attempt's row is kept as failed with the error. The
  attempt that gives up raises the error itself: staff see it in the admin (Task results,
  "Gave up") and may retry it there.
- **Stalled tasks.** A worker killed mid-task (SIGKILL, a lost machine) leaves its task
  "running" for ever. `requeue_stalled()`, run by every worker every few seconds, puts a task
  running for longer than `TASK_STALLED_AFTER` back in the queue. A task must therefore be
  idempotent: run twice, it does its work once (the mail task checks the message's record).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db.models import DBTaskResult


class RetryScheduled(Exception):
    """This attempt failed and the next one is queued (the message says why)."""


def max_attempts() -> int:
    return int(settings.TASK_MAX_ATTEMPTS)


def retry_delay(attempt: int) -> dt.timedelta:
    """How long to wait after the given (failed) attempt: doubling from TASK_RETRY_DELAY."""
    return dt.timedelta(seconds=float(settings.TASK_RETRY_DELAY) * 2 ** (attempt - 1))


def gives_up(attempt: int) -> bool:
    """Whether the given attempt is the last one allowed."""
    return attempt >= max_attempts()


def retry_later(task: Task[Any, Any], *, attempt: int, error: BaseException, **kwargs: Any) -> None:
    """Queue attempt `attempt + 1` of `task` after the back-off, then raise RetryScheduled.

    The next attempt is enqueued when the current transaction commits (at once outside
    one). A backend that cannot defer (the immediate one of tests) runs it without delay.
    """
    delayed = task
    if task.get_backend().supports_defer:
        delayed = task.using(run_after=timezone.now() + retry_delay(attempt))
    transaction.on_commit(lambda: delayed.enqueue(attempt=attempt + 1, **kwargs))
    raise RetryScheduled(
        f"attempt {attempt} of {max_attempts()} failed ({error}); attempt {attempt + 1} queued"
    ) from error


def requeue_stalled(*, now: dt.datetime | None = None) -> int:
    """Put back in the queue the tasks still running TASK_STALLED_AFTER seconds after they
    started (their worker died); returns how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=float(settings.TASK_STALLED_AFTER))
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(status=TaskResultStatus.READY, run_after=now)


def attempt_of(result: DBTaskResult) -> int:
    """Which attempt a queued task is (1 for one enqueued without the retry policy)."""
    kwargs = (result.args_kwargs or {}).get("kwargs") or {}
    return int(kwargs.get("attempt", 1))


def gave_up(result: DBTaskResult) -> bool:
    """A failed task that will not be tried again by itself."""
    return result.status == TaskResultStatus.FAILED and not result.exception_class_path.endswith(
        RetryScheduled.__qualname__
    )


def retry_now(result: DBTaskResult) -> None:
    """Staff's retry of a failed task: a new first attempt with the same arguments."""
    kwargs = dict((result.args_kwargs or {}).get("kwargs") or {})
    if "attempt" in kwargs:
        kwargs["attempt"] = 1
    args = (result.args_kwargs or {}).get("args") or []
    result.task.enqueue(*args, **kwargs)
