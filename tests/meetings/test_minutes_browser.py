"""Issue 23's "Done when": the 18 January 2018 teleconference of the CCWG-IG recorded on the
admin's add page in one save and two page loads, with the mouse and again by keyboard alone
(at most 60 Tab presses), then read back through the API: the agenda tree, the counts
14 (19 with staff), the 2 apologies, the statement on 1.a and the action on 1.b."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from ccwg.core.models import Person
from meetings.models import Meeting
from tests.browser import log_in, screenshot
from tests.factories import AdvisoryCommitteeFactory, WorkingGroupFactory
from tests.meetings.test_entry_browser import _pick

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

JAN_18 = dt.date(2018, 1, 18)

#: The agenda as the call's e-mail gives it: the reference's flat 1./a. style.
AGENDA = """\
1. Organisational Topics
a. Charter of the new cross-community group
b. Work plan for 2018
2. Preparation for ICANN 61
"""
#: 19 present (14 members, the chair among them, and 5 staff) and 2 apologies: 21 names,
#: of whom 3 are not on record yet (2 present, 1 who sent apologies).
PARTICIPANTS = """\
Participants:
1. Olga Cavalli (chair)
2. Tatiana Tropina
3. Renate Dekker
4. Marilia Maciel
5. Bill Drake
6. Rafik Dammak
7. Young-eum Lee
8. Matthew Shears
9. Michele Neylon
10. Farzaneh Badii
11. Avri Doria
12. Ines Okafor
13. Tomasz Wieczorek
14. Olivier Crepin-Leblond - observer
15. Nigel Hickson (staff)
16. Marika Konings (staff)
17. Renate Weber (staff)
18. Yrjo Lansipuro (staff)
19. Sarah Ng (staff)
Apologies:
Helga Svensson
Marc Dubois
"""
NEW_PEOPLE = ("Ines Okafor", "Tomasz Wieczorek", "Marc Dubois")
ON_RECORD = (
    "Sarah Ng",
    "Helga Svensson",
    "Olga Cavalli",
    "Tatiana Tropina",
    "Marilia Maciel",
    "Rafik Dammak",
    "Renate Dekker",
    "Bill Drake",
    "Young-eum Lee",
    "Matthew Shears",
    "Michele Neylon",
    "Farzaneh Badii",
    "Avri Doria",
    "Olivier Crépin-Leblond",
    "Nigel Hickson",
    "Marika Konings",
    "Renate Weber",
    "Yrjö Lansipuro",
)
STATEMENT = "ALAC supports a charter that keeps the group open to every SO and AC."
OUTCOME = "The charter draft goes to the chartering organizations for comment."
ACTION = "Circulate the 2018 work plan for comment"
RECORDING = "https://icann.zoom.example/rec/2018-01-18"


@pytest.fixture
def jan_18_records(transactional_db):
    call_command("create_demo_users", verbosity=0)
    WorkingGroupFactory(acronym="CCWG-IG")
    AdvisoryCommitteeFactory(acronym="ALAC", name="At-Large Advisory Committee")
    for name in ON_RECORD:
        Person.objects.create(full_name=name)


def _open_the_add_page(page) -> tuple[list[str], list[str]]:
    """Staff logged in, then the add page (the first page load counted): the page's
    navigations from there on (main frame) and any script error or CSP refusal."""
    log_in(page, "demo-staff", "demo-staff-pass")
    page.wait_for_load_state("load")
    loads: list[str] = []
    problems: list[str] = []
    page.on(
        "framenavigated",
        lambda frame: loads.append(frame.url) if frame == page.main_frame else None,
    )
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto("/admin/meetings/meeting/add/?kind=teleconference")
    page.wait_for_load_state("load")
    return loads, problems


def _saved_once(page, loads: list[str], problems: list[str]) -> None:
    """The one save went through: two page loads in all, no error; then the API check."""
    expect(page.locator(".messagelist .success").first).to_be_visible()
    page.wait_for_load_state("load")
    assert len(loads) == 2, loads  # the add page, the page after the one save
    assert not page.locator(".errornote").count()
    _check_through_the_api(page)
    assert problems == [], problems


def _check_through_the_api(page) -> None:
    """The meeting as the API returns it, read with the staff's session."""
    meeting = Meeting.objects.get(starts_at__date=JAN_18)
    response = page.request.get(f"/api/v1/meetings/{meeting.pk}/")
    assert response.ok, response.text()
    body = response.json()
    assert body["working_group"] == "CCWG-IG" and body["kind"] == "teleconference"
    assert body["date"] == "2018-01-18"
    assert body["starts_at"] == "2018-01-18T14:00:00Z" and body["ends_at"] == "2018-01-18T15:30:00Z"
    tree = [
        (item["title"], [child["title"] for child in item["children"]]) for item in body["agenda"]
    ]
    assert tree == [
        (
            "Organisational Topics",
            ["Charter of the new cross-community group", "Work plan for 2018"],
        ),
        ("Preparation for ICANN 61", []),
    ]
    assert (body["members_present"], body["total_present"]) == (14, 19)
    apologies = sorted(e["name"] for e in body["attendance"] if e["status"] == "apologies")
    assert apologies == ["Helga Svensson", "Marc Dubois"]
    assert len(body["attendance"]) == 21
    (statement,) = body["statements"]
    assert statement["agenda_path"] == [1, 1]  # 1.a
    assert (statement["source"], statement["text"]) == ("ALAC", STATEMENT)
    assert body["outcomes"] == [OUTCOME]
    (action,) = body["actions"]
    assert action["agenda_path"] == [1, 2]  # 1.b
    assert (action["description"], action["owner"], action["due_on"]) == (
        ACTION,
        "Marika Konings",
        "2018-02-01",
    )
    assert [(link["url"], link["kind"]) for link in body["links"]] == [(RECORDING, "recording")]
    assert Person.objects.filter(full_name__in=NEW_PEOPLE).count() == 3
    kept = meeting.participant_text.replace("\r\n", "\n")
    assert kept.strip() == PARTICIPANTS.strip()  # the list is kept as pasted


