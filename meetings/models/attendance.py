"""Who attended a meeting, person by person (the counts derive from a complete list)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ccwg.core.change_sets import ChangeSetHistory
from ccwg.core.constraints import ChecksInOneQuery
from ccwg.core.models import (
    Organization,
    Person,
)
from meetings.models.choices import AttendanceRole, AttendanceStatus
from meetings.models.meeting import Meeting


class Attendance(ChecksInOneQuery, models.Model):
    """One person listed for a meeting: present, or (`status`) sent apologies or absent. When
    the list is complete, the meeting's counts derive from the people present."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    role = models.CharField(
        max_length=10, choices=AttendanceRole.choices, default=AttendanceRole.MEMBER
    )
    status = models.CharField(
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
        help_text="Present, sent apologies, or absent: only those present are counted.",
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organization the person represented at this meeting.",
    )

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_meeting",
                violation_error_message="This person is already listed for this meeting.",
            ),
            models.CheckConstraint(
                condition=Q(role__in=AttendanceRole.values), name="attendance_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values), name="attendance_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}"
