"""The members' site in a real Chromium: sign in, the dashboard, filter the meetings,
search, subscribe to a feed by its token URL; axe-core (WCAG 2.1 A and AA rules) on every
page; no page wider than a phone at 390 px."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from ccwg.members.models import CalendarToken
from meetings.models import Meeting
from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def check_page(page, name: str) -> None:
    """No axe violation, no sideways scrolling at the current width; a screenshot."""
    assert axe_violations(page) == [], page.url
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} is {width}px wide at {viewport}px"
    screenshot(page, name, full_page=True)


def sign_in(page, username="demo-member", password="demo-member-pass", path="/"):
    page.goto(path)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_member_follows_the_groups_week(page, live_records):
    page.goto("/")
    check_page(page, "site-home-anonymous.png")
    sign_in(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("CCWG-IG")
    # The chart: nine teleconferences, named for screen readers.
    chart = page.get_by_role("img", name=re.compile("Attendance at CCWG-IG meetings"))
    expect(chart).to_be_visible()
    expect(chart.locator("g.meeting")).to_have_count(9)
    page.get_by_text("The figures as a table").click()
    expect(page.locator("table.chart-data tbody tr")).to_have_count(9)
    check_page(page, "site-dashboard.png")
    page.get_by_role("navigation", name="Attendance by year").get_by_role(
        "link", name="2017"
    ).click()
    expect(page.get_by_role("heading", name="Attendance, 2017")).to_be_visible()

    # Filter the meetings: the teleconferences of 2017.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    check_page(page, "site-meetings.png")
    page.get_by_label("Kind").select_option("teleconference")
    page.get_by_label("Year").select_option("2017")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"kind=teleconference.*year=2017|year=2017.*kind=tele"))
    expect(page.locator("table.meetings tbody tr")).to_have_count(9)
    page.get_by_role("link", name="CCWG-IG teleconference").last.click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.locator("ol.agenda .num").first).to_have_text("1.")
    check_page(page, "site-meeting.png")

    # Search, and follow a result to its agenda item.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label(re.compile("Words to find")).fill("charter amendments")
    page.get_by_role("button", name="Search").click()
    results = page.locator("ol.results > li")
    expect(results.first).to_be_visible()
    expect(page.locator("ol.results mark").first).to_be_visible()
    check_page(page, "site-search.png")
    results.first.locator(".result-title a").click()
    expect(page).to_have_url(re.compile(r"/meetings/\d+/#(item|statement|outcome)-\d+$"))

    # The other pages members read.
    for path, name in [
        ("/groups/CCWG-IG/", "site-group.png"),
        ("/organizations/GNSO/", "site-organization.png"),
        (f"/processes/{_process_id()}/", "site-process.png"),
        ("/reports/CCWG-IG/2017/", "site-report.png"),
        ("/accounts/password_change/", "site-password.png"),
    ]:
        page.goto(path)
        check_page(page, name)


def _process_id() -> int:
    from engagements.models import ExternalProcess

    return ExternalProcess.objects.get(acronym="WGEC").pk


def test_a_member_subscribes_to_the_calendar_by_its_token_url(
    page, chromium, live_server, live_records
):
    sign_in(page)
    page.get_by_role("link", name="demo-member").click()
    page.get_by_role("button", name="Make my calendar links").click()
    expect(page.get_by_role("status")).to_contain_text("New calendar links made")
    check_page(page, "site-profile.png")
    url = page.get_by_role("textbox", name="CCWG-IG meetings").input_value()
    key = CalendarToken.objects.get(user__username="demo-member").key
    assert url.endswith(f"/calendar/CCWG-IG.ics?token={key}")
    # A calendar program: no session, only the link.
    program = chromium.new_context()
    try:
        response = program.request.get(url)
        assert response.status == 200
        assert response.headers["content-type"] == "text/calendar; charset=utf-8"
        cal = Calendar.from_ical(response.body())
        assert len(list(cal.walk("VEVENT"))) == Meeting.objects.count()
        # Replaced links stop working.
        page.get_by_role("button", name="Make new links").click()
        assert program.request.get(url).status == 401
    finally:
        program.close()


def test_every_page_fits_a_phone_and_passes_axe(chromium, live_server, live_records):
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto("/accounts/login/")
        check_page(page, "phone-login.png")
        page.goto("/")
        check_page(page, "phone-home-anonymous.png")
        page.goto("/accounts/login/?next=/")
        page.get_by_label("Username").fill("demo-member")
        page.get_by_label("Password").fill("demo-member-pass")
        page.get_by_role("button", name="Log in").click()
        expect(page.locator(".chart-narrow svg")).to_be_visible()
        expect(page.locator(".chart-wide svg")).to_be_hidden()
        meeting = Meeting.objects.get(starts_at__date="2017-06-20")
        for path, name in [
            ("/", "phone-dashboard.png"),
            ("/meetings/", "phone-meetings.png"),
            (f"/meetings/{meeting.pk}/", "phone-meeting.png"),
            ("/search/?q=charter", "phone-search.png"),
            ("/groups/CCWG-IG/", "phone-group.png"),
            ("/organizations/GNSO/", "phone-organization.png"),
            (f"/processes/{_process_id()}/", "phone-process.png"),
            ("/accounts/profile/", "phone-profile.png"),
            ("/reports/CCWG-IG/2017/", "phone-report.png"),
        ]:
            page.goto(path)
            check_page(page, name)
    finally:
        context.close()


def test_the_keyboard_reaches_the_content_first(page, live_records):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    # The login form is labelled and starts on its first field.
    page.goto("/accounts/login/")
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
