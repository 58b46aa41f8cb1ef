"""A refused stale save loses nothing, for every field of the meeting page.

Two people open the same meeting page. A changes one field F (whatever its widget: text,
date, time, select, autocomplete, checkbox, a cell of an inline row, a row added or
deleted) and saves. B, whose page was opened before, changes another field and saves: B's
save is refused, and the page B gets back shows A's F as a page opened now would, with B's
own change kept. B saves again: both changes are stored, A's F is not reverted.

`test_every_field_of_the_page_has_a_case` holds the table to the page: a field added to the
form or to an inline without a case here fails it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ccwg.core.admin_guard import TOKEN_FIELD
from meetings.models import Meeting, MeetingKind, MeetingLink, Outcome
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AttendanceFactory,
    ExternalEventFactory,
    IcannMeetingFactory,
    MeetingLinkFactory,
    OrganizationFactory,
    OutcomeFactory,
    PersonFactory,
    SpeakerFactory,
    StaffFactory,
    StatementFactory,
    WorkingGroupFactory,
)
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

Records = dict[str, Any]
Value = Callable[[Records], Any]


def _meeting(kind: str) -> Records:
    """A meeting with one row in each part of its page, and the records A's changes use."""
    group = WorkingGroupFactory(acronym="CCWG-IG")
    venue, other_venue = IcannMeetingFactory(number=58), IcannMeetingFactory(number=59)
    event, other_event = ExternalEventFactory(), ExternalEventFactory()
    gnso, alac = OrganizationFactory(acronym="GNSO"), OrganizationFactory(acronym="ALAC")
    ann, bo = PersonFactory(full_name="Ann Lee"), PersonFactory(full_name="Bo Ek")
    workshop = kind == MeetingKind.WORKSHOP
    meeting = Meeting.objects.create(
        working_group=group,
        kind=kind,
        status="held",
        title="Session",
        starts_at=dt.datetime(2017, 3, 11, 9, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2017, 3, 11, 10, 30, tzinfo=dt.UTC),
        icann_meeting=None if workshop else venue,
        external_event=event if workshop else None,
        selected_by=gnso if workshop else None,
        location="Copenhagen",
        members_present=4,
        total_present=6,
        notes="As noted.",
    )
    meeting.organizations_present.set([gnso])
    policy = AgendaItemFactory(meeting=meeting, title="Policy", position=1)
    AgendaItemFactory(meeting=meeting, title="AOB", position=2)
    AttendanceFactory(meeting=meeting, person=ann, complete=False)
    StatementFactory(meeting=meeting, agenda_item=policy, source=gnso, text="We agree.")
    OutcomeFactory(meeting=meeting, text="Agreed.", position=1)
    ActionItemFactory(meeting=meeting, agenda_item=policy, owner=ann, description="Write")
    MeetingLinkFactory(meeting=meeting, title="Recording", kind="recording", position=1)
    SpeakerFactory(meeting=meeting, name="Cy Ode", affiliation="GNSO", position=1)
    return {
        "meeting": meeting,
        "group": WorkingGroupFactory(acronym="CCWG-Other"),
        "venue": other_venue,
        "event": other_event,
        "alac": alac,
        "gnso": gnso,
        "bo": bo,
    }


PUBLIC, WORKSHOP = MeetingKind.PUBLIC_SESSION, MeetingKind.WORKSHOP

