"""Several app servers on one database, and a small load run (issue #11, issue #10 item 7).

Real gunicorn processes (gunicorn.conf.py, the production settings of bench/settings.py)
on free loopback ports, over a database of their own: beside DATABASE_URL's on
PostgreSQL, else a SQLite file both servers open (SQLite serialises the writes; the point
here is the shared state, not concurrency)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench import servers

pytestmark = pytest.mark.server


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, dict(response.headers), response.read()


def _post(url: str, token: str, body: dict) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        assert response.status == 200
        return json.loads(response.read())


@pytest.fixture
def shared_database(tmp_path: Path) -> str:
    url = servers.database_for(os.environ.get("DATABASE_URL"), "two_servers", tmp_path)
    servers.manage(url, "migrate", "--noinput")
    servers.manage(url, "load_sample_data")
    return url


def _staff_token(url: str) -> str:
    code = (
        "from django.contrib.auth.models import User\n"
        "from rest_framework.authtoken.models import Token\n"
        "u = User.objects.create_user('two-servers-staff', is_staff=True)\n"
        "print(Token.objects.create(user=u).key)\n"
    )
    return servers.manage(url, "shell", "-c", code).strip().splitlines()[-1]


def _report_id(base: str, token: str) -> int:
    _, _, body = _get(
        f"{base}/api/v1/reports/?working_group=CCWG-IG&year=2017",
        Authorization=f"Token {token}",
    )
    return json.loads(body)["results"][0]["id"]


def test_a_report_published_through_one_server_is_served_identical_by_another(
    shared_database: str, tmp_path: Path
):
    token = _staff_token(shared_database)
    static_root = tmp_path / "static"
    servers.collect_static(shared_database, static_root)
    port_one, port_other = servers.free_port(), servers.free_port()
    with (
        # Publishing renders the four documents in the request: time enough on a busy machine.
        servers.gunicorn(shared_database, port_one, static_root=static_root, timeout=300) as one,
        servers.gunicorn(
            shared_database, port_other, static_root=static_root, timeout=300
        ) as other,
    ):
        try:
            published = _post(
                f"{one}/api/v1/reports/{_report_id(one, token)}/publish/",
                token,
                {"confirm_errors": True},
            )
        except urllib.error.HTTPError as error:
            pytest.fail(f"{error}: {servers.LOGS[port_one].read_text()[-3000:]}")
        assert published["status"] == "published"
        for fmt in ("pdf", "docx", "md", "html"):
            path = f"/reports/CCWG-IG/2017.{fmt}"
            status_one, headers_one, body_one = _get(one + path)
            status_other, headers_other, body_other = _get(other + path)
            assert status_one == status_other == 200
            assert body_one == body_other
            assert headers_one["ETag"] == headers_other["ETag"]
            assert headers_other["ETag"] == f'"{hashlib.sha256(body_other).hexdigest()}"'
            try:
                _get(other + path, **{"If-None-Match": headers_one["ETag"]})
            except urllib.error.HTTPError as not_modified:
                assert not_modified.code == 304
            else:
                pytest.fail("a conditional GET with the current ETag should answer 304")
        # The page and its hashed static files are served by both.
        _, _, page = _get(other + "/reports/CCWG-IG/2017/")
        stylesheet = servers.hashed_static(static_root)
        assert stylesheet.encode() in page
        assert _get(one + stylesheet)[0] == 200


def test_a_small_load_run_answers_every_request(tmp_path: Path):
    """`make load` at a small budget: every request answered 200, figures written."""
    output = tmp_path / "reliability.md"
    port = str(servers.free_port())
    result = subprocess.run(
        [
            sys.executable,
            str(servers.ROOT / "bench" / "load.py"),
            *("--users", "4", "--seconds", "4", "--workers", "2", "--port", port),
            *("--output", str(output), "--allow-sqlite"),
        ],
        cwd=servers.ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    text = output.read_text()
    assert "## Load (`make load`)" in text
    assert " 0 errors" in text
    assert "| `/reports/CCWG-IG/2017" in text  # per-request rows (a short run reaches a few)
