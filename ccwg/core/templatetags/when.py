"""Dates and times on the members' pages, always labelled UTC.

`{% meeting_when meeting %}`, `{% utc value %}` and `{% day value %}` write `<time>`
elements; `static/js/localtime.js` adds the viewer's local time beside a UTC time where the
browser gives its time zone (the page reads the same without JavaScript).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ccwg.core.models import ExternalEvent, IcannMeeting, format_date

register = template.Library()


class Scheduled(Protocol):
    """What `meeting_when` reads of a meeting (`meetings.models.Meeting`, a layer above)."""

    @property
    def starts_at(self) -> dt.datetime | None: ...
    @property
    def ends_at(self) -> dt.datetime | None: ...
    @property
    def time_is_known(self) -> bool: ...
    @property
    def icann_meeting(self) -> IcannMeeting | None: ...
    @property
    def external_event(self) -> ExternalEvent | None: ...


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def _day_text(day: dt.date, short: bool) -> str:
    return f"{day.day} {day:%b} {day.year}" if short else format_date(day)


def _iso(value: dt.datetime) -> str:
    return _utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


@register.simple_tag
def utc(value: dt.datetime | None, short: bool = False) -> SafeString | str:
    """'16 March 2017, 08:00 UTC' in a <time> the script adds the local time to."""
    if value is None:
        return ""
    start = _utc(value)
    return format_html(
        '<time datetime="{}" data-utc>{}, {} UTC</time>',
        _iso(start),
        _day_text(start.date(), short),
        f"{start:%H:%M}",
    )


@register.simple_tag
def day(value: dt.date | None, short: bool = False) -> SafeString | str:
    """A calendar date: '30 September 2017'."""
    if value is None:
        return ""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), _day_text(value, short))


@register.simple_tag
def meeting_when(meeting: Scheduled, short: bool = False) -> SafeString:
    """When a meeting takes place, labelled UTC:

    '16 March 2017, 08:00–09:30 UTC' (the script adds the local time), '2 February 2017
    (UTC date; time not recorded)' when only the date is known, and 'Date to be confirmed'
    (with the ICANN meeting's or event's dates) when it is not dated yet.
    """
    if meeting.starts_at is None:
        where = meeting.icann_meeting or meeting.external_event
        if where is None:
            return format_html('<span class="tbc">Date to be confirmed</span>')
        start, end = where.starts_on, where.ends_on
        # A meeting held there whose day is not recorded is not "to be confirmed".
        held = getattr(meeting, "status", "") == "held"
        label = "Held there, day unknown" if held else "Date to be confirmed"
        return format_html(
            '<span class="tbc">{}</span> '
            '(<time datetime="{}">{}</time> to <time datetime="{}">{}</time>)',
            label,
            start.isoformat(),
            _day_text(start, short),
            end.isoformat(),
            _day_text(end, short),
        )
    start = _utc(meeting.starts_at)
    if not meeting.time_is_known:
        return format_html(
            '<time datetime="{}">{}</time> <span class="tz">(UTC date)</span>',
            start.date().isoformat(),
            _day_text(start.date(), short),
        )
    text = f"{_day_text(start.date(), short)}, {start:%H:%M}"
    end_attr = ""
    if meeting.ends_at:
        end = _utc(meeting.ends_at)
        end_attr = _iso(end)
        if end.date() == start.date():
            text += f"–{end:%H:%M}"
        else:
            text += f" – {_day_text(end.date(), short)}, {end:%H:%M}"
    return format_html(
        '<time datetime="{}" data-utc data-end="{}">{} UTC</time>', _iso(start), end_attr, text
    )
