"""factory_boy factories for every record the tests build, one module per app.

Import them from here (`from tests.factories import MeetingFactory`): every factory of
every module is re-exported, and `__all__` lists them all.
"""

from tests.factories.core import (
    ChartershipFactory,
    CharterVersionFactory,
    ExternalEventFactory,
    IcannMeetingFactory,
    OrganizationFactory,
    PersonFactory,
    RoleFactory,
    StaffFactory,
    UserFactory,
    WorkingGroupFactory,
)
from tests.factories.engagements import (
    ExternalProcessFactory,
    ProcessInputFactory,
    ThreatFactory,
)
from tests.factories.meetings import (
    ActionItemFactory,
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MeetingLinkFactory,
    OutcomeFactory,
    SpeakerFactory,
    StatementFactory,
)
from tests.factories.reports import AnnualReportFactory

__all__ = [
    "ActionItemFactory",
    "AgendaItemFactory",
    "AnnualReportFactory",
    "AttendanceFactory",
    "CharterVersionFactory",
    "ChartershipFactory",
    "ExternalEventFactory",
    "ExternalProcessFactory",
    "IcannMeetingFactory",
    "MeetingFactory",
    "MeetingLinkFactory",
    "OrganizationFactory",
    "OutcomeFactory",
    "PersonFactory",
    "ProcessInputFactory",
    "RoleFactory",
    "SpeakerFactory",
    "StaffFactory",
    "StatementFactory",
    "ThreatFactory",
    "UserFactory",
    "WorkingGroupFactory",
]