def test_the_18_january_2018_call_in_one_save_and_two_page_loads(page, jan_18_records):
    loads, problems = _open_the_add_page(page)

    _pick(page, "working_group", "CCWG-IG")
    page.fill("#id_date", "2018-01-18")
    page.fill("#id_time", "14:00")
    page.fill("#id_end_time", "15:30")
    page.fill("#id_agenda_outline", AGENDA)
    expect(page.locator("#outline-preview .outline-tree li")).to_have_text(
        [
            "1. Organisational Topics",
            "1.a. Charter of the new cross-community group",
            "1.b. Work plan for 2018",
            "2. Preparation for ICANN 61",
        ]
    )
    page.fill("#id_participants", PARTICIPANTS)
    ticks = page.locator("#id_create_people input[type=checkbox]")
    expect(ticks).to_have_count(3)
    expect(page.locator("#participant-preview")).to_contain_text("19 present, 2 apologies")
    for name in NEW_PEOPLE:
        page.locator(f"#id_create_people input[value='{name}']").check()
    page.check("#id_attendance_complete")

    page.locator("#statements-group .add-row a").click()
    page.select_option("#id_statements-0-agenda_item", "1.a")
    _pick(page, "source", "ALAC")
    page.fill("#id_statements-0-text", STATEMENT)
    page.locator("#outcomes-group .add-row a").click()
    page.fill("#id_outcomes-0-text", OUTCOME)
    page.locator("#action_items-group .add-row a").click()
    page.fill("#id_action_items-0-description", ACTION)
    page.select_option("#id_action_items-0-agenda_item", "1.b")
    _pick(page, "owner", "Marika Konings")
    page.fill("#id_action_items-0-due_on", "2018-02-01")
    page.locator("#links-group .add-row a").click()
    page.fill("#id_links-0-title", "Recording")
    page.fill("#id_links-0-url", RECORDING)
    page.select_option("#id_links-0-kind", "recording")
    screenshot(page, "admin-jan-18-entry.png", full_page=True)

    page.get_by_role("button", name="Save", exact=True).click()
    _saved_once(page, loads, problems)
    print(f"\n18 Jan 2018 entry by mouse: {len(loads)} page loads, 1 save")


