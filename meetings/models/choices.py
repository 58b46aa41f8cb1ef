"""The meetings' enumerations: kinds, statuses, attendance roles and statuses, action
statuses."""

from __future__ import annotations

from django.db import models


class MeetingKind(models.TextChoices):
    TELECONFERENCE = "teleconference", "Teleconference"
    FACE_TO_FACE = "face_to_face", "Face-to-face meeting"
    PUBLIC_SESSION = "public_session", "Public session"
    WORKSHOP = "workshop", "Workshop"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"
    DECLINED = "declined", "Declined"


#: Statuses for which the date may still be unknown.
UNSCHEDULED_STATUSES = [
    MeetingStatus.PLANNED,
    MeetingStatus.PROPOSED,
    MeetingStatus.ACCEPTED,
    MeetingStatus.DECLINED,
]


class AttendanceRole(models.TextChoices):
    MEMBER = "member", "Member"
    CHAIR = "chair", "Chair"
    OBSERVER = "observer", "Observer"
    LIAISON = "liaison", "Liaison"
    GUEST = "guest", "Guest"
    STAFF = "staff", "Staff"


class AttendanceStatus(models.TextChoices):
    """Whether a person listed for a meeting was there: only `PRESENT` is ever counted."""

    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Absent"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"
