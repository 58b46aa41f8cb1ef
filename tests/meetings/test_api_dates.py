"""A meeting known by its date only (api.md, Additions): `date` always given, `starts_at`
null and `time_is_known` false, never a made-up midnight; `date` writable instead."""

from __future__ import annotations

import datetime as dt

import pytest

from meetings.models import Meeting
from tests.factories import TeleconferenceFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/meetings/"


def test_a_date_only_meeting_reads_without_a_time(member_api):
    meeting = TeleconferenceFactory(
        starts_at=dt.datetime(2017, 2, 2, tzinfo=dt.UTC), time_is_known=False
    )
    body = member_api.get(f"{MEETINGS}{meeting.pk}/").json()
    assert body["date"] == "2017-02-02"
    assert body["starts_at"] is None and body["ends_at"] is None
    assert body["time_is_known"] is False


def test_a_timed_meeting_reads_its_date_and_time(member_api):
    meeting = TeleconferenceFactory(starts_at=dt.datetime(2017, 2, 2, 14, tzinfo=dt.UTC))
    body = member_api.get(f"{MEETINGS}{meeting.pk}/").json()
    assert body["date"] == "2017-02-02"
    assert body["starts_at"] == "2017-02-02T14:00:00Z" and body["time_is_known"] is True


def test_an_undated_meeting_says_its_time_is_not_known(member_api):
    meeting = TeleconferenceFactory(starts_at=None, ends_at=None, status="planned")
    body = member_api.get(f"{MEETINGS}{meeting.pk}/").json()
    assert body["date"] is None and body["starts_at"] is None
    assert body["time_is_known"] is False


def test_date_is_written_instead_of_starts_at_and_round_trips(staff_api):
    WorkingGroupFactory(acronym="CCWG-IG")
    created = staff_api.post(
        MEETINGS,
        {"working_group": "CCWG-IG", "kind": "teleconference", "date": "2018-01-18"},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["date"] == "2018-01-18" and body["starts_at"] is None
    meeting = Meeting.objects.get(pk=body["id"])
    assert meeting.starts_at == dt.datetime(2018, 1, 18, tzinfo=dt.UTC)
    assert meeting.time_is_known is False
    # what was read, written back, changes nothing
    again = staff_api.put(body["url"], {k: v for k, v in body.items() if v is not None})
    assert again.status_code == 200, again.content
    assert again.json()["date"] == "2018-01-18" and again.json()["starts_at"] is None
    # a time given later makes it known
    timed = staff_api.patch(body["url"], {"starts_at": "2018-01-18T14:00:00Z"})
    assert timed.status_code == 200, timed.content
    assert timed.json()["time_is_known"] is True and timed.json()["date"] == "2018-01-18"


def test_a_date_that_contradicts_starts_at_answers_400_naming_date(staff_api):
    WorkingGroupFactory(acronym="CCWG-IG")
    response = staff_api.post(
        MEETINGS,
        {
            "working_group": "CCWG-IG",
            "kind": "teleconference",
            "date": "2018-01-19",
            "starts_at": "2018-01-18T14:00:00Z",
        },
    )
    assert response.status_code == 400 and list(response.json()) == ["date"]
