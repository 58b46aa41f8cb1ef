"""Reads of meetings: the querysets the API lists and shows."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from meetings.models import ActionItem, Attendance, Meeting, Statement


def meetings_for_api() -> QuerySet[Meeting]:
    """Meetings with everything the API shows, in a constant number of queries.

    In date order on every database (`MeetingQuerySet.chronological`).
    """
    return (
        Meeting.objects.with_attendance_counts()
        .select_related("working_group", "icann_meeting", "external_event", "selected_by")
        .prefetch_related(
            "agenda_items__links",
            "speakers",
            "outcomes",
            Prefetch("statements", queryset=Statement.objects.select_related("source", "author")),
            "links",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person", "organization"),
            ),
            "organizations_present",
        )
        .chronological()
    )
