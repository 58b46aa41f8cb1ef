"""Locust users of `make bench` and `make load` (run headless by bench/servers.py).

BENCH_PATHS    comma-separated paths, requested in turn by every user (each a task of
               equal weight); an `api/` path sends the token, a page the session cookie
BENCH_SESSIONS comma-separated session keys of a member (one per user, in turn)
BENCH_TOKEN    the member's API token
BENCH_ANONYMOUS_PREFIXES  paths requested without credentials (published downloads)
"""

import itertools
import os

from locust import HttpUser, constant, task

PATHS = [p for p in os.environ.get("BENCH_PATHS", "/bench/trivial/").split(",") if p]
SESSIONS = itertools.cycle(os.environ.get("BENCH_SESSIONS", "").split(",") or [""])
STARTS = itertools.count()
TOKEN = os.environ.get("BENCH_TOKEN", "")
ANONYMOUS = tuple(p for p in os.environ.get("BENCH_ANONYMOUS_PREFIXES", "").split(",") if p)


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
        path = next(self.paths)
        headers = {}
        cookies = {}
        anonymous = path.startswith(ANONYMOUS) if ANONYMOUS else False
        if path.startswith("/api/") and TOKEN:
            headers["Authorization"] = f"Token {TOKEN}"
        elif not anonymous and self.session_key:
            cookies["sessionid"] = self.session_key
        name = path.split("?")[0]
        with self.client.get(
            path, headers=headers, cookies=cookies, name=name, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
