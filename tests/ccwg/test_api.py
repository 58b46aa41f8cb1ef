"""API of working groups, organizations and charterships."""

from __future__ import annotations

import datetime as dt

import pytest

from ccwg.core.models import Chartership, Organization, WorkingGroup
from tests.api_helpers import assert_field_error, queries_for
from tests.factories import (
    AdvisoryCommitteeFactory,
    ChartershipFactory,
    IcannMeetingFactory,
    MeetingFactory,
    OrganizationFactory,
    SupportingOrganizationFactory,
    WithdrawnChartershipFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

GROUPS = "/api/v1/working-groups/"
ORGS = "/api/v1/organizations/"
CHARTERSHIPS = "/api/v1/charterships/"


# --- Working groups -----------------------------------------------------------------------


def test_working_group_crud_by_acronym(staff_api):
    created = staff_api.post(
        GROUPS,
        {
            "acronym": "CCWG-IG",
            "name": "Cross Community Working Group on Internet Governance",
            "kind": "ccwg",
            "established_on": "2014-03-01",
            "description": "Follows IG processes.",
            "resources_note": "About 0.2 FTE.",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["id"] and body["url"].endswith("/api/v1/working-groups/CCWG-IG/")
    assert body["established_on"] == "2014-03-01"

    detail = staff_api.get(f"{GROUPS}CCWG-IG/")
    assert detail.status_code == 200
    assert detail.json() == body

    staff_api.post(GROUPS, {"acronym": "CCEG-IG", "name": "Engagement group"})
    put = dict(body, name="Renamed", successor="CCEG-IG")
    updated = staff_api.put(f"{GROUPS}CCWG-IG/", put)
    assert updated.status_code == 200, updated.content
    assert updated.json()["successor"] == "CCEG-IG"
    assert WorkingGroup.objects.get(acronym="CCWG-IG").successor.acronym == "CCEG-IG"

    patched = staff_api.patch(f"{GROUPS}CCWG-IG/", {"closed_on": "2018-03-15"})
    assert patched.json()["closed_on"] == "2018-03-15"
    assert patched.json()["name"] == "Renamed"

    assert staff_api.delete(f"{GROUPS}CCWG-IG/").status_code == 204
    assert staff_api.get(f"{GROUPS}CCWG-IG/").status_code == 404


def test_acronym_with_dots_and_hyphens_in_detail_url(staff_api):
    WorkingGroupFactory(acronym="WG.I-2")
    OrganizationFactory(acronym="I.T.U")
    assert staff_api.get(f"{GROUPS}WG.I-2/").json()["acronym"] == "WG.I-2"
    assert staff_api.get(f"{ORGS}I.T.U/").json()["acronym"] == "I.T.U"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "No acronym"}, "acronym"),
        ({"acronym": "X"}, "name"),
        ({"acronym": "has space", "name": "n"}, "acronym"),
        ({"acronym": "X", "name": "n", "kind": "club"}, "kind"),
        ({"acronym": "X", "name": "n", "established_on": "2014-13-01"}, "established_on"),
        ({"acronym": "X", "name": "n", "established_on": "1 March 2014"}, "established_on"),
        ({"acronym": "X", "name": ["a", "list"]}, "name"),
        ({"acronym": "X", "name": "n", "successor": "NOPE"}, "successor"),
        ({"acronym": "X", "name": "n", "successor": 12}, "successor"),
        (
            {
                "acronym": "X",
                "name": "n",
                "established_on": "2015-01-01",
                "closed_on": "2014-01-01",
            },
            "closed_on",
        ),
    ],
)
def test_working_group_bad_input_names_the_field(staff_api, payload, field):
    assert_field_error(staff_api.post(GROUPS, payload), field)
    assert not WorkingGroup.objects.exists()


def test_duplicate_acronym_is_400(staff_api):
    WorkingGroupFactory(acronym="CCWG-IG")
    messages = assert_field_error(
        staff_api.post(GROUPS, {"acronym": "CCWG-IG", "name": "Again"}), "acronym"
    )
    assert "exists" in messages[0]


