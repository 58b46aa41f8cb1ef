"""The participant reports Zoom and Webex export after a call, read as a participant list.

Both tools export one row per join (someone who dropped and came back has several), with
the name shown in the call, the e-mail address when signed in, the join and leave times and
the time connected:

- Zoom (Reports › Usage › Participants, CSV): `Name (Original Name)`, `User Email`,
  `Join Time`, `Leave Time`, `Duration (Minutes)`, `Guest` (and, when exported "with meeting
  data", a first block of the meeting's own details: `Meeting ID`, `Topic`, ... then a blank
  line before the participants' header);
- Webex (the meeting's attendee report): `Name` or `Display name`, `Email` or `Attendee
  Email`, `Join Time`, `Leave Time`, `Attendance Duration` ("47 mins"), as UTF-16 text
  separated by tabs, or as CSV.

`read_attendance_report` finds the header, merges the rows per person (by e-mail address,
else by name; durations summed) and returns one `ReportAttendee` a person. `merged_list`
writes them into a pasted participant list (`meetings.participants`), so the matching to
people on record and the "create these people" ticks are those of the paste. Pure: no
database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from meetings.participants import (
    ParticipantListError,
    line_emails,
    name_key,
    parse_participants,
)

#: The largest report read, in bytes (a call of 1,000 joins is about 150 KB).
MAX_REPORT_BYTES = 2_000_000
#: At most this many rows of participants.
MAX_REPORT_ROWS = 10_000
#: The header is looked for among the first rows (Zoom puts the meeting's details first).
HEADER_SEARCH_ROWS = 30

#: Each column this module reads, by the headers the tools give it (compared without case,
#: spaces or punctuation).
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "name": (
        "Name (Original Name)",
        "Name",
        "Display name",
        "Participant Name",
        "Attendee Name",
        "Participant",
        "Full Name",
    ),
    "email": ("User Email", "Email", "Attendee Email", "Email Address", "Participant Email"),
    "join": ("Join Time", "Joined", "Join Date"),
    "leave": ("Leave Time", "Left", "Leave Date"),
    "duration": (
        "Duration (Minutes)",
        "Attendance Duration",
        "Duration (mins)",
        "Duration",
        "Time in Session (minutes)",
    ),
}
#: Headers only one tool writes: the report is named after it in messages.
TOOL_HEADERS: Mapping[str, str] = {
    "name (original name)": "Zoom",
    "user email": "Zoom",
    "duration (minutes)": "Zoom",
    "attendance duration": "Webex",
    "attendee email": "Webex",
    "display name": "Webex",
}
#: The date and time formats of the join and leave columns (when no duration is given).
TIME_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%b %d, %Y %I:%M:%S %p",
    "%b %d, %Y %I:%M %p",
    "%d/%m/%Y %H:%M:%S",
)

_LETTER = re.compile(r"[^\W\d_]")
#: Names the tools give people who dialled in by phone: nobody to match.
_DIAL_IN = re.compile(r"^(?:call[- ]?in|dial[- ]?in|phone)[ _-]?user(?:[\s_#-]*\d+)?$", re.I)
_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)\s*$")
_MINUTES = re.compile(r"^(?P<n>\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)?\.?$", re.I)
_CLOCK = re.compile(r"^(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{2})$")


class AttendanceReportError(ValueError):
    """A file that is not a participant report this module reads; the message says why."""


@dataclass(frozen=True)
class ReportAttendee:
    """One person of a report: the name shown, the e-mail address (when signed in), the
    minutes connected over all joins, and how many joins."""

    name: str
    email: str = ""
    minutes: int = 0
    joins: int = 1

    @property
    def line(self) -> str:
        """The person as a line of a pasted participant list."""
        return f"{self.name} <{self.email}>" if self.email else self.name


@dataclass(frozen=True)
class AttendanceReport:
    """A report read: its tool ("Zoom", "Webex", or "" when the headers do not say), the
    people in it (in order of their first join), its rows, and the rows left out (no name
    that is a name: a dial-in number)."""

    tool: str
    attendees: tuple[ReportAttendee, ...]
    rows: int
    skipped: tuple[str, ...] = field(default=())

    @property
    def summary(self) -> str:
        """'Zoom report: 12 people (19 joins)' and what was left out."""
        people = len(self.attendees)
        text = (
            f"{self.tool or 'Attendance'} report: {people} "
            f"{'person' if people == 1 else 'people'} ({self.rows} "
            f"{'join' if self.rows == 1 else 'joins'})"
        )
        if self.skipped:
            text += f"; left out, not a name: {', '.join(self.skipped)}"
        return text


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w()]+", " ", text.replace("\ufeff", "")).casefold().split())


_COLUMN_KEYS: dict[str, str] = {
    _header_key(header): column for column, headers in COLUMNS.items() for header in headers
}


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(data) > 3 and data[1:4:2] == b"\x00\x00" and data[0] != 0:
        encoding = "utf-16-le"  # UTF-16 without its byte-order mark
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8-sig":
            raise AttendanceReportError("The file is not text: upload the report as CSV.") from None
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise AttendanceReportError("The file is not text: upload the report as CSV.")
    return text


def _rows(text: str) -> list[list[str]]:
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    counts = {delimiter: sample.count(delimiter) for delimiter in (",", "\t", ";")}
    delimiter = max(counts, key=lambda d: counts[d])
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise AttendanceReportError(f"The file is not readable as CSV ({error}).") from error


def _header(rows: Sequence[Sequence[str]]) -> tuple[int, dict[str, int], str]:
    """The header row's index, each known column's index, and the tool that wrote it."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = [_header_key(cell) for cell in row]
        columns: dict[str, int] = {}
        for position, key in enumerate(keys):
            column = _COLUMN_KEYS.get(key)
            if column is not None and column not in columns:
                columns[column] = position
        if "name" in columns and len(columns) >= 2:
            tool = next((TOOL_HEADERS[k] for k in keys if k in TOOL_HEADERS), "")
            return index, columns, tool
    first = next((row for row in rows if any(cell.strip() for cell in row)), [])
    found = ", ".join(f"“{cell.strip()}”" for cell in first[:8] if cell.strip()) or "nothing"
    raise AttendanceReportError(
        "No participant columns found: a Zoom or Webex participant report has a name column "
        "(“Name (Original Name)”, “Name” or “Display name”) and an e-mail, join time or "
        f"duration column. The file starts with {found}."
    )


