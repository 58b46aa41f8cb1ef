"""Production hygiene (issue 14): demo logins only in development, password reset only with
e-mail, writes to `/` refused, API errors always JSON and never cached."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "ccwg.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_create_demo_users_refuses_in_production(tmp_path):
    result = _manage(
        "create_demo_users",
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="ccwg.example.org",
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DJANGO_DEBUG=1" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert "demo-staff" not in result.stdout
    assert (
        not (tmp_path / "db.sqlite3").exists()
        or b"demo-staff" not in (tmp_path / "db.sqlite3").read_bytes()
    )


def test_create_demo_users_refuses_unless_allowed(db, settings):
    settings.DEMO_USERS_ALLOWED = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("create_demo_users", verbosity=0)
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()
    settings.DEMO_USERS_ALLOWED = True
    call_command("create_demo_users", verbosity=0)
    assert get_user_model().objects.filter(username="demo-staff", is_staff=True).exists()


def test_development_settings_allow_demo_users_and_reset(tmp_path):
    show = (
        "from django.conf import settings; "
        "print(settings.DEMO_USERS_ALLOWED, settings.PASSWORD_RESET_ENABLED)"
    )
    debug = _manage("shell", "-c", show, tmp_path=tmp_path, DJANGO_DEBUG="1")
    assert debug.stdout.strip().splitlines()[-1].split() == ["True", "True"], debug.stderr
    production = _manage("shell", "-c", show, tmp_path=tmp_path, DJANGO_SECRET_KEY="x" * 50)
    assert production.stdout.strip().splitlines()[-1].split() == ["False", "False"], (
        production.stderr
    )
    with_mail = _manage(
        "shell",
        "-c",
        show,
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_EMAIL_HOST="smtp.example.org",
    )
    assert with_mail.stdout.strip().splitlines()[-1].split() == ["False", "True"], with_mail.stderr


@pytest.mark.django_db
def test_password_reset_only_when_email_is_configured(client, settings):
    settings.PASSWORD_RESET_ENABLED = False
    assert "password_reset" not in client.get("/accounts/login/").content.decode()
    for url in (
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/done/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post("/accounts/password_reset/", {"email": "a@example.org"}).status_code == 404
    settings.PASSWORD_RESET_ENABLED = True
    assert "/accounts/password_reset/" in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/password_reset/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_home_refuses_writes(client, admin_client, method):
    for who in (client, admin_client):
        response = getattr(who, method)("/")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method,url,status",
    [
        ("get", "/api/v1/no-such-resource/", 404),
        ("get", "/api/v1/people/999999/", 404),
        ("get", "/api/nothing-here", 404),
        ("delete", "/api/v1/people/", 405),
    ],
)
def test_api_errors_are_json(staff_api, method, url, status):
    response = getattr(staff_api, method)(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_api_body_over_the_limit_is_json(staff_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = staff_api.post("/api/v1/people/", {"full_name": "x" * 5000}, format="json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "1000 bytes" in response.json()["detail"]


@pytest.mark.django_db
def test_api_server_error_is_json(staff_api, monkeypatch):
    from ccwg.core import api

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(api.PersonViewSet, "get_queryset", broken)
    staff_api.raise_request_exception = False
    response = staff_api.get("/api/v1/people/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "boom" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/people/", "/api/v1/reports/", "/api/schema/"])
def test_api_answers_are_not_cached(member_api, url):
    response = member_api.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_pages_keep_their_caching(client):
    # Only the API is marked: pages and downloads decide their own caching.
    assert "no-store" not in client.get("/").get("Cache-Control", "")