def test_group_cannot_be_its_own_successor(staff_api):
    WorkingGroupFactory(acronym="CCWG-IG")
    assert_field_error(staff_api.patch(f"{GROUPS}CCWG-IG/", {"successor": "CCWG-IG"}), "successor")


def test_malformed_and_non_object_json_is_400(staff_api):
    response = staff_api.generic(
        "POST", GROUPS, '{"acronym": "X",', content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["non_field_errors"][0]
    response = staff_api.post(GROUPS, ["not", "an", "object"])
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    deep = "[" * 100_000 + "]" * 100_000
    response = staff_api.generic("POST", GROUPS, deep, content_type="application/json")
    assert response.status_code == 400


def test_form_data_is_unsupported_media_type(staff_api):
    response = staff_api.post(GROUPS, {"acronym": "X", "name": "n"}, format="multipart")
    assert response.status_code == 415


def test_deleting_a_group_with_meetings_is_a_409(staff_api):
    MeetingFactory(working_group=WorkingGroupFactory(acronym="CCWG-IG"))
    response = staff_api.delete(f"{GROUPS}CCWG-IG/")
    assert response.status_code == 409
    assert "meetings" in response.json()["detail"]
    assert WorkingGroup.objects.filter(acronym="CCWG-IG").exists()


# --- Organizations --------------------------------------------------------------------------


def test_organization_crud_and_kind_filter(staff_api, member_api):
    for acronym, kind in [("GNSO", "so"), ("ALAC", "ac"), ("BWG-IG", "icann"), ("ITU", "external")]:
        response = staff_api.post(ORGS, {"acronym": acronym, "name": acronym, "kind": kind})
        assert response.status_code == 201, response.content
    listed = member_api.get(f"{ORGS}?kind=external").json()
    assert [o["acronym"] for o in listed["results"]] == ["ITU"]
    assert member_api.get(ORGS).json()["count"] == 4
    assert_field_error(member_api.get(f"{ORGS}?kind=club"), "kind")

    updated = staff_api.patch(f"{ORGS}ITU/", {"website": "https://www.itu.int/"})
    assert updated.json()["website"] == "https://www.itu.int/"
    assert updated.json()["url"].endswith("/api/v1/organizations/ITU/")
    assert staff_api.delete(f"{ORGS}ITU/").status_code == 204
    assert not Organization.objects.filter(acronym="ITU").exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"acronym": "X", "name": "n"}, "kind"),
        ({"acronym": "X", "name": "n", "kind": "club"}, "kind"),
        ({"acronym": "X", "name": "n", "kind": "so", "website": "not a url"}, "website"),
        ({"acronym": "", "name": "n", "kind": "so"}, "acronym"),
        ({"acronym": "X" * 41, "name": "n", "kind": "so"}, "acronym"),
    ],
)
def test_organization_bad_input(staff_api, payload, field):
    assert_field_error(staff_api.post(ORGS, payload), field)


def test_deleting_an_organization_that_charters_is_a_409(staff_api):
    ChartershipFactory(organization=OrganizationFactory(acronym="ccNSO"))
    assert staff_api.delete(f"{ORGS}ccNSO/").status_code == 409


# --- Charterships ---------------------------------------------------------------------------


@pytest.fixture
def chartering(db):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    other = WorkingGroupFactory(acronym="CCWG-X")
    gnso = SupportingOrganizationFactory(acronym="GNSO")
    ccnso = SupportingOrganizationFactory(acronym="ccNSO")
    alac = AdvisoryCommitteeFactory(acronym="ALAC")
    return group, other, gnso, ccnso, alac


