"""The meeting page's scripts in a real Chromium, under the Content-Security-Policy: the
outline's live preview and the agenda choices that follow it before any save."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import MeetingKind
from tests.browser import log_in, screenshot
from tests.factories import WorkingGroupFactory
from tests.meetings.test_stale_save import _meeting

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


# --- keyboard and phones ---------------------------------------------------------------------

INLINE_CONTROLS = (
    ".inline-group tr.form-row:not(.empty-form) :is(input:not([type=hidden]), select, textarea)"
)


def _change_page(page) -> str:
    records = _meeting(MeetingKind.PUBLIC_SESSION)
    return reverse("admin:meetings_meeting_change", args=[records["meeting"].pk])


def test_focus_follows_the_new_row_and_the_first_error(staff_page):
    page = staff_page
    page.goto(_change_page(page))
    add = page.locator("#outcomes-group .add-row a")
    add.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_outcomes-1-text")).to_be_focused()
    # The icon links beside related fields are not tab stops.
    tab_stops = page.locator("a.related-widget-wrapper-link:not([tabindex='-1'])")
    assert page.locator("a.related-widget-wrapper-link").count() > 0
    expect(tab_stops).to_have_count(0)
    # A refused save: focus on the field in error, not the top of the page.
    page.fill("#id_time", "1pm")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state("load")
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator("#id_time")).to_be_focused()


def test_inline_tables_stack_as_cards_on_a_phone_with_every_control_visible(staff_page):
    page = staff_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(_change_page(page))
    controls = page.locator(INLINE_CONTROLS)
    assert controls.count() >= 10
    for index in range(controls.count()):
        box = controls.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (
            controls.nth(index).get_attribute("name"),
            box,
        )
    label = page.locator("#links-group td.field-url").first
    assert label.evaluate("cell => getComputedStyle(cell, '::before').content") == '"URL"'
    screenshot(page, "admin-meeting-inlines-390.png", full_page=True)


def test_the_links_table_s_delete_header_is_whole_at_1280(staff_page):
    page = staff_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(_change_page(page))
    header = page.locator("#links-group thead th").last
    expect(header).to_have_text("Delete?")
    assert header.evaluate("th => th.scrollWidth <= th.clientWidth")
    screenshot(page, "admin-meeting-links-1280.png", full_page=True)
    table_box = page.locator("#links-group .tabular").bounding_box()
    header_box = header.bounding_box()
    assert header_box["x"] + header_box["width"] <= table_box["x"] + table_box["width"] + 1
