"""Every management command of ours exits non-zero with one line, no traceback, on bad
arguments: argument errors from the command line (a real `manage.py` process), and the
command's own refusals (`CommandError`). A new command without an entry here fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[2]
OUR_APPS = ("ccwg.", "meetings", "engagements", "reports")

#: Per command: arguments the parser refuses, and arguments the command itself refuses
#: (with a word of the message it gives).
BAD_ARGUMENTS: dict[str, tuple[list[str], list[str], str]] = {
    "annual_report": (["CCWG-IG", "not-a-year"], ["NO-SUCH-GROUP", "2017"], "NO-SUCH-GROUP"),
    "load_sample_data": (["--no-such-option"], [], ""),
    "create_demo_users": (["unexpected"], [], ""),
    "export_archive": ([], ["/no/such/directory/archive.json"], "Cannot write"),
    "import_archive": (["a.json", "b.json"], ["/no/such/archive.json"], "Cannot read"),
    "worker": (["--interval", "-1"], [], ""),
    "generate_synthetic_data": (
        ["--groups", "many"],
        ["--groups", "0", "--years", "1", "--seed", "1"],
        "--groups",
    ),
}


def our_commands() -> list[str]:
    return sorted(
        name
        for name, app in get_commands().items()
        if isinstance(app, str) and app.startswith(OUR_APPS)
    )


def test_every_command_of_ours_is_in_the_table():
    assert set(our_commands()) == set(BAD_ARGUMENTS)


def _manage(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_DEBUG": "1", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("command", sorted(BAD_ARGUMENTS))
def test_bad_arguments_on_the_command_line_are_one_line(command):
    parser_refuses, _, _ = BAD_ARGUMENTS[command]
    result = _manage(command, *parser_refuses, "--no-such-flag")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith(f"manage.py {command}: error:")


@pytest.mark.parametrize(
    "command", [name for name, (_, refused, _) in sorted(BAD_ARGUMENTS.items()) if refused]
)
def test_arguments_the_command_refuses_raise_one_line(db, command):
    _, refused, word = BAD_ARGUMENTS[command]
    with pytest.raises(CommandError) as raised:
        call_command(command, *refused, verbosity=0)
    message = str(raised.value)
    assert word in message
    assert "\n" not in message


def test_a_refusal_on_the_command_line_is_one_line_and_exits_1(tmp_path):
    result = _manage("import_archive", str(tmp_path / "missing.json"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"CommandError: Cannot read {tmp_path / 'missing.json'}: No such file or directory"
    ]
