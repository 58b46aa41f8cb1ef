"""The OpenAPI schema tells the whole truth (issue 12), and the server does what it says:
every status each operation can answer, with its body; constraints of filters, pagination,
links and natural keys; rules across fields in the descriptions; values only in their
documented JSON type; a JSON 404 for unmatched API paths."""

from __future__ import annotations

import pytest

from meetings.models import Meeting
from tests.api_helpers import assert_field_error
from tests.factories import (
    IcannMeetingFactory,
    MeetingFactory,
    OrganizationFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

FIELD_ERRORS = {"$ref": "#/components/schemas/FieldErrors"}
DETAIL = {"$ref": "#/components/schemas/Detail"}


@pytest.fixture
def schema(anon_api) -> dict:
    return anon_api.get("/api/schema/").json()


def _operations(schema: dict):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation


def _body(answer: dict) -> dict:
    return answer["content"]["application/json"]["schema"]


def test_every_operation_documents_every_status_it_can_answer(schema):
    seen = 0
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        statuses = set(responses)
        label = f"{method.upper()} {path}"
        assert {"401", "406", "429"} <= statuses, label
        assert "Retry-After" in responses["429"]["headers"], label
        detail = "{" in path
        if method != "get":
            assert {"400", "403"} <= statuses, label
            assert _body(responses["400"]) == FIELD_ERRORS, label
            assert _body(responses["403"]) == DETAIL, label
        if method in ("post", "put", "patch"):
            assert "415" in statuses, label
        if detail:
            assert _body(responses["404"]) == DETAIL, label
        if method == "get" and not detail:
            # Filters and pagination: 400 for an invalid value, 404 past the last page.
            assert {"400", "404"} <= statuses, label
        if method == "delete":
            assert {"409", "412"} <= statuses, label
        if method in ("put", "patch") and not path.endswith(("publish/", "new-version/")):
            assert "412" in statuses, label
        if method == "get" and detail:
            assert "304" in statuses, label
        seen += 1
    assert seen >= 60
    errors = schema["components"]["schemas"]["FieldErrors"]
    assert errors["additionalProperties"] == {"type": "array", "items": {"type": "string"}}


def _parameters(schema: dict, path: str) -> dict[str, dict]:
    return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}


def test_filters_and_pagination_are_documented_with_types_and_the_400s(schema):
    meetings = _parameters(schema, "/api/v1/meetings/")
    assert meetings["working_group"]["schema"]["type"] == "string"
    assert "unknown acronym answers 400" in meetings["working_group"]["description"]
    assert meetings["year"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 9999}
    assert meetings["after"]["schema"]["format"] == "date"
    assert meetings["search"]["schema"]["maxLength"] == 200
    assert "Another value answers 400" in meetings["kind"]["description"]
    assert meetings["kind"]["allowEmptyValue"] is True
    assert meetings["page"]["schema"] == {"type": "integer", "minimum": 1}
    assert meetings["page_size"]["schema"] == {"type": "integer", "minimum": 1}
    inputs = _parameters(schema, "/api/v1/process-inputs/")
    assert "unknown id answers 400" in inputs["process"]["description"]


def test_fields_carry_their_constraints_and_the_rules_across_fields(schema):
    components = schema["components"]["schemas"]
    meeting = components["Meeting"]["properties"]
    assert "cannot be lower than the members present" in meeting["total_present"]["description"]
    assert "not both" in meeting["external_event"]["description"]
    assert (
        "Unique among working groups"
        in components["WorkingGroup"]["properties"]["acronym"]["description"]
    )
    assert meeting["total_present"]["minimum"] == 0
    assert meeting["working_group"]["minLength"] == 1
    assert "unknown acronym answers 400" in meeting["working_group"]["description"]
    assert meeting["icann_meeting"]["type"] == "integer"
    link = components["Link"]["properties"]["url"]["oneOf"][0]
    assert link == {"type": "string", "format": "uri", "pattern": "^(https?|mailto):", **link}
    assert components["Organization"]["properties"]["acronym"]["maxLength"] == 40


