"""Run inside a bench database (DJANGO_SETTINGS_MODULE=bench.settings): publish the 2017
report (then start its next version, so a draft exists beside it), make a member with a
session and an API token; print them as JSON. With BENCH_STATIC_COPIES set to a folder,
also write the published documents there (`report.pdf`, ...): the same bytes served as
static files are the yardstick of the published downloads' throughput."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from pathlib import Path  # noqa: E402

from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from reports.models import AnnualReport, PublishedDocument  # noqa: E402
from reports.services import publish_report, start_new_version  # noqa: E402

member, _ = User.objects.get_or_create(username="bench-member")
staff, _ = User.objects.get_or_create(username="bench-staff", defaults={"is_staff": True})
report = AnnualReport.objects.get(working_group__acronym="CCWG-IG", year=2017, version=1)
if not report.is_published:
    publish_report(report=report, user=staff, confirm_errors=True)
    start_new_version(report=report, user=staff)
sessions = []
for _ in range(int(os.environ.get("BENCH_SESSIONS", "4"))):
    client = Client()
    client.force_login(member)
    sessions.append(client.cookies["sessionid"].value)
token, _ = Token.objects.get_or_create(user=member)
if copies := os.environ.get("BENCH_STATIC_COPIES"):
    Path(copies).mkdir(parents=True, exist_ok=True)
    for document in PublishedDocument.objects.filter(report=report):
        (Path(copies) / f"report.{document.format}").write_bytes(bytes(document.content))
print(json.dumps({"sessions": sessions, "token": token.key}))
