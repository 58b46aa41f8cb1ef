"""The annual report page in a real Chromium: read by a member, checked by staff, printed."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_reads_the_draft_report(page, live_records):
    page.goto("/reports/CCWG-IG/2017/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/reports/CCWG-IG/2017/$"))
    page.fill("input[name=username]", "demo-member")
    page.fill("input[name=password]", "demo-member-pass")
    page.click("[type=submit]")
    expect(page.locator("h1.report-title")).to_contain_text("Report on the 2017 Activities")
    rows = page.locator("table.teleconferences tbody > tr")
    expect(rows).to_have_count(9)
    expect(rows.first.locator("td.attendance")).to_have_text("15 (17, inc. staff)")
    expect(rows.last.locator("td.attendance")).to_have_text("9")
    # The contents link jumps to the section.
    page.locator("nav.toc").get_by_role("link", name="2.4.2 CCWG-IG teleconferences").click()
    expect(page).to_have_url(re.compile(r"/reports/CCWG-IG/2017/#.+"))
    # Members do not see the staff's consistency checks.
    expect(page.locator(".report-findings")).to_have_count(0)


def test_staff_see_the_checks_and_the_print_view_hides_them(page, live_records):
    log_in(
        page, "demo-staff", "demo-staff-pass", path="/accounts/login/?next=/reports/CCWG-IG/2017/"
    )
    findings = page.locator(".report-findings")
    # the sample's one open finding: the reference's "face-to-face meetings in 2016"
    expect(findings).to_contain_text("2016")
    page.emulate_media(media="print")
    expect(findings).to_be_hidden()
    expect(page.locator("table.teleconferences")).to_be_visible()
    screenshot(page, "report-print.png", full_page=True)
