"""What `make bench`, `make load` and their tests share: bench databases, gunicorn on loopback,
and headless locust runs. Everything runs in subprocesses, each with its own DATABASE_URL."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

SETTINGS = "bench.settings"

#: The three sizes of issue #11: the 2017 sample; one group-year (CCWG-IG 2017) with 10x its
#: records; the sample year inside a database 100x larger (100 more group-years).
SIZES: dict[str, list[list[str]]] = {
    "1x": [],
    "10x": [
        [
            *("--groups", "1", "--years", "1", "--first-year", "2017", "--scale", "9"),
            *("--into", "CCWG-IG", "--seed", "11"),
        ]
    ],
    "100x": [["--groups", "20", "--years", "5", "--seed", "12"]],
}


def base_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DJANGO_DEBUG="0",
        PYTHONPATH=str(ROOT),
    )
    env.pop("DJANGO_DB_CONN_MAX_AGE", None)
    return env


def manage(database_url: str, *args: str, quiet: bool = True) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=base_env(database_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def database_for(
    base_url: str | None, name: str, workdir: Path, *, copy_of: str | None = None
) -> str:
    """A fresh database named after `name`, empty or a copy of the database `copy_of`: a
    SQLite file in `workdir`, or, when `base_url` is PostgreSQL, a database `<its
    name>_<name>` on the same server."""
    if not base_url or not is_postgres(base_url):
        path = workdir / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        if copy_of is not None:
            shutil.copyfile(copy_of.removeprefix("sqlite:///"), path)
        return f"sqlite:///{path}"
    import psycopg2

    parts = urlsplit(base_url)
    database = f"{parts.path.lstrip('/')}_{name}".replace("-", "_")
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        template = f' TEMPLATE "{urlsplit(copy_of).path.lstrip("/")}"' if copy_of else ""
        cursor.execute(f'CREATE DATABASE "{database}"{template}')
    admin.close()
    return urlunsplit(parts._replace(path=f"/{database}"))


def build(database_url: str, size: str = "1x", log=print) -> dict:
    """Migrate, load the sample, publish the 2017 report (and start its next draft), make a
    member's sessions and token (returned); then add the size's synthetic records."""
    started = time.monotonic()
    manage(database_url, "migrate", "--noinput")
    manage(database_url, "createcachetable")
    manage(database_url, "load_sample_data")
    credentials = _prepare(database_url)
    grow(database_url, size)
    log(f"  built {size} in {time.monotonic() - started:.0f} s")
    return credentials


def grow(database_url: str, size: str) -> None:
    """Add the synthetic records of `size` to a database built for 1x, then refresh the
    planner's statistics (as after any bulk load; on PostgreSQL autovacuum would otherwise
    do it during the measurements)."""
    for args in SIZES[size]:
        manage(database_url, "generate_synthetic_data", *args)
    analyze(database_url)


def analyze(database_url: str) -> None:
    if is_postgres(database_url):
        import psycopg2

        connection = psycopg2.connect(database_url)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        connection.close()
    else:
        import sqlite3

        connection = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        connection.execute("ANALYZE")
        connection.commit()
        connection.close()


def _prepare(database_url: str) -> dict:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "prepare.py")],
        env=base_env(database_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench/prepare.py failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def collect_static(database_url: str, static_root: Path) -> None:
    env = base_env(database_url)
    env["DJANGO_STATIC_ROOT"] = str(static_root)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )


def hashed_static(static_root: Path, name: str = "css/site.css") -> str:
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def warm(base: str, path: str, credentials: dict | None) -> None:
    """Request `path` once (drafts rendered and cached, as in steady state)."""
    request = urllib.request.Request(base + path)
    if credentials is not None:
        if path.startswith("/api/"):
            request.add_header("Authorization", f"Token {credentials['token']}")
        else:
            request.add_header("Cookie", f"sessionid={credentials['sessions'][0]}")
    with urllib.request.urlopen(request, timeout=300) as response:
        response.read()


#: The log file of the last gunicorn started on each port (errors, tracebacks).
LOGS: dict[int, Path] = {}


def free_port() -> int:
    """A loopback port nobody listens on now, chosen by the system (tests running side by
    side, e.g. pytest-xdist's workers, never share one)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(
    database_url: str,
    port: int,
    *,
    workers: int = 3,
    static_root: Path | None = None,
    timeout: int = 30,
) -> Iterator[str]:
    """gunicorn (gunicorn.conf.py) on 127.0.0.1:`port`, ready; stopped afterwards."""
    env = base_env(database_url)
    env.update(
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(workers),
        GUNICORN_TIMEOUT=str(timeout),
        DJANGO_DB_CONN_MAX_AGE="60",
    )
    if static_root is not None:
        env["DJANGO_STATIC_ROOT"] = str(static_root)
    log_path = Path(tempfile.mkdtemp(prefix="ccwg-gunicorn-")) / f"{port}.log"
    LOGS[port] = log_path
    log = log_path.open("w+b")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/bench/trivial/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"gunicorn did not start:\n{log.read().decode()[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def locust(
    base: str,
    paths: list[str],
    *,
    users: int,
    seconds: int,
    credentials: dict,
    anonymous_prefixes: tuple[str, ...] = (),
    slice_seconds: float | None = None,
) -> dict[str, dict[str, float]]:
    """Run locust headless against `base`; per path (and "Aggregated"): requests, failures,
    requests/s, median and 95th percentile (ms). With `slice_seconds`, the users request the
    paths in turns of that long (bench/locustfile.py) instead of going round them."""
    workdir = Path(tempfile.mkdtemp(prefix="ccwg-locust-"))
    env = dict(os.environ)
    env.update(
        BENCH_PATHS=",".join(paths),
        BENCH_SESSIONS=",".join(credentials.get("sessions", [])),
        BENCH_TOKEN=credentials.get("token", ""),
        BENCH_ANONYMOUS_PREFIXES=",".join(anonymous_prefixes),
        BENCH_SLICE=str(slice_seconds or ""),
        # Sliced, the users stop after exactly `seconds` (every path its share); locust's
        # own run time is a little longer, so it never cuts the last turn short.
        BENCH_STOP_AFTER=str(seconds if slice_seconds else ""),
    )
    try:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                base,
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds + 3 if slice_seconds else seconds}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(workdir / "run"),
                "--only-summary",
                "--loglevel",
                "ERROR",
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            check=False,
            timeout=seconds + 120,
        )

        def number(value: str) -> float:
            try:
                return float(value)
            except ValueError:  # "N/A" when nothing was measured
                return 0.0

        rows = {}
        with open(workdir / "run_stats.csv", newline="") as handle:
            for row in csv.DictReader(handle):
                rows[row["Name"]] = {
                    "requests": number(row["Request Count"]),
                    "failures": number(row["Failure Count"]),
                    "rps": number(row["Requests/s"]),
                    "median": number(row["Median Response Time"]),
                    "p95": number(row["95%"]),
                }
        failures = workdir / "run_failures.csv"
        if failures.exists():
            with open(failures, newline="") as handle:
                for row in csv.DictReader(handle):
                    rows.setdefault("errors", {})[row["Error"][:200]] = float(row["Occurrences"])
        return rows
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
