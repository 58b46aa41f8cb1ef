"""The API as a whole: OpenAPI schema and docs, the permission matrix, and a schemathesis
run over the schema (staff token, bounded examples) with every check but `ignored_auth`
(published reports are public by design) and `unsupported_method`, as `make fuzz` runs
them with a larger budget: no server errors, every answer documented and matching the
schema, what the schema refuses refused (schemathesis.toml says what OpenAPI cannot)."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import ignored_auth, unsupported_method

from tests.factories import (
    AnnualReportFactory,
    ChartershipFactory,
    ExternalEventFactory,
    ExternalProcessFactory,
    IcannMeetingFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    ProcessInputFactory,
    ThreatFactory,
    WorkingGroupFactory,
)

# --- Schema and docs ----------------------------------------------------------------------


def test_schema_served_as_openapi_3(anon_api, db):
    response = anon_api.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in [
        "/api/v1/working-groups/{acronym}/",
        "/api/v1/organizations/{acronym}/",
        "/api/v1/charterships/",
        "/api/v1/icann-meetings/{number}/",
        "/api/v1/meetings/{id}/",
        "/api/v1/external-events/",
        "/api/v1/external-processes/",
        "/api/v1/process-inputs/",
        "/api/v1/threats/",
        "/api/v1/reports/{id}/publish/",
    ]:
        assert path in schema["paths"], path
    assert anon_api.get("/api/schema/?format=yaml").content.startswith(b"openapi:")


def test_schema_validates_without_warnings(db):
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert "openapi: 3" in out.getvalue()


def test_docs_served_without_cdn(anon_api, db):
    response = anon_api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html and "unpkg" not in html
    assert "/static/drf_spectacular_sidecar/" in html
    asset = anon_api.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200


def test_browsable_api_renders_for_members_and_staff(member_client, staff_client, db):
    meeting = MeetingFactory()
    report = AnnualReportFactory(working_group=meeting.working_group)
    paths = [
        "/api/v1/",
        "/api/v1/meetings/",
        f"/api/v1/meetings/{meeting.pk}/",
        f"/api/v1/working-groups/{meeting.working_group.acronym}/",
        f"/api/v1/reports/{report.pk}/",
    ]
    for client in (member_client, staff_client):
        for path in paths:
            response = client.get(path, HTTP_ACCEPT="text/html")
            assert response.status_code == 200, path
            assert response["Content-Type"].startswith("text/html")


# --- Permission matrix ----------------------------------------------------------------------


@pytest.fixture
def records(db):
    """One record of each kind, and payloads that would create a new one."""
    group = WorkingGroupFactory(acronym="CCWG-IG")
    org = OrganizationFactory(acronym="ccNSO")
    icann = IcannMeetingFactory(number=58)
    chartership = ChartershipFactory(working_group=group, organization=org)
    meeting = MeetingFactory(working_group=group)
    event = ExternalEventFactory()
    process = ExternalProcessFactory()
    process_input = ProcessInputFactory(process=process, working_group=group)
    threat = ThreatFactory(working_group=group)
    draft = AnnualReportFactory(working_group=group, year=2017)
    published = AnnualReportFactory(
        working_group=group,
        year=2016,
        status="published",
        published_at=dt.datetime(2017, 1, 15, tzinfo=dt.UTC),
    )
    return {
        "working-groups": (
            f"{group.acronym}",
            {"acronym": "CCWG-X", "name": "Another group"},
        ),
        "organizations": (org.acronym, {"acronym": "GNSO", "name": "GNSO", "kind": "so"}),
        "charterships": (
            chartership.pk,
            {
                "working_group": "CCWG-IG",
                "organization": "ccNSO",
                "joined_on": "2010-01-01",
                "withdrew_on": "2011-01-01",
            },
        ),
        "icann-meetings": (
            icann.number,
            {
                "number": 59,
                "city": "Johannesburg",
                "starts_on": "2017-06-26",
                "ends_on": "2017-06-29",
                "format": "B",
            },
        ),
        "meetings": (
            meeting.pk,
            {
                "working_group": "CCWG-IG",
                "kind": "teleconference",
                "status": "held",
                "starts_at": "2017-05-01T14:00:00Z",
            },
        ),
        "external-events": (
            event.pk,
            {"name": "IGF 2017", "starts_on": "2017-12-18", "ends_on": "2017-12-21"},
        ),
        "external-processes": (process.pk, {"name": "CWG-Internet"}),
        "process-inputs": (
            process_input.pk,
            {
                "process": process.pk,
                "working_group": "CCWG-IG",
                "requested_on": "2017-06-01",
                "summary": "OTT consultation",
            },
        ),
        "threats": (
            threat.pk,
            {"working_group": "CCWG-IG", "title": "ITU mandate", "identified_on": "2017-10-11"},
        ),
        "reports": (draft.pk, {"working_group": "CCWG-IG", "year": 2018}),
        "people": (PersonFactory().pk, {"full_name": "Olga Cavalli"}),
        "_published_report": (published.pk, None),
    }


RESOURCES = [
    "working-groups",
    "organizations",
    "charterships",
    "icann-meetings",
    "meetings",
    "external-events",
    "external-processes",
    "process-inputs",
    "threats",
    "reports",
    "people",
]
METHODS = ["list", "retrieve", "create", "update", "partial_update", "destroy"]


def _request(client, resource: str, method: str, records: dict):
    key, payload = records[resource]
    base = f"/api/v1/{resource}/"
    detail = f"{base}{key}/"
    if method == "list":
        return client.get(base)
    if method == "retrieve":
        return client.get(detail)
    if method == "create":
        return client.post(base, payload, format="json")
    if method == "update":
        current = client.get(detail)
        body = current.json() if current.status_code == 200 else payload
        return client.put(detail, body, format="json")
    if method == "partial_update":
        return client.patch(detail, {}, format="json")
    return client.delete(detail)


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", METHODS)
def test_anonymous_gets_401_except_published_reports(anon_api, records, resource, method):
    response = _request(anon_api, resource, method, records)
    if resource == "reports" and method in ("list", "retrieve"):
        # The draft is hidden: not found, not "unauthorized".
        assert response.status_code == (200 if method == "list" else 404)
    else:
        assert response.status_code == 401, response.content
        assert response["WWW-Authenticate"] == "Token"


def test_anonymous_reads_published_reports_only(anon_api, records):
    published_pk = records["_published_report"][0]
    listed = anon_api.get("/api/v1/reports/").json()
    assert [r["id"] for r in listed["results"]] == [published_pk]
    assert anon_api.get(f"/api/v1/reports/{published_pk}/").status_code == 200
    assert anon_api.post(f"/api/v1/reports/{published_pk}/publish/").status_code == 401
    assert anon_api.post(f"/api/v1/reports/{published_pk}/new-version/").status_code == 401
    assert anon_api.get("/api/v1/").status_code == 401


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", METHODS)
def test_member_reads_everything_and_gets_403_on_writes(member_api, records, resource, method):
    response = _request(member_api, resource, method, records)
    if method in ("list", "retrieve"):
        assert response.status_code == 200, response.content
    else:
        assert response.status_code == 403, response.content


def test_member_sees_drafts_and_cannot_publish(member_api, records):
    draft_pk = records["reports"][0]
    assert member_api.get(f"/api/v1/reports/{draft_pk}/").json()["status"] == "draft"
    assert member_api.post(f"/api/v1/reports/{draft_pk}/publish/").status_code == 403
    published_pk = records["_published_report"][0]
    assert member_api.post(f"/api/v1/reports/{published_pk}/new-version/").status_code == 403


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", METHODS)
def test_staff_may_do_everything(staff_api, records, resource, method):
    response = _request(staff_api, resource, method, records)
    expected = {
        "list": 200,
        "retrieve": 200,
        "create": 201,
        "update": 200,
        "partial_update": 200,
        "destroy": 204,
    }[method]
    if method == "destroy" and resource in (
        "working-groups",
        "organizations",
        "external-processes",
    ):
        # Still referred to by the other records: a conflict, said so.
        expected = 409
    assert response.status_code == expected, response.content


def test_session_authentication_works(member_client, staff_client, records):
    assert member_client.get("/api/v1/meetings/").status_code == 200
    assert member_client.post("/api/v1/organizations/", {}).status_code == 403
    response = staff_client.post(
        "/api/v1/organizations/",
        {"acronym": "ALAC", "name": "At-Large", "kind": "ac"},
        content_type="application/json",
    )
    assert response.status_code == 201


def test_drf_create_token_command_makes_a_working_key(anon_api, member):
    call_command("drf_create_token", member.username, stdout=io.StringIO())
    key = Token.objects.get(user=member).key
    anon_api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert anon_api.get("/api/v1/working-groups/").status_code == 200
    anon_api.credentials(HTTP_AUTHORIZATION="Token not-a-key")
    assert anon_api.get("/api/v1/working-groups/").status_code == 401


# --- Schemathesis -----------------------------------------------------------------------------

#: Examples per operation and generation mode; keeps the whole run well under a minute.
#: Set API_FUZZ_EXAMPLES for a longer hunt.
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "12"))


#: The checks left out, as in `make fuzz`.
EXCLUDED_CHECKS = [ignored_auth, unsupported_method]


def _exercise(strategy, *, headers: dict) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        case.call_and_validate(headers=headers, excluded_checks=EXCLUDED_CHECKS)

    run()


@pytest.fixture
def api_schema(db):
    """The schema, loaded through the WSGI app, which runs in-process on the test database.

    As Django's test client does, keep the app from closing the database connection at
    the end of each request (it would end the test's transaction on PostgreSQL).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/schema/",
            get_wsgi_application(),
            config=SchemathesisConfig.from_path(django_settings.BASE_DIR / "schemathesis.toml"),
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.slow
def test_schemathesis_finds_no_server_errors_and_answers_match_schema(api_schema, records, staff):
    token = Token.objects.create(user=staff).key
    headers = {"Authorization": f"Token {token}"}
    existing = {
        "acronym": records["working-groups"][0],
        "number": records["icann-meetings"][0],
    }
    ids = {resource: key for resource, (key, _) in records.items()}
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 50
    for operation in operations:
        resource = operation.path.split("/")[3]
        fixed = dict(existing)
        if resource == "organizations":
            fixed["acronym"] = records["organizations"][0]
        if resource in ids:
            fixed["id"] = ids[resource]
        names = {p.name for p in operation.path_parameters}
        fixed = {k: v for k, v in fixed.items() if k in names}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategies = [operation.as_strategy(generation_mode=mode)]
            if fixed:
                strategies.append(
                    operation.as_strategy(generation_mode=mode, path_parameters=fixed)
                )
            try:
                _exercise(st.one_of(strategies), headers=headers)
            except Unsatisfiable:
                # Nothing invalid to send: e.g. a GET whose only input is a free-text key.
                continue
            except Exception as error:  # collect every operation's failure, then report
                failures.append(f"{operation.label} [{mode}]: {error}")
    assert not failures, "\n\n".join(failures)
