"""Two staff on one meeting in real Chromium contexts: the stale save is refused, the input
kept; the meeting's history shows both saves and restores an earlier version."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_staff(live_records):
    user = get_user_model().objects.create_superuser("bob", "bob@example.org", "bob-pass-2017")
    return user


def _meeting() -> Meeting:
    return Meeting.objects.get(kind="teleconference", starts_at__date=dt.date(2017, 2, 2))


def test_a_stale_save_is_refused_in_the_second_browser(chromium, live_server, second_staff):
    meeting = _meeting()
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    contexts = [chromium.new_context(base_url=live_server.url) for _ in range(2)]
    try:
        mine, theirs = (context.new_page() for context in contexts)
        for page in (mine, theirs):
            page.set_default_timeout(15_000)
        log_in(mine, "demo-staff", "demo-staff-pass")
        log_in(theirs, "bob", "bob-pass-2017")
        mine.goto(url)
        theirs.goto(url)

        # Bob saves first.
        theirs.fill("input[name=title]", "CCWG-IG call on the IGF consultation")
        theirs.locator("input[name=_continue]").first.click()
        expect(theirs.locator(".messagelist")).to_contain_text("was changed successfully")

        # My save, from the page opened before Bob's, is refused; my input stays.
        mine.fill("textarea[name=notes]", "Notes typed while Bob was saving")
        mine.locator("input[name=_save]").first.click()
        errors = mine.locator("ul.errorlist.nonfield")
        expect(errors).to_contain_text("bob saved this meeting after you opened it")
        expect(errors).to_contain_text("They changed: Title:")
        expect(errors).to_contain_text("CCWG-IG call on the IGF consultation")
        expect(mine.locator("textarea[name=notes]")).to_have_value(
            "Notes typed while Bob was saving"
        )
        screenshot(mine, "admin-stale-save-refused.png", full_page=True)
        assert Meeting.objects.get(pk=meeting.pk).notes == ""

        # Re-applying Bob's title and saving again goes through.
        mine.fill("input[name=title]", "CCWG-IG call on the IGF consultation")
        mine.locator("input[name=_continue]").first.click()
        expect(mine.locator(".messagelist")).to_contain_text("was changed successfully")
        stored = Meeting.objects.get(pk=meeting.pk)
        assert stored.notes == "Notes typed while Bob was saving"
        assert stored.title == "CCWG-IG call on the IGF consultation"

        # The history shows both saves, with who; restoring the version before them
        # goes through a confirmation page.
        mine.get_by_role("link", name="History").first.click()
        rows = mine.locator("tr.changeset")
        expect(rows.nth(0)).to_contain_text("demo-staff")
        expect(rows.nth(0)).to_contain_text("Notes:")
        expect(rows.nth(1)).to_contain_text("bob")
        expect(rows.nth(1)).to_contain_text(
            "Title: 'CCWG-IG teleconference' → 'CCWG-IG call on the IGF consultation'"
        )
        screenshot(mine, "admin-meeting-history.png", full_page=True)
        rows.nth(2).locator("a.restore-link").click()
        expect(mine.locator("ul.restore-items")).to_contain_text("Title")
        mine.locator("ul.restore-items label").filter(has_text=re.compile("^ ?Title")).locator(
            "input"
        ).check()
        mine.locator("input[name=restore_items]").click()
        expect(mine.locator(".messagelist")).to_contain_text("Restored from the version of")
        expect(mine.locator("tr.changeset").first).to_contain_text("Restored")
        stored.refresh_from_db()
        assert (
            stored.title == "CCWG-IG teleconference"
            and stored.notes == "Notes typed while Bob was saving"
        )
    finally:
        for context in contexts:
            context.close()
