"""`make run` and `make test` say what to do when Python is too old or the port is taken."""

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ccwg import preflight
from tests.system import require_program

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def busy_port():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_taken_port_names_another_one(busy_port):
    problem = preflight.port_problem("127.0.0.1", str(busy_port))
    assert f"Port {busy_port} on 127.0.0.1 is already in use" in problem
    assert f"make run PORT={busy_port + 1}" in problem


def test_a_free_port_is_fine():
    assert preflight.port_problem("127.0.0.1", str(free_port())) is None


@pytest.mark.parametrize(
    ("port", "message"),
    [("http", "PORT must be a number, not 'http'"), ("70000", "between 1 and 65535")],
)
def test_a_malformed_port_is_explained(port, message):
    assert message in preflight.port_problem("127.0.0.1", port)


def test_the_script_exits_1_with_the_message_and_no_traceback(busy_port):
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            str(ROOT / "ccwg" / "preflight.py"),
            "port",
            "127.0.0.1",
            str(busy_port),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "already in use" in result.stderr
    assert "Traceback" not in result.stderr


def run_make(*args: str) -> subprocess.CompletedProcess:
    make = require_program("make", package="make")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(
        [make, "--no-print-directory", "-C", str(ROOT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_make_refuses_an_old_python_with_what_to_do(tmp_path):
    old_python = tmp_path / "python3.10"
    old_python.write_text('#!/bin/sh\n[ "$1" = "--version" ] && echo "Python 3.10.12"\nexit 1\n')
    old_python.chmod(old_python.stat().st_mode | stat.S_IXUSR)
    result = run_make("check-python", f"PYTHON={old_python}")
    assert result.returncode != 0
    assert "ccwg needs Python 3.11 or newer" in result.stderr
    assert "Python 3.10.12" in result.stderr
    assert "make run PYTHON=" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_refuses_a_taken_port_before_starting(busy_port):
    result = run_make("check-port", f"PORT={busy_port}")
    assert result.returncode != 0
    assert f"make run PORT={busy_port + 1}" in result.stderr
