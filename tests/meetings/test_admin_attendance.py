"""The meeting page's attendance: apologies and absences kept, the list kept as pasted, the
list checked as it is typed (the JSON the page's script reads), and Zoom's and Webex's
attendance reports uploaded instead of (or besides) a pasted list."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ccwg.core.models import Person
from meetings import history
from meetings.models import Attendance, AttendanceStatus, Meeting
from tests.factories import PersonFactory
from tests.meetings.test_admin_meeting import ADD, errors_of, form_data, group, meeting_data

pytestmark = pytest.mark.django_db

__all__ = ["group"]  # the fixture, used by name
PREVIEW = "admin:meetings_meeting_participants_preview"
DATA = Path(__file__).parent / "data"

PASTED = """\
Attendees:
  ann lee (chair)
Bo Ek - staff
Apologies: Helga Svensson, Cy Day
Absent:
Di Fo
"""


@pytest.fixture
def people():
    return [PersonFactory(full_name=n) for n in ("Ann Lee", "Bo Ek", "Cy Day", "Di Fo")]


def statuses(meeting: Meeting) -> dict[str, tuple[str, str]]:
    return {row.person.full_name: (row.status, row.role) for row in meeting.attendances.all()}


def test_a_save_with_apologies_keeps_them_and_the_list_as_pasted(admin_client, group, people):
    data = meeting_data(
        group,
        participants=PASTED,
        create_people=["Helga Svensson"],
        attendance_complete="on",
        members_present="",
        total_present="",
    )
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 302, errors_of(response)
    meeting = Meeting.objects.with_attendance_counts().get()
    assert statuses(meeting) == {
        "Ann Lee": ("present", "chair"),
        "Bo Ek": ("present", "staff"),
        "Helga Svensson": ("apologies", "member"),
        "Cy Day": ("apologies", "member"),
        "Di Fo": ("absent", "member"),
    }
    assert (meeting.attendance_members, meeting.attendance_total) == (1, 2)
    assert meeting.participant_text == PASTED
    # Shown back as pasted (not re-sorted, re-spelled or with roles normalised) ...
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert page.context["adminform"].form["participants"].value() == PASTED
    # ... and saving the page as served changes nothing.
    again = admin_client.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]), form_data(page)
    )
    assert again.status_code == 302, errors_of(again)
    assert statuses(meeting) == statuses(Meeting.objects.get())


def test_a_list_written_otherwise_is_shown_as_recorded(admin_client, staff_api, group, people):
    admin_client.post(
        reverse(ADD),
        meeting_data(group, participants="Ann Lee\nApologies: Cy Day\n", members_present=""),
    )
    meeting = Meeting.objects.get()
    staff_api.patch(
        f"/api/v1/meetings/{meeting.pk}/",
        {"attendance": [{"person": people[1].pk}, {"person": people[3].pk, "status": "absent"}]},
        format="json",
    )
    meeting.refresh_from_db()
    assert meeting.participant_text == ""  # no longer what was pasted
    assert "Participant list as pasted: 'Ann Lee Apologies: Cy Day' → blank" in (
        history.meeting_history(meeting)[-1].lines
    )
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert page.context["adminform"].form["participants"].value() == "Bo Ek\n\nAbsent:\nDi Fo\n"


def test_a_complete_list_of_apologies_only_says_so(admin_client, group, people):
    response = admin_client.post(
        reverse(ADD),
        meeting_data(group, participants="Apologies: Ann Lee, Bo Ek\n", attendance_complete="on"),
    )
    assert errors_of(response)["attendance_complete"] == [
        "The list names nobody present (only apologies or absences): untick this, or list who "
        "was there."
    ]


def test_a_refused_save_for_new_people_says_nothing_false(admin_client, group, people):
    response = admin_client.post(
        reverse(ADD),
        meeting_data(
            group,
            participants="Ann Lee\nNew Person\nApologies: Helga Svensson\n",
            attendance_complete="on",
            members_present="",
            total_present="",
        ),
    )
    errors = errors_of(response)
    assert list(errors) == ["participants"]
    assert "Not on record yet: New Person, Helga Svensson" in errors["participants"][0]
    assert "Paste the participant list first" not in response.content.decode()
    assert response.context["adminform"].form.fields["create_people"].choices == [
        ("New Person", "New Person"),
        ("Helga Svensson", "Helga Svensson"),
    ]


# --- the list checked as it is typed -----------------------------------------------------------


def test_the_preview_says_matched_new_or_ambiguous(admin_client, people):
    PersonFactory(full_name="Ann Lee", email="ann@two.example")  # a second Ann Lee
    text = "ann lee\nBo Ek (staff)\nZed New <zed@new.example>\nApologies: Cy Day, Helga New\n"
    response = admin_client.post(reverse(PREVIEW), {"participants": text})
    assert response.status_code == 200
    body = response.json()
    assert body["error"] == ""
    assert [(e["name"], e["match"], e["status"], e["role"]) for e in body["entries"]] == [
        ("ann lee", "ambiguous", "present", "member"),
        ("Bo Ek", "matched", "present", "staff"),
        ("Zed New", "new", "present", "member"),
        ("Cy Day", "matched", "apologies", "member"),
        ("Helga New", "new", "apologies", "member"),
    ]
    assert body["entries"][0]["candidates"] == ["Ann Lee", "Ann Lee <ann@two.example>"]
    assert body["entries"][1]["person"] == "Bo Ek"
    # The ticks are those the page offers after a refused save: the same values.
    assert body["create"] == [
        ["Zed New <zed@new.example>", "Zed New (zed@new.example)"],
        ["Helga New", "Helga New"],
    ]
    assert body["text"] == text and body["report"] == ""


def test_the_preview_names_the_line_it_cannot_read(admin_client):
    body = admin_client.post(reverse(PREVIEW), {"participants": "Ann Lee\n(staff)\n"}).json()
    assert body["error"] == "Line 2: no name on this line." and body["line"] == 2
    assert body["entries"] == [] and body["create"] == []


def test_the_preview_is_for_staff_and_posts_only(admin_client, member_client, client):
    url = reverse(PREVIEW)
    assert admin_client.get(url).status_code == 405
    too_long = admin_client.post(url, {"participants": "x" * 100_001})
    assert too_long.status_code == 400 and too_long.json()["field"] == "participants"
    for outsider in (member_client, client):
        response = outsider.post(url, {"participants": "Ann Lee"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_preview_reads_an_attendance_report_into_the_list(admin_client, people):
    upload = SimpleUploadedFile(
        "participants.csv", (DATA / "webex_attendees.csv").read_bytes(), "text/csv"
    )
    body = admin_client.post(
        reverse(PREVIEW), {"participants": "Ann Lee\n", "attendance_report": upload}
    ).json()
    assert body["report"].startswith("Webex report: 3 people (4 joins)")
    assert body["text"].splitlines() == [
        "Nigel Hickson <nigel.hickson@example.org>",
        "Tatiana Tropina <tatiana@example.eu>",
        "Helga Svensson <helga.svensson@example.se>",
        "",
        "Ann Lee",
    ]
    assert [e["match"] for e in body["entries"]] == ["new", "new", "new", "matched"]
    bad = admin_client.post(
        reverse(PREVIEW),
        {"attendance_report": SimpleUploadedFile("x.csv", b"Meeting,Topic\n1,IGF\n")},
    )
    assert bad.status_code == 400
    assert bad.json()["field"] == "attendance_report"
    assert "No participant columns found" in bad.json()["error"]


# --- an attendance report uploaded with the page ----------------------------------------------


def test_an_uploaded_report_is_matched_and_offered_like_a_paste(admin_client, group):
    Person.objects.create(full_name="Nigel Hickson", email="nigel.hickson@example.org")
    report = (DATA / "zoom_participants.csv").read_bytes()
    data = meeting_data(group, participants="Apologies: Helga Svensson\n", members_present="")
    data["attendance_report"] = SimpleUploadedFile("participants.csv", report, "text/csv")
    refused = admin_client.post(reverse(ADD), data)
    errors = errors_of(refused)
    assert list(errors) == ["participants"]
    assert errors["participants"][0].startswith(
        "Not on record yet: Olivier Crépin-Leblond, Marilyn Cade, Rafik Dammak, Tatiana "
        "Tropina, Renate Ruck, Helga Svensson."
    )
    form = refused.context["adminform"].form
    # The box now holds the report's people (one line each) before the pasted list.
    assert form["participants"].value().splitlines()[0] == (
        "Nigel Hickson <nigel.hickson@example.org>"
    )
    # Saving again (the file is not sent twice) with every tick creates them.
    again = form_data(refused)
    again["create_people"] = [value for value, _ in form.fields["create_people"].choices]
    saved = admin_client.post(reverse(ADD), again)
    assert saved.status_code == 302, errors_of(saved)
    meeting = Meeting.objects.get()
    assert Attendance.objects.filter(meeting=meeting).count() == 7
    assert meeting.attendances.get(person__full_name="Helga Svensson").status == (
        AttendanceStatus.APOLOGIES
    )
    assert Person.objects.get(full_name="Rafik Dammak").email == "rafik@example.com"


def test_a_report_of_known_people_saves_at_once(admin_client, group, people):
    report = b"Name (Original Name),User Email,Duration (Minutes)\nAnn Lee,,30\nBo Ek,,12\n"
    data = meeting_data(group, members_present="", total_present="", attendance_complete="on")
    data["attendance_report"] = SimpleUploadedFile("participants.csv", report, "text/csv")
    response = admin_client.post(reverse(ADD), data, follow=True)
    assert "Read the Zoom report: 2 people (2 joins)." in response.content.decode()
    meeting = Meeting.objects.with_attendance_counts().get()
    assert (meeting.attendance_members, meeting.attendance_total) == (2, 2)
    assert meeting.participant_text == "Ann Lee\nBo Ek\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The file is not text: upload the report as CSV."),
        (b"Topic,Start\nIGF,today\n", "No participant columns found"),
        (b"", "The submitted file is empty."),
    ],
)
def test_a_bad_report_is_an_error_next_to_its_field(admin_client, group, content, message):
    data = meeting_data(group, participants="Someone New\n")
    data["attendance_report"] = SimpleUploadedFile("report.csv", content, "text/csv")
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert message in " ".join(errors_of(response)["attendance_report"])
    assert response.context["adminform"].form["participants"].value() == "Someone New\n"
    assert not Meeting.objects.exists()