#: (field as `name` or `<inline>-<field>` of its first row, meeting kind, A's new value)
CASES: list[tuple[str, str, Value]] = [
    ("working_group", PUBLIC, lambda r: str(r["group"].pk)),
    ("kind", PUBLIC, lambda r: MeetingKind.FACE_TO_FACE),
    ("status", PUBLIC, lambda r: "cancelled"),
    ("title", PUBLIC, lambda r: "Renamed session"),
    ("date", PUBLIC, lambda r: "2017-03-12"),
    ("time", PUBLIC, lambda r: "09:15"),
    ("end_time", PUBLIC, lambda r: "10:45"),
    ("ends_next_day", PUBLIC, lambda r: "on"),
    ("icann_meeting", PUBLIC, lambda r: str(r["venue"].pk)),
    ("external_event", WORKSHOP, lambda r: str(r["event"].pk)),
    ("selected_by", WORKSHOP, lambda r: str(r["alac"].pk)),
    ("location", PUBLIC, lambda r: "Bella Center"),
    ("agenda_outline", PUBLIC, lambda r: "1. Policy\n    a. IGF\n2. AOB\n"),
    ("members_present", PUBLIC, lambda r: "5"),
    ("total_present", PUBLIC, lambda r: "9"),
    ("participants", PUBLIC, lambda r: "Ann Lee\nBo Ek\n"),
    ("attendance_complete", PUBLIC, lambda r: "on"),
    ("organizations_present", PUBLIC, lambda r: [str(r["gnso"].pk), str(r["alac"].pk)]),
    ("notes", PUBLIC, lambda r: "Their notes."),
    ("statements-agenda_item", PUBLIC, lambda r: "2"),
    ("statements-source", PUBLIC, lambda r: str(r["alac"].pk)),
    ("statements-author", PUBLIC, lambda r: str(r["bo"].pk)),
    ("statements-author_name", PUBLIC, lambda r: "Bo Ek"),
    ("statements-text", PUBLIC, lambda r: "We disagree."),
    ("outcomes-text", PUBLIC, lambda r: "Agreed, with changes."),
    ("action_items-description", PUBLIC, lambda r: "Write it up"),
    ("action_items-agenda_item", PUBLIC, lambda r: "2"),
    ("action_items-owner", PUBLIC, lambda r: str(r["bo"].pk)),
    ("action_items-owner_name", PUBLIC, lambda r: "Bo"),
    ("action_items-due_on", PUBLIC, lambda r: "2017-04-01"),
    ("action_items-status", PUBLIC, lambda r: "done"),
    ("links-title", PUBLIC, lambda r: "Full recording"),
    ("links-url", PUBLIC, lambda r: "https://example.org/recording"),
    ("links-kind", PUBLIC, lambda r: "transcript"),
    ("speakers-name", PUBLIC, lambda r: "Cy Odette"),
    ("speakers-affiliation", PUBLIC, lambda r: "ALAC"),
    ("speakers-person", PUBLIC, lambda r: str(r["bo"].pk)),
    ("action_items-DELETE", PUBLIC, lambda r: "on"),
]

#: Fields of the page that are not values of the meeting, with the reason.
NOT_VALUES = {
    "create_people": "a request to create the people of the list, not a stored value",
    "agenda_confirmed": "a confirmation of how the outline is read, not a stored value",
    "time_zone": "the zone the times are typed in; they are stored in UTC",
}

#: What the browser sends besides the fields (management forms, row ids, the token).
_PLUMBING = re.compile(r"^(csrfmiddlewaretoken|page_state_token|.*-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)"
                       r"_FORMS|.*-\d+-(id|meeting))$")  # fmt: skip


def _key(field: str) -> str:
    """The posted name of a case's field (an inline's first row)."""
    prefix, _, name = field.partition("-")
    return f"{prefix}-0-{name}" if name else field


def _open(client: Client, url: str) -> dict[str, Any]:
    page = client.get(url)
    assert page.status_code == 200
    return form_data(page.content.decode(), "meeting_form")


def _as_list(value: Any) -> list[str]:
    return sorted(value) if isinstance(value, list) else [] if value is None else [value]


def _norm(data: dict[str, Any], key: str) -> list[str]:
    return [v.replace("\r\n", "\n").strip() for v in _as_list(data.get(key))]


def _fields(data: dict[str, Any]) -> set[str]:
    return {
        re.sub(r"-\d+-", "-", key)
        for key in data
        if not _PLUMBING.match(key) and "__prefix__" not in key
    }


@pytest.fixture
def clients() -> tuple[Client, Client]:
    a, b = Client(), Client()
    a.force_login(StaffFactory(username="alice", is_superuser=True))
    b.force_login(StaffFactory(username="bob", is_superuser=True))
    return a, b


@pytest.mark.parametrize("kind", [PUBLIC, WORKSHOP])
def test_every_field_of_the_page_has_a_case(admin_client, kind):
    records = _meeting(kind)
    url = reverse("admin:meetings_meeting_change", args=[records["meeting"].pk])
    shown = _fields(_open(admin_client, url))
    cased = {field for field, _, _ in CASES} | set(NOT_VALUES)
    assert shown - cased == set(), "fields of the page without a stale-save case"


