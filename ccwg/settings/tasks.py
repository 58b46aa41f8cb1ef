"""Background work (issue 24): Django's tasks framework (the `django-tasks` backport) with
its database queue, run by `manage.py worker` (ccwg.core.tasks says how tasks are retried
and how a task left by a killed worker is taken up again)."""

from ccwg.settings.environment import env

_BACKENDS = {
    # The queue is a table of the application's database (SQLite or PostgreSQL): no new
    # server; workers on several machines share one PostgreSQL queue.
    "database": "django_tasks_db.DatabaseBackend",
    # Runs each task in the process that enqueues it, at once (tests; a site without worker).
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _BACKENDS[
            env.str(
                "DJANGO_TASKS_BACKEND",
                default="database",
                choices=tuple(_BACKENDS),
                help="where background tasks go: `database` (a queue table, run by "
                "`manage.py worker`) or `immediate` (run at once in the enqueuing process)",
            )
        ],
    }
}
TASK_MAX_ATTEMPTS = env.int(
    "DJANGO_TASK_MAX_ATTEMPTS",
    default=5,
    minimum=1,
    help="how many times a background task (sending a mail) is tried before it is marked failed",
)
TASK_RETRY_DELAY = env.float(
    "DJANGO_TASK_RETRY_DELAY",
    default=30.0,
    minimum=0,
    help="seconds before the second attempt of a failed task; each further attempt waits "
    "twice as long",
)
TASK_STALLED_AFTER = env.float(
    "DJANGO_TASK_STALLED_AFTER",
    default=600.0,
    minimum=1,
    help="seconds after which a task still running is taken for one whose worker died and "
    "is run again (longer than any task takes)",
)
