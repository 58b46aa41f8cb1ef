"""`manage.py worker`: runs the background tasks of the database queue (issue 24).

django-tasks-db's `db_worker`, every option of it, plus the stalled-task watch of
`ccwg.core.tasks.requeue_stalled`: a thread puts back in the queue, every few seconds, the
tasks whose worker died mid-task. Run one or more on each machine (`make serve` says how);
they share the queue through the database, each task claimed by one of them.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from ccwg.core.commands import OneLineErrorsCommand
from ccwg.core.tasks import requeue_stalled


def _watch_stalled(stop: threading.Event, every: float) -> None:
    while not stop.wait(every):
        try:
            requeue_stalled()
        except DatabaseError:
            pass  # the database is out of reach a while: the next round tries again
        finally:
            close_old_connections()
    connection.close()


class Command(OneLineErrorsCommand, DatabaseWorker):
    help = (
        "Run the background tasks (mails) of the database queue; tasks whose worker died "
        "are run again after DJANGO_TASK_STALLED_AFTER seconds."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reloading_parent = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        stop = threading.Event()
        if not reloading_parent:
            every = min(30.0, max(1.0, float(settings.TASK_STALLED_AFTER) / 4))
            threading.Thread(
                target=_watch_stalled, args=(stop, every), name="stalled-tasks", daemon=True
            ).start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