def _when(text: str) -> dt.datetime | None:
    text = " ".join(text.split())
    for pattern in TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _minutes(row: Mapping[str, str]) -> int:
    """The minutes of one join: its duration, else leave minus join time, else 0."""
    duration = (row.get("duration") or "").strip()
    match = _MINUTES.match(duration)
    if match:
        return round(float(match["n"]))
    clock = _CLOCK.match(duration)
    if clock:
        return int(clock["h"] or 0) * 60 + int(clock["m"]) + round(int(clock["s"]) / 60)
    joined, left = _when(row.get("join") or ""), _when(row.get("leave") or "")
    if joined is not None and left is not None and left >= joined:
        return round((left - joined).total_seconds() / 60)
    return 0


def _name(text: str, *, original_in_brackets: bool) -> str:
    name = " ".join(text.replace("\u00a0", " ").split())
    if original_in_brackets:  # Zoom: "Shown Name (Original Name)"
        name = _TRAILING_BRACKETS.sub("", name) or name
    return name


def read_attendance_report(data: bytes) -> AttendanceReport:
    """The people of a Zoom or Webex participant report, one entry a person
    (`AttendanceReportError` naming the problem when the file is not one)."""
    if not data.strip():
        raise AttendanceReportError("The file is empty.")
    if len(data) > MAX_REPORT_BYTES:
        raise AttendanceReportError(
            f"The file is too big ({len(data):,} bytes; at most {MAX_REPORT_BYTES:,}): "
            "upload the call's participant report, not a whole account's."
        )
    if data.startswith(b"PK\x03\x04"):
        raise AttendanceReportError(
            "This is a spreadsheet (.xlsx), not CSV: export the report as CSV."
        )
    if data.startswith(b"%PDF"):
        raise AttendanceReportError("This is a PDF, not CSV: export the report as CSV.")
    rows = _rows(_decode(data))
    start, columns, tool = _header(rows)
    body = [row for row in rows[start + 1 :] if any(cell.strip() for cell in row)]
    if len(body) > MAX_REPORT_ROWS:
        raise AttendanceReportError(
            f"The report has {len(body):,} rows; at most {MAX_REPORT_ROWS:,} are read."
        )
    zoom_names = _header_key(rows[start][columns["name"]]) == "name (original name)"
    people: dict[str, dict] = {}
    by_name: dict[str, str] = {}  # a name's key → the person it was first merged into
    skipped: list[str] = []
    for row in body:
        cells = {column: row[i] if i < len(row) else "" for column, i in columns.items()}
        name = _name(cells["name"], original_in_brackets=zoom_names)
        if not _LETTER.search(name) or _DIAL_IN.match(name):
            if name:
                skipped.append(name)
            continue
        email = (cells.get("email") or "").strip()
        key = name_key(name)
        who = f"@{email.casefold()}" if email else by_name.get(key, key)
        if who not in people and email and key in by_name and by_name[key] in people:
            found = people[by_name[key]]
            if not found["email"]:  # the same person, first seen without an address
                who = by_name[key]
        entry = people.setdefault(who, {"name": name, "email": "", "minutes": 0, "joins": 0})
        entry["email"] = entry["email"] or email
        entry["minutes"] += _minutes(cells)
        entry["joins"] += 1
        by_name.setdefault(key, who)
    return AttendanceReport(
        tool=tool,
        attendees=tuple(ReportAttendee(**entry) for entry in people.values()),
        rows=sum(entry["joins"] for entry in people.values()),
        skipped=tuple(dict.fromkeys(skipped)),
    )


def merged_list(text: str, report: AttendanceReport) -> str:
    """The pasted list with the report's people not already on it put first (as present:
    the list's "Apologies:" and "Absent:" parts stay last). People are "already on it" by
    e-mail address or by name, case and accents aside."""
    try:
        listed = parse_participants(text).entries
    except ParticipantListError:
        listed = ()
    names = {name_key(p.name) for p in listed}
    emails = {email.casefold() for email in line_emails(text).values()}
    lines = [
        person.line
        for person in report.attendees
        if name_key(person.name) not in names and person.email.casefold() not in emails
    ]
    merged = "\n\n".join(part for part in ("\n".join(lines), text.strip("\n")) if part)
    return merged + "\n" if merged else ""