def test_chartership_crud(staff_api, chartering):
    icann61 = IcannMeetingFactory(
        number=61, starts_on=dt.date(2018, 3, 10), ends_on=dt.date(2018, 3, 15)
    )
    created = staff_api.post(
        CHARTERSHIPS,
        {
            "working_group": "CCWG-IG",
            "organization": "GNSO",
            "joined_on": "2014-06-26",
            "note": "Founding member.",
        },
    )
    assert created.status_code == 201, created.content
    url = created.json()["url"]
    assert url.endswith(f"/api/v1/charterships/{created.json()['id']}/")
    updated = staff_api.patch(
        url,
        {
            "withdrawal_decided_on": "2017-08-24",
            "withdrawal_decided_precision": "day",
            "withdrawal_effective_before": 61,
        },
    )
    assert updated.status_code == 200, updated.content
    assert updated.json()["withdrawal_effective_before"] == 61
    assert updated.json()["effective_end"] == icann61.starts_on.isoformat()
    assert staff_api.get(url).json() == updated.json()
    assert staff_api.delete(url).status_code == 204
    assert not Chartership.objects.exists()


def test_chartership_filters(member_api, chartering):
    group, other, gnso, ccnso, alac = chartering
    WithdrawnChartershipFactory(
        working_group=group,
        organization=gnso,
        joined_on=dt.date(2014, 6, 1),
        withdrew_on=dt.date(2018, 3, 10),
    )
    ChartershipFactory(working_group=group, organization=ccnso, joined_on=dt.date(2015, 1, 1))
    ChartershipFactory(working_group=other, organization=alac, joined_on=dt.date(2016, 1, 1))

    def orgs(query: str) -> list[str]:
        response = member_api.get(f"{CHARTERSHIPS}?{query}")
        assert response.status_code == 200, response.content
        return sorted(c["organization"] for c in response.json()["results"])

    assert orgs("working_group=CCWG-IG") == ["GNSO", "ccNSO"]
    assert orgs("organization=ALAC") == ["ALAC"]
    assert orgs("working_group=CCWG-IG&active_on=2014-12-31") == ["GNSO"]
    assert orgs("working_group=CCWG-IG&active_on=2018-03-10") == ["ccNSO"]
    assert orgs("active_on=2017-06-01") == ["ALAC", "GNSO", "ccNSO"]
    assert_field_error(member_api.get(f"{CHARTERSHIPS}?active_on=2017-02-30"), "active_on")
    assert_field_error(member_api.get(f"{CHARTERSHIPS}?working_group=NOPE"), "working_group")
    assert_field_error(member_api.get(f"{CHARTERSHIPS}?organization=NOPE"), "organization")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"working_group": "CCWG-IG", "organization": "NOPE"}, "organization"),
        ({"working_group": "NOPE", "organization": "GNSO"}, "working_group"),
        ({"organization": "GNSO"}, "working_group"),
        (
            {
                "working_group": "CCWG-IG",
                "organization": "GNSO",
                "joined_on": "2015-01-01",
                "withdrew_on": "2014-01-01",
            },
            "withdrew_on",
        ),
        (
            {
                "working_group": "CCWG-IG",
                "organization": "GNSO",
                "joined_on": "2015-01-01",
                "withdrawal_decided_on": "2014-01-01",
            },
            "withdrawal_decided_on",
        ),
        (
            {
                "working_group": "CCWG-IG",
                "organization": "GNSO",
                "withdrawal_effective_before": 999,
            },
            "withdrawal_effective_before",
        ),
        (
            {"working_group": "CCWG-IG", "organization": "GNSO", "joined_on": "yesterday"},
            "joined_on",
        ),
    ],
)
def test_chartership_bad_input(staff_api, chartering, payload, field):
    assert_field_error(staff_api.post(CHARTERSHIPS, payload), field)


def test_overlapping_and_duplicate_charterships_are_400(staff_api, chartering):
    group, _, gnso, *_ = chartering
    ChartershipFactory(working_group=group, organization=gnso, joined_on=dt.date(2014, 1, 1))
    same_start = {"working_group": "CCWG-IG", "organization": "GNSO", "joined_on": "2014-01-01"}
    response = staff_api.post(CHARTERSHIPS, same_start)
    assert response.status_code == 400
    assert "joined_on" in response.json()
    overlapping = {"working_group": "CCWG-IG", "organization": "GNSO", "joined_on": "2016-01-01"}
    assert_field_error(staff_api.post(CHARTERSHIPS, overlapping), "joined_on")
    assert Chartership.objects.count() == 1


