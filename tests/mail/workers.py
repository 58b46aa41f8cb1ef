"""The database queue in a test: tasks enqueued into django-tasks-db's table and run by its
worker, in this process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@contextmanager
def database_queue() -> Iterator[None]:
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


def run_ready() -> None:
    """Run every task ready now, then return (the worker's --batch)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def failed_send(message_id: int, attempt: int = 5) -> DBTaskResult:
    """A send that gave up, as the database queue keeps it."""
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"message_id": message_id, "attempt": attempt}},
        task_path="ccwg.core.mail_services.send_message",
        backend_name="default",
        run_after=timezone.now(),
        status="FAILED",
        exception_class_path="smtplib.SMTPRecipientsRefused",
        traceback="Traceback ...\n"
        "smtplib.SMTPRecipientsRefused: {'list@example.org': (550, b'no')}",
    )
