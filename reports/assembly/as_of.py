"""A report is true as of its date: the records it may state as facts.

A report dated October 2017 (month precision) states what was recorded up to 31 October
2017. A meeting recorded as held after that is left out; what was planned, proposed or
accepted stays and the report says so ("planned"); an input sought, a threat identified or an
ICANN meeting begun after it does not appear.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ccwg.core.models import DatePrecision, format_date
from meetings.models import Meeting, MeetingStatus
from reports.assembly.text import last_day
from reports.models import AnnualReport
from reports.selectors import Records


def issue_date(
    issued_on: dt.date | None, precision: str, published_at: dt.datetime | None
) -> tuple[dt.date | None, str]:
    """The report's date and its precision: the one staff set, else the publication date."""
    if issued_on is not None:
        return issued_on, precision or DatePrecision.DAY
    if published_at is not None:
        return published_at.date(), DatePrecision.DAY
    return None, DatePrecision.DAY


def cutoff(issued_on: dt.date | None, precision: str, period_end: dt.date) -> dt.date:
    """The last day whose records the report states: the issue date (the end of its month
    or year at that precision), never after the period's end."""
    if issued_on is None:
        return period_end
    return min(last_day(issued_on, precision), period_end)


def report_as_of(report: AnnualReport) -> dt.date:
    """The last day whose records an `AnnualReport` states: as `cutoff`, from its date or
    its publication."""
    issued, precision = issue_date(
        report.issued_on, report.issued_on_precision, report.published_at
    )
    return cutoff(issued, precision, report.period_end)


def issued_label(issued_on: dt.date | None, precision: str) -> str:
    return format_date(issued_on, precision) if issued_on is not None else ""


def meeting_day(meeting: Meeting) -> dt.date | None:
    """The meeting's day, or for one whose day is unknown the first day of the ICANN
    meeting or event it was held at."""
    if meeting.date is not None:
        return meeting.date
    if meeting.icann_meeting is not None:
        return meeting.icann_meeting.starts_on
    if meeting.external_event is not None:
        return meeting.external_event.starts_on
    return None


def is_later_fact(meeting: Meeting, as_of: dt.date) -> bool:
    """A meeting recorded as held (or cancelled) after the report's date."""
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        return False
    day = meeting_day(meeting)
    return day is not None and day > as_of


def records_as_of(records: Records, as_of: dt.date) -> Records:
    """The records a report dated `as_of` may state (charterships are dated per decision,
    see `sections.charterships`)."""
    successor = records.successor
    if successor is not None and (
        successor.established_on is None or successor.established_on > as_of
    ):
        successor = None
    return replace(
        records,
        icann_meetings=[m for m in records.icann_meetings if m.starts_on <= as_of],
        meetings=[m for m in records.meetings if not is_later_fact(m, as_of)],
        inputs=[i for i in records.inputs if i.requested_on <= as_of],
        threats=[t for t in records.threats if t.identified_on is None or t.identified_on <= as_of],
        successor=successor,
    )