# --- Pagination and query counts --------------------------------------------------------------


def test_pagination_shape_and_page_size(member_api):
    Organization.objects.bulk_create(
        Organization(acronym=f"ORG{n:03}", name=f"Org {n}", kind="so") for n in range(205)
    )
    first = member_api.get(f"{ORGS}?page_size=2").json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 205 and len(first["results"]) == 2
    assert first["previous"] is None and "page=2" in first["next"]
    assert len(member_api.get(ORGS).json()["results"]) == 50
    assert len(member_api.get(f"{ORGS}?page_size=200").json()["results"]) == 200
    assert len(member_api.get(f"{ORGS}?page_size=1000").json()["results"]) == 200
    assert member_api.get(f"{ORGS}?page=99").status_code == 404


@pytest.mark.parametrize("url", [GROUPS, ORGS, CHARTERSHIPS])
def test_list_queries_do_not_grow_with_the_page(member_api, url):
    def add(n: int) -> None:
        for _ in range(n):
            group = WorkingGroupFactory(successor=WorkingGroupFactory())
            ChartershipFactory(working_group=group, organization=OrganizationFactory())

    add(1)
    few = queries_for(member_api, url)
    add(6)
    assert queries_for(member_api, url) == few


def test_people_crud_and_search(staff_api, member_api):
    created = staff_api.post(
        "/api/v1/people/",
        {"full_name": "Peter Major", "honorific": "Dr", "affiliation": "Government of Hungary"},
    )
    assert created.status_code == 201, created.content
    url = created.json()["url"]
    staff_api.post("/api/v1/people/", {"full_name": "Olga Cavalli"})
    found = member_api.get("/api/v1/people/?search=hungary").json()
    assert [p["full_name"] for p in found["results"]] == ["Peter Major"]
    assert staff_api.patch(url, {"title": "Special Advisor"}).json()["title"] == "Special Advisor"
    assert_field_error(staff_api.patch(url, {"email": "not an email"}), "email")
    assert_field_error(staff_api.post("/api/v1/people/", {"full_name": ""}), "full_name")
    assert member_api.delete(url).status_code == 403
    assert staff_api.delete(url).status_code == 204


def test_a_database_rule_validation_missed_is_still_a_400(staff_api, chartering, monkeypatch):
    """Last resort: an IntegrityError (e.g. a race between two clients) answers 400."""
    group, _, gnso, *_ = chartering
    ChartershipFactory(working_group=group, organization=gnso, joined_on=dt.date(2014, 1, 1))
    monkeypatch.setattr(
        "ccwg.rest.serializers.raise_model_errors", lambda instance, exclude=None: None
    )
    response = staff_api.post(
        CHARTERSHIPS,
        {"working_group": "CCWG-IG", "organization": "GNSO", "joined_on": "2014-01-01"},
    )
    assert_field_error(response, "non_field_errors")
    assert staff_api.get(CHARTERSHIPS).json()["count"] == 1


def test_service_validation_errors_become_400s(rf):
    from django.core.exceptions import ValidationError

    from ccwg.rest.errors import exception_handler

    response = exception_handler(ValidationError({"__all__": ["Whole"], "title": ["Bad"]}), {})
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Whole"], "title": ["Bad"]}
    response = exception_handler(ValidationError("Plain"), {})
    assert response.data == {"non_field_errors": ["Plain"]}


def test_writes_record_history_with_the_token_user_and_only_on_change(staff_api, staff):
    created = staff_api.post(GROUPS, {"acronym": "CCWG-IG", "name": "Group"}).json()
    group = WorkingGroup.objects.get(acronym="CCWG-IG")
    assert group.history.count() == 1
    assert group.history.first().history_user == staff
    assert staff_api.put(created["url"], created).status_code == 200
    assert group.history.count() == 1
    assert staff_api.patch(created["url"], {"name": "Renamed"}).status_code == 200
    assert group.history.count() == 2
