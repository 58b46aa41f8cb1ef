"""Production settings come from the environment and pass Django's deploy checks."""

import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "ccwg.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-key-0123456789-abcdefghij",
        DJANGO_ALLOWED_HOSTS="ccwg.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_settings_work_without_configuration():
    result = run_manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_database_url_is_read(tmp_path):
    target = tmp_path / "other.sqlite3"
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{target}",
    )
    assert result.stdout.strip().endswith(str(target)), result.stderr


def test_development_prints_mail_on_the_console_and_production_uses_smtp():
    show = "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.LOGIN_URL)"
    debug = run_manage("shell", "-c", show, DJANGO_DEBUG="1")
    assert debug.stdout.strip().splitlines()[-1].split() == [
        "django.core.mail.backends.console.EmailBackend",
        "login",
    ]
    production = run_manage(
        "shell", "-c", show, DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="ccwg.example.org"
    )
    assert (
        production.stdout.strip().splitlines()[-1].split()[0]
        == "django.core.mail.backends.smtp.EmailBackend"
    )
