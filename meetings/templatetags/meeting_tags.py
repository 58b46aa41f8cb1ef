"""Template helpers of the meeting pages."""

from __future__ import annotations

from django import template

from meetings.attendance import attendance_label
from meetings.models import Meeting, Statement

register = template.Library()


@register.filter
def attendance(meeting: Meeting) -> str:
    """'15 (17, inc. staff)' (annotate `with_attendance_counts()` to avoid a query)."""
    return attendance_label(meeting.attendance_members, meeting.attendance_total)


@register.filter
def meeting_title(meeting: Meeting) -> str:
    return (meeting.title or meeting.get_kind_display()).strip()


@register.filter
def meeting_label(meeting: Meeting) -> str:
    """The title, with the group's acronym when the title does not name it."""
    title = meeting_title(meeting)
    acronym = meeting.working_group.acronym
    return title if acronym in title else f"{title} ({acronym})"


@register.filter
def statement_author(statement: Statement) -> str:
    """The quoted author's name ('' when the statement is an organization's own)."""
    if statement.author_name:
        return statement.author_name
    return statement.author.full_name if statement.author else ""
