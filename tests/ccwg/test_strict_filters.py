"""A misspelt or unknown query parameter on an API list answers 400 naming it (api.md,
Additions): it never returns the whole list. The members' site's filter names are aliases."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import IcannMeetingFactory, TeleconferenceFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/meetings/"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/meetings/?grop=CCWG-IG",
        "/api/v1/working-groups/?acronyms=X",
        "/api/v1/external-processes/?open=2017-01-01",
        "/api/v1/reports/?yaer=2017",
        "/api/v1/people/?name=Ann",
    ],
)
def test_an_unknown_parameter_answers_400_naming_it(member_api, path):
    response = member_api.get(path)
    assert response.status_code == 400, response.content
    name = path.split("?")[1].split("=")[0]
    assert list(response.json()) == [name]
    assert "Unknown query parameter" in response.json()[name][0]


def test_pagination_and_known_filters_still_work(member_api):
    WorkingGroupFactory(acronym="CCWG-IG")
    assert member_api.get(f"{MEETINGS}?page=1&page_size=10&kind=teleconference").status_code == 200


def test_the_sites_names_are_aliases(member_api):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    icann = IcannMeetingFactory(number=59)
    at_59 = TeleconferenceFactory(
        working_group=group,
        title="Charter comparison call",
        starts_at=dt.datetime(2017, 6, 27, 14, tzinfo=dt.UTC),
        icann_meeting=icann,
    )
    TeleconferenceFactory(working_group=WorkingGroupFactory(acronym="OTHER"))
    TeleconferenceFactory(working_group=group, title="Budget call")

    def ids(query: str) -> list[int]:
        response = member_api.get(f"{MEETINGS}?{query}")
        assert response.status_code == 200, response.content
        return [m["id"] for m in response.json()["results"]]

    assert sorted(ids("group=CCWG-IG")) == sorted(ids("working_group=CCWG-IG"))
    assert len(ids("group=CCWG-IG")) == 2
    assert ids("group=CCWG-IG&q=charter") == [at_59.pk]
    assert ids("icann_meeting=59") == [at_59.pk]
    assert member_api.get(f"{MEETINGS}?group=NOPE").status_code == 400
