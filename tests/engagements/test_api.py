"""API of external events and processes, process inputs and threats."""

from __future__ import annotations

import datetime as dt

import pytest

from ccwg.core.models import ExternalEvent
from engagements.models import ExternalProcess, ProcessInput, Threat
from tests.api_helpers import assert_field_error, queries_for
from tests.factories import (
    ExternalBodyFactory,
    ExternalEventFactory,
    ExternalEventLinkFactory,
    ExternalProcessFactory,
    ExternalProcessLinkFactory,
    IcannBodyFactory,
    MeetingFactory,
    OrganizationFactory,
    ProcessInputFactory,
    ProcessInputLinkFactory,
    ThreatFactory,
    WorkingGroupFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/external-events/"
PROCESSES = "/api/v1/external-processes/"
INPUTS = "/api/v1/process-inputs/"
THREATS = "/api/v1/threats/"

LINKS = [
    {"title": "Submission", "url": "https://example.org/s.pdf", "kind": "submission"},
    {"title": "Wiki", "url": "https://example.org/wiki", "kind": "wiki"},
]


@pytest.fixture
def context(db):
    WorkingGroupFactory(acronym="CCWG-IG")
    WorkingGroupFactory(acronym="CCWG-X")
    ExternalBodyFactory(acronym="ITU")
    IcannBodyFactory(acronym="GE")


# --- External events ---------------------------------------------------------------------------


def test_external_event_crud(staff_api, member_api, context):
    payload = {
        "name": "WSIS Forum 2017",
        "organizer": "ITU",
        "location": "Geneva",
        "starts_on": "2017-06-12",
        "ends_on": "2017-06-16",
        "url": "https://www.itu.int/net4/wsis/forum/2017/",
        "links": LINKS,
    }
    created = staff_api.post(EVENTS, payload)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["id"] and body["api_url"].endswith(f"/api/v1/external-events/{body['id']}/")
    assert body["url"] == payload["url"]  # the event's own page
    assert body["links"] == LINKS and body["organizer"] == "ITU"
    assert member_api.get(body["api_url"]).json() == body

    updated = staff_api.put(body["api_url"], dict(payload, links=LINKS[::-1], location="CICG"))
    assert updated.status_code == 200, updated.content
    assert updated.json()["links"] == LINKS[::-1] and updated.json()["location"] == "CICG"
    patched = staff_api.patch(body["api_url"], {"links": []})
    assert patched.json()["links"] == []
    assert staff_api.delete(body["api_url"]).status_code == 204
    assert not ExternalEvent.objects.exists()


def test_external_event_year_filter(member_api, context):
    ExternalEventFactory(
        name="IGF 2016", starts_on=dt.date(2016, 12, 6), ends_on=dt.date(2016, 12, 9)
    )
    ExternalEventFactory(
        name="IGF 2017", starts_on=dt.date(2017, 12, 18), ends_on=dt.date(2017, 12, 21)
    )
    ExternalEventFactory(
        name="New year", starts_on=dt.date(2017, 12, 31), ends_on=dt.date(2018, 1, 2)
    )
    names = [e["name"] for e in member_api.get(f"{EVENTS}?year=2017").json()["results"]]
    assert names == ["IGF 2017", "New year"]
    names = [e["name"] for e in member_api.get(f"{EVENTS}?year=2018").json()["results"]]
    assert names == ["New year"]
    assert_field_error(member_api.get(f"{EVENTS}?year=next"), "year")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_on": "2017-06-01"}, "ends_on"),
        ({"starts_on": "12 June 2017"}, "starts_on"),
        ({"organizer": "NOPE"}, "organizer"),
        ({"name": ""}, "name"),
        ({"url": "geneva"}, "url"),
        ({"process": 999999}, "process"),
        ({"links": [{"title": "x", "url": "nope"}]}, "links"),
    ],
)
def test_external_event_bad_input(staff_api, context, change, field):
    payload = {"name": "WSIS Forum 2017", "starts_on": "2017-06-12", "ends_on": "2017-06-16"}
    assert_field_error(staff_api.post(EVENTS, {**payload, **change}), field)


