"""Concurrent writes through the API: ETag on detail answers, If-Match on PUT, PATCH and
DELETE (412 when stale, nothing changed), If-None-Match on GET (304)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from ccwg.rest import concurrency
from ccwg.rest.concurrency import etag_of, if_match_allows, if_none_match_hits
from tests import factories


@dataclass(frozen=True)
class Resource:
    basename: str
    make: Callable
    lookup: str
    change: dict

    def url(self, record) -> str:
        value = getattr(record, self.lookup)
        return reverse(f"{self.basename}-detail", kwargs={self.lookup: value})


RESOURCES = [
    Resource("api-working-group", factories.WorkingGroupFactory, "acronym", {"description": "New"}),
    Resource("api-organization", factories.OrganizationFactory, "acronym", {"name": "Renamed"}),
    Resource("api-chartership", factories.ChartershipFactory, "pk", {"note": "Changed"}),
    Resource("api-icann-meeting", factories.IcannMeetingFactory, "number", {"city": "Panama"}),
    Resource("api-person", factories.PersonFactory, "pk", {"title": "Chair"}),
    Resource("api-meeting", factories.MeetingFactory, "pk", {"notes": "Minutes"}),
    Resource("api-external-event", factories.ExternalEventFactory, "pk", {"location": "Paris"}),
    Resource(
        "api-external-process", factories.ExternalProcessFactory, "pk", {"description": "New"}
    ),
    Resource("api-process-input", factories.ProcessInputFactory, "pk", {"outcome": "Sent"}),
    Resource("api-threat", factories.ThreatFactory, "pk", {"description": "Grave"}),
    Resource("api-report", factories.AnnualReportFactory, "pk", {"introduction": "Hello"}),
]
IDS = [resource.basename.removeprefix("api-") for resource in RESOURCES]


def etag(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response["ETag"]


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_detail_answers_carry_a_stable_strong_etag(resource, staff_api):
    url = resource.url(resource.make())
    first = staff_api.get(url)
    assert first["ETag"].startswith('"') and first["ETag"].endswith('"')
    assert first["ETag"] == etag_of(first.json())
    assert staff_api.get(url)["ETag"] == first["ETag"]
    not_modified = staff_api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == first["ETag"]
    assert not_modified.content == b""
    assert staff_api.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_a_stale_if_match_answers_412_and_changes_nothing(resource, staff_api):
    url = resource.url(resource.make())
    before = staff_api.get(url)
    for method in (staff_api.patch, staff_api.put):
        body = {**before.json(), **resource.change} if method == staff_api.put else resource.change
        response = method(url, body, format="json", HTTP_IF_MATCH='"stale"')
        assert response.status_code == 412, response.content
        assert "ETag" in response.json()["detail"]
    deleted = staff_api.delete(url, HTTP_IF_MATCH='"stale"')
    assert deleted.status_code == 412
    after = staff_api.get(url)
    assert after.json() == before.json()
    assert after["ETag"] == before["ETag"]


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_a_current_if_match_writes_and_the_old_etag_is_then_refused(resource, staff_api):
    url = resource.url(resource.make())
    old = etag(staff_api, url)
    changed = staff_api.patch(url, resource.change, format="json", HTTP_IF_MATCH=old)
    assert changed.status_code == 200, changed.content
    new = changed["ETag"]
    assert new != old
    assert etag(staff_api, url) == new  # the answer's tag is the record's tag
    # a second client still holding the old tag cannot overwrite the change
    lost = staff_api.patch(url, resource.change, format="json", HTTP_IF_MATCH=old)
    assert lost.status_code == 412
    assert staff_api.delete(url, HTTP_IF_MATCH=old).status_code == 412
    assert staff_api.delete(url, HTTP_IF_MATCH=f'"x", {new}').status_code == 204


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_writes_without_if_match_proceed_and_created_records_are_tagged(resource, staff_api):
    record = resource.make()
    url = resource.url(record)
    response = staff_api.patch(url, resource.change, format="json")
    assert response.status_code == 200, response.content
    assert response["ETag"] == etag(staff_api, url)


def test_create_answers_with_the_etag_of_what_it_created(staff_api):
    response = staff_api.post(
        reverse("api-organization-list"),
        {"acronym": "SSAC", "name": "Security and Stability Advisory Committee", "kind": "ac"},
        format="json",
    )
    assert response.status_code == 201
    assert response["ETag"] == etag(staff_api, response.json()["url"])


def test_a_change_to_a_nested_part_changes_the_meeting_etag(staff_api):
    url = RESOURCES[IDS.index("meeting")].url(factories.MeetingFactory())
    old = etag(staff_api, url)
    agenda = [{"title": "Policy Topics", "children": [{"title": "IGF consultation"}]}]
    assert staff_api.patch(url, {"agenda": agenda}, format="json").status_code == 200
    new = etag(staff_api, url)
    assert new != old
    agenda[0]["children"][0]["title"] = "IGF 2017 consultation"
    stale = staff_api.patch(url, {"agenda": agenda}, format="json", HTTP_IF_MATCH=old)
    assert stale.status_code == 412
    assert (
        staff_api.patch(url, {"agenda": agenda}, format="json", HTTP_IF_MATCH=new).status_code
        == 200
    )


def test_members_cannot_write_even_with_a_current_etag(member_api):
    url = RESOURCES[0].url(factories.WorkingGroupFactory())
    current = etag(member_api, url)
    assert member_api.patch(url, {"description": "x"}, HTTP_IF_MATCH=current).status_code == 403


@pytest.mark.parametrize(
    ("header", "allowed"),
    [
        ('"abc"', True),
        ('"x", "abc"', True),
        ("*", True),
        ('W/"abc"', False),  # If-Match compares strongly
        ('"abcd"', False),
        ("", False),
    ],
)
def test_if_match_parsing(header, allowed):
    assert if_match_allows(header, '"abc"') is allowed


@pytest.mark.parametrize(
    ("header", "hit"), [('W/"abc"', True), ('"abc"', True), ("*", True), ('"x"', False)]
)
def test_if_none_match_parsing(header, hit):
    assert if_none_match_hits(header, '"abc"') is hit


@pytest.mark.django_db(transaction=True)
def test_two_writers_holding_the_same_etag_exactly_one_wins(staff, monkeypatch):
    """The row lock makes the check and the write one step. On PostgreSQL two threads
    send their PATCH at once, the first pausing between its check and its write; the
    second waits for the lock, sees the new tag, and gets 412. SQLite has no row locks
    but serialises writers: there the two requests run one after the other."""
    record = factories.MeetingFactory()
    url = reverse("api-meeting-detail", kwargs={"pk": record.pk})
    reader = Client()
    reader.force_login(staff)
    tag = reader.get(url)["ETag"]

    original = concurrency.ConditionalWriteMixin.check_if_match

    def slow_check(self, request):
        original(self, request)
        time.sleep(0.3)  # widen the window between the check and the write

    monkeypatch.setattr(concurrency.ConditionalWriteMixin, "check_if_match", slow_check)
    statuses: list[int] = []

    def write(notes: str) -> None:
        client = Client()
        client.force_login(staff)
        response = client.patch(
            url, {"notes": notes}, content_type="application/json", HTTP_IF_MATCH=tag
        )
        statuses.append(response.status_code)

    def write_in_thread(notes: str) -> None:
        try:
            write(notes)
        finally:
            connections.close_all()  # this thread's own connection

    if connection.vendor == "postgresql":
        threads = [threading.Thread(target=write_in_thread, args=(f"writer {n}",)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    else:
        write("writer 1")
        write("writer 2")
    assert sorted(statuses) == [200, 412]
    record.refresh_from_db()
    assert record.notes in {"writer 1", "writer 2"}
