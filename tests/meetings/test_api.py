"""API of ICANN meetings and the groups' meetings, written and read whole."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from ccwg.core.models import IcannMeeting, WorkingGroup
from meetings.models import AgendaItem, Meeting, Speaker, Statement
from tests.api_helpers import assert_field_error, queries_for
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AttendanceFactory,
    ExternalEventFactory,
    IcannMeetingFactory,
    MeetingFactory,
    MeetingLinkFactory,
    OrganizationFactory,
    OutcomeFactory,
    PersonFactory,
    PlannedMeetingFactory,
    SpeakerFactory,
    StatementFactory,
    WorkingGroupFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/meetings/"
ICANN = "/api/v1/icann-meetings/"

#: The example meeting of the published API (README, "The REST API"), with a second top-level item.
EXAMPLE = {
    "working_group": "CCWG-IG",
    "kind": "teleconference",
    "status": "held",
    "title": "CCWG-IG teleconference",
    "starts_at": "2017-02-02T14:00:00Z",
    "ends_at": "2017-02-02T15:00:00Z",
    "icann_meeting": 58,
    "external_event": None,
    "location": "",
    "members_present": 15,
    "total_present": 17,
    "agenda": [
        {
            "title": "Policy Topics",
            "notes": "",
            "children": [
                {
                    "title": "IGF Community Public Consultation - ICANN Comment",
                    "children": [
                        {"title": "IGF Consultation Page", "children": []},
                    ],
                },
                {
                    "title": "WSIS Forum",
                    "notes": "Deadline in March.",
                    "children": [],
                    "links": [
                        {"title": "WSIS page", "url": "https://www.itu.int/wsis", "kind": "wiki"}
                    ],
                },
            ],
        },
        {"title": "AOB", "notes": "", "children": []},
    ],
    "speakers": [
        {"name": "Peter Major", "affiliation": "Special Advisor for IT, Government of Hungary"},
        {"name": "Olga Cavalli", "affiliation": "GAC"},
    ],
    "outcomes": ["There needs to be enhanced coordination between these initiatives", "Second"],
    "statements": [
        {"agenda_path": [1], "source": "ccNSO", "author": "", "text": "We have questions."},
        {"agenda_path": [1, 2], "source": None, "author": "Donna Austin", "text": "Comment."},
        {"agenda_path": None, "source": "GNSO", "author": "Rafik", "text": "General."},
    ],
    "links": [
        {"title": "Transcript", "url": "https://example.org/t", "kind": "transcript"},
        {"title": "Recording", "url": "https://example.org/r", "kind": "recording"},
    ],
    "notes": "",
}


@pytest.fixture
def context(db):
    WorkingGroupFactory(acronym="CCWG-IG")
    OrganizationFactory(acronym="ccNSO")
    OrganizationFactory(acronym="GNSO")
    return IcannMeetingFactory(
        number=58, starts_on=dt.date(2017, 3, 11), ends_on=dt.date(2017, 3, 16)
    )


def _normalized(agenda: list) -> list:
    """The agenda as written, with the optional keys the API fills in."""
    return [
        {
            "title": item["title"],
            "notes": item.get("notes", ""),
            "links": item.get("links", []),
            "children": _normalized(item.get("children", [])),
        }
        for item in agenda
    ]


def _assert_same_meeting(body: dict, written: dict) -> None:
    for key, value in written.items():
        if key == "agenda":
            assert body["agenda"] == _normalized(value)
        else:
            assert body[key] == value, key


# --- ICANN meetings ------------------------------------------------------------------------


def test_icann_meeting_crud_by_number(staff_api, member_api):
    payload = {
        "number": 59,
        "city": "Johannesburg",
        "country": "South Africa",
        "starts_on": "2017-06-26",
        "ends_on": "2017-06-29",
        "format": "B",
    }
    created = staff_api.post(ICANN, payload)
    assert created.status_code == 201, created.content
    assert created.json()["url"].endswith("/api/v1/icann-meetings/59/")
    assert member_api.get(f"{ICANN}59/").json() == created.json()
    updated = staff_api.put(f"{ICANN}59/", dict(payload, city="Joburg"))
    assert updated.json()["city"] == "Joburg"
    patched = staff_api.patch(f"{ICANN}59/", {"website": "https://meetings.icann.org/en/59"})
    assert patched.json()["website"] == "https://meetings.icann.org/en/59"
    assert member_api.get(f"{ICANN}?year=2017").json()["count"] == 1
    assert member_api.get(f"{ICANN}?year=2016").json()["count"] == 0
    assert staff_api.delete(f"{ICANN}59/").status_code == 204
    assert not IcannMeeting.objects.exists()
    assert member_api.get(f"{ICANN}abc/").status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"number": 58}, "number"),
        ({"number": 0}, "number"),
        ({"number": "fifty"}, "number"),
        ({"ends_on": "2017-06-20"}, "ends_on"),
        ({"starts_on": "26/06/2017"}, "starts_on"),
        ({"format": "D"}, "format"),
        ({"city": ""}, "city"),
    ],
)
def test_icann_meeting_bad_input(staff_api, context, change, field):
    payload = {
        "number": 59,
        "city": "Johannesburg",
        "starts_on": "2017-06-26",
        "ends_on": "2017-06-29",
    }
    assert_field_error(staff_api.post(ICANN, {**payload, **change}), field)


# --- Meetings: written and read whole --------------------------------------------------------


def test_nested_meeting_round_trip(staff_api, member_api, context):
    created = staff_api.post(MEETINGS, EXAMPLE)
    assert created.status_code == 201, created.content
    body = created.json()
    _assert_same_meeting(body, EXAMPLE)
    assert body["id"] and body["url"].endswith(f"/api/v1/meetings/{body['id']}/")
    assert body["attendance_listed"] is False

    read = member_api.get(body["url"]).json()
    assert read == body

    meeting = Meeting.objects.get(pk=body["id"])
    by_text = {s.text: s for s in Statement.objects.filter(meeting=meeting)}
    assert by_text["We have questions."].agenda_item.title == "Policy Topics"
    assert by_text["Comment."].agenda_item.title == "WSIS Forum"
    assert by_text["General."].agenda_item is None
    assert meeting.agenda_items.count() == 5

    # PUT back what was read: nothing changes, rows are kept in place.
    item_ids = set(AgendaItem.objects.values_list("pk", flat=True))
    put = staff_api.put(body["url"], read)
    assert put.status_code == 200, put.content
    assert {k: v for k, v in put.json().items() if k != "updated_at"} == {
        k: v for k, v in read.items() if k != "updated_at"
    }
    assert set(AgendaItem.objects.values_list("pk", flat=True)) == item_ids


def test_patch_replaces_the_given_parts_only(staff_api, context):
    url = staff_api.post(MEETINGS, EXAMPLE).json()["url"]
    new_agenda = [{"title": "Only item", "children": [{"title": "Sub"}]}]
    response = staff_api.patch(
        url,
        {
            "agenda": new_agenda,
            "statements": [{"agenda_path": [1, 1], "source": "ccNSO", "text": "On the sub-item"}],
            "outcomes": [],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["agenda"] == _normalized(new_agenda)
    assert body["statements"] == [
        {"agenda_path": [1, 1], "source": "ccNSO", "author": "", "text": "On the sub-item"}
    ]
    assert body["outcomes"] == []
    assert body["speakers"] == EXAMPLE["speakers"]
    assert body["links"] == EXAMPLE["links"]
    assert AgendaItem.objects.count() == 2


def test_a_patched_part_is_written_whole_with_its_required_fields(staff_api, context):
    """A PATCH gives nested entries whole: a speaker without its name is a 400 naming it
    (it reached the services and answered 500), and defaults are filled in."""
    url = staff_api.post(MEETINGS, EXAMPLE).json()["url"]
    response = staff_api.patch(url, {"speakers": [{"affiliation": "ICANN Board"}]})
    assert_field_error(response, "speakers")
    assert "item 1 > name: This field is required." in str(response.json()["speakers"])
    assert staff_api.get(url).json()["speakers"] == EXAMPLE["speakers"]

    response = staff_api.patch(url, {"speakers": [{"name": "Ana Costa"}]})
    assert response.status_code == 200, response.content
    assert response.json()["speakers"] == [{"name": "Ana Costa", "affiliation": ""}]


def test_a_bad_part_changes_nothing(staff_api, context):
    url = staff_api.post(MEETINGS, EXAMPLE).json()["url"]
    response = staff_api.patch(
        url,
        {
            "title": "Changed",
            "agenda": [{"title": "Only"}],
            "statements": [{"agenda_path": [3], "source": "ccNSO", "text": "x"}],
        },
    )
    assert_field_error(response, "statements")
    body = staff_api.get(url).json()
    assert body["title"] == EXAMPLE["title"]
    assert body["agenda"] == _normalized(EXAMPLE["agenda"])


def test_meeting_crud_minimal_and_delete(staff_api, context):
    created = staff_api.post(
        MEETINGS,
        {"working_group": "CCWG-IG", "kind": "face_to_face", "starts_at": "2017-03-15T12:00Z"},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "held"
    assert body["agenda"] == [] and body["links"] == [] and body["members_present"] is None
    assert staff_api.delete(body["url"]).status_code == 204
    assert not Meeting.objects.exists()


def test_datetimes_with_offsets_are_returned_in_utc(staff_api, context):
    body = staff_api.post(
        MEETINGS,
        {
            "working_group": "CCWG-IG",
            "kind": "teleconference",
            "starts_at": "2017-02-02T16:00:00+02:00",
            "ends_at": "2017-02-02T10:00:00-05:00",
        },
    ).json()
    assert body["starts_at"] == "2017-02-02T14:00:00Z"
    assert body["ends_at"] == "2017-02-02T15:00:00Z"


def test_workshop_at_an_external_event(staff_api, context):
    event = ExternalEventFactory(name="WSIS Forum 2017")
    body = staff_api.post(
        MEETINGS,
        {
            "working_group": "CCWG-IG",
            "kind": "workshop",
            "status": "accepted",
            "title": "Capacity building",
            "external_event": event.pk,
            "selected_by": "GNSO",
            "organizations_present": ["ccNSO", "GNSO"],
            "actions": [
                {
                    "description": "Circulate",
                    "owner": "Staff",
                    "due_on": "2017-07-01",
                    "agenda_path": None,
                }
            ],
        },
    )
    assert body.status_code == 201, body.content
    assert body.json()["external_event"] == event.pk
    assert body.json()["starts_at"] is None
    assert body.json()["organizations_present"] == ["GNSO", "ccNSO"]
    assert body.json()["actions"] == [
        {
            "description": "Circulate",
            "owner": "Staff",
            "due_on": "2017-07-01",
            "status": "open",
            "agenda_path": None,
        }
    ]


def test_person_links_survive_a_round_trip(staff_api, context):
    meeting = MeetingFactory(working_group=WorkingGroup.objects.get(acronym="CCWG-IG"))
    person = PersonFactory(full_name="Peter Major")
    SpeakerFactory(meeting=meeting, name="Peter Major", person=person, position=1)
    StatementFactory(meeting=meeting, source=None, author=person, author_name="", position=1)
    url = f"{MEETINGS}{meeting.pk}/"
    body = staff_api.get(url).json()
    assert body["statements"][0]["author"] == "Peter Major"
    assert staff_api.put(url, body).status_code == 200
    assert Speaker.objects.get(meeting=meeting).person == person
    assert Statement.objects.get(meeting=meeting).author == person


# --- Attendance -------------------------------------------------------------------------------


def test_listed_attendance_makes_the_counts_derived_and_read_only(staff_api, context):
    meeting = MeetingFactory(members_present=10, total_present=12)
    AttendanceFactory(meeting=meeting)
    AttendanceFactory(meeting=meeting, role="chair")
    AttendanceFactory(meeting=meeting, role="staff")
    url = f"{MEETINGS}{meeting.pk}/"
    body = staff_api.get(url).json()
    assert body["attendance_listed"] is True
    assert (body["members_present"], body["total_present"]) == (2, 3)

    assert_field_error(staff_api.patch(url, {"members_present": 10}), "members_present")
    assert_field_error(staff_api.patch(url, {"total_present": 12}), "total_present")
    same = staff_api.patch(url, {"members_present": 2, "total_present": 3, "title": "New"})
    assert same.status_code == 200, same.content
    assert same.json()["title"] == "New"
    assert staff_api.put(url, staff_api.get(url).json()).status_code == 200
    listed = staff_api.get(f"{MEETINGS}?working_group={meeting.working_group.acronym}").json()
    assert listed["results"][0]["members_present"] == 2


# --- Bad input --------------------------------------------------------------------------------


def _deep(levels: int) -> list[dict]:
    agenda: list[dict] = []
    for level in range(levels, 0, -1):
        agenda = [{"title": f"Level {level}", "children": agenda}]
    return agenda


def _bad(change: dict) -> dict:
    payload = copy.deepcopy(EXAMPLE)
    payload.update(change)
    return payload


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"total_present": 12}, "total_present"),
        ({"members_present": -1}, "members_present"),
        ({"total_present": -3, "members_present": None}, "total_present"),
        ({"members_present": "fifteen"}, "members_present"),
        ({"members_present": 100000}, "members_present"),
        ({"ends_at": "2017-02-02T13:00:00Z"}, "ends_at"),
        ({"starts_at": "2017-02-30T14:00:00Z"}, "starts_at"),
        ({"starts_at": "yesterday"}, "starts_at"),
        ({"starts_at": None, "ends_at": None, "icann_meeting": None}, "starts_at"),
        ({"working_group": "NOPE"}, "working_group"),
        ({"working_group": None}, "working_group"),
        ({"icann_meeting": 99}, "icann_meeting"),
        ({"icann_meeting": "fifty-eight"}, "icann_meeting"),
        ({"external_event": 999999}, "external_event"),
        ({"kind": "party"}, "kind"),
        ({"status": "maybe"}, "status"),
        ({"agenda": [{"notes": "no title"}]}, "agenda"),
        ({"agenda": [{"title": "   "}]}, "agenda"),
        ({"agenda": "1. Policy"}, "agenda"),
        ({"agenda": _deep(11)}, "agenda"),
        ({"speakers": [{"affiliation": "no name"}]}, "speakers"),
        ({"speakers": {"name": "not a list"}}, "speakers"),
        ({"outcomes": "not a list"}, "outcomes"),
        ({"outcomes": [""]}, "outcomes"),
        ({"statements": [{"agenda_path": [1], "text": "nobody said it"}]}, "statements"),
        ({"statements": [{"agenda_path": [9], "source": "ccNSO", "text": "x"}]}, "statements"),
        ({"statements": [{"agenda_path": [0], "source": "ccNSO", "text": "x"}]}, "statements"),
        ({"statements": [{"source": "NOPE", "text": "x"}]}, "statements"),
        ({"statements": [{"source": "ccNSO", "text": ""}]}, "statements"),
        ({"links": [{"title": "bad", "url": "not a url"}]}, "links"),
        ({"links": [{"title": "", "url": ""}]}, "links"),
        ({"links": [{"title": "x", "kind": "podcast"}]}, "links"),
        ({"notes": ["a"]}, "notes"),
    ],
)
def test_meeting_bad_input_names_the_field(staff_api, context, change, field):
    assert_field_error(staff_api.post(MEETINGS, _bad(change)), field)
    assert not Meeting.objects.exists()


def test_held_meeting_needs_a_date_and_a_workshop_one_place(staff_api, context):
    base = {"working_group": "CCWG-IG", "kind": "workshop"}
    assert_field_error(staff_api.post(MEETINGS, {**base, "status": "held"}), "starts_at")
    event = ExternalEventFactory()
    both = {**base, "status": "accepted", "icann_meeting": 58, "external_event": event.pk}
    assert_field_error(staff_api.post(MEETINGS, both), "external_event")


def test_update_bad_input_is_400_too(staff_api, context):
    url = staff_api.post(MEETINGS, EXAMPLE).json()["url"]
    assert_field_error(staff_api.patch(url, {"total_present": 3}), "total_present")
    assert_field_error(staff_api.patch(url, {"ends_at": "2017-01-01T00:00:00Z"}), "ends_at")
    assert_field_error(staff_api.patch(url, {"working_group": "NOPE"}), "working_group")
    assert staff_api.patch(f"{MEETINGS}999999/", {}).status_code == 404


# --- Filters ----------------------------------------------------------------------------------


@pytest.fixture
def calendar(context):
    group = WorkingGroup.objects.get(acronym="CCWG-IG")
    other = WorkingGroupFactory(acronym="CCWG-X")

    def at(day: str, **kwargs):
        starts = dt.datetime.fromisoformat(day).replace(hour=14, tzinfo=dt.UTC)
        return MeetingFactory(working_group=kwargs.pop("group", group), starts_at=starts, **kwargs)

    feb = at("2017-02-02", title="Teleconference")
    mar = at("2017-03-15", kind="face_to_face", title="Face to face", location="Copenhagen")
    jun = at("2017-06-20", title="June call", notes="About the WSIS outcome")
    dec = at("2016-12-01", title="Old call")
    x = at("2017-04-01", group=other, title="Other group")
    AgendaItemFactory(meeting=feb, title="IGF consultation", position=1)
    AgendaItemFactory(meeting=feb, title="IGF again", position=2)
    workshop = WorkshopFactory(
        working_group=group,
        accepted=True,
        external_event=ExternalEventFactory(
            starts_on=dt.date(2017, 12, 18), ends_on=dt.date(2017, 12, 21)
        ),
        title="IGF workshop",
    )
    return {"feb": feb, "mar": mar, "jun": jun, "dec": dec, "x": x, "workshop": workshop}


def _ids(client, query: str) -> list[int]:
    response = client.get(f"{MEETINGS}?{query}")
    assert response.status_code == 200, response.content
    return [m["id"] for m in response.json()["results"]]


def test_meeting_filters(member_api, calendar):
    c = calendar
    assert _ids(member_api, "working_group=CCWG-X") == [c["x"].pk]
    assert _ids(member_api, "working_group=CCWG-IG&kind=face_to_face") == [c["mar"].pk]
    assert _ids(member_api, "working_group=CCWG-IG&year=2017") == [
        c["feb"].pk,
        c["mar"].pk,
        c["jun"].pk,
        c["workshop"].pk,
    ]
    assert _ids(member_api, "year=2016") == [c["dec"].pk]
    assert _ids(member_api, "after=2017-03-15&before=2017-06-20") == [
        c["mar"].pk,
        c["x"].pk,
        c["jun"].pk,
    ]
    assert _ids(member_api, "after=2017-07-01") == [c["workshop"].pk]
    assert _ids(member_api, "before=2017-01-01") == [c["dec"].pk]
    assert _ids(member_api, "status=accepted") == [c["workshop"].pk]


def test_meeting_search(member_api, calendar):
    c = calendar
    assert _ids(member_api, "search=igf") == [c["feb"].pk, c["workshop"].pk]  # once each
    assert _ids(member_api, "search=copenhagen") == [c["mar"].pk]
    assert _ids(member_api, "search=WSIS") == [c["jun"].pk]
    assert _ids(member_api, "search=nothing-like-this") == []
    assert _ids(member_api, "search=igf&year=2017&kind=teleconference") == [c["feb"].pk]


@pytest.mark.parametrize(
    "query",
    [
        "year=twenty",
        "year=0",
        "year=2017.5",
        "after=2017-02-30",
        "before=tomorrow",
        "working_group=NOPE",
        "kind=party",
    ],
)
def test_invalid_meeting_filters_are_400(member_api, calendar, query):
    assert_field_error(member_api.get(f"{MEETINGS}?{query}"), query.split("=")[0])


# --- Query counts -----------------------------------------------------------------------------


def _full_meeting(group, event, icann, org) -> Meeting:
    meeting = MeetingFactory(working_group=group, icann_meeting=icann)
    top = AgendaItemFactory(meeting=meeting, position=1)
    AgendaItemFactory(meeting=meeting, parent=top, position=1)
    SpeakerFactory(meeting=meeting, person=PersonFactory())
    StatementFactory(meeting=meeting, source=org, agenda_item=top, author=PersonFactory())
    OutcomeFactory(meeting=meeting)
    MeetingLinkFactory(meeting=meeting)
    ActionItemFactory(meeting=meeting, owner=PersonFactory(), agenda_item=top)
    AttendanceFactory(meeting=meeting)
    meeting.organizations_present.add(org)
    workshop = WorkshopFactory(working_group=group, external_event=event, selected_by=org)
    return workshop


def test_meeting_list_queries_are_constant(member_api, context):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    org = OrganizationFactory(acronym="ccNSO")
    event = ExternalEventFactory()
    _full_meeting(group, event, context, org)
    one = queries_for(member_api, MEETINGS)
    for _ in range(4):
        _full_meeting(group, ExternalEventFactory(), IcannMeetingFactory(), OrganizationFactory())
    five = queries_for(member_api, MEETINGS)
    assert five == one
    assert queries_for(member_api, f"{MEETINGS}?search=agenda&year=2017") <= one + 1
    assert queries_for(member_api, ICANN) == queries_for(member_api, f"{ICANN}?page_size=1")


def test_attendance_written_through_the_api(staff_api, context):
    chair, member, staffer = (PersonFactory(full_name=n) for n in ("Chair", "Member", "Staffer"))
    attendance = [
        {"person": chair.pk, "role": "chair", "organization": "ccNSO"},
        {"person": member.pk},
        {"person": staffer.pk, "role": "staff"},
    ]
    created = staff_api.post(
        MEETINGS, _bad({"attendance": attendance, "members_present": None, "total_present": None})
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["attendance_listed"] is True
    assert (body["members_present"], body["total_present"]) == (2, 3)
    assert body["attendance"] == [
        {
            "person": chair.pk,
            "name": "Chair",
            "role": "chair",
            "status": "present",
            "organization": "ccNSO",
        },
        {
            "person": member.pk,
            "name": "Member",
            "role": "member",
            "status": "present",
            "organization": None,
        },
        {
            "person": staffer.pk,
            "name": "Staffer",
            "role": "staff",
            "status": "present",
            "organization": None,
        },
    ]
    assert staff_api.put(body["url"], body).status_code == 200

    conflicting = staff_api.patch(body["url"], {"attendance": attendance[:1], "total_present": 3})
    assert_field_error(conflicting, "total_present")
    fewer = staff_api.patch(body["url"], {"attendance": attendance[:2]}).json()
    assert (fewer["members_present"], fewer["total_present"]) == (2, 2)

    cleared = staff_api.patch(
        body["url"], {"attendance": [], "members_present": 4, "total_present": 5}
    ).json()
    assert cleared["attendance_listed"] is False
    assert (cleared["members_present"], cleared["total_present"]) == (4, 5)


@pytest.mark.parametrize(
    ("attendance", "message"),
    [
        ([{"person": 999999}], "person"),
        ([{"role": "member"}], "person"),
        ([{"person": "me"}], "person"),
        ([{"person": "PERSON", "role": "boss"}], "role"),
        ([{"person": "PERSON", "organization": "NOPE"}], "organization"),
        ([{"person": "PERSON"}, {"person": "PERSON"}], "listed twice"),
    ],
)
def test_attendance_bad_input(staff_api, context, attendance, message):
    person = PersonFactory()
    for entry in attendance:
        if entry.get("person") == "PERSON":
            entry["person"] = person.pk
    messages = assert_field_error(
        staff_api.post(MEETINGS, _bad({"attendance": attendance})), "attendance"
    )
    assert message in " ".join(messages)


def test_sample_meetings_survive_a_read_and_write_back(sample_data, staff_api):
    """Every 2017 CCWG-IG meeting, read and PUT back as read, comes back the same."""
    listed = staff_api.get(f"{MEETINGS}?working_group=CCWG-IG&page_size=200").json()
    assert listed["count"] > 5
    before = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (AgendaItem, Statement, Speaker)
    }
    for body in listed["results"]:
        response = staff_api.put(body["url"], body)
        assert response.status_code == 200, (body["title"], response.content)
        again = response.json()
        assert {k: v for k, v in again.items() if k != "updated_at"} == {
            k: v for k, v in body.items() if k != "updated_at"
        }
    after = {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (AgendaItem, Statement, Speaker)
    }
    assert after == before


def test_meetings_are_listed_in_date_order_on_every_database(member_api, context):
    group = WorkingGroup.objects.get(acronym="CCWG-IG")
    undated = PlannedMeetingFactory(working_group=group)
    late = MeetingFactory(working_group=group, starts_at=dt.datetime(2017, 6, 1, 9, tzinfo=dt.UTC))
    at_icann = PlannedMeetingFactory(working_group=group, icann_meeting=context)
    early_same_day = MeetingFactory(
        working_group=group, starts_at=dt.datetime(2017, 6, 1, 8, tzinfo=dt.UTC)
    )
    first = MeetingFactory(working_group=group, starts_at=dt.datetime(2017, 1, 5, tzinfo=dt.UTC))
    assert _ids(member_api, "working_group=CCWG-IG") == [
        first.pk,
        at_icann.pk,
        early_same_day.pk,
        late.pk,
        undated.pk,
    ]
