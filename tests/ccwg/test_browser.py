"""Staff and members in a real Chromium against a live server."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_find_a_teleconference_and_its_agenda_in_the_admin(page, live_records):
    log_in(page, "demo-staff", "demo-staff-pass")
    page.locator("tr.model-meeting th a").click()
    page.locator("#changelist-filter").get_by_role("link", name="Teleconference").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(9)
    page.locator("#result_list tbody tr").filter(has_text=re.compile(r"(^|\D)2 Feb 2017")).locator(
        "th a"
    ).click()
    expect(page.locator("input[name=members_present]")).to_be_visible()
    # The agenda is one outline text area on the meeting page (issue #8), no longer an
    # inline row per item with a title input.
    titles = page.locator("#id_agenda_outline").input_value()
    assert "IGF Community Public Consultation - ICANN Comment" in titles
    expect(page.locator("input[name=members_present]")).to_have_value("15")
    screenshot(page, "admin-meeting.png")


def test_a_member_logs_in_and_sees_the_groups(page, live_records):
    log_in(page, "demo-member", "demo-member-pass", path="/accounts/login/?next=/")
    assert page.locator(".who").inner_text() == "demo-member"
    assert page.get_by_text("Cross Community Working Group on Internet Governance").is_visible()
