"""System programs the tests use. Each must be named in the README's "System packages"
section (`tests/test_system_programs.py` checks it): outside CI a test that needs a missing
one is skipped with the reason; under CI=true it fails, so CI always runs the whole suite."""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(reason: str):
    """Skip the test on a machine without what it needs, but fail under CI=true."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: every test must run in CI)", pytrace=False)
    pytest.skip(reason)


def require_program(name: str, *, package: str) -> str:
    """The path of the program NAME, or skip (fail under CI) saying which package has it."""
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name} is not installed (apt-get install {package})")
    return path
