"""Typing debt that only shrinks: mypy without the per-module leniency of pyproject.toml.

pyproject's `[[tool.mypy.overrides]]` let the modules written before mypy ran keep untyped
functions and some error codes (`disallow_untyped_defs = false`, `disable_error_code`,
`ignore_errors`). This runs mypy with the same settings minus that leniency, counts the
errors, and compares the count with the one recorded in .ci/mypy-debt: above it fails (new
debt); below it passes and asks for the lower count to be recorded, so that the number
only falls.

    .venv/bin/python .ci/mypy_debt.py          # make lint and .ci/run run it
    .venv/bin/python .ci/mypy_debt.py --show   # print the errors as well
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / ".ci" / "mypy-debt"
#: The settings of an override that excuse errors: left out here.
LENIENCY = {"disallow_untyped_defs", "disable_error_code", "ignore_errors"}
ERROR = re.compile(r"^[^:\n]+:\d+(?::\d+)?: error: ", re.MULTILINE)


def _ini_value(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def strict_config(pyproject: dict) -> str:
    """pyproject's mypy settings as a mypy.ini, without the overrides' leniency."""
    tool = pyproject["tool"]
    settings = dict(tool["mypy"])
    overrides = settings.pop("overrides", [])
    if isinstance(settings.get("exclude"), list):
        settings["exclude"] = "|".join(settings["exclude"])
    lines = ["[mypy]", *(f"{key} = {_ini_value(value)}" for key, value in settings.items())]
    for name, plugin_settings in tool.items():
        if name != "mypy" and name.startswith("django-stubs"):
            lines += [f"[mypy.plugins.{name}]"]
            lines += [f"{key} = {_ini_value(value)}" for key, value in plugin_settings.items()]
    for override in overrides:
        kept = {k: v for k, v in override.items() if k != "module" and k not in LENIENCY}
        if kept:
            modules = override["module"]
            lines.append(f"[mypy-{','.join(modules) if isinstance(modules, list) else modules}]")
            lines += [f"{key} = {_ini_value(value)}" for key, value in kept.items()]
    return "\n".join(lines) + "\n"


def count_errors(show: bool) -> int:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    with tempfile.NamedTemporaryFile("w", suffix=".ini", prefix="mypy-debt-") as config:
        config.write(strict_config(pyproject))
        config.flush()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mypy",
                "--config-file",
                config.name,
                "--cache-dir",
                str(ROOT / ".mypy_cache" / "debt"),
                "--no-error-summary",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode not in (0, 1) or (result.returncode == 1 and not result.stdout):
        sys.exit(f"mypy did not run:\n{result.stdout}{result.stderr}")
    if show:
        print(result.stdout, end="")
    return len(ERROR.findall(result.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the errors")
    args = parser.parse_args()
    recorded = int(RECORD.read_text().split()[0])
    found = count_errors(args.show)
    if found > recorded:
        print(
            f"mypy without the leniency overrides: {found} errors, more than the {recorded} "
            f"recorded in .ci/mypy-debt. Type the new code (`.venv/bin/python "
            f".ci/mypy_debt.py --show` lists them) rather than raising the number.",
            file=sys.stderr,
        )
        return 1
    if found < recorded:
        print(
            f"mypy without the leniency overrides: {found} errors, fewer than the {recorded} "
            f"recorded: write {found} in .ci/mypy-debt (and drop the modules that now pass "
            f"from pyproject's overrides) so the debt cannot grow back.",
            file=sys.stderr,
        )
        return 0
    print(f"mypy without the leniency overrides: {found} errors, as recorded (.ci/mypy-debt).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
