"""200 mails through two real worker processes (`manage.py worker`, django-tasks-db's queue)
and the SMTP test server, one worker SIGKILLed half-way through a send: 200 delivered, none
twice (issue 24, item 6).

The kill is aimed: the server holds the 100th mail's conversation before its DATA, the test
finds (in the queue) which worker runs that task and kills that one, mid-send. Its task is
left running and its message `sending`; the other worker's stalled-task watch puts the task
back after DJANGO_TASK_STALLED_AFTER, and the message is sent once. On SQLite both workers
share one database file; on PostgreSQL, one database beside DATABASE_URL's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bench import servers
from tests.mail.smtp import SmtpServer

pytestmark = [pytest.mark.slow, pytest.mark.server]

MAILS = 200
KILL_AT = MAILS // 2
STALLED_AFTER = 3


def _env(url: str, port: int) -> dict[str, str]:
    return {
        **servers.base_env(url),
        "DJANGO_TASKS_BACKEND": "database",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(port),
        "DJANGO_EMAIL_TIMEOUT": "20",
        "DJANGO_TASK_STALLED_AFTER": str(STALLED_AFTER),
        "DJANGO_TASK_RETRY_DELAY": "1",
    }


def _shell(env: dict[str, str], code: str) -> str:
    result = subprocess.run(
        [sys.executable, str(servers.ROOT / "manage.py"), "shell", "-c", code],
        env=env,
        cwd=servers.ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return result.stdout.strip().splitlines()[-1]


QUEUE = f"""
import json
from django.db import transaction
from ccwg.core.mail_services import queue_message
with transaction.atomic():
    ids = [
        queue_message(to=[f"list+{{n}}@example.org"], subject=f"Mail {{n}}", text_body="Hello")
        .pk
        for n in range({MAILS})
    ]
print(json.dumps(ids))
"""

WHO_RUNS = """
import json
from django_tasks_db.models import DBTaskResult
rows = DBTaskResult.objects.filter(status="RUNNING")
print(json.dumps({str(r.args_kwargs["kwargs"]["message_id"]): r.worker_ids[-1] for r in rows}))
"""

STATUSES = """
import json
from django.db.models import Count
from ccwg.core.models import Message
print(json.dumps(dict(Message.objects.values_list("status").annotate(n=Count("pk")))))
"""


def test_two_workers_one_killed_mid_send_deliver_every_mail_once(tmp_path: Path):
    url = servers.database_for(os.environ.get("DATABASE_URL"), "mail_workers", tmp_path)
    servers.manage(url, "migrate", "--noinput")
    held = threading.Event()
    release = threading.Event()

    def hold_the_middle_one(address: str) -> None:
        if address == f"list+{KILL_AT}@example.org" and not held.is_set():
            held.set()
            release.wait(30)

    with SmtpServer() as smtp:
        smtp.handler.on_recipient = hold_the_middle_one
        env = _env(url, smtp.port)
        ids = json.loads(_shell(env, QUEUE))
        workers = {
            name: subprocess.Popen(
                [
                    sys.executable,
                    str(servers.ROOT / "manage.py"),
                    "worker",
                    "--no-reload",
                    "--no-startup-delay",
                    "--interval",
                    "0.1",
                    "--worker-id",
                    name,
                    "--verbosity",
                    "0",
                ],
                env=env,
                cwd=servers.ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for name in ("worker-a", "worker-b")
        }
        try:
            assert held.wait(180), "the workers never reached the middle mail"
            running = json.loads(_shell(env, WHO_RUNS))
            victim = running[str(ids[KILL_AT])]
            workers[victim].send_signal(signal.SIGKILL)
            workers[victim].wait(10)
            release.set()

            deadline = time.monotonic() + 240
            while len(smtp.handler.received) < MAILS and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(STALLED_AFTER)  # a duplicate would come in this long after
            statuses = json.loads(_shell(env, STATUSES))
        finally:
            release.set()
            for worker in workers.values():
                if worker.poll() is None:
                    worker.send_signal(signal.SIGTERM)
                    worker.wait(30)

    delivered = smtp.handler.message_ids()
    assert len(delivered) == MAILS
    assert len(set(delivered)) == MAILS, "a mail was delivered twice"
    assert statuses == {"sent": MAILS}
    subjects = {str(mail["Subject"]) for mail in smtp.handler.received}
    assert subjects == {f"Mail {n}" for n in range(MAILS)}
