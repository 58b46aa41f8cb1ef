"""The participant list checked as it is typed, in a real Chromium under the site's CSP: the
people not on record are offered under "Create these people" before any save."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from ccwg.core.models import Person
from meetings.models import AttendanceStatus, Meeting
from tests.browser import log_in, screenshot
from tests.meetings.test_entry_browser import _pick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_new_people_are_proposed_as_the_list_is_typed(page, live_records):
    Person.objects.create(full_name="Ann Lee")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    loads: list[str] = []
    page.on("load", lambda _: loads.append(page.url))
    log_in(page, "demo-staff", "demo-staff-pass")
    page.goto("/admin/meetings/meeting/add/?kind=teleconference")
    page.wait_for_load_state("load")
    loads_before = len(loads)

    box = page.locator("#id_participants")
    box.click()
    page.keyboard.type("Ann Lee\nZelda Newcomer (ccNSO)\nApologies: Helga Svensson\n")
    # Before any save: the two names not on record are offered, unticked.
    new = page.locator("#id_create_people input[type=checkbox]")
    expect(new).to_have_count(2)
    expect(page.locator("#id_create_people")).to_contain_text("Zelda Newcomer")
    expect(page.locator("#id_create_people")).to_contain_text("Helga Svensson")
    expect(page.locator(".field-create_people")).to_be_visible()
    expect(page.locator("#participant-preview")).to_contain_text("1 apology")
    expect(page.locator("#participant-preview")).to_contain_text("2 new people")
    assert len(loads) == loads_before, "the check must not reload the page"
    screenshot(page, "admin-participants-typed.png")

    # A name typed away takes its tick with it; one ticked stays ticked.
    page.locator("#id_create_people input[value='Zelda Newcomer']").check()
    box.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type("Bo Ek\n")
    expect(new).to_have_count(3)
    expect(page.locator("#id_create_people input[value='Zelda Newcomer']")).to_be_checked()
    box.fill("Ann Lee\nZelda Newcomer (ccNSO)\nApologies: Helga Svensson\n")
    box.dispatch_event("input")
    expect(new).to_have_count(2)

    page.locator("#id_create_people input[value='Helga Svensson']").check()
    _pick(page, "working_group", "CCWG-IG")
    page.fill("#id_date", "2018-01-18")
    page.check("#id_attendance_complete")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success").first).to_contain_text("Added 2 new people")
    page.wait_for_load_state("load")
    assert len(loads) == loads_before + 1  # one save, no refused save first
    meeting = Meeting.objects.with_attendance_counts().get(starts_at__date=dt.date(2018, 1, 18))
    statuses = {row.person.full_name: row.status for row in meeting.attendances.all()}
    assert statuses == {
        "Ann Lee": AttendanceStatus.PRESENT,
        "Zelda Newcomer": AttendanceStatus.PRESENT,
        "Helga Svensson": AttendanceStatus.APOLOGIES,
    }
    assert (meeting.attendance_members, meeting.attendance_total) == (2, 2)
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def test_a_refused_save_says_nothing_false_about_the_list(page, live_records):
    """With the script's ticks left unticked, the save is refused for the names not on
    record, and only for them: not also "Paste the participant list first"."""
    log_in(page, "demo-staff", "demo-staff-pass")
    page.goto("/admin/meetings/meeting/add/?kind=teleconference")
    _pick(page, "working_group", "CCWG-IG")
    page.fill("#id_date", "2018-01-18")
    page.fill("#id_participants", "Zelda Newcomer\nApologies: Helga Svensson, Marc Dubois\n")
    page.check("#id_attendance_complete")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote").first).to_be_visible()
    expect(page.locator(".field-participants .errorlist")).to_contain_text("Not on record yet")
    expect(page.locator("body")).not_to_contain_text("Paste the participant list first")
    expect(page.locator("#id_create_people input[type=checkbox]")).to_have_count(3)
    expect(page.locator("#id_participants")).to_have_value(
        "Zelda Newcomer\nApologies: Helga Svensson, Marc Dubois\n"
    )