def test_duplicate_event_is_400(staff_api, context):
    payload = {"name": "WSIS Forum 2017", "starts_on": "2017-06-12", "ends_on": "2017-06-16"}
    assert staff_api.post(EVENTS, payload).status_code == 201
    assert_field_error(staff_api.post(EVENTS, payload), "starts_on")


def test_event_with_sessions_cannot_be_deleted(staff_api, context):
    event = ExternalEventFactory()
    WorkshopFactory(external_event=event)
    assert staff_api.delete(f"{EVENTS}{event.pk}/").status_code == 409


# --- External processes -------------------------------------------------------------------------


def test_external_process_crud_and_open_on(staff_api, member_api, context):
    payload = {
        "name": "CWG-Internet open consultation on OTT",
        "acronym": "CWG-Internet",
        "body": "ITU",
        "description": "Open consultation.",
        "opens_on": "2017-06-01",
        "closes_on": "2017-09-30",
        "dates_precision": "month",
        "url": "https://www.itu.int/en/council/cwg-internet/",
        "links": LINKS,
    }
    created = staff_api.post(PROCESSES, payload)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["url"] == payload["url"] and body["links"] == LINKS and body["body"] == "ITU"
    assert body["api_url"].endswith(f"/api/v1/external-processes/{body['id']}/")
    ExternalProcessFactory(name="Always open", opens_on=dt.date(2015, 1, 1))
    ExternalProcessFactory(name="Dates unknown")  # never said to be open

    def names(query: str) -> list[str]:
        return [p["name"] for p in member_api.get(f"{PROCESSES}?{query}").json()["results"]]

    assert names("open_on=2017-07-01") == ["Always open", payload["name"]]
    assert names("open_on=2017-10-01") == ["Always open"]
    assert_field_error(member_api.get(f"{PROCESSES}?open_on=July"), "open_on")

    assert staff_api.patch(body["api_url"], {"closes_on": "2017-10-31"}).status_code == 200
    assert names("open_on=2017-10-01") == ["Always open", payload["name"]]
    assert_field_error(staff_api.patch(body["api_url"], {"closes_on": "2017-01-01"}), "closes_on")
    assert_field_error(staff_api.patch(body["api_url"], {"body": "NOPE"}), "body")
    assert staff_api.delete(body["api_url"]).status_code == 204


def test_process_with_inputs_cannot_be_deleted(staff_api, context):
    process_input = ProcessInputFactory()
    response = staff_api.delete(f"{PROCESSES}{process_input.process_id}/")
    assert response.status_code == 409
    assert ExternalProcess.objects.filter(pk=process_input.process_id).exists()


# --- Process inputs -----------------------------------------------------------------------------


def test_process_input_crud_and_filters(staff_api, member_api, context):
    process = ExternalProcessFactory(name="WGEC")
    event = ExternalEventFactory(
        name="WGEC meeting", starts_on=dt.date(2017, 1, 26), ends_on=dt.date(2017, 1, 27)
    )
    meeting = MeetingFactory()
    payload = {
        "process": process.pk,
        "working_group": "CCWG-IG",
        "requested_on": "2016-11-15",
        "requested_on_precision": "month",
        "requested_by": "GE",
        "for_event": event.pk,
        "channel": "mailing_list",
        "summary": "Input on enhanced cooperation",
        "outcome": "ICANN submitted.",
        "discussed_at": [meeting.pk],
        "links": LINKS[:1],
    }
    created = staff_api.post(INPUTS, payload)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["url"].endswith(f"/api/v1/process-inputs/{body['id']}/")
    assert body["discussed_at"] == [meeting.pk] and body["links"] == LINKS[:1]
    ProcessInputFactory(
        process=process,
        working_group=WorkingGroupFactory(acronym="CCWG-X"),
        requested_on=dt.date(2016, 3, 1),
    )

    def ids(query: str) -> list[int]:
        response = member_api.get(f"{INPUTS}?{query}")
        assert response.status_code == 200, response.content
        return [i["id"] for i in response.json()["results"]]

    # Sought in November 2016 for a January 2017 meeting: belongs to both years.
    assert ids("working_group=CCWG-IG&year=2017") == [body["id"]]
    assert ids("working_group=CCWG-IG&year=2016") == [body["id"]]
    assert ids("working_group=CCWG-X") != [body["id"]]
    assert ids("year=2015") == []
    assert_field_error(member_api.get(f"{INPUTS}?working_group=NOPE"), "working_group")

    updated = staff_api.patch(body["url"], {"channel": "teleconference", "discussed_at": []})
    assert updated.json()["channel"] == "teleconference" and updated.json()["discussed_at"] == []
    assert staff_api.delete(body["url"]).status_code == 204
    assert ProcessInput.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"process": None}, "process"),
        ({"process": 999999}, "process"),
        ({"process": "WGEC"}, "process"),
        ({"working_group": "NOPE"}, "working_group"),
        ({"requested_by": "NOPE"}, "requested_by"),
        ({"channel": "pigeon"}, "channel"),
        ({"summary": ""}, "summary"),
        ({"requested_on": "2017-02-29"}, "requested_on"),
        ({"discussed_at": [999999]}, "discussed_at"),
    ],
)
def test_process_input_bad_input(staff_api, context, change, field):
    process = ExternalProcessFactory()
    payload = {
        "process": process.pk,
        "working_group": "CCWG-IG",
        "requested_on": "2017-06-01",
        "summary": "OTT",
    }
    assert_field_error(staff_api.post(INPUTS, {**payload, **change}), field)


