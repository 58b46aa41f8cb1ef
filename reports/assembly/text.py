"""Dates, periods and typography as the report writes them.

Ranges take an en dash ("12–16 June 2017", "08:00–09:30 UTC"); apostrophes and quotes are
curly throughout (`typeset`); a meeting whose day is unknown is given the dates of the
ICANN meeting or event it was held at, never an invented day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

from ccwg.core.models import DatePrecision, format_date
from meetings.models import Meeting

DASH = "\u2013"  # en dash, for ranges

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s|$)")
_OPEN_DOUBLE = re.compile(r'(^|[\s(\[{\u2014\u2013/-])"')
_OPEN_SINGLE = re.compile(r"(^|[\s(\[{\u2014\u2013/-])'")
_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")


def typeset(text: str) -> str:
    """Straight quotes and apostrophes made curly, a spaced hyphen made an en dash:
    `ICANN's "view" - today` → `ICANN’s “view” – today`. Words are not changed."""
    if not text:
        return text or ""
    text = _APOSTROPHE.sub("\u2019", text)
    text = _OPEN_DOUBLE.sub("\\1\u201c", text)
    text = text.replace('"', "\u201d")
    text = _OPEN_SINGLE.sub("\\1\u2018", text)
    text = text.replace("'", "\u2019")
    return _SPACED_HYPHEN.sub(f" {DASH} ", text)


def join_words(words: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def format_range(start: dt.date, end: dt.date | None) -> str:
    """'12–16 June 2017', '28 October–3 November 2017', '30 December 2017–2 January 2018'."""
    if end is None or end == start:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{DASH}{end.day} {end:%B} {end.year}"
    if start.year == end.year:
        return f"{start.day} {start:%B}{DASH}{end.day} {end:%B} {end.year}"
    return f"{format_date(start)}{DASH}{format_date(end)}"


def format_span(start: dt.date | None, end: dt.date | None, precision: str) -> str:
    """A span known to a precision, in words: 'June to September 2017' (months),
    '1 June to 30 September 2017' (days), 'from June 2017', 'until September 2017'."""
    if start is None and end is None:
        return ""
    if start is None:
        return f"until {format_date(end, precision)}"
    if end is None:
        return f"from {format_date(start, precision)}"
    if precision == DatePrecision.MONTH and start.year == end.year:
        if start.month == end.month:
            return format_date(start, precision)
        return f"{start:%B} to {end:%B} {end.year}"
    if precision == DatePrecision.YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}{DASH}{end.year}"
    if precision == DatePrecision.DAY and start.year == end.year:
        return f"{start.day} {start:%B} to {format_date(end)}"
    return f"{format_date(start, precision)} to {format_date(end, precision)}"


def last_day(day: dt.date, precision: str) -> dt.date:
    """The last day a date known to `precision` may be: the end of its month or year."""
    if precision == DatePrecision.YEAR:
        return dt.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def short_date(day: dt.date) -> str:
    """'2 Feb 2017', as in the teleconference table."""
    return f"{day.day} {day:%b} {day.year}"


def meeting_when(meeting: Meeting) -> str:
    """'16 March 2017, 08:00–09:30 UTC'; only the date when the time is not known; for a
    meeting whose day is not recorded, the dates of the ICANN meeting it was held at, as the
    report's heading names it ('ICANN 59, Johannesburg' then '26–29 June 2017'), or the
    event's ('During WSIS Forum 2017 (12–16 June 2017)'): no day is invented, and nothing
    reads as a date that is not one; '' when nothing is known."""
    if meeting.starts_at is None:
        icann, event = meeting.icann_meeting, meeting.external_event
        if icann is not None:
            return format_range(icann.starts_on, icann.ends_on)
        if event is not None:
            return f"During {event.name} ({format_range(event.starts_on, event.ends_on)})"
        return ""
    start = meeting.starts_at.astimezone(dt.UTC)
    text = format_date(start.date())
    if meeting.time_is_known:
        text += f", {clock(start)}"
        if meeting.ends_at:
            end = meeting.ends_at.astimezone(dt.UTC)
            if end.date() == start.date():
                text += f"{DASH}{clock(end)}"
            else:
                text += f"{DASH}{format_date(end.date())} {clock(end)}"
        text += " UTC"
    return text


def clock(moment: dt.datetime) -> str:
    """A time of day as the group's reports write it, on the 24-hour clock: '8:00', '14:30'."""
    return f"{moment.hour}:{moment.minute:02d}"


def period_phrase(start: dt.date, end: dt.date) -> str:
    """'2017' for a calendar year, else '1 July 2017–30 June 2018'."""
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        if start.year == end.year:
            return str(start.year)
        return f"{start.year}{DASH}{end.year}"
    return format_range(start, end)
