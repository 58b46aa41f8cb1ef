"""Helpers for the browser tests (Playwright driving Debian's Chromium)."""

import pathlib

#: Screenshots the browser tests take, to look at after a run.
SCREENSHOTS = pathlib.Path(__file__).resolve().parents[1] / "test-results"


def log_in(page, username: str, password: str, path: str = "/admin/login/") -> None:
    page.goto(path)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("[type=submit]")


def screenshot(page, name: str, *, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=full_page)
