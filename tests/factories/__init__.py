"""factory_boy factories for every record the tests build, one module per app, with named
variants (a face-to-face meeting at an ICANN meeting, a withdrawn chartership, a published
report, ...).

Import them from here (`from tests.factories import MeetingFactory`): every factory of every
module is re-exported and listed in `__all__`. Each makes records that pass the model's own
`full_clean()` (tests/test_factories.py checks every one).
"""

from tests.factories.core import (
    AdoptedCharterVersionFactory,
    AdvisoryCommitteeFactory,
    ChartershipFactory,
    CharterVersionFactory,
    ExternalBodyFactory,
    ExternalEventFactory,
    ExternalEventLinkFactory,
    IcannBodyFactory,
    IcannMeetingFactory,
    OrganizationFactory,
    PersonFactory,
    RoleFactory,
    StaffFactory,
    SuperuserFactory,
    SupportingOrganizationFactory,
    UserFactory,
    WithdrawingChartershipFactory,
    WithdrawnChartershipFactory,
    WorkingGroupFactory,
)
from tests.factories.engagements import (
    ExternalProcessFactory,
    ExternalProcessLinkFactory,
    ProcessInputFactory,
    ProcessInputLinkFactory,
    ThreatFactory,
)
from tests.factories.meetings import (
    ActionItemFactory,
    AgendaItemFactory,
    AgendaItemLinkFactory,
    AttendanceFactory,
    FaceToFaceMeetingFactory,
    MeetingFactory,
    MeetingLinkFactory,
    OutcomeFactory,
    PlannedMeetingFactory,
    PublicSessionFactory,
    SpeakerFactory,
    StatementFactory,
    TeleconferenceFactory,
    WorkshopFactory,
)
from tests.factories.reports import (
    AnnualReportFactory,
    DraftReportFactory,
    PublishedReportFactory,
    ReportBlockEditFactory,
)

__all__ = [
    "ActionItemFactory",
    "AdoptedCharterVersionFactory",
    "AdvisoryCommitteeFactory",
    "AgendaItemFactory",
    "AgendaItemLinkFactory",
    "AnnualReportFactory",
    "AttendanceFactory",
    "CharterVersionFactory",
    "ChartershipFactory",
    "DraftReportFactory",
    "ExternalBodyFactory",
    "ExternalEventFactory",
    "ExternalEventLinkFactory",
    "ExternalProcessFactory",
    "ExternalProcessLinkFactory",
    "FaceToFaceMeetingFactory",
    "IcannBodyFactory",
    "IcannMeetingFactory",
    "MeetingFactory",
    "MeetingLinkFactory",
    "OrganizationFactory",
    "OutcomeFactory",
    "PersonFactory",
    "PlannedMeetingFactory",
    "ProcessInputFactory",
    "ProcessInputLinkFactory",
    "PublicSessionFactory",
    "PublishedReportFactory",
    "ReportBlockEditFactory",
    "RoleFactory",
    "SpeakerFactory",
    "StaffFactory",
    "StatementFactory",
    "SuperuserFactory",
    "SupportingOrganizationFactory",
    "TeleconferenceFactory",
    "ThreatFactory",
    "UserFactory",
    "WithdrawingChartershipFactory",
    "WithdrawnChartershipFactory",
    "WorkingGroupFactory",
    "WorkshopFactory",
]
