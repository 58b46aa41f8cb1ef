"""Calendar feeds (RFC 5545) built with `icalendar`: meetings, process closing dates and
action-item due dates. Pure functions of the records; the views add the URLs.

Times are UTC (`...Z`); a meeting known only by its date, and a deadline, is an all-day
event. UIDs are stable (`meeting-12@ccwg`), so a calendar program updates an event rather
than adding it again; a cancelled meeting stays in the feed with `STATUS:CANCELLED`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from icalendar import Calendar, Event

from ccwg.core.models import DatePrecision, format_date
from engagements.models import ExternalProcess
from meetings.models import ActionItem, Meeting, MeetingStatus

PRODID = "-//ccwg//Members' site calendar//EN"
UID_DOMAIN = "ccwg"

_STATUS: dict[str, str] = {
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
    MeetingStatus.PLANNED: "TENTATIVE",
    MeetingStatus.PROPOSED: "TENTATIVE",
    MeetingStatus.ACCEPTED: "CONFIRMED",
    MeetingStatus.DECLINED: "CANCELLED",
}

#: The URL of a record's page, as the views make it.
MeetingUrl = Callable[[Meeting], str]
ProcessUrl = Callable[[ExternalProcess], str]
ActionUrl = Callable[[ActionItem], str]


def new_calendar(name: str, description: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "UTC")
    if description:
        cal.add("x-wr-caldesc", description)
    return cal


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(microsecond=0)


_stamp = _utc


def meeting_event(meeting: Meeting, *, url: str) -> Event | None:
    """The meeting as a VEVENT; None when it has no date and no event dates to go by."""
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(meeting.updated_at))
    event.add("last-modified", _stamp(meeting.updated_at))
    group = meeting.working_group.acronym
    title = (meeting.title or meeting.get_kind_display()).strip()
    summary = f"{group}: {title}"
    notes = [f"{meeting.get_kind_display()} of the {meeting.working_group.name}."]
    if meeting.starts_at is None:
        where = meeting.icann_meeting or meeting.external_event
        if where is None:
            return None
        # Date to be confirmed: an all-day event over the ICANN meeting's or event's days.
        event.add("dtstart", where.starts_on)
        event.add("dtend", where.ends_on + dt.timedelta(days=1))
        if meeting.status == "held":  # held there, its day not recorded
            summary += " (day unknown)"
            notes.append(f"Held during {where}; the day is not recorded.")
        else:
            summary += " (date to be confirmed)"
            notes.append(f"Date to be confirmed, during {where}.")
    elif not meeting.time_is_known:
        day = meeting.starts_at.astimezone(dt.UTC).date()
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        notes.append("Time not recorded (UTC date).")
    else:
        event.add("dtstart", _utc(meeting.starts_at))
        if meeting.ends_at:
            event.add("dtend", _utc(meeting.ends_at))
    if meeting.status == MeetingStatus.CANCELLED:
        summary = f"Cancelled: {summary}"
    event.add("summary", summary)
    event.add("status", _STATUS.get(meeting.status, "CONFIRMED"))
    location = meeting.location or (str(meeting.icann_meeting) if meeting.icann_meeting else "")
    if location:
        event.add("location", location)
    event.add("categories", [meeting.get_kind_display()])
    event.add("url", url)
    notes.append(f"Status: {meeting.get_status_display()}.")
    notes.append(url)
    event.add("description", "\n".join(notes))
    return event


def _all_day_event(
    *,
    uid: str,
    day: dt.date,
    stamp: dt.datetime,
    summary: str,
    category: str,
    url: str,
    description: str,
    last_day: dt.date | None = None,
) -> Event:
    """A deadline as a transparent all-day event (it does not make the day busy), over the
    days from `day` to `last_day` (default: the one day)."""
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(stamp))
    event.add("dtstart", day)
    event.add("dtend", (last_day or day) + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("categories", [category])
    event.add("transp", "TRANSPARENT")
    event.add("url", url)
    event.add("description", description)
    return event


def process_closing_event(process: ExternalProcess, *, url: str, stamp: dt.datetime) -> Event:
    """The process's closing date as an all-day event; one known only to the month spans
    its month, its summary saying "by the end of". `stamp` is used when the record says
    nothing of its last change (`changed_at`, `engagements.selectors.closing_processes`)."""
    if process.closes_on is None:
        raise ValueError(f"Process {process.pk} has no closing date.")
    body = f" of the {process.body.acronym}" if process.body else ""
    changed = getattr(process, "changed_at", None) or stamp
    if process.dates_precision == DatePrecision.MONTH:
        first = process.closes_on.replace(day=1)
        month = format_date(first, DatePrecision.MONTH)
        return _all_day_event(
            uid=f"process-{process.pk}-closes",
            day=first,
            last_day=_next_month(first) - dt.timedelta(days=1),
            stamp=changed,
            summary=f"Closes by the end of {month}: {process}",
            category="Process closing date",
            url=url,
            description=f"The external process {process}{body} closes by the end of {month} "
            f"(its day is not recorded).\n{url}",
        )
    return _all_day_event(
        uid=f"process-{process.pk}-closes",
        day=process.closes_on,
        stamp=changed,
        summary=f"Closes: {process}",
        category="Process closing date",
        url=url,
        description=f"Last day of the external process {process}{body}.\n{url}",
    )


def _next_month(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=32)).replace(day=1)


def action_due_event(action: ActionItem, *, url: str, stamp: dt.datetime) -> Event:
    """An open action item's due date as an all-day event."""
    if action.due_on is None:
        raise ValueError(f"Action item {action.pk} has no due date.")
    owner = action.owner.full_name if action.owner else action.owner_name
    short = " ".join(action.description.split())
    if len(short) > 80:
        short = short[:79] + "…"
    lines = [action.description.strip(), *([f"Owner: {owner}"] if owner else []), url]
    return _all_day_event(
        uid=f"action-{action.pk}-due",
        day=action.due_on,
        stamp=action.meeting.updated_at or stamp,  # an action is written with its meeting
        summary=f"{action.meeting.working_group.acronym} action due: {short}",
        category="Action item due",
        url=url,
        description="\n".join(lines),
    )


def meetings_calendar(
    name: str, meetings: Iterable[Meeting], *, url: MeetingUrl, description: str = ""
) -> bytes:
    cal = new_calendar(name, description)
    for meeting in meetings:
        event = meeting_event(meeting, url=url(meeting))
        if event is not None:
            cal.add_component(event)
    return cal.to_ical()


def deadlines_calendar(
    processes: Iterable[ExternalProcess],
    actions: Iterable[ActionItem],
    *,
    process_url: ProcessUrl,
    action_url: ActionUrl,
    stamp: dt.datetime,
    name: str = "ccwg deadlines",
    description: str = "Closing dates of external processes and due dates of action items.",
) -> bytes:
    cal = new_calendar(name, description)
    for process in processes:
        cal.add_component(process_closing_event(process, url=process_url(process), stamp=stamp))
    for action in actions:
        cal.add_component(action_due_event(action, url=action_url(action), stamp=stamp))
    return cal.to_ical()
