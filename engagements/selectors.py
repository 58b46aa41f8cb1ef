"""Reads of external processes for the members' pages and the deadlines feed."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery

from ccwg.core.models import ExternalEvent, WorkingGroup
from engagements.models import ExternalProcess, ExternalProcessQuerySet, ProcessInput, Threat
from meetings.models import Meeting


def processes_of_group(group: WorkingGroup) -> ExternalProcessQuerySet:
    """Processes the group gave input to or watches for a threat."""
    return ExternalProcess.objects.filter(
        Q(pk__in=ProcessInput.objects.filter(working_group=group).values("process_id"))
        | Q(
            pk__in=Threat.processes.through.objects.filter(threat__working_group=group).values(
                "externalprocess_id"
            )
        )
    )


def open_processes(group: WorkingGroup, *, today: dt.date) -> ExternalProcessQuerySet:
    """The group's processes open today, closing soonest first (no closing date last)."""
    return (
        processes_of_group(group)
        .open_on(today)
        .select_related("body")
        .order_by(F("closes_on").asc(nulls_last=True), "name")
    )


def closing_processes() -> QuerySet[ExternalProcess]:
    """Every process with a closing date, for the deadlines feed, each with `changed_at`:
    when its record last changed (its newest history row; None without one)."""
    last_change = (
        ExternalProcess.history.filter(id=OuterRef("pk"))
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    return (
        ExternalProcess.objects.filter(closes_on__isnull=False)
        .select_related("body")
        .annotate(changed_at=Subquery(last_change))
        .order_by("closes_on", "name")
    )


def process_page(pk: int) -> ExternalProcess | None:
    """A process with its inputs (and the meetings they were discussed at), its links,
    events and threats, in a fixed number of queries."""
    return (
        ExternalProcess.objects.filter(pk=pk)
        .select_related("body")
        .prefetch_related(
            "links",
            Prefetch(
                "events",
                # `.all()` first: django-stubs 5.2.9 mis-types `prefetch_related(Prefetch(...))`
                # called on an `as_manager()` manager (typeddjango/django-stubs#3263).
                queryset=ExternalEvent.objects.all()
                .prefetch_related(
                    Prefetch(
                        "group_sessions",
                        queryset=Meeting.objects.select_related("working_group"),
                    )
                )
                .order_by("starts_on"),
            ),
            Prefetch(
                "inputs",
                queryset=ProcessInput.objects.select_related(
                    "working_group", "requested_by", "for_event"
                )
                .prefetch_related(
                    "links",
                    Prefetch(
                        "discussed_at",
                        queryset=Meeting.objects.select_related("working_group").order_by(
                            "starts_at", "id"
                        ),
                    ),
                )
                .order_by("requested_on", "id"),
            ),
            Prefetch(
                "threats",
                queryset=Threat.objects.select_related(
                    "working_group", "next_milestone_event"
                ).order_by("working_group__acronym", "position", "id"),
            ),
        )
        .first()
    )


def related_meetings(process: ExternalProcess) -> list[Meeting]:
    """Meetings the process's inputs were discussed at, and the groups' sessions at its
    events, in date order (from a `process_page` record: no query)."""
    found: dict[int, Meeting] = {}
    for given in process.inputs.all():
        for meeting in given.discussed_at.all():
            found[meeting.pk] = meeting
    for event in process.events.all():
        for meeting in event.group_sessions.all():
            found.setdefault(meeting.pk, meeting)

    def key(meeting: Meeting) -> tuple[dt.date, int]:
        if meeting.starts_at is not None:
            return (meeting.starts_at.date(), meeting.pk)
        event = meeting.external_event if meeting.external_event_id else None
        return (event.starts_on if event else dt.date.max, meeting.pk)

    return sorted(found.values(), key=key)
