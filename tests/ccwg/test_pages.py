"""The members' pages of a group, an organization and an external process."""

import datetime as dt

import pytest

from ccwg.core.models import RoleKind
from engagements.models import ExternalProcess
from tests.factories import (
    ChartershipFactory,
    CharterVersionFactory,
    OrganizationFactory,
    PersonFactory,
    RoleFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/groups/CCWG-IG/", "/organizations/GNSO/", "/processes/1/"])
def test_pages_need_a_login(client, path):
    assert client.get(path)["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("path", ["/groups/NOPE/", "/organizations/NOPE/", "/processes/99999/"])
def test_unknown_records_are_404(member_client, path):
    assert member_client.get(path).status_code == 404


def test_group_page_of_the_sample(sample_data, member_client):
    text = member_client.get("/groups/CCWG-IG/").content.decode()
    assert "Cross Community Working Group on Internet Governance" in text
    # Charterships over time: the GNSO's withdrawal ahead of ICANN 61.
    assert "until ICANN 61" in text and "withdrawal decided in August 2017" in text
    assert "Original charter" in text and "Amended charter (2017)" in text
    assert 'href="/groups/CCEG-IG/"' in text  # successor
    successor = member_client.get("/groups/CCEG-IG/").content.decode()
    assert "Predecessor" in successor and 'href="/groups/CCWG-IG/"' in successor


def test_group_page_roles(member_client):
    group = WorkingGroupFactory(acronym="R")
    org = OrganizationFactory(acronym="ALAC")
    RoleFactory(
        working_group=group,
        person=PersonFactory(full_name="Chair Person"),
        kind=RoleKind.CHAIR,
        organization=org,
    )
    RoleFactory(
        working_group=group,
        person=PersonFactory(full_name="Old Member"),
        ended_on=dt.date(2001, 1, 1),
    )
    ChartershipFactory(working_group=group, organization=org)
    CharterVersionFactory(working_group=group, label="First")
    text = member_client.get("/groups/R/").content.decode()
    current, past = text.split("Past roles")
    assert "Chair Person" in current and "Old Member" in past
    assert 'href="/organizations/ALAC/"' in text


def test_organization_page(sample_data, member_client):
    text = member_client.get("/organizations/GNSO/").content.decode()
    assert "Generic Names Supporting Organization" in text
    assert 'href="/groups/CCWG-IG/"' in text and "until ICANN 61" in text
    itu = member_client.get("/organizations/ITU/").content.decode()
    assert "World Summit on the Information Society (WSIS) Forum 2017" in itu


def test_process_page_of_the_sample(sample_data, member_client):
    wgec = ExternalProcess.objects.get(acronym="WGEC")
    text = member_client.get(f"/processes/{wgec.pk}/").content.decode()
    assert "Working Group on Enhanced Cooperation" in text
    assert 'href="/organizations/CSTD/"' in text
    assert "Input given" in text and "Related meetings" in text
    assert "WGEC meeting" in text
    assert text.count('href="/meetings/') >= 1
    assert "Threats watched through it" in text
