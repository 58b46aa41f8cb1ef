"""An outside client, with nothing but the OpenAPI schema and a staff token, enters a whole
year of a second group's records, publishes the report and downloads it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

API = "/api/v1/"


class Client:
    """A thin outside client: JSON in and out, fails loudly on anything unexpected."""

    def __init__(self, token: str):
        self.http = APIClient()
        self.http.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    def post(self, path: str, body: dict | None = None, expect: int = 201) -> dict:
        response = self.http.post(f"{API}{path}", body or {}, format="json")
        assert response.status_code == expect, (path, response.status_code, response.content)
        return response.json()

    def get(self, path: str) -> dict:
        response = self.http.get(f"{API}{path}")
        assert response.status_code == 200, (path, response.content)
        return response.json()


def _agenda(*titles: str) -> list[dict]:
    return [
        {"title": "Welcome and roll call", "notes": "", "children": []},
        {
            "title": "Policy topics",
            "notes": "",
            "children": [
                {
                    "title": title,
                    "notes": "",
                    "children": [
                        {"title": f"{title}: background page", "children": []},
                    ],
                }
                for title in titles
            ],
        },
        {"title": "AOB", "children": []},
    ]


@pytest.mark.slow
def test_a_second_group_year_entered_published_and_downloaded(staff):
    call_command("drf_create_token", staff.username, stdout=io.StringIO())
    api = Client(Token.objects.get(user=staff).key)

    # The group, its successor, and its chartering organizations.
    api.post(
        "working-groups/",
        {
            "acronym": "CCEG-IG",
            "name": "Cross Community Engagement Group on Internet Governance",
            "kind": "engagement_group",
        },
    )
    group = api.post(
        "working-groups/",
        {
            "acronym": "CCWG-AUX",
            "name": "Cross Community Working Group on Auxiliary Matters",
            "kind": "ccwg",
            "established_on": "2016-05-01",
            "description": "A second group.",
            "resources_note": "About 0.1 FTE of staff time.",
            "successor": "CCEG-IG",
        },
    )
    assert group["url"].endswith("/working-groups/CCWG-AUX/")
    for acronym, name, kind in [
        ("ccNSO", "Country Code Names Supporting Organization", "so"),
        ("GNSO", "Generic Names Supporting Organization", "so"),
        ("ALAC", "At-Large Advisory Committee", "ac"),
        ("GE", "ICANN Global Engagement", "icann"),
        ("ITU", "International Telecommunication Union", "external"),
        ("IGF-MAG", "IGF Multistakeholder Advisory Group", "external"),
    ]:
        api.post("organizations/", {"acronym": acronym, "name": name, "kind": kind})
    for number, city, starts, ends, fmt in [
        (61, "San Juan", "2018-03-10", "2018-03-15", "A"),
        (62, "Panama City", "2018-06-25", "2018-06-28", "B"),
        (63, "Barcelona", "2018-10-20", "2018-10-26", "C"),
    ]:
        api.post(
            "icann-meetings/",
            {"number": number, "city": city, "starts_on": starts, "ends_on": ends, "format": fmt},
        )
    api.post(
        "charterships/",
        {"working_group": "CCWG-AUX", "organization": "ccNSO", "joined_on": "2016-05-01"},
    )
    api.post(
        "charterships/",
        {"working_group": "CCWG-AUX", "organization": "ALAC", "joined_on": "2016-06-01"},
    )
    api.post(
        "charterships/",
        {
            "working_group": "CCWG-AUX",
            "organization": "GNSO",
            "joined_on": "2016-05-01",
            "withdrawal_decided_on": "2018-08-20",
            "withdrawal_effective_before": 63,
        },
    )
    active = api.get("charterships/?working_group=CCWG-AUX&active_on=2018-12-31")
    assert sorted(c["organization"] for c in active["results"]) == ["ALAC", "ccNSO"]

    # Events, processes, inputs and threats.
    wsis = api.post(
        "external-events/",
        {
            "name": "WSIS Forum 2018",
            "organizer": "ITU",
            "location": "Geneva",
            "starts_on": "2018-03-19",
            "ends_on": "2018-03-23",
            "url": "https://www.itu.int/net4/wsis/forum/2018/",
        },
    )
    igf = api.post(
        "external-events/",
        {
            "name": "IGF 2018",
            "organizer": "IGF-MAG",
            "location": "Paris",
            "starts_on": "2018-11-12",
            "ends_on": "2018-11-14",
        },
    )
    process = api.post(
        "external-processes/",
        {
            "name": "Council Working Group on Internet-related Public Policy Issues",
            "acronym": "CWG-Internet",
            "body": "ITU",
            "opens_on": "2018-01-01",
            "closes_on": "2018-09-30",
            "url": "https://www.itu.int/en/council/cwg-internet/",
            "links": [{"title": "Consultation", "url": "https://www.itu.int/c", "kind": "wiki"}],
        },
    )
    api.post(
        "process-inputs/",
        {
            "process": process["id"],
            "working_group": "CCWG-AUX",
            "requested_on": "2018-02-01",
            "requested_by": "GE",
            "channel": "mailing_list",
            "summary": "Input on the consultation",
            "outcome": "ICANN submitted a contribution.",
            "links": [
                {
                    "title": "ICANN submission",
                    "url": "https://www.icann.org/s.pdf",
                    "kind": "submission",
                }
            ],
        },
    )
    pp18 = api.post(
        "external-events/",
        {
            "name": "PP-18",
            "organizer": "ITU",
            "location": "Dubai",
            "starts_on": "2018-10-29",
            "ends_on": "2018-11-16",
        },
    )
    api.post(
        "threats/",
        {
            "working_group": "CCWG-AUX",
            "title": "Extension of ITU mandate",
            "identified_on": "2018-04-01",
            "processes": [process["id"]],
            "next_milestone": "ITU Plenipotentiary Conference",
            "next_milestone_on": "2018-10-29",
            "next_milestone_event": pp18["id"],
        },
    )

    # Meetings with nested agendas: teleconferences, a face-to-face, a public session,
    # a workshop held at an event and one proposed for the next.
    for month, members, total in [(1, 9, 11), (4, 8, 10), (9, 7, 9)]:
        api.post(
            "meetings/",
            {
                "working_group": "CCWG-AUX",
                "kind": "teleconference",
                "status": "held",
                "title": "CCWG-AUX teleconference",
                "starts_at": f"2018-{month:02}-10T13:00:00Z",
                "ends_at": f"2018-{month:02}-10T14:00:00Z",
                "members_present": members,
                "total_present": total,
                "agenda": _agenda("WSIS Forum", "IGF 2018"),
                "statements": [
                    {
                        "agenda_path": [2, 1],
                        "source": "ccNSO",
                        "author": "",
                        "text": "The ccNSO supports the plan.",
                    }
                ],
                "outcomes": ["Staff to circulate a draft."],
                "links": [
                    {"title": "Recording", "url": "https://example.org/rec", "kind": "recording"}
                ],
            },
        )
    api.post(
        "meetings/",
        {
            "working_group": "CCWG-AUX",
            "kind": "face_to_face",
            "status": "held",
            "title": "Face-to-face meeting",
            "starts_at": "2018-03-12T08:00:00Z",
            "ends_at": "2018-03-12T09:30:00Z",
            "icann_meeting": 61,
            "location": "San Juan",
            "agenda": _agenda("Charter review"),
            "links": [
                {"title": "Transcript", "url": "https://example.org/t", "kind": "transcript"}
            ],
        },
    )
    session = api.post(
        "meetings/",
        {
            "working_group": "CCWG-AUX",
            "kind": "public_session",
            "status": "held",
            "title": "Internet governance public session",
            "starts_at": "2018-10-22T08:00:00Z",
            "ends_at": "2018-10-22T09:30:00Z",
            "icann_meeting": 63,
            "agenda": _agenda("PP-18 preparations", "IGF 2018"),
            "speakers": [
                {"name": "Speaker One", "affiliation": "ccNSO Council"},
                {"name": "Speaker Two", "affiliation": "ITU"},
            ],
            "statements": [
                {
                    "agenda_path": [2, 2],
                    "source": "ALAC",
                    "author": "A. Person",
                    "text": "End users must be heard.",
                }
            ],
        },
    )
    assert [s["name"] for s in session["speakers"]] == ["Speaker One", "Speaker Two"]
    api.post(
        "meetings/",
        {
            "working_group": "CCWG-AUX",
            "kind": "workshop",
            "status": "held",
            "title": "Capacity building workshop",
            "starts_at": "2018-03-21T09:00:00Z",
            "external_event": wsis["id"],
            "agenda": _agenda("Capacity building"),
            "outcomes": ["More coordination is needed."],
        },
    )
    api.post(
        "meetings/",
        {
            "working_group": "CCWG-AUX",
            "kind": "workshop",
            "status": "accepted",
            "title": "DNS governance workshop",
            "external_event": igf["id"],
            "selected_by": "IGF-MAG",
        },
    )

    year = api.get("meetings/?working_group=CCWG-AUX&year=2018")
    assert year["count"] == 7
    assert api.get("meetings/?working_group=CCWG-AUX&kind=teleconference")["count"] == 3
    assert api.get("meetings/?search=PP-18")["count"] == 1
    assert api.get("process-inputs/?working_group=CCWG-AUX&year=2018")["count"] == 1
    assert api.get("threats/?working_group=CCWG-AUX")["count"] == 1

    # The report: written, published, downloaded.
    report = api.post(
        "reports/",
        {
            "working_group": "CCWG-AUX",
            "year": 2018,
            "introduction": "This report covers the group's 2018 activities.",
            "way_forward": "The group hands over to the CCEG-IG.",
            "threats_intro": "The group watches these threats.",
        },
    )
    assert report["status"] == "draft"
    published = api.post(
        f"reports/{report['id']}/publish/",
        {"confirm_errors": True, "note": "Entered through the API."},
        expect=200,
    )
    assert published["status"] == "published" and published["published_at"]

    anonymous = APIClient()
    assert anonymous.get(f"{API}reports/{report['id']}/").json()["status"] == "published"
    for fmt, magic in [("pdf", b"%PDF"), ("docx", b"PK"), ("md", b"")]:
        response = anonymous.get(f"/reports/CCWG-AUX/2018.{fmt}")
        assert response.status_code == 200, (fmt, response.status_code)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert content.startswith(magic)
    page = anonymous.get("/reports/CCWG-AUX/2018/")
    assert page.status_code == 200
    assert "Cross Community Working Group on Auxiliary Matters" in page.content.decode()
    assert published["downloads"]["pdf"].endswith("/reports/CCWG-AUX/2018.pdf")
