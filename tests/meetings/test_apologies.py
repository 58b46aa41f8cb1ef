"""Apologies and absences are records: each person listed for a meeting is present, sent
apologies or absent; those not present are shown (members' page, API, history, CSV) and
never counted."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from ccwg.core.change_sets import change_set
from meetings import history
from meetings.models import Attendance, AttendanceStatus, Meeting
from meetings.services import create_meeting, save_participant_list, update_meeting
from tests.factories import MeetingFactory, PersonFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/meetings/"


@pytest.fixture
def people():
    return {name: PersonFactory(full_name=name) for name in ("Ann Lee", "Bo Ek", "Cy Day", "Di Fo")}


@pytest.fixture
def meeting(people):
    meeting = MeetingFactory(working_group=WorkingGroupFactory(acronym="CCWG-IG"))
    save_participant_list(
        meeting=meeting,
        participants=[
            {"person": people["Ann Lee"], "name": "Ann Lee", "role": "chair"},
            {"person": people["Bo Ek"], "name": "Bo Ek", "role": "staff"},
            {"person": people["Cy Day"], "name": "Cy Day", "status": "apologies"},
            {"person": people["Di Fo"], "name": "Di Fo", "status": "absent", "role": "staff"},
        ],
        complete=True,
    )
    return meeting


def counts(meeting: Meeting) -> tuple[int | None, int | None]:
    fetched = Meeting.objects.with_attendance_counts().get(pk=meeting.pk)
    plain = Meeting.objects.get(pk=meeting.pk)  # the same without the annotation
    assert (plain.attendance_members, plain.attendance_total) == (
        fetched.attendance_members,
        fetched.attendance_total,
    )
    return fetched.attendance_members, fetched.attendance_total


def test_apologies_and_absences_are_stored_and_never_counted(meeting):
    statuses = dict(meeting.attendances.values_list("person__full_name", "status"))
    assert statuses == {
        "Ann Lee": "present",
        "Bo Ek": "present",
        "Cy Day": "apologies",
        "Di Fo": "absent",
    }
    assert counts(meeting) == (1, 2)
    assert meeting.attendance_complete


def test_a_list_of_apologies_only_is_not_a_complete_list(people):
    meeting = create_meeting(
        working_group=WorkingGroupFactory(),
        kind="teleconference",
        starts_at=MeetingFactory.build().starts_at,
        members_present=9,
        attendance_complete=True,
        attendance=[{"person": people["Cy Day"], "status": AttendanceStatus.APOLOGIES}],
    )
    assert not meeting.attendance_complete
    assert counts(meeting) == (9, None)


def test_a_status_that_is_none_is_refused(people):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        update_meeting(
            meeting=meeting, attendance=[{"person": people["Ann Lee"], "status": "late"}]
        )
    assert "status" in error.value.message_dict
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_the_api_lists_apologies_with_their_status(meeting, member_api, people):
    body = member_api.get(f"{MEETINGS}{meeting.pk}/").json()
    assert (body["members_present"], body["total_present"]) == (1, 2)
    listed = {entry["name"]: (entry["status"], entry["role"]) for entry in body["attendance"]}
    assert listed == {
        "Ann Lee": ("present", "chair"),
        "Bo Ek": ("present", "staff"),
        "Cy Day": ("apologies", "member"),
        "Di Fo": ("absent", "staff"),
    }


def test_the_api_writes_apologies_and_counts_only_those_present(staff_api, meeting, people):
    attendance = [
        {"person": people["Ann Lee"].pk},
        {"person": people["Bo Ek"].pk, "status": "apologies"},
        {"person": people["Cy Day"].pk, "status": "absent"},
    ]
    written = staff_api.patch(f"{MEETINGS}{meeting.pk}/", {"attendance": attendance}, format="json")
    assert written.status_code == 200, written.content
    body = written.json()
    assert (body["members_present"], body["total_present"]) == (1, 1)
    assert [e["status"] for e in body["attendance"]] == ["present", "apologies", "absent"]
    # A total that counts the apologies is refused: the figures derive from those present.
    refused = staff_api.patch(
        f"{MEETINGS}{meeting.pk}/", {"attendance": attendance, "total_present": 3}, format="json"
    )
    assert refused.status_code == 400 and "total_present" in refused.json()
    bad = staff_api.patch(
        f"{MEETINGS}{meeting.pk}/",
        {"attendance": [{"person": people["Ann Lee"].pk, "status": "late"}]},
        format="json",
    )
    assert bad.status_code == 400
    assert "status" in bad.json()["attendance"][0]


def test_the_schema_declares_the_status(member_api):
    schema = member_api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    attendee = schema["components"]["schemas"]["Attendee"]["properties"]
    assert "status" in attendee
    assert "apologies" in str(schema["components"]["schemas"])


def test_the_members_page_lists_apologies_and_absences_apart(meeting, member_client):
    text = member_client.get(f"/meetings/{meeting.pk}/").content.decode()
    present = text[text.index('id="attendance-heading"') : text.index('id="apologies-heading"')]
    apologies = text[text.index('id="apologies-heading"') : text.index('id="absent-heading"')]
    absent = text[text.index('id="absent-heading"') :]
    assert "Ann Lee" in present and "Cy Day" not in present and "Di Fo" not in present
    assert "Cy Day" in apologies and "Di Fo" not in apologies
    assert "Di Fo" in absent


def test_the_csv_export_names_apologies_and_absences(meeting, member_client):
    response = member_client.get("/meetings/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert header[-2:] == ["Sent apologies", "Absent"]
    assert row[header.index("Members present")] == "1"
    assert row[header.index("Total present (inc. staff)")] == "2"
    assert (row[-2], row[-1]) == ("Cy Day", "Di Fo")


def test_the_history_words_the_status(meeting, people):
    with change_set():
        update_meeting(
            meeting=meeting,
            attendance=[
                {"person": people["Ann Lee"], "role": "chair", "status": "apologies"},
                {"person": people["Bo Ek"], "role": "staff"},
                {"person": people["Cy Day"], "status": "apologies"},
                {"person": people["Di Fo"], "status": "absent", "role": "staff"},
            ],
        )
    created, edited = history.meeting_history(meeting)[-2:]
    worded = " | ".join(created.lines)
    assert "added Cy Day (Sent apologies)" in worded
    assert "added Di Fo (Staff) (Absent)" in worded
    assert edited.lines == ["Attendance: Ann Lee: status Present → Sent apologies"]
    # Restoring the state before brings Ann Lee back as present.
    history.restore_meeting(meeting=meeting, change_set_key=created.key)
    assert meeting.attendances.get(person=people["Ann Lee"]).status == "present"
