"""`OPTIONS` on every API route, for every role: a bounded answer (a recursive serializer,
the meetings' agenda, is described once and pointed to), in a bounded number of queries."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ccwg.core.models import Chartership, ExternalEvent, IcannMeeting, Organization, Person
from engagements.models import ExternalProcess, ProcessInput, Threat
from meetings.models import Meeting
from reports.models import AnnualReport
from tests.factories import MessageFactory

#: Queries one OPTIONS may take: authentication (token, sign-in lock-out), and for a detail
#: route the record that PUT would change, read as GET reads it (a meeting: itself, its
#: prefetched parts and the records they name). Bounded: a recursion would not be.
MAX_QUERIES = 20


def _api_routes() -> list[tuple[str, str]]:
    """(name, regex) of every route under /api/, from the URL configuration."""
    found: list[tuple[str, str]] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            regex = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, regex)
            elif isinstance(pattern, URLPattern) and regex.startswith("api/"):
                found.append((pattern.name or regex, regex))

    walk(get_resolver().url_patterns, "")
    return found


ROUTES = _api_routes()


def _path(regex: str, keys: dict[str, str]) -> str:
    """A concrete path of a route: its named groups filled from `keys`."""

    def fill(match: re.Match) -> str:
        return keys[match.group(1)]

    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", fill, regex)
    path = re.sub(r"<(?:\w+:)?(\w+)>", fill, path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


@pytest.fixture
def keys(sample_data, staff) -> dict[str, dict[str, str]]:
    """Path parameters per resource: an existing record of each kind (agenda trees included)."""
    meeting = Meeting.objects.filter(agenda_items__parent__isnull=False).first()
    report = AnnualReport.objects.first() or AnnualReport.objects.create(
        working_group=meeting.working_group, year=2017
    )
    person = Person.objects.first() or Person.objects.create(full_name="Olga Cavalli")
    return {
        "working-groups": {"acronym": meeting.working_group.acronym},
        "organizations": {"acronym": Organization.objects.first().acronym},
        "charterships": {"pk": str(Chartership.objects.first().pk)},
        "icann-meetings": {"number": str(IcannMeeting.objects.first().number)},
        "meetings": {"pk": str(meeting.pk)},
        "external-events": {"pk": str(ExternalEvent.objects.first().pk)},
        "external-processes": {"pk": str(ExternalProcess.objects.first().pk)},
        "process-inputs": {"pk": str(ProcessInput.objects.first().pk)},
        "threats": {"pk": str(Threat.objects.first().pk)},
        "reports": {"pk": str(report.pk), "key": "heading/1"},
        "people": {"pk": str(person.pk)},
        "messages": {"pk": str(MessageFactory(about=meeting).pk)},
    }


def _client(role: str, user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_every_api_route_is_covered():
    names = {name for name, _ in ROUTES}
    assert "api-meeting-list" in names and "api-meeting-detail" in names
    assert "api-report-publish" in names and "api-schema" in names
    assert len(ROUTES) >= 25


@pytest.mark.parametrize("role", ["staff", "member", "anonymous"])
def test_options_on_every_route_answers_within_a_bounded_number_of_queries(
    role, keys, staff, member, django_assert_max_num_queries
):
    user = {"staff": staff, "member": member, "anonymous": None}[role]
    client = _client(role, user)
    for _name, regex in ROUTES:
        resource = regex.replace("^", "").split("/")[2] if regex.startswith("api/v1/") else ""
        path = _path(regex, keys.get(resource, {}))
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.options(path)
        if regex.startswith("api/redoc/"):
            # The former Redoc page leads to the docs, whatever the method.
            assert response.status_code == 301, (path, response.status_code)
        elif role == "anonymous" and regex.startswith("api/v1/") and resource != "reports":
            # Anonymous clients read published reports only (and the schema and docs).
            assert response.status_code == 401, (path, response.status_code)
        elif role == "member" and "messages" in regex:
            # The mails the site sends are staff's only, their description too.
            assert response.status_code == 403, (path, response.status_code)
        else:
            assert response.status_code == 200, (path, response.status_code, response.content)
        if response.status_code == 200 and response.get("Content-Type", "").startswith(
            "application/json"
        ):
            assert "name" in response.json(), path


def test_options_describes_the_recursive_agenda_once_and_points_to_it(keys, staff):
    client = _client("staff", staff)
    for path in ("/api/v1/meetings/", f"/api/v1/meetings/{keys['meetings']['pk']}/"):
        response = client.options(path)
        assert response.status_code == 200
        actions = response.json()["actions"]
        agenda = actions["POST" if path.endswith("meetings/") else "PUT"]["agenda"]
        item = agenda["child"]["children"]
        assert item["title"] == {**item["title"], "type": "string", "required": True}
        assert item["links"]["child"]["children"]["kind"]["type"] == "choice"
        children = item["children"]
        assert children["type"] == "list"
        assert children["child"]["recursive"] is True
        assert children["child"]["same_as"] == "agenda.child"
        assert "children" not in children["child"]


def test_members_are_told_about_no_write_actions(keys, member):
    response = _client("member", member).options("/api/v1/meetings/")
    assert response.status_code == 200
    assert "actions" not in response.json()
