"""API of annual reports: drafts for members, published ones for everyone, publishing."""

from __future__ import annotations

import datetime as dt

import pytest

from reports.models import AnnualReport, PublishedDocument
from tests.api_helpers import assert_field_error, queries_for
from tests.factories import AnnualReportFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/reports/"


@pytest.fixture
def group(db):
    return WorkingGroupFactory(acronym="CCWG-IG", name="Cross Community Working Group on IG")


def _published(group, year: int, **kwargs) -> AnnualReport:
    return AnnualReportFactory(
        working_group=group,
        year=year,
        status="published",
        published_at=dt.datetime(year + 1, 1, 15, tzinfo=dt.UTC),
        **kwargs,
    )


def test_report_crud(staff_api, member_api, group):
    created = staff_api.post(
        REPORTS,
        {
            "working_group": "CCWG-IG",
            "year": 2017,
            "introduction": "In 2017 the group...",
            "way_forward": "A new vehicle.",
            "threats_intro": "Threats watched.",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["url"].endswith(f"/api/v1/reports/{body['id']}/")
    assert (body["period_start"], body["period_end"]) == ("2017-01-01", "2017-12-31")
    assert body["status"] == "draft" and body["version"] == 1
    assert body["downloads"]["pdf"].endswith("/reports/CCWG-IG/2017.pdf")
    assert body["downloads"]["html"].endswith("/reports/CCWG-IG/2017/")
    assert member_api.get(body["url"]).json() == body

    put = dict(body, title="Report 2017", status="published", period_end="2017-11-30")
    updated = staff_api.put(body["url"], put)
    assert updated.status_code == 200, updated.content
    assert updated.json()["title"] == "Report 2017"
    assert updated.json()["status"] == "draft"  # read-only
    assert updated.json()["period_end"] == "2017-11-30"
    assert staff_api.delete(body["url"]).status_code == 204
    assert not AnnualReport.objects.exists()


def test_report_filters(member_api, group):
    other = WorkingGroupFactory(acronym="CCWG-X")
    a = AnnualReportFactory(working_group=group, year=2017)
    b = _published(group, 2016)
    c = AnnualReportFactory(working_group=other, year=2017)

    def ids(query: str) -> set[int]:
        response = member_api.get(f"{REPORTS}?{query}")
        assert response.status_code == 200, response.content
        return {r["id"] for r in response.json()["results"]}

    assert ids("working_group=CCWG-IG") == {a.pk, b.pk}
    assert ids("year=2017") == {a.pk, c.pk}
    assert ids("working_group=CCWG-IG&year=2016") == {b.pk}
    assert ids("status=published") == {b.pk}
    assert_field_error(member_api.get(f"{REPORTS}?year=last"), "year")
    assert_field_error(member_api.get(f"{REPORTS}?working_group=NOPE"), "working_group")


def test_anonymous_sees_published_reports_only(anon_api, group):
    draft = AnnualReportFactory(working_group=group, year=2017)
    published = _published(group, 2016)
    listed = anon_api.get(REPORTS).json()
    assert [r["id"] for r in listed["results"]] == [published.pk]
    assert anon_api.get(f"{REPORTS}{published.pk}/").status_code == 200
    assert anon_api.get(f"{REPORTS}{draft.pk}/").status_code == 404
    assert anon_api.get(f"{REPORTS}?year=2017").json()["count"] == 0
    for method in ("post", "put", "patch", "delete"):
        response = getattr(anon_api, method)(f"{REPORTS}{published.pk}/", {})
        assert response.status_code == 401


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"year": 2017}, "working_group"),
        ({"working_group": "NOPE", "year": 2017}, "working_group"),
        ({"working_group": "CCWG-IG"}, "year"),
        ({"working_group": "CCWG-IG", "year": 1990}, "year"),
        ({"working_group": "CCWG-IG", "year": 99999}, "year"),
        ({"working_group": "CCWG-IG", "year": "2017a"}, "year"),
        (
            {
                "working_group": "CCWG-IG",
                "year": 2017,
                "period_start": "2017-06-01",
                "period_end": "2017-01-01",
            },
            "period_end",
        ),
        ({"working_group": "CCWG-IG", "year": 2017, "period_start": "June"}, "period_start"),
    ],
)
def test_report_bad_input(staff_api, group, payload, field):
    assert_field_error(staff_api.post(REPORTS, payload), field)


