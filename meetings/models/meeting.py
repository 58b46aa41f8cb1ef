"""A meeting of a group: when, where, who was there in numbers, and its reads."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ccwg.core.change_sets import ChangeSetHistory
from ccwg.core.constraints import ChecksInOneQuery
from ccwg.core.fields import LONG_TEXT, CappedTextField
from ccwg.core.models import (
    ExternalEvent,
    IcannMeeting,
    Organization,
    WorkingGroup,
)
from meetings.models.choices import (
    UNSCHEDULED_STATUSES,
    AttendanceRole,
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
)
from meetings.models.rules import list_is_complete, members_among

#: The cap of a pasted participant list (1,000 lines of a 100-character line).
PARTICIPANT_TEXT = 100_000


def starts_on_days(start: dt.date | None = None, end: dt.date | None = None) -> Q:
    """Meetings whose (current time zone, UTC) start date is within `start`..`end`
    (either bound optional), as a range of `starts_at` itself: the same rows as
    `starts_at__date__range`, but the (working_group, starts_at) index serves it."""
    zone = timezone.get_current_timezone()
    condition = Q()
    if start is not None:
        condition &= Q(starts_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=zone))
    if end is not None and end < dt.date.max:  # up to 9999-12-31: no upper bound at all
        next_day = end + dt.timedelta(days=1)
        condition &= Q(starts_at__lt=dt.datetime.combine(next_day, dt.time.min, tzinfo=zone))
    return condition


class MeetingQuerySet(models.QuerySet):
    def held(self) -> MeetingQuerySet:
        return self.filter(status=MeetingStatus.HELD)

    def of_kind(self, kind: str) -> MeetingQuerySet:
        return self.filter(kind=kind)

    def for_group(self, group: WorkingGroup) -> MeetingQuerySet:
        return self.filter(working_group=group)

    def in_period(self, start: dt.date, end: dt.date) -> MeetingQuerySet:
        """Meetings whose (UTC) date falls in the period; a meeting not yet dated counts by
        the dates of the external event or ICANN meeting it is tied to."""
        undated = Q(starts_at__isnull=True)
        return self.filter(
            starts_on_days(start, end)
            | (undated & Q(external_event__starts_on__lte=end, external_event__ends_on__gte=start))
            | (undated & Q(icann_meeting__starts_on__lte=end, icann_meeting__ends_on__gte=start))
        )

    def with_attendance_counts(self) -> MeetingQuerySet:
        """Annotate the counts of the people the attendance list names as present (0 when
        none is listed; apologies and absences never count); they are the meeting's figures
        only when the list is marked complete."""
        present = Q(attendances__status=AttendanceStatus.PRESENT)
        return self.annotate(
            listed_total=Count("attendances", filter=present, distinct=True),
            listed_members=Count(
                "attendances",
                filter=present & ~Q(attendances__role=AttendanceRole.STAFF),
                distinct=True,
            ),
        )

    def chronological(self) -> MeetingQuerySet:
        """In date order on every database, the one order of meetings: by (UTC) day, a
        meeting not yet dated by its external event's or ICANN meeting's first day (after the
        dated meetings of that day); meetings with no date at all come last."""
        return self.order_by(
            Coalesce(
                TruncDate("starts_at"), "external_event__starts_on", "icann_meeting__starts_on"
            ).asc(nulls_last=True),
            F("starts_at").asc(nulls_last=True),
            "id",
        )


class Meeting(ChecksInOneQuery, models.Model):
    """A meeting of a group: teleconference, face-to-face, public session or workshop."""

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.HELD
    )
    title = models.CharField(max_length=300, blank=True)
    starts_at = models.DateTimeField(
        null=True, blank=True, help_text="UTC. May be blank only while not yet held."
    )
    ends_at = models.DateTimeField(null=True, blank=True)
    time_is_known = models.BooleanField(
        default=True, help_text="Untick when only the date is known; the time is then not shown."
    )
    icann_meeting = models.ForeignKey(
        IcannMeeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="group_meetings",
        verbose_name="ICANN meeting",
        help_text="The ICANN public meeting this meeting was held at.",
    )
    external_event = models.ForeignKey(
        ExternalEvent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="group_sessions",
        help_text="The external event this session (e.g. a workshop) is part of.",
    )
    selected_by = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="selected_sessions",
        help_text="The body that accepted or declined a proposed session (e.g. the IGF MAG).",
    )
    location = models.CharField(max_length=200, blank=True)
    members_present = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Members present; blank when unknown (not zero)."
    )
    total_present = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Everyone present including staff; blank when unknown."
    )
    attendance_complete = models.BooleanField(
        default=False,
        help_text="The attendance list names everyone present: the counts are derived from it. "
        "A list not marked complete leaves the counts as entered.",
    )
    organizations_present = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="meetings_attended",
        help_text="Bodies represented at the meeting, e.g. the BWG-IG's chair.",
    )
    notes = CappedTextField(blank=True, max_length=LONG_TEXT)
    participant_text = CappedTextField(
        "participant list as pasted",
        blank=True,
        max_length=PARTICIPANT_TEXT,
        help_text="The participant list as staff pasted it (the attendance rows are what was "
        "matched from it); blank when the attendance was written otherwise.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[organizations_present], bases=[ChangeSetHistory])

    class Meta:
        ordering = ["starts_at", "id"]
        # A group's meetings of a period; every group's meetings of a year (lists, feeds).
        indexes = [
            models.Index(fields=["working_group", "starts_at"]),
            models.Index(fields=["starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | (Q(starts_at__isnull=False) & Q(ends_at__gte=F("starts_at"))),
                name="meeting_ends_after_start",
                violation_error_message="A meeting cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=False)
                | Q(status__in=UNSCHEDULED_STATUSES)
                | Q(icann_meeting__isnull=False)
                | Q(external_event__isnull=False),
                name="meeting_dated_once_held",
                violation_error_message="A held or cancelled meeting needs its date, unless "
                "it is tied to the ICANN meeting or external event it was held at (the day "
                "is then unknown).",
            ),
            models.CheckConstraint(
                condition=Q(total_present__isnull=True)
                | Q(members_present__isnull=True)
                | Q(total_present__gte=F("members_present")),
                name="meeting_total_covers_members",
                violation_error_message="The total present (including staff) cannot be "
                "lower than the members present.",
            ),
        ]

    def __str__(self) -> str:
        day = self.starts_at.date().isoformat() if self.starts_at else "date unknown"
        title, group = self.title or self.get_kind_display(), str(self.working_group)
        # "CCWG-IG teleconference", not "CCWG-IG: CCWG-IG teleconference"
        named = title if title.lower().startswith(group.lower()) else f"{group}: {title}"
        return f"{named} ({day})"

    @property
    def date(self) -> dt.date | None:
        if self.starts_at:
            return self.starts_at.date()
        return None

    def _present_roles(self) -> list[str]:
        """The roles of the people listed as present, from the prefetched rows if read."""
        if "attendances" in getattr(self, "_prefetched_objects_cache", {}):
            return [
                row.role for row in self.attendances.all() if row.status == AttendanceStatus.PRESENT
            ]
        rows = self.attendances.filter(status=AttendanceStatus.PRESENT)
        return list(rows.values_list("role", flat=True))

    @property
    def listed_count(self) -> int:
        """How many people the attendance list names as present (0 when none is listed;
        apologies and absences never count)."""
        total = getattr(self, "listed_total", None)
        return len(self._present_roles()) if total is None else total

    @property
    def listed_member_count(self) -> int:
        """How many of the people listed as present are not staff."""
        listed = getattr(self, "listed_members", None)
        return members_among(self._present_roles()) if listed is None else listed

    @property
    def has_listed_attendance(self) -> bool:
        return self.listed_count > 0

    @property
    def counts_from_list(self) -> bool:
        """Whether the figures are counted from the list: only from a list marked complete."""
        return list_is_complete(marked=self.attendance_complete, listed=self.listed_count)

    @property
    def attendance_members(self) -> int | None:
        """Members present: counted from the attendance list when it is complete."""
        if self.counts_from_list:
            return self.listed_member_count
        return self.members_present

    @property
    def attendance_total(self) -> int | None:
        """Everyone present including staff: counted from the list when it is complete."""
        if self.counts_from_list:
            return self.listed_count
        return self.total_present

    def clean(self) -> None:
        # (A held or cancelled meeting needs its date, or the ICANN meeting or external event
        # it was held at: the constraint meeting_dated_once_held.)
        if self.kind == MeetingKind.WORKSHOP and self.icann_meeting_id and self.external_event_id:
            raise ValidationError(
                {
                    "external_event": "A session is held at an ICANN meeting or an external "
                    "event, not both."
                }
            )
