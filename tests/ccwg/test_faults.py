"""A database out of reach answers a clean 503, and the site recovers by itself (issue 14,
item 4; issue 10, item 6).

In-process (SQLite and PostgreSQL): every connection attempt fails while the fixture is on;
pages answer a short HTML page, the API JSON, both 503 with Retry-After, no traceback.

Against a real server and a PRIVATE PostgreSQL cluster (on a free port, made here with `initdb`
and driven with `pg_ctl`; the shared server is never touched): the cluster is stopped and
started again, then frozen (every process of it SIGSTOPped, as a hung machine would be) and
thawed; the same server process answers 503 while it is away and 200 once it is back.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from bench.servers import free_port
from ccwg.site import faults
from tests.system import require_program, unavailable

ROOT = Path(__file__).resolve().parents[2]


def _assert_503_html(response) -> None:
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "Unavailable for a moment" in text and "Traceback" not in text


def _assert_503_json(response) -> None:
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"] == "30"
    assert "cannot be reached" in response.json()["detail"]


@pytest.mark.django_db
def test_pages_and_api_answer_503_while_the_database_is_down(client, member_client, staff_api):
    with contextlib.ExitStack() as stack:
        patch = stack.enter_context(pytest.MonkeyPatch.context())

        def refuse(self, *args, **kwargs):
            raise OperationalError("connection refused")

        patch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
        for url in ("/", "/reports/CCWG-IG/2017/", "/accounts/login/"):
            _assert_503_html(client.get(url))
        _assert_503_html(member_client.get("/meetings/"))
        # JSON for the API, and for any client that asks for it.
        _assert_503_json(client.get("/api/v1/reports/"))
        _assert_503_json(staff_api.post("/api/v1/people/", {"full_name": "A"}, format="json"))
        _assert_503_json(client.get("/", HTTP_ACCEPT="application/json"))
    # Back: nothing was kept from the failure.
    assert client.get("/accounts/login/").status_code == 200
    assert staff_api.get("/api/v1/people/").status_code == 200


def test_the_server_error_handler_gives_database_faults_their_503(rf):
    request = rf.get("/meetings/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = faults.server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    try:
        raise RuntimeError("something else")
    except RuntimeError:
        assert faults.server_error(rf.get("/api/v1/people/")).status_code == 500


def test_timeouts_are_set_from_the_environment(tmp_path):
    show = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['OPTIONS'], d['CONN_HEALTH_CHECKS'])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="ccwg.settings",
        DJANGO_DEBUG="1",
        DJANGO_DB_CONNECT_TIMEOUT="3",
        DJANGO_DB_STATEMENT_TIMEOUT="7",
        DATABASE_URL="postgres://u@db.invalid:5432/ccwg",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", show],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    last = result.stdout.strip().splitlines()[-1]
    assert "'connect_timeout': 3" in last and "statement_timeout=7000" in last, result.stderr
    assert last.endswith("True")


# --- A real server and a private PostgreSQL cluster -------------------------------------------

#: A request must be answered within this (gunicorn's timeout is 30 s).
ANSWER_WITHIN = 25


def _as_postgres_user():
    """initdb and postgres refuse to run as root: run them as the postgres account."""
    if os.geteuid() != 0:
        return None
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        unavailable("running as root without a postgres account (apt-get install postgresql)")

    def demote() -> None:
        os.setgid(account.pw_gid)
        os.setuid(account.pw_uid)

    return demote, account


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[dict]:
    # Debian keeps the server's programs out of PATH, under /usr/lib/postgresql/<version>/bin.
    extra = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    os.environ["PATH"] = os.pathsep.join([os.environ.get("PATH", ""), *extra])
    initdb = require_program("initdb", package="postgresql")
    pg_ctl = require_program("pg_ctl", package="postgresql")
    port = free_port()
    demoted = _as_postgres_user()
    # Not under pytest's temporary folder, which the postgres account cannot enter.
    base = Path(tempfile.mkdtemp(prefix="ccwg-private-pg-"))
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir()
    if demoted is not None:
        for path in (base, sockets):
            os.chown(path, demoted[1].pw_uid, demoted[1].pw_gid)
    preexec = demoted[0] if demoted is not None else None
    subprocess.run(
        [initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"],
        check=True,
        capture_output=True,
        preexec_fn=preexec,
        timeout=120,
    )
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    control = ["-D", str(data), "-l", str(base / "server.log"), "-o", options]

    def ctl(*args: str) -> None:
        subprocess.run(
            [pg_ctl, *control, *args],
            check=True,
            capture_output=True,
            preexec_fn=preexec,
            timeout=120,
        )

    ctl("-w", "start")
    import psycopg2

    admin = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("CREATE DATABASE ccwg_faults")
    admin.close()
    url = f"postgres://postgres@127.0.0.1:{port}/ccwg_faults"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="ccwg.settings", DATABASE_URL=url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env={**env, "DJANGO_DEBUG": "1"},
        check=True,
        capture_output=True,
        timeout=600,
    )
    try:
        yield {"data": data, "ctl": ctl, "env": env}
    finally:
        _signal_cluster(data, signal.SIGCONT)
        with contextlib.suppress(Exception):
            ctl("-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


def _cluster_pids(data: Path) -> list[int]:
    """The postmaster and every process it started."""
    try:
        postmaster = int((data / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return []
    pids = [postmaster]
    for stat in glob.glob("/proc/[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == postmaster:
                pids.append(int(Path(stat).parent.name))
    return pids


def _signal_cluster(data: Path, sig: signal.Signals) -> None:
    for pid in _cluster_pids(data):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


@pytest.fixture(scope="module")
def server(private_postgres, tmp_path_factory) -> Iterator[str]:
    env = {
        **private_postgres["env"],
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "faults-test-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_DB_CONNECT_TIMEOUT": "2",
        "DJANGO_DB_STATEMENT_TIMEOUT": "3",
        "DJANGO_DB_CONN_MAX_AGE": "60",
        # Production settings serve hashed static names: collect them first, as a deploy does.
        "DJANGO_STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    # One thread: the connection is kept between requests (CONN_MAX_AGE), so the health
    # check has a dead connection to drop after the restart. Its log goes to a file, not a
    # pipe: a pipe nobody reads fills up and stops the server in the middle of a request.
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
                "--nothreading",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                with contextlib.suppress(OSError):
                    if _get(base + "/accounts/login/")[0] == 200:
                        break
                time.sleep(0.5)
            else:
                pytest.fail("the server did not start")
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)
            log.seek(0)
            errors = log.read()
            assert b"Traceback" not in errors, errors.decode(errors="replace")[-3000:]


def _get(url: str, accept: str = "text/html") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=ANSWER_WITHIN) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _all_answer(base: str, status: int) -> None:
    page = _get(base + "/accounts/login/")
    api = _get(base + "/api/v1/reports/", accept="application/json")
    assert page[0] == status and api[0] == status, (page[0], api[0])
    if status == 503:
        assert page[1]["Retry-After"] and b"Unavailable for a moment" in page[2]
        assert b"Traceback" not in page[2]
        assert "cannot be reached" in json.loads(api[2])["detail"]


@pytest.mark.server
def test_a_stopped_database_answers_503_and_recovers(private_postgres, server):
    _all_answer(server, 200)
    private_postgres["ctl"]("-m", "fast", "-w", "stop")
    _all_answer(server, 503)
    _all_answer(server, 503)
    private_postgres["ctl"]("-w", "start")
    _all_answer(server, 200)


@pytest.mark.server
def test_a_frozen_database_answers_503_within_the_timeouts_and_recovers(private_postgres, server):
    _all_answer(server, 200)
    _signal_cluster(private_postgres["data"], signal.SIGSTOP)
    try:
        # The kept connection's health check, then new connections: neither is answered.
        _all_answer(server, 503)
        _all_answer(server, 503)
    finally:
        _signal_cluster(private_postgres["data"], signal.SIGCONT)
    _all_answer(server, 200)