def test_second_draft_for_a_year_is_400(staff_api, group):
    AnnualReportFactory(working_group=group, year=2017)
    assert_field_error(staff_api.post(REPORTS, {"working_group": "CCWG-IG", "year": 2017}), "year")


def test_group_and_year_cannot_change(staff_api, group):
    report = AnnualReportFactory(working_group=group, year=2017)
    WorkingGroupFactory(acronym="CCWG-X")
    assert_field_error(staff_api.patch(f"{REPORTS}{report.pk}/", {"year": 2018}), "year")
    assert_field_error(
        staff_api.patch(f"{REPORTS}{report.pk}/", {"working_group": "CCWG-X"}), "working_group"
    )


def test_published_reports_are_frozen(staff_api, group):
    published = _published(group, 2016)
    url = f"{REPORTS}{published.pk}/"
    body = staff_api.get(url).json()
    for response in (
        staff_api.put(url, body),
        staff_api.patch(url, {"title": "Changed"}),
        staff_api.delete(url),
    ):
        assert response.status_code == 409
        assert "published" in response.json()["detail"]
    assert AnnualReport.objects.get(pk=published.pk).title == ""


def test_a_new_draft_after_publishing_is_the_next_version(staff_api, group):
    published = _published(group, 2017, introduction="Intro")
    created = staff_api.post(REPORTS, {"working_group": "CCWG-IG", "year": 2017})
    assert created.status_code == 201, created.content
    assert created.json()["version"] == 2
    assert created.json()["downloads"]["md"].endswith("/reports/CCWG-IG/2017.md?version=2")
    staff_api.delete(created.json()["url"])
    response = staff_api.post(f"{REPORTS}{published.pk}/new-version/")
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 2 and response.json()["introduction"] == "Intro"
    assert_field_error(staff_api.post(f"{REPORTS}{published.pk}/new-version/"), "non_field_errors")


def test_publish_freezes_the_report_and_serves_its_documents(staff_api, anon_api, group):
    report = AnnualReportFactory(working_group=group, year=2017, introduction="Hello.")
    url = f"{REPORTS}{report.pk}/publish/"
    response = staff_api.post(url, {"confirm_errors": True, "note": "Checked by staff."})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "published" and body["published_at"]
    assert body["published_by"] == "staff"
    assert "Checked by staff." in body["publish_note"]
    assert PublishedDocument.objects.filter(report=report).count() >= 3

    download = anon_api.get("/reports/CCWG-IG/2017.md")
    assert download.status_code == 200
    stored = PublishedDocument.objects.get(report=report, format="md")
    content = b"".join(download.streaming_content) if download.streaming else download.content
    assert content == bytes(stored.content)

    again = staff_api.post(url, {"confirm_errors": True})
    assert_field_error(again, "non_field_errors")


def test_publish_bad_input(staff_api, member_api, group):
    report = AnnualReportFactory(working_group=group, year=2017)
    url = f"{REPORTS}{report.pk}/publish/"
    assert_field_error(staff_api.post(url, {"confirm_errors": "perhaps"}), "confirm_errors")
    assert member_api.post(url, {}).status_code == 403
    assert staff_api.post(f"{REPORTS}999999/publish/", {}).status_code == 404
    assert AnnualReport.objects.get(pk=report.pk).status == "draft"


def test_report_list_queries_are_constant(member_api, group):
    AnnualReportFactory(working_group=group, year=2017)
    few = queries_for(member_api, REPORTS)
    for year in range(2000, 2006):
        _published(WorkingGroupFactory(), year)
    assert queries_for(member_api, REPORTS) == few
