"""In-process measurements of one bench database (DJANGO_SETTINGS_MODULE=bench.settings),
driven request by request by bench/run.py, so that the three sizes' requests can be
interleaved: a slow moment of a shared machine then falls on every size alike.

    python bench/measure.py '<credentials JSON>' [CPU]

With CPU (a number), the process runs on that processor only: the three sizes' processes
share one, so none of them gets a quieter or a warmer processor than the others.

Prints `ready`, then answers each line of standard input with one line of JSON:

- `{"page": NAME}`: one request of that page through Django's test client:
  `{"ms": ..., "queries": ..., "bytes": ..., "cold": true|false}`. The first request of each
  page is the cold one (the cache is emptied when the process starts). Queries are SQL
  statements, transaction control (SAVEPOINT, RELEASE) left out.
- `{"plans": true}`: the query plans of the period and list filters.
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

import datetime as dt  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import PAGES  # noqa: E402
from ccwg.core.models import IcannMeeting, WorkingGroup  # noqa: E402
from ccwg.core.output_cache import forget_local  # noqa: E402
from engagements.models import ProcessInput  # noqa: E402
from meetings.models import Meeting  # noqa: E402


def statements(queries):
    return sum(
        1
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO"))
    )


def plans() -> dict[str, str]:
    group = WorkingGroup.objects.get(acronym="CCWG-IG")
    start, end = dt.date(2017, 1, 1), dt.date(2017, 12, 31)
    return {
        "meetings of a group in a period": Meeting.objects.filter(working_group=group)
        .in_period(start, end)
        .explain(),
        "process inputs of a group in a period": ProcessInput.objects.filter(working_group=group)
        .in_period(start, end)
        .explain(),
        "ICANN meetings of a period": IcannMeeting.objects.in_period(start, end).explain(),
    }


def main():
    credentials = json.loads(sys.argv[1])
    if len(sys.argv) > 2 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {int(sys.argv[2])})
    member = Client()
    member.cookies["sessionid"] = credentials["sessions"][0]
    api = Client(HTTP_AUTHORIZATION=f"Token {credentials['token']}")
    clients = {"member": member, "anonymous": Client(), "token": api}
    cache.clear()
    forget_local()
    requested: set[str] = set()
    print("ready", flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if "plans" in command:
            print(json.dumps({"plans": plans(), "vendor": connection.vendor}), flush=True)
            continue
        name = command["page"]
        path, who = PAGES[name]
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = clients[who].get(path)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
        answer = {
            "ms": elapsed * 1000,
            "queries": statements(queries),
            "bytes": len(response.content),
            "cold": name not in requested,
        }
        requested.add(name)
        print(json.dumps(answer), flush=True)


main()
