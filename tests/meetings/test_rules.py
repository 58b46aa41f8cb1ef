"""The meeting rules hold alike for staff and for the API: each case is submitted through the
API and through the admin's page, and both end the same way (refused, saying why, or stored
the same)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import OrganizationFactory, PersonFactory, WorkingGroupFactory
from tests.meetings.test_admin_meeting import errors_of, management, meeting_data

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/meetings/"
URL = "https://a.example/recording"


@dataclass(frozen=True)
class Case:
    name: str
    api: dict[str, Any]  # changes to a valid API submission ("<person:Name>" for an id)
    admin: dict[str, Any]  # changes to a valid submission of the admin's page
    refused: str = ""  # a word of the refusal; else stored, and `stored` reads the outcome
    stored: Callable[[Meeting], Any] = field(default=lambda meeting: None)


def _deep(depth: int) -> list[dict[str, Any]]:
    return [{"title": f"Level {depth}", "children": _deep(depth - 1) if depth > 1 else []}]


def _links(meeting: Meeting) -> list[tuple[int, str, str]]:
    return [(link.position, link.title, link.url) for link in meeting.links.all()]


def _counts(meeting: Meeting) -> tuple[Any, ...]:
    meeting = Meeting.objects.with_attendance_counts().get(pk=meeting.pk)
    return meeting.attendance_complete, meeting.attendance_members, meeting.attendance_total


def _link_rows(*rows: tuple[str, str]) -> dict[str, str]:
    data = management("links", total=len(rows))
    for index, (title, url) in enumerate(rows):
        data.update({f"links-{index}-title": title, f"links-{index}-url": url})
        data[f"links-{index}-kind"] = "recording"
    return data


CASES = [
    Case(
        "a blank link title is its URL",
        api={"links": [{"title": "", "url": URL, "kind": "recording"}]},
        admin=_link_rows(("", URL)),
        stored=_links,
    ),
    Case(
        "rows take the next positions, in order",
        api={
            "links": [
                {"title": "One", "url": URL, "kind": "recording"},
                {"title": "Two", "url": URL, "kind": "recording"},
            ]
        },
        admin=_link_rows(("One", URL), ("Two", URL)),
        stored=_links,
    ),
    Case(
        "a link needs a title or a URL",
        api={"links": [{"title": "", "url": "", "kind": "recording"}]},
        admin=_link_rows(("", "")),
        refused="title",
    ),
    Case(
        "a person is listed once",
        api={"attendance": [{"person": "<person:Ann Lee>"}, {"person": "<person:Ann Lee>"}]},
        admin={"participants": "Ann Lee\nann lee\n"},
        refused="listed twice",
    ),
    Case(
        "members are the people listed but staff",
        api={
            "attendance": [
                {"person": "<person:Ann Lee>", "role": "chair"},
                {"person": "<person:Bo Ek>", "role": "staff"},
            ],
            "attendance_complete": True,
            "members_present": None,
            "total_present": None,
        },
        admin={
            "participants": "Ann Lee (chair)\nBo Ek (staff)\n",
            "attendance_complete": "on",
            "members_present": "",
            "total_present": "",
        },
        stored=_counts,
    ),
    Case(
        "a partial list leaves the counts as entered",
        api={"attendance": [{"person": "<person:Ann Lee>"}], "attendance_complete": False},
        admin={"participants": "Ann Lee\n"},
        stored=_counts,
    ),
    Case(
        "an agenda is at most ten levels deep",
        api={"agenda": _deep(11)},
        admin={"agenda_outline": "".join(f"{'  ' * d}- Level {d}\n" for d in range(11))},
        refused="nested 11 deep",
    ),
    Case(
        "an agenda holds at most 1000 items",
        api={"agenda": [{"title": f"Item {n}"} for n in range(1001)]},
        admin={"agenda_outline": "".join(f"- Item {n}\n" for n in range(1001))},
        refused="At most 1000",
    ),
    Case(
        "a meeting cannot end before it starts",
        api={"starts_at": "2017-02-02T14:00:00Z", "ends_at": "2017-02-02T02:00:00Z"},
        admin={"time": "14:00", "end_time": "02:00"},
        refused="cannot end before it starts",
    ),
    Case(
        "the total covers the members",
        api={"members_present": 15, "total_present": 11},
        admin={"members_present": "15", "total_present": "11"},
        refused="cannot be lower",
    ),
    Case(
        "a statement needs a source or an author",
        api={"statements": [{"text": "Said."}]},
        admin={**management("statements", total=1), "statements-0-text": "Said."},
        refused="needs a source organization or an author",
    ),
]


@pytest.fixture
def records(db) -> None:
    WorkingGroupFactory(acronym="CCWG-IG")
    OrganizationFactory(acronym="GNSO")
    PersonFactory(full_name="Ann Lee")
    PersonFactory(full_name="Bo Ek")


def _with_people(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _with_people(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_people(item) for item in value]
    if isinstance(value, str) and value.startswith("<person:"):
        return PersonFactory._meta.model.objects.get(full_name=value[8:-1]).pk
    return value


def _through_api(client: Client, case: Case) -> tuple[str, Any]:
    payload = {
        "working_group": "CCWG-IG",
        "kind": "teleconference",
        "status": "held",
        "title": "Through the API",
        "starts_at": "2017-02-02T14:00:00Z",
        "ends_at": "2017-02-02T15:30:00Z",
        "members_present": 11,
        "total_present": 15,
        **_with_people(case.api),
    }
    response = client.post(MEETINGS, payload, content_type="application/json")
    if response.status_code == 400:
        return "refused", response.content.decode()
    assert response.status_code == 201, response.content[:500]
    return "stored", case.stored(Meeting.objects.get(pk=response.json()["id"]))


def _through_admin(client: Client, case: Case) -> tuple[str, Any]:
    group = WorkingGroupFactory._meta.model.objects.get(acronym="CCWG-IG")
    data = meeting_data(group, **{"title": "Through the admin", "agenda_outline": "", **case.admin})
    response = client.post(reverse("admin:meetings_meeting_add"), data)
    if response.status_code == 200:
        return "refused", str(errors_of(response))
    assert response.status_code == 302
    return "stored", case.stored(Meeting.objects.get(title="Through the admin"))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_rule_holds_alike_for_the_api_and_the_admin(records, staff_client, admin_client, case):
    api, admin = _through_api(staff_client, case), _through_admin(admin_client, case)
    if case.refused:
        assert api[0] == admin[0] == "refused", (api, admin)
        assert case.refused in api[1] and case.refused in admin[1], (api, admin)
    else:
        assert api == admin, (api, admin)
        assert api[1], "the case stores nothing to compare"
