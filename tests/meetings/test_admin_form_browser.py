"""The meeting page's scripts in a real Chromium, under the Content-Security-Policy: the
outline's live preview and the agenda choices that follow it before any save."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser import log_in
from tests.factories import WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_page(page):
    call_command("create_demo_users", verbosity=0)
    WorkingGroupFactory(acronym="CCWG-IG")
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    log_in(page, "demo-staff", "demo-staff-pass")
    yield page
    assert blocked == [], "nothing is blocked by the Content-Security-Policy"


def test_the_outline_preview_and_agenda_choices_follow_the_box_as_typed(staff_page):
    page = staff_page
    page.goto("/admin/meetings/meeting/add/?kind=teleconference")
    page.fill("#id_agenda_outline", "1. Policy Topics\na. IGF\nb. CSTD\n2. AOB\n")
    tree = page.locator("#outline-preview .outline-tree li")
    expect(tree).to_have_text(["1. Policy Topics", "1.a. IGF", "1.b. CSTD", "2. AOB"])
    page.locator("#statements-group .add-row a").click()
    choice = page.locator("select[name=statements-0-agenda_item]")
    expect(choice.locator("option")).to_have_text(
        ["---------", "1. Policy Topics", "1.a. IGF", "1.b. CSTD", "2. AOB"]
    )
    choice.select_option("1.a")
    # Typing on: the choices follow, the chosen number is kept.
    page.fill("#id_agenda_outline", "1. Policy Topics\na. IGF Consultation\n2. AOB\n")
    expect(choice.locator("option")).to_have_text(
        ["---------", "1. Policy Topics", "1.a. IGF Consultation", "2. AOB"]
    )
    expect(choice).to_have_value("1.a")
    # Numbering that does not follow shows on its line, with the tick to confirm.
    page.fill("#id_agenda_outline", "1. Policy\n1.1 Dotted\n")
    expect(page.locator("#outline-preview .outline-problems li")).to_contain_text(
        ["Line 2: “1.1” is not a numbering"]
    )
    expect(page.locator(".form-row.field-agenda_confirmed")).to_be_visible()


def test_a_long_paste_is_kept_whole_with_a_counter_past_the_cap(staff_page):
    page = staff_page
    page.goto("/admin/meetings/meeting/add/?kind=teleconference")
    notes = page.locator("#id_notes")
    expect(page.locator(".field-notes .char-count")).to_have_text("0 / 20,000 characters")
    notes.fill("x" * 30_000)
    assert len(notes.input_value()) == 30_000  # nothing cut by the browser
    expect(page.locator(".field-notes .char-count")).to_have_text(
        "30,000 / 20,000 characters — 10,000 over the limit: shorten it before saving"
    )
    expect(page.locator(".field-notes .char-count")).to_have_class(re.compile("over"))
