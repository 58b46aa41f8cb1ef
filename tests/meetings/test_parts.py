"""Every part of a meeting declared in `meetings.parts.PARTS` round-trips: through the API
(POST, then GET), the admin's page (saved back), the history (removed, then restored) and
the archive (exported, the database emptied, imported). The tests are driven by the
declaration: a new part is covered once it has its example below (a test says so)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from meetings import history
from meetings.models import Meeting
from meetings.parts import PART_BY_KEY, PARTS, MeetingPart
from tests.factories import OrganizationFactory, PersonFactory, StaffFactory, WorkingGroupFactory
from tests.meetings.test_admin_meeting import errors_of, form_data

MEETINGS = "/api/v1/meetings/"

#: A meeting as the API takes it, without its parts.
MEETING = {
    "working_group": "CCWG-IG",
    "kind": "workshop",
    "status": "held",
    "title": "Workshop on parts",
    "starts_at": "2017-02-02T14:00:00Z",
}


def example(key: str, person: int) -> Any:
    """Each part's value in the API's input (`person`: the id of a person on record)."""
    return {
        "agenda": [
            {
                "title": "Policy",
                "notes": "Read before the call.",
                "links": [{"title": "Paper", "url": "https://a.example/paper", "kind": "document"}],
                "children": [{"title": "IGF", "children": [{"title": "Consultation"}]}],
            },
            {"title": "AOB"},
        ],
        "attendance": [
            {"person": person, "role": "chair", "status": "apologies", "organization": "GNSO"}
        ],
        "speakers": [{"name": "Ann Lee", "affiliation": "GNSO chair"}, {"name": "Bo Ek"}],
        "statements": [
            {"source": "GNSO", "author": "Ann Lee", "text": "We agree."},
            {"author": "Bo Ek", "text": "On the whole meeting."},
        ],
        "outcomes": ["Agreed.", "Also agreed."],
        "actions": [
            {"description": "Write it up", "owner": "Ann Lee", "due_on": "2017-03-01"},
            {"description": "Send it", "status": "done"},
        ],
        "links": [
            {"title": "Recording", "url": "https://a.example/rec", "kind": "recording"},
            {"title": "", "url": "https://a.example/transcript", "kind": "transcript"},
        ],
        "organizations_present": ["GNSO"],
    }[key]


@pytest.fixture
def records(db) -> dict[str, Any]:
    WorkingGroupFactory(acronym="CCWG-IG")
    OrganizationFactory(acronym="GNSO")
    return {"person": PersonFactory(full_name="Ann Lee").pk}


@pytest.fixture
def api(staff_client: Client):
    def call(method: str, url: str, data: Any = None) -> Any:
        response = getattr(staff_client, method)(url, data, content_type="application/json")
        assert response.status_code in (200, 201), response.content[:500]
        return response.json()

    return call


def ids(part: MeetingPart) -> str:
    return part.key


def test_every_part_has_an_example():
    for part in PARTS:
        assert example(part.key, 1), part.key


def _posted(api, records: dict[str, Any], part: MeetingPart) -> tuple[int, Any]:
    created = api("post", MEETINGS, {**MEETING, part.key: example(part.key, records["person"])})
    shown = api("get", f"{MEETINGS}{created['id']}/")
    assert shown[part.key] == created[part.key]
    assert len(shown[part.key]) == len(example(part.key, records["person"]))
    return created["id"], shown[part.key]


@pytest.mark.parametrize("part", PARTS, ids=ids)
def test_a_part_round_trips_through_the_api(api, records, part):
    pk, shown = _posted(api, records, part)
    rows = history_rows()
    # Written back as read, it is unchanged and nothing is written.
    again = api("patch", f"{MEETINGS}{pk}/", {part.key: shown})
    assert again[part.key] == shown
    assert history_rows() == rows


@pytest.mark.parametrize("part", PARTS, ids=ids)
def test_a_part_round_trips_through_the_admin(api, records, admin_client, part):
    pk, shown = _posted(api, records, part)
    url = reverse("admin:meetings_meeting_change", args=[pk])
    data = form_data(admin_client.get(url))
    data["notes"] = "Saved on the admin's page."
    rows = history_rows()
    response = admin_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    after = api("get", f"{MEETINGS}{pk}/")
    assert after[part.key] == shown and after["notes"] == "Saved on the admin's page."
    assert history_rows() == rows + 1  # the meeting's own row only
    if part.admin_inline:
        # The page writes the part: its first row deleted there is gone.
        prefix = PART_BY_KEY[part.key].relation
        page = form_data(admin_client.get(url))
        response = admin_client.post(url, {**page, f"{prefix}-0-DELETE": "on"})
        assert response.status_code == 302, errors_of(response)
        assert api("get", f"{MEETINGS}{pk}/")[part.key] == shown[1:]


@pytest.mark.parametrize("part", PARTS, ids=ids)
def test_a_part_round_trips_through_the_history(api, records, part):
    pk, shown = _posted(api, records, part)
    api("patch", f"{MEETINGS}{pk}/", {part.key: []})
    assert api("get", f"{MEETINGS}{pk}/")[part.key] == []
    meeting = Meeting.objects.get(pk=pk)
    created = history.meeting_history(meeting)[0]
    history.restore_meeting(meeting=meeting, change_set_key=created.key)
    assert api("get", f"{MEETINGS}{pk}/")[part.key] == shown


@pytest.mark.django_db(transaction=True)
def test_every_part_round_trips_through_the_archive(tmp_path: Path):
    WorkingGroupFactory(acronym="CCWG-IG")
    OrganizationFactory(acronym="GNSO")
    person = PersonFactory(full_name="Ann Lee").pk
    client = Client()
    client.force_login(StaffFactory(username="archivist"))
    values = {part.key: example(part.key, person) for part in PARTS}
    response = client.post(MEETINGS, {**MEETING, **values}, content_type="application/json")
    assert response.status_code == 201, response.content[:500]
    url = f"{MEETINGS}{response.json()['id']}/"
    before = client.get(url).json()
    assert all(before[part.key] for part in PARTS)

    archive = tmp_path / "archive.json"
    call_command("export_archive", str(archive), stdout=io.StringIO(), stderr=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_archive", str(archive), stdout=io.StringIO(), stderr=io.StringIO())

    client.force_login(StaffFactory(username="reader"))
    after = client.get(url).json()
    assert {p.key: after[p.key] for p in PARTS} == {p.key: before[p.key] for p in PARTS}


def history_rows() -> int:
    models = {Meeting, *(rows.model for part in PARTS for rows in part.state)}
    return sum(model.history.count() for model in models)
