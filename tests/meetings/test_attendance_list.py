"""Attendance as a pasted list: counts derive from it only when it is complete; names are
matched to people (case, accents, e-mail); a disagreement with the counts is a finding."""

import datetime as dt

import pytest

from meetings import admin_selectors
from meetings.models import Meeting
from meetings.participants import line_emails, parse_participants
from meetings.services import record_attendance, save_participant_list
from reports.checks import run_checks
from tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def figures(meeting: Meeting) -> tuple[int | None, int | None]:
    fetched = Meeting.objects.with_attendance_counts().get(pk=meeting.pk)
    return fetched.attendance_members, fetched.attendance_total


def test_a_partial_list_never_overwrites_the_entered_counts():
    meeting = MeetingFactory(members_present=11, total_present=15)
    AttendanceFactory(meeting=meeting, complete=False)
    assert figures(meeting) == (11, 15)
    meeting.refresh_from_db()
    assert (meeting.attendance_members, meeting.attendance_total) == (11, 15)
    Meeting.objects.filter(pk=meeting.pk).update(attendance_complete=True)
    assert figures(meeting) == (1, 1)


def test_record_attendance_can_record_a_partial_list():
    meeting = MeetingFactory(members_present=11, total_present=15)
    record_attendance(meeting=meeting, attendees=[{"person": PersonFactory()}], complete=False)
    assert figures(meeting) == (11, 15)
    record_attendance(meeting=meeting, attendees=[{"person": PersonFactory()}])
    assert figures(meeting) == (1, 1)
    record_attendance(meeting=meeting, attendees=[])
    meeting.refresh_from_db()
    assert meeting.attendance_complete is False
    assert figures(meeting) == (11, 15)


def test_names_match_people_ignoring_case_accents_and_by_e_mail():
    jose = PersonFactory(full_name="José Pérez")
    ann_one = PersonFactory(full_name="Ann Lee", email="ann@one.example")
    PersonFactory(full_name="Ann Lee", email="ann@two.example")
    ccnso = OrganizationFactory(acronym="ccNSO")
    text = "JOSE PEREZ (ccNSO) (chair)\nAnn Lee <ann@one.example>\nNewcomer - observer\n"
    matches = admin_selectors.match_participants(
        parse_participants(text).present, line_emails(text)
    )
    assert [(m.person, m.participant.role, m.organization) for m in matches[:2]] == [
        (jose, "chair", ccnso),
        (ann_one, "member", None),
    ]
    assert matches[1].email == "ann@one.example"
    assert matches[2].is_unknown and matches[2].participant.role == "observer"
    (ambiguous,) = admin_selectors.match_participants(parse_participants("ann lee").present, {})
    assert ambiguous.is_ambiguous and len(ambiguous.candidates) == 2


def test_save_participant_list_creates_only_the_people_given_without_a_person():
    meeting = MeetingFactory(members_present=None, total_present=None)
    known = PersonFactory(full_name="Known Person")
    created = save_participant_list(
        meeting=meeting,
        participants=[
            {"person": known, "name": "Known Person", "role": "member"},
            {"person": None, "name": "New Staffer", "email": "new@example.org", "role": "staff"},
        ],
        complete=True,
    )
    assert [p.full_name for p in created] == ["New Staffer"]
    assert created[0].email == "new@example.org"
    assert figures(meeting) == (1, 2)
    text = admin_selectors.participant_list(meeting)
    assert text == "Known Person\nNew Staffer (staff)\n"


def test_the_stored_list_reads_back_as_the_same_list():
    meeting = MeetingFactory()
    ccnso = OrganizationFactory(acronym="ccNSO")
    one = PersonFactory(full_name="Ann Lee", email="ann@one.example")
    PersonFactory(full_name="Ann Lee", email="ann@two.example")
    chair = PersonFactory(full_name="Zoe Chair")
    record_attendance(
        meeting=meeting,
        attendees=[
            {"person": one, "role": "member"},
            {"person": chair, "role": "chair", "organization": ccnso},
        ],
    )
    text = admin_selectors.participant_list(meeting)
    assert text == "Ann Lee <ann@one.example>\nZoe Chair (ccNSO) (chair)\n"
    matches = admin_selectors.match_participants(
        parse_participants(text).present, line_emails(text)
    )
    assert [(m.person, m.participant.role, m.organization) for m in matches] == [
        (one, "member", None),
        (chair, "chair", ccnso),
    ]


# --- the finding -------------------------------------------------------------------------------

UTC = dt.UTC


@pytest.mark.parametrize(
    ("counts", "listed", "complete", "flagged"),
    [
        ((11, 15), 1, False, False),  # a partial list within the counts
        ((1, 1), 3, False, True),  # more people listed than counted
        ((None, None), 3, False, False),  # nothing counted: "without attendance" says so
        ((3, 3), 3, True, False),  # complete and agreeing
        ((None, None), 3, True, False),  # complete, counts left blank
        ((11, 15), 3, True, True),  # complete, the counts say otherwise
    ],
)
def test_a_list_that_disagrees_with_the_counts_is_a_finding(counts, listed, complete, flagged):
    group = WorkingGroupFactory()
    meeting = MeetingFactory(
        working_group=group,
        members_present=counts[0],
        total_present=counts[1],
        starts_at=dt.datetime(2017, 3, 1, 14, tzinfo=UTC),
    )
    AttendanceFactory.create_batch(listed, meeting=meeting, complete=complete)
    findings = run_checks(
        working_group=group, period_start=dt.date(2017, 1, 1), period_end=dt.date(2017, 12, 31)
    )
    codes = [f.code for f in findings if f.code == "attendance_list_disagrees"]
    assert codes == (["attendance_list_disagrees"] if flagged else [])


def test_the_api_can_write_a_partial_list(staff_api):
    meeting = MeetingFactory(members_present=11, total_present=15)
    person = PersonFactory()
    url = f"/api/v1/meetings/{meeting.pk}/"
    body = staff_api.patch(
        url, {"attendance": [{"person": person.pk}], "attendance_complete": False}, format="json"
    ).json()
    assert (body["attendance_complete"], body["attendance_listed"]) == (False, True)
    assert (body["members_present"], body["total_present"]) == (11, 15)
    body = staff_api.patch(url, {"members_present": 12}, format="json").json()
    assert body["members_present"] == 12
    body = staff_api.patch(url, {"attendance_complete": True}, format="json").json()
    assert (body["members_present"], body["total_present"]) == (1, 1)


def test_line_emails():
    assert line_emails("Ann <ann@x.org>\n\nBob (bob@y.org) - staff\nCarl") == {
        1: "ann@x.org",
        3: "bob@y.org",
    }


def test_two_people_of_one_name_are_told_apart_by_e_mail():
    listed = parse_participants("Ann Lee <ann@one.example>\nAnn Lee <ann@two.example>\n")
    assert [p.name for p in listed.present] == ["Ann Lee", "Ann Lee"]
