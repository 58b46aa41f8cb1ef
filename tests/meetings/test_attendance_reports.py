"""Zoom's and Webex's participant reports read as a participant list (pure): the header
found, one entry a person whatever the number of joins, durations summed, bad files named."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetings.attendance_reports import (
    MAX_REPORT_BYTES,
    AttendanceReportError,
    ReportAttendee,
    merged_list,
    read_attendance_report,
)
from meetings.participants import parse_participants

DATA = Path(__file__).parent / "data"


def read(name: str):
    return read_attendance_report((DATA / name).read_bytes())


def test_a_zoom_report_with_the_meeting_s_details_first():
    report = read("zoom_participants.csv")  # UTF-8 with a byte-order mark, CRLF
    assert report.tool == "Zoom"
    assert report.attendees == (
        ReportAttendee("Nigel Hickson", "nigel.hickson@example.org", 71, 1),
        ReportAttendee("Olivier Crépin-Leblond", "ocl@example.net", 67, 2),
        # "Name (Original Name)": the name shown, without the device's name in brackets
        ReportAttendee("Marilyn Cade", "", 62, 1),
        # three joins, one without the address: one person, 19 + 28 + 13 minutes
        ReportAttendee("Rafik Dammak", "rafik@example.com", 60, 3),
        ReportAttendee("Tatiana Tropina", "tatiana@example.eu", 62, 1),
        ReportAttendee("Renate Ruck", "", 30, 1),
    )
    assert report.rows == 9
    assert report.skipped == ("+1 202 555 0101",)  # a dial-in number: nobody to match
    assert report.summary == (
        "Zoom report: 6 people (9 joins); left out, not a name: +1 202 555 0101"
    )


def test_a_webex_report_in_utf16_separated_by_tabs():
    report = read("webex_attendees.csv")
    assert report.tool == "Webex"
    assert [(a.name, a.email, a.minutes, a.joins) for a in report.attendees] == [
        ("Nigel Hickson", "nigel.hickson@example.org", 70, 1),
        ("Tatiana Tropina", "tatiana@example.eu", 60, 2),  # "26 mins" + "34 mins"
        ("Helga Svensson", "helga.svensson@example.se", 56, 1),
    ]
    assert report.skipped == ("Call-in User_2",)


def test_a_webex_control_hub_export_and_minutes_from_the_times():
    report = read("webex_participants_control_hub.csv")
    assert report.tool == "Webex"
    assert report.attendees == (
        ReportAttendee("Marc Dubois", "marc.dubois@example.fr", 63, 2),
        ReportAttendee("Jane Doe", "", 20, 1),  # no duration: leave minus join time
    )


def test_the_report_s_people_read_as_a_pasted_list():
    report = read("zoom_participants.csv")
    text = merged_list("", report)
    assert text.splitlines()[:2] == [
        "Nigel Hickson <nigel.hickson@example.org>",
        "Olivier Crépin-Leblond <ocl@example.net>",
    ]
    assert [p.name for p in parse_participants(text).present] == [
        "Nigel Hickson",
        "Olivier Crépin-Leblond",
        "Marilyn Cade",
        "Rafik Dammak",
        "Tatiana Tropina",
        "Renate Ruck",
    ]


def test_merged_into_a_pasted_list_without_repeating_anyone():
    report = read("webex_attendees.csv")
    pasted = (
        "nigel hickson (staff)\nMarc Dubois <TATIANA@example.eu>\n\nApologies:\nHelga Svensson\n"
    )
    text = merged_list(pasted, report)
    # Nigel by name, Tatiana by address, Helga (who sent apologies) are on the list already.
    assert text == pasted
    assert merged_list("Ann Lee\n", report).startswith("Nigel Hickson <")
    listed = parse_participants(merged_list("Ann Lee\nApologies: Bo Ek\n", report))
    assert [p.name for p in listed.apologies] == ["Bo Ek"]
    assert len(listed.present) == 4


BAD = {
    "empty": (b"", "The file is empty"),
    "a spreadsheet": (b"PK\x03\x04" + b"\x00" * 40, "spreadsheet (.xlsx), not CSV"),
    "a PDF": (b"%PDF-1.7\n...", "PDF, not CSV"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not text"),
    "unknown columns": (
        b"Meeting,Topic\n1,IGF\n",
        "No participant columns found: a Zoom or Webex participant report has a name column",
    ),
    "a name column alone": (b"Name\nAnn Lee\n", "No participant columns found"),
    "too big": (b"Name,Email\n" + b"x" * MAX_REPORT_BYTES, "too big"),
}


@pytest.mark.parametrize(("data", "message"), list(BAD.values()), ids=list(BAD))
def test_a_bad_file_is_refused_naming_the_problem(data, message):
    with pytest.raises(AttendanceReportError) as error:
        read_attendance_report(data)
    assert message in str(error.value)


def test_unknown_columns_are_named():
    with pytest.raises(AttendanceReportError, match="starts with “Meeting”, “Topic”"):
        read_attendance_report(b"Meeting,Topic\n1,IGF\n")
