"""Fixtures of the core tests: a small set of records of every kind the admin shows."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import (
    ActionItemFactory,
    AdoptedCharterVersionFactory,
    AgendaItemFactory,
    AgendaItemLinkFactory,
    AttendanceFactory,
    ChartershipFactory,
    DraftReportFactory,
    ExternalEventLinkFactory,
    ExternalProcessLinkFactory,
    FaceToFaceMeetingFactory,
    MeetingLinkFactory,
    MessageFactory,
    OutcomeFactory,
    ProcessInputFactory,
    ProcessInputLinkFactory,
    PublicSessionFactory,
    RoleFactory,
    SpeakerFactory,
    StatementFactory,
    SupportingOrganizationFactory,
    TeleconferenceFactory,
    ThreatFactory,
    WithdrawingChartershipFactory,
    WorkingGroupFactory,
    WorkshopFactory,
)


@pytest.fixture
def admin_records(db) -> dict:
    """At least one record of every model of the apps' admin, linked as real ones are: a
    group with its charterships, charter, roles, a teleconference of 2 February 2017 with
    full minutes, meetings of the other kinds, an input, a threat and a draft report."""
    group = WorkingGroupFactory(acronym="CCWG-IG")
    ccnso = SupportingOrganizationFactory(acronym="ccNSO")
    ChartershipFactory(working_group=group, organization=ccnso)
    WithdrawingChartershipFactory(
        working_group=group, organization=SupportingOrganizationFactory(acronym="GNSO")
    )
    charter = AdoptedCharterVersionFactory(working_group=group)
    RoleFactory(working_group=group, organization=ccnso)

    call = TeleconferenceFactory(
        working_group=group,
        starts_at=dt.datetime(2017, 2, 2, 14, tzinfo=dt.UTC),
        members_present=15,
        total_present=17,
    )
    item = AgendaItemFactory(
        meeting=call, title="IGF Community Public Consultation - ICANN Comment", position=1
    )
    AgendaItemFactory(meeting=call, parent=item, title="IGF Consultation Page", position=1)
    AgendaItemLinkFactory(agenda_item=item)
    StatementFactory(meeting=call, agenda_item=item, source=ccnso, concerns_charter=charter)
    ActionItemFactory(meeting=call, agenda_item=item)
    OutcomeFactory(meeting=call)
    MeetingLinkFactory(meeting=call)

    session = PublicSessionFactory(working_group=group)
    SpeakerFactory(meeting=session)
    face_to_face = FaceToFaceMeetingFactory(working_group=group)
    AttendanceFactory(meeting=face_to_face, organization=ccnso)
    workshop = WorkshopFactory(working_group=group)
    ExternalEventLinkFactory(event=workshop.external_event)

    process_input = ProcessInputFactory(working_group=group, for_event=workshop.external_event)
    ProcessInputLinkFactory(process_input=process_input)
    ExternalProcessLinkFactory(process=process_input.process)
    ThreatFactory(working_group=group).processes.add(process_input.process)
    report = DraftReportFactory(working_group=group)
    MessageFactory(about=call)
    return {"group": group, "teleconference": call, "report": report}