@pytest.mark.parametrize(("field", "kind", "value"), CASES, ids=[case[0] for case in CASES])
def test_a_refused_stale_save_shows_and_keeps_what_the_other_saved(clients, field, kind, value):
    a, b = clients
    records = _meeting(kind)
    meeting = records["meeting"]
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    theirs, mine = _open(a, url), _open(b, url)
    key = _key(field)
    # B's change: the notes, or the title when A changes the notes.
    other, typed = ("title", "My title") if field == "notes" else ("notes", "My notes.")

    theirs[key] = value(records)
    if field == "action_items-DELETE":
        shown_after_a = None
    response = a.post(url, theirs)
    assert response.status_code == 302, response.content.decode()[:3000]
    after_a = _open(a, url)
    if field != "action_items-DELETE":
        shown_after_a = _norm(after_a, key)
        assert shown_after_a != _norm(mine, key), "A's change shows on a page opened now"

    mine[other] = typed
    refused = b.post(url, mine)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "alice saved this meeting after you opened it" in text
    kept = form_data(text, "meeting_form")
    assert kept[other] == typed, "B's own change is kept"
    assert kept[TOKEN_FIELD] != mine[TOKEN_FIELD]
    if shown_after_a is None:  # the row A deleted is not offered again
        assert kept["action_items-TOTAL_FORMS"] == "0"
    else:
        assert _norm(kept, key) == shown_after_a, f"{key} shows what A saved"
    # Every other field shows what a page opened now shows.
    for name in _fields(after_a) - {other}:
        assert _norm(kept, name) == _norm(after_a, name), name

    saved = b.post(url, kept)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    final = _open(a, url)
    assert final[other] == typed
    if shown_after_a is None:
        assert final["action_items-TOTAL_FORMS"] == "0"
    else:
        assert _norm(final, key) == shown_after_a, f"A's {key} survives B's second save"


def test_a_row_added_since_is_shown_and_kept_with_the_rows_i_added(clients):
    a, b = clients
    records = _meeting(PUBLIC)
    meeting = records["meeting"]
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    theirs, mine = _open(a, url), _open(b, url)
    theirs.update({"outcomes-TOTAL_FORMS": "2", "outcomes-1-text": "Their outcome."})
    assert a.post(url, theirs).status_code == 302
    mine.update({"outcomes-TOTAL_FORMS": "2", "outcomes-1-text": "My outcome."})
    mine["links-0-title"] = "My recording"
    refused = b.post(url, mine)
    assert refused.status_code == 200
    kept = form_data(refused.content.decode(), "meeting_form")
    assert kept["outcomes-TOTAL_FORMS"] == "3" and kept["outcomes-INITIAL_FORMS"] == "2"
    assert [kept[f"outcomes-{n}-text"] for n in range(3)] == [
        "Agreed.",
        "Their outcome.",
        "My outcome.",
    ]
    assert b.post(url, kept).status_code == 302
    assert list(Outcome.objects.filter(meeting=meeting).values_list("text", flat=True)) == [
        "Agreed.",
        "Their outcome.",
        "My outcome.",
    ]
    assert MeetingLink.objects.get(meeting=meeting).title == "My recording"


def test_my_change_of_a_cell_stays_beside_their_change_of_the_same_row(clients):
    a, b = clients
    records = _meeting(PUBLIC)
    meeting = records["meeting"]
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    theirs, mine = _open(a, url), _open(b, url)
    theirs["links-0-title"] = "Their title"
    assert a.post(url, theirs).status_code == 302
    mine["links-0-url"] = "https://example.org/mine"
    kept = form_data(b.post(url, mine).content.decode(), "meeting_form")
    assert (kept["links-0-title"], kept["links-0-url"]) == (
        "Their title",
        "https://example.org/mine",
    )
    assert b.post(url, kept).status_code == 302
    link = MeetingLink.objects.get(meeting=meeting)
    assert (link.title, link.url) == ("Their title", "https://example.org/mine")
