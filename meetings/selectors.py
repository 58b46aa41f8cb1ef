"""Reads of ICANN meetings and meetings: the querysets the API lists and shows."""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from meetings.models import ActionItem, Attendance, IcannMeeting, Meeting, Statement


def icann_meetings() -> QuerySet[IcannMeeting]:
    return IcannMeeting.objects.order_by("number")


def meetings_for_api() -> QuerySet[Meeting]:
    """Meetings with everything the API shows, in a constant number of queries.

    In date order on every database: a meeting not yet dated sorts by its external event's
    or ICANN meeting's first day, and meetings with no date at all come last.
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
        .order_by(
            Coalesce(
                TruncDate("starts_at"), "external_event__starts_on", "icann_meeting__starts_on"
            ).asc(nulls_last=True),
            F("starts_at").asc(nulls_last=True),
            "id",
        )
    )
