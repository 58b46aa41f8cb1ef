"""Dates and periods as the report writes them."""

from __future__ import annotations

import datetime as dt

from ccwg.core.models import format_date
from meetings.models import Meeting


def format_range(start: dt.date, end: dt.date | None) -> str:
    """'12-16 June 2017', '28 October-3 November 2017', '30 December 2017-2 January 2018'."""
    if end is None or end == start:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%B} {end.year}"
    if start.year == end.year:
        return f"{start.day} {start:%B}-{end.day} {end:%B} {end.year}"
    return f"{format_date(start)}-{format_date(end)}"


def short_date(day: dt.date) -> str:
    """'2 Feb 2017', as in the teleconference table."""
    return f"{day.day} {day:%b} {day.year}"


def meeting_when(meeting: Meeting) -> str:
    """'16 March 2017, 08:00-09:30 UTC'; only the date when the time is not known."""
    if meeting.starts_at is None:
        return "Date to be confirmed"
    start = meeting.starts_at.astimezone(dt.UTC)
    text = format_date(start.date())
    if meeting.time_is_known:
        text += f", {start:%H:%M}"
        if meeting.ends_at:
            end = meeting.ends_at.astimezone(dt.UTC)
            if end.date() == start.date():
                text += f"-{end:%H:%M}"
            else:
                text += f"-{format_date(end.date())} {end:%H:%M}"
        text += " UTC"
    return text


def period_phrase(start: dt.date, end: dt.date) -> str:
    """'2017' for a calendar year, else '1 July 2017-30 June 2018'."""
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        if start.year == end.year:
            return str(start.year)
        return f"{start.year}-{end.year}"
    return format_range(start, end)