# --- Threats -------------------------------------------------------------------------------------


def test_threat_crud_and_filter(staff_api, member_api, context):
    process = ExternalProcessFactory(name="PP-18 preparations")
    event = ExternalEventFactory(
        name="PP-18", starts_on=dt.date(2018, 10, 29), ends_on=dt.date(2018, 11, 16)
    )
    payload = {
        "working_group": "CCWG-IG",
        "title": "ITU role in names and numbers",
        "description": "Proposals to extend the ITU mandate.",
        "identified_on": "2017-10-11",
        "processes": [process.pk],
        "next_milestone": "ITU Plenipotentiary Conference",
        "next_milestone_on": "2018-10-29",
        "next_milestone_event": event.pk,
    }
    created = staff_api.post(THREATS, payload)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["processes"] == [process.pk] and body["next_milestone_event"] == event.pk
    ThreatFactory(working_group=WorkingGroupFactory(acronym="CCWG-X"))
    listed = member_api.get(f"{THREATS}?working_group=CCWG-IG").json()
    assert [t["id"] for t in listed["results"]] == [body["id"]]
    assert staff_api.put(body["url"], dict(payload, processes=[])).json()["processes"] == []
    assert staff_api.delete(body["url"]).status_code == 204
    assert Threat.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"identified_on": None}, "identified_on"),
        ({"processes": [999999]}, "processes"),
        ({"processes": "all"}, "processes"),
        ({"working_group": "NOPE"}, "working_group"),
        ({"next_milestone_on": "soon"}, "next_milestone_on"),
    ],
)
def test_threat_bad_input(staff_api, context, change, field):
    payload = {"working_group": "CCWG-IG", "title": "T", "identified_on": "2017-10-11"}
    assert_field_error(staff_api.post(THREATS, {**payload, **change}), field)


# --- Query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [EVENTS, PROCESSES, INPUTS, THREATS])
def test_list_queries_do_not_grow_with_the_page(member_api, context, url):
    def add(n: int) -> None:
        for _ in range(n):
            process = ExternalProcessFactory(body=OrganizationFactory())
            ExternalProcessLinkFactory(process=process)
            event = ExternalEventFactory(organizer=OrganizationFactory(), process=process)
            ExternalEventLinkFactory(event=event)
            made = ProcessInputFactory(
                process=process, requested_by=OrganizationFactory(), for_event=event
            )
            made.discussed_at.add(MeetingFactory())
            ProcessInputLinkFactory(process_input=made)
            threat = ThreatFactory(next_milestone_event=event)
            threat.processes.add(process)

    add(1)
    few = queries_for(member_api, url)
    add(5)
    assert queries_for(member_api, url) == few
