"""Commit messages: a subject of at most 72 characters, then a blank line before any body.

    .ci/commit_messages.py --file .git/COMMIT_EDITMSG   # the commit-msg hook (pre-commit)
    .ci/commit_messages.py --since 78dfca7              # CI: every commit after that one

The commits up to 78dfca7 are history and are not checked. In a clone without that commit
(a shallow one), nothing is checked, and the script says so.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

MAX_SUBJECT = 72
SCISSORS = "# ------------------------ >8 ------------------------"


def problems(message: str) -> list[str]:
    """What is wrong with a commit message (git's comment lines, and the diff under the
    scissors line of `git commit -v`, aside)."""
    message = message.split(SCISSORS, 1)[0]
    lines = [line for line in message.splitlines() if not line.startswith("#")]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines or not lines[0].strip():
        return ["the subject (first line) is empty"]
    found = []
    if len(lines[0]) > MAX_SUBJECT:
        found.append(
            f"the subject has {len(lines[0])} characters, more than {MAX_SUBJECT}: say the "
            f"what in the subject and the why in the body"
        )
    if len(lines) > 1 and lines[1].strip():
        found.append("no blank line between the subject and the body")
    return found


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:  # no git program: nothing to check
        return subprocess.CompletedProcess(["git", *args], 127, "", "git is not installed")


def check_since(base: str) -> int:
    if _git("cat-file", "-e", f"{base}^{{commit}}").returncode != 0:
        print(f"commit messages: {base} is not in this clone (shallow, or no git): none checked")
        return 0
    log = _git("log", "--no-merges", "--format=%H%x00%B%x1e", f"{base}..HEAD")
    if log.returncode != 0:
        sys.exit(log.stderr)
    failed = 0
    entries = [entry.strip("\n") for entry in log.stdout.split("\x1e") if entry.strip()]
    for entry in entries:
        commit, message = entry.split("\x00", 1)
        for problem in problems(message):
            failed += 1
            print(f"{commit[:9]} {message.splitlines()[0][:60]!r}: {problem}", file=sys.stderr)
    print(f"commit messages: {len(entries)} commits after {base} checked, {failed} problems")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--file", type=Path, help="a commit message file (the commit-msg hook)")
    group.add_argument("--since", help="check every commit after this one (CI)")
    args = parser.parse_args()
    if args.since:
        return check_since(args.since)
    found = problems(args.file.read_text(encoding="utf-8"))
    for problem in found:
        print(f"commit message: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
