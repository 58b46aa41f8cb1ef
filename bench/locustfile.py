"""Locust users of `make bench` and `make load` (run headless by bench/servers.py).

BENCH_PATHS    comma-separated paths, requested in turn by every user (each a task of
               equal weight); an `api/` path sends the token, a page the session cookie
BENCH_SESSIONS comma-separated session keys of a member (one per user, in turn)
BENCH_TOKEN    the member's API token
BENCH_ANONYMOUS_PREFIXES  paths requested without credentials (published downloads)
BENCH_SLICE    seconds: instead of going round the paths, every user requests the first path
               for that long, then the second, and so on in turn, counting from the run's
               first request (so that the paths of a run meet the same moments of the
               machine; each path gets an equal share of the run's time)
BENCH_STOP_AFTER  seconds, with BENCH_SLICE: the users stop that long after the first
               request (a whole number of turns), whenever locust's run time ends
"""

import itertools
import os
import time

from locust import HttpUser, constant, task
from locust.exception import StopUser

PATHS = [p for p in os.environ.get("BENCH_PATHS", "/bench/trivial/").split(",") if p]
SESSIONS = itertools.cycle(os.environ.get("BENCH_SESSIONS", "").split(",") or [""])
STARTS = itertools.count()
TOKEN = os.environ.get("BENCH_TOKEN", "")
ANONYMOUS = tuple(p for p in os.environ.get("BENCH_ANONYMOUS_PREFIXES", "").split(",") if p)
SLICE = float(os.environ.get("BENCH_SLICE") or 0)
STOP_AFTER = float(os.environ.get("BENCH_STOP_AFTER") or 0)
#: When the run's first request started (the slices count from it).
FIRST: list[float] = []


def sliced_path() -> str:
    now = time.monotonic()
    if not FIRST:
        FIRST.append(now)
    if STOP_AFTER and now - FIRST[0] >= STOP_AFTER:
        raise StopUser()
    return PATHS[int((now - FIRST[0]) / SLICE) % len(PATHS)]


class Visitor(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.session_key = next(SESSIONS)
        # Each user starts at another place of the list, so every path is requested even
        # when a run is too short for a user to go round it.
        offset = next(STARTS) % len(PATHS)
        self.paths = itertools.cycle(PATHS[offset:] + PATHS[:offset])

    @task
    def visit(self) -> None:
        path = sliced_path() if SLICE else next(self.paths)
        headers = {}
        cookies = {}
        anonymous = path.startswith(ANONYMOUS) if ANONYMOUS else False
        if path.startswith("/api/") and TOKEN:
            headers["Authorization"] = f"Token {TOKEN}"
        elif not anonymous and self.session_key:
            cookies["sessionid"] = self.session_key
        with self.client.get(
            path, headers=headers, cookies=cookies, name=path, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
