"""Engagement services: processes, inputs and threats, with links and relations; and external
events (core services) with the process engagements contributes to them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ccwg.core import services as core_services
from ccwg.core.models import ExternalEvent
from ccwg.errors import RecordInUse
from engagements import services
from engagements.models import ExternalProcess, ProcessInput, ProcessMeeting, Threat
from tests.factories import (
    ExternalEventFactory,
    ExternalProcessFactory,
    MeetingFactory,
    OrganizationFactory,
    ProcessInputFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

LINKS = [
    {"title": "Submission", "url": "https://example.org/s.pdf", "kind": "submission"},
    {"title": "Wiki", "url": "https://example.org/wiki", "kind": "wiki"},
]


def _link_titles(record) -> list[str]:
    return list(record.links.values_list("title", flat=True))


def test_event_with_links_created_updated_and_deleted():
    event = core_services.create_external_event(
        name="WSIS Forum 2017",
        organizer=OrganizationFactory(acronym="ITU"),
        starts_on=dt.date(2017, 6, 12),
        ends_on=dt.date(2017, 6, 16),
        links=LINKS,
    )
    assert _link_titles(event) == ["Submission", "Wiki"]
    core_services.update_external_event(external_event=event, location="Geneva", links=LINKS[::-1])
    assert _link_titles(event) == ["Wiki", "Submission"]
    core_services.update_external_event(external_event=event, location="Geneva")  # links kept
    assert _link_titles(event) == ["Wiki", "Submission"]
    assert event.history.count() == 2
    core_services.delete_external_event(external_event=event)
    assert not ExternalEvent.objects.exists()


def test_event_rules_are_the_models():
    with pytest.raises(ValidationError) as error:
        core_services.create_external_event(
            name="Backwards", starts_on=dt.date(2017, 6, 16), ends_on=dt.date(2017, 6, 12)
        )
    assert "cannot end before it starts" in " ".join(error.value.messages)
    with pytest.raises(ValidationError):
        core_services.create_external_event(
            name="Bad link",
            starts_on=dt.date(2017, 6, 12),
            ends_on=dt.date(2017, 6, 16),
            links=[{"title": "x", "url": "not a url"}],
        )
    assert not ExternalEvent.objects.exists()  # the whole write is one transaction


def test_the_event_services_write_the_process_engagements_contributes():
    process = ExternalProcessFactory()
    event = core_services.create_external_event(
        name="WSIS Forum 2017",
        starts_on=dt.date(2017, 6, 12),
        ends_on=dt.date(2017, 6, 16),
        process=process,
    )
    assert ProcessMeeting.objects.get(event=event).process == process
    core_services.update_external_event(external_event=event, location="Geneva")  # kept
    assert ProcessMeeting.objects.get(event=event).process == process
    core_services.update_external_event(external_event=event, process=None)
    assert not ProcessMeeting.objects.filter(event=event).exists()


def test_an_event_with_sessions_is_in_use():
    event = ExternalEventFactory()
    MeetingFactory(kind="workshop", external_event=event)
    with pytest.raises(RecordInUse):
        core_services.delete_external_event(external_event=event)


def test_process_and_its_inputs():
    process = services.create_external_process(
        name="WGEC", body=OrganizationFactory(acronym="CSTD"), links=LINKS[:1]
    )
    assert _link_titles(process) == ["Submission"]
    meeting = MeetingFactory()
    found = services.create_process_input(
        process=process,
        working_group=WorkingGroupFactory(acronym="CCWG-IG"),
        requested_on=dt.date(2016, 11, 1),
        summary="Input on enhanced cooperation",
        discussed_at=[meeting],
        links=LINKS,
    )
    assert list(found.discussed_at.all()) == [meeting] and len(_link_titles(found)) == 2
    services.update_process_input(process_input=found, discussed_at=[], channel="meeting")
    found.refresh_from_db()
    assert found.channel == "meeting" and not found.discussed_at.exists()
    with pytest.raises(RecordInUse):
        services.delete_external_process(external_process=process)
    services.delete_process_input(process_input=found)
    services.delete_external_process(external_process=process)
    assert not ExternalProcess.objects.exists() and not ProcessInput.objects.exists()


def test_threat_processes_are_set_only_when_they_change():
    first, second = ExternalProcessFactory(), ExternalProcessFactory()
    threat = services.create_threat(
        working_group=WorkingGroupFactory(),
        title="ITU work on domain names",
        identified_on=dt.date(2017, 10, 11),
        processes=[first],
    )
    assert list(threat.processes.all()) == [first]
    history = threat.history.count()
    services.update_threat(threat=threat, processes=[first])
    assert threat.history.count() == history
    services.update_threat(threat=threat, processes=[first, second], title="Renamed")
    assert set(Threat.objects.get(pk=threat.pk).processes.all()) == {first, second}
    services.delete_threat(threat=threat)
    assert not Threat.objects.exists()


def test_inputs_keep_their_process():
    process_input = ProcessInputFactory()
    with pytest.raises(RecordInUse, match="process inputs"):
        services.delete_external_process(external_process=process_input.process)
