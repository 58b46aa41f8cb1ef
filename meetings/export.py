"""CSV export of meeting lists, safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a
formula by Excel, LibreOffice or Google Sheets (CSV injection): such a cell is prefixed
with an apostrophe, which spreadsheets show as text and do not evaluate.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator

from meetings.attendance import attendance_label
from meetings.models import AttendanceStatus, Meeting

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADER = [
    "ID",
    "Group",
    "Date (UTC)",
    "Start (UTC)",
    "End (UTC)",
    "Kind",
    "Status",
    "Title",
    "ICANN meeting",
    "External event",
    "Location",
    "Members present",
    "Total present (inc. staff)",
    "Attendance",
    "Page",
    "Sent apologies",
    "Absent",
]


def safe_cell(value: object) -> str:
    """The value as CSV text, neutralised when a spreadsheet would take it for a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _names(meeting: Meeting, status: str) -> str:
    """The people listed with that status ("Ann Lee; Bob Roe"): read with
    `meetings.selectors.with_absences` (its `absences`)."""
    rows = getattr(meeting, "absences", None)
    if rows is None:
        rows = meeting.attendances.exclude(status=AttendanceStatus.PRESENT).select_related("person")
    return "; ".join(row.person.full_name for row in rows if row.status == status)


def meeting_row(meeting: Meeting, url: str) -> list[str]:
    start = meeting.starts_at.astimezone(dt.UTC) if meeting.starts_at else None
    end = meeting.ends_at.astimezone(dt.UTC) if meeting.ends_at else None
    timed = start is not None and meeting.time_is_known
    members, total = meeting.attendance_members, meeting.attendance_total
    cells = [
        meeting.pk,
        meeting.working_group.acronym,
        start.date().isoformat() if start else "",
        f"{start:%H:%M}" if timed else "",
        f"{end:%H:%M}" if timed and end else "",
        meeting.get_kind_display(),
        meeting.get_status_display(),
        meeting.title,
        str(meeting.icann_meeting) if meeting.icann_meeting else "",
        meeting.external_event.name if meeting.external_event else "",
        meeting.location,
        members,
        total,
        attendance_label(members, total),
        url,
        _names(meeting, AttendanceStatus.APOLOGIES),
        _names(meeting, AttendanceStatus.ABSENT),
    ]
    return [safe_cell(cell) for cell in cells]


def meetings_csv(meetings: Iterable[Meeting], url: Callable[[Meeting], str]) -> Iterator[str]:
    """The CSV text, a line at a time (a byte-order mark first, for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(HEADER)
    yield "\ufeff" + flush()
    for meeting in meetings:
        writer.writerow(meeting_row(meeting, url(meeting)))
        yield flush()