def test_values_are_taken_only_in_their_documented_type(staff_api):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    assert_field_error(
        staff_api.post("/api/v1/organizations/", {"acronym": "X", "name": 0, "kind": "so"}),
        "name",
    )
    assert_field_error(
        staff_api.post("/api/v1/reports/", {"working_group": "CCWG-IG", "year": "2017"}), "year"
    )
    meeting = MeetingFactory(working_group=group)
    url = f"/api/v1/meetings/{meeting.pk}/"
    assert_field_error(staff_api.patch(url, {"attendance_complete": "yes"}), "attendance_complete")
    assert_field_error(staff_api.patch(url, {"working_group": 5}), "working_group")
    IcannMeetingFactory(number=58)
    assert_field_error(staff_api.patch(url, {"icann_meeting": "58"}), "icann_meeting")
    assert_field_error(staff_api.patch(url, {"outcomes": ["fine", 7]}), "outcomes")
    assert staff_api.patch(url, {"icann_meeting": 58}).json()["icann_meeting"] == 58
    assert Meeting.objects.get(pk=meeting.pk).icann_meeting.number == 58


@pytest.mark.parametrize(
    "link", ["ftp://example.org/x", "javascript:alert(1)", "data:text/html,hi", "example.org"]
)
def test_links_accept_only_http_and_mailto(staff_api, link):
    response = staff_api.post(
        "/api/v1/organizations/", {"acronym": "X", "name": "X", "kind": "so", "website": link}
    )
    assert "web link" in assert_field_error(response, "website")[0]


def test_https_links_are_accepted(staff_api):
    response = staff_api.post(
        "/api/v1/organizations/",
        {"acronym": "X", "name": "X", "kind": "so", "website": "https://example.org/x"},
    )
    assert response.status_code == 201, response.content


def test_pagination_parameters_are_checked(member_api):
    OrganizationFactory()
    for query in ("page=0", "page=abc", "page=last", "page_size=0", "page_size=x", "page_size="):
        name = query.split("=")[0]
        assert_field_error(member_api.get(f"/api/v1/organizations/?{query}"), name)
    past = member_api.get("/api/v1/organizations/?page=9")
    assert past.status_code == 404 and "detail" in past.json()
    assert member_api.get("/api/v1/organizations/?page_size=1000").status_code == 200


def test_unknown_acronym_filter_is_a_400_naming_it(member_api):
    assert_field_error(member_api.get("/api/v1/meetings/?working_group=NOPE"), "working_group")
    assert member_api.get("/api/v1/meetings/?working_group=").status_code == 200


def test_format_filter_of_icann_meetings_is_the_filter(member_api):
    IcannMeetingFactory(number=58, format="A")
    IcannMeetingFactory(number=59, format="B")
    response = member_api.get("/api/v1/icann-meetings/?format=A")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [m["number"] for m in results] == [58]
    assert results[0]["url"].endswith("/api/v1/icann-meetings/58/")
    assert_field_error(member_api.get("/api/v1/icann-meetings/?format=json"), "format")


def test_unmatched_api_paths_answer_a_json_404(member_api):
    for path in ("/api/v1/meetings//", "/api/v1/no-such-thing/", "/api/nothing"):
        response = member_api.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Not found."}
    assert member_api.get("/api/v1/meetings").status_code == 301


def test_a_body_that_is_not_json_answers_400_in_the_field_shape(staff_api):
    response = staff_api.generic(
        "POST", "/api/v1/organizations/", "{", content_type="application/json"
    )
    assert "JSON parse error" in assert_field_error(response, "non_field_errors")[0]


def test_a_key_no_record_can_have_is_not_found(member_api):
    for path in ("/api/v1/working-groups/a%00b/", "/api/v1/organizations/%00/"):
        response = member_api.get(path)
        assert response.status_code == 404, path
        assert "detail" in response.json()
