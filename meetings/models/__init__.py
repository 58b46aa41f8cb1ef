"""The groups' own meetings, with their agendas and minutes (ICANN meetings: `ccwg.core`).

One module per part: `choices`, `meeting`, `attendance`, `agenda`, `minutes`."""

from meetings.models.agenda import (
    AgendaItem,
    AgendaItemLink,
    AgendaNode,
    agenda_tree,
)
from meetings.models.attendance import (
    Attendance,
)
from meetings.models.choices import (
    UNSCHEDULED_STATUSES,
    ActionStatus,
    AttendanceRole,
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
)
from meetings.models.meeting import (
    Meeting,
    MeetingQuerySet,
)
from meetings.models.minutes import (
    ActionItem,
    ActionItemQuerySet,
    MeetingLink,
    Outcome,
    Speaker,
    Statement,
)
from meetings.models.rules import (
    first_repeat,
    list_is_complete,
    listed_twice,
    members_among,
    present_entries,
)

__all__ = [
    "UNSCHEDULED_STATUSES",
    "ActionItem",
    "ActionItemQuerySet",
    "ActionStatus",
    "AgendaItem",
    "AgendaItemLink",
    "AgendaNode",
    "Attendance",
    "AttendanceRole",
    "AttendanceStatus",
    "Meeting",
    "MeetingKind",
    "MeetingLink",
    "MeetingQuerySet",
    "MeetingStatus",
    "Outcome",
    "Speaker",
    "Statement",
    "agenda_tree",
    "first_repeat",
    "list_is_complete",
    "listed_twice",
    "members_among",
    "present_entries",
]