class Keyboard:
    """The page driven by keyboard alone (Tab, Shift+Tab, typing, Space, Enter), counting the
    Tab presses. It only reads where the focus is; it never moves it itself."""

    def __init__(self, page) -> None:
        self.page = page
        self.tabs = 0

    def focused(self, selector: str) -> bool:
        return self.page.evaluate("s => document.activeElement.matches(s)", selector)

    def tab_to(self, selector: str, *, limit: int = 12) -> None:
        """Tab forward until `selector` has the focus (at most `limit` presses)."""
        for _ in range(limit):
            if self.focused(selector):
                return
            self.page.keyboard.press("Tab")
            self.tabs += 1
        assert self.focused(selector), f"{limit} Tabs did not reach {selector}"

    def pick(self, selector: str, term: str, expected: str) -> None:
        """An autocomplete box: open it with Enter, type, take the suggestion with Enter."""
        self.tab_to(selector)
        self.page.keyboard.press("Enter")
        expect(self.page.locator(".select2-container--open .select2-search__field")).to_be_focused()
        self.page.keyboard.type(term)
        expect(self.page.locator(".select2-results__option--highlighted")).to_have_text(expected)
        self.page.keyboard.press("Enter")

    def type_into(self, selector: str, text: str, *, paste: bool = False) -> None:
        self.tab_to(selector)
        if paste:  # a block pasted, as staff paste the call's e-mail and list
            self.page.keyboard.insert_text(text)
        else:
            self.page.keyboard.type(text)

    def add_row(self, group: str, first_field: str) -> None:
        """ "Add another …" with Enter: the focus goes to the new row's first field."""
        self.tab_to(f"#{group}-group .add-row a")
        self.page.keyboard.press("Enter")
        expect(self.page.locator(first_field)).to_be_focused()

    def choose(self, selector: str, typed: str, value: str) -> None:
        """A select chosen by typing the start of its option's label."""
        self.tab_to(selector)
        self.page.keyboard.type(typed)
        expect(self.page.locator(selector)).to_have_value(value)


def test_the_18_january_2018_call_by_keyboard_alone_in_at_most_60_tabs(page, jan_18_records):
    loads, problems = _open_the_add_page(page)
    keys = Keyboard(page)
    group = ".field-working_group .select2-selection"

    keys.pick(group, "CCWG-IG", "CCWG-IG")
    keys.type_into("#id_date", "2018-01-18")
    keys.type_into("#id_time", "14:00")
    keys.type_into("#id_end_time", "15:30")
    keys.type_into("#id_agenda_outline", AGENDA, paste=True)
    expect(page.locator("#outline-preview .outline-tree li")).to_have_count(4)
    keys.type_into("#id_participants", PARTICIPANTS, paste=True)
    expect(page.locator("#id_create_people input[type=checkbox]")).to_have_count(3)
    for name in NEW_PEOPLE:
        keys.tab_to(f"#id_create_people input[value='{name}']")
        page.keyboard.press("Space")
    keys.tab_to("#id_attendance_complete")
    page.keyboard.press("Space")

    keys.add_row("statements", "#id_statements-0-agenda_item")
    keys.choose("#id_statements-0-agenda_item", "1.a", "1.a")
    keys.pick(".field-source .select2-selection", "ALAC", "ALAC")
    keys.type_into("#id_statements-0-text", STATEMENT)
    keys.add_row("outcomes", "#id_outcomes-0-text")
    page.keyboard.type(OUTCOME)
    keys.add_row("action_items", "#id_action_items-0-description")
    page.keyboard.type(ACTION)
    keys.choose("#id_action_items-0-agenda_item", "1.b", "1.b")
    keys.pick(".field-owner .select2-selection", "Marika Konings", "Marika Konings")
    keys.type_into("#id_action_items-0-due_on", "2018-02-01")
    keys.add_row("links", "#id_links-0-title")
    page.keyboard.type("Recording")
    keys.type_into("#id_links-0-url", RECORDING)
    keys.choose("#id_links-0-kind", "Recording", "recording")
    for name in NEW_PEOPLE:
        expect(page.locator(f"#id_create_people input[value='{name}']")).to_be_checked()
    expect(page.locator("#id_attendance_complete")).to_be_checked()
    keys.tab_to("input[type=submit][name=_save]")
    page.keyboard.press("Enter")

    _saved_once(page, loads, problems)
    print(f"\n18 Jan 2018 entry by keyboard: {keys.tabs} Tab presses, {len(loads)} page loads")
    assert keys.tabs <= 60
