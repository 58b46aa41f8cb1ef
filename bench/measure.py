"""In-process measurements of one bench database (DJANGO_SETTINGS_MODULE=bench.settings):
per page, the SQL statements (transaction control left out) and the median latency through
Django's test client; the query plans of the period and list filters. Prints JSON."""

import json
import os
import statistics
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

from ccwg.core.cache import forget_local  # noqa: E402
from ccwg.core.models import IcannMeeting, WorkingGroup  # noqa: E402
from engagements.models import ProcessInput  # noqa: E402
from meetings.models import Meeting  # noqa: E402

#: name: (path, who) -- "member" with a session, "anonymous", or "token" for the API.
PAGES = {
    "report page (draft)": ("/reports/CCWG-IG/2017/", "member"),
    **{f"draft {f}": (f"/reports/CCWG-IG/2017.{f}", "member") for f in ("pdf", "docx", "md")},
    "draft html": ("/reports/CCWG-IG/2017.html", "member"),
    **{
        f"published {f}": (f"/reports/CCWG-IG/2017.{f}?version=1", "anonymous")
        for f in ("pdf", "docx", "md", "html")
    },
    "dashboard": ("/?group=CCWG-IG", "member"),
    "meeting list": ("/meetings/?group=CCWG-IG&year=2017", "member"),
    "API meetings": ("/api/v1/meetings/?working_group=CCWG-IG&year=2017", "token"),
    "API process inputs": ("/api/v1/process-inputs/?working_group=CCWG-IG&year=2017", "token"),
}


def statements(queries):
    return sum(
        1
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO"))
    )


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    credentials = json.loads(sys.argv[2])
    member = Client()
    member.cookies["sessionid"] = credentials["sessions"][0]
    api = Client(HTTP_AUTHORIZATION=f"Token {credentials['token']}")
    clients = {"member": member, "anonymous": Client(), "token": api}
    cache.clear()
    forget_local()
    results = {}
    for name, (path, who) in PAGES.items():
        client = clients[who]
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as cold_queries:
            response = client.get(path)
        cold = time.perf_counter() - started
        assert response.status_code == 200, (path, response.status_code)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
        results[name] = {
            "path": path,
            "queries": statements(queries),
            "queries_cold": statements(cold_queries),
            "median_ms": statistics.median(times) * 1000,
            "cold_ms": cold * 1000,
            "bytes": len(response.content),
        }
    group = WorkingGroup.objects.get(acronym="CCWG-IG")
    start, end = dt.date(2017, 1, 1), dt.date(2017, 12, 31)
    plans = {
        "meetings of a group in a period": Meeting.objects.filter(working_group=group)
        .in_period(start, end)
        .explain(),
        "process inputs of a group in a period": ProcessInput.objects.filter(working_group=group)
        .in_period(start, end)
        .explain(),
        "ICANN meetings of a period": IcannMeeting.objects.in_period(start, end).explain(),
    }
    print(json.dumps({"pages": results, "plans": plans, "vendor": connection.vendor}))


main()
