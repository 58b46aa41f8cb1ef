"""Core services: typed writes that validate, save only on change and name their refusals;
and the one mapping of domain errors to HTTP answers."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from ccwg.core import services
from ccwg.core.models import Chartership, Organization, Person, WorkingGroup
from ccwg.errors import Conflict, DomainError, RecordInUse
from tests.factories import (
    ChartershipFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_the_errors_module_imports_nothing():
    import ccwg.errors

    tree = ast.parse(Path(ccwg.errors.__file__).read_text())
    imports = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom) and node.module != "__future__"
    ]
    assert imports == []
    assert issubclass(RecordInUse, Conflict) and issubclass(Conflict, DomainError)


def test_working_group_create_update_delete():
    successor = services.create_working_group(acronym="CCEG-IG", name="Engagement group")
    group = services.create_working_group(
        acronym="CCWG-IG", name="Working group", established_on=dt.date(2014, 3, 1)
    )
    assert group.pk and group.history.count() == 1

    services.update_working_group(working_group=group, name="Working group")
    assert group.history.count() == 1  # nothing changed: no history row

    services.update_working_group(working_group=group, successor=successor, name="Renamed")
    assert WorkingGroup.objects.get(pk=group.pk).successor == successor
    assert group.history.count() == 2

    services.delete_working_group(working_group=group)
    assert not WorkingGroup.objects.filter(acronym="CCWG-IG").exists()


def test_services_validate_with_the_models_rules_and_write_nothing_on_error():
    with pytest.raises(ValidationError) as error:
        services.create_working_group(
            acronym="X",
            name="X",
            established_on=dt.date(2015, 1, 1),
            closed_on=dt.date(2014, 1, 1),
        )
    assert "cannot close before it is established" in " ".join(error.value.messages)
    assert not WorkingGroup.objects.exists()
    group = WorkingGroupFactory(acronym="CCWG-IG")
    with pytest.raises(ValidationError) as error:
        services.update_working_group(working_group=group, successor=group)
    assert "successor" in error.value.message_dict


def test_unknown_fields_are_a_programming_error():
    with pytest.raises(TypeError, match="nmae"):
        services.create_organization(acronym="GNSO", nmae="Typo", kind="so")
    group = WorkingGroupFactory()
    with pytest.raises(TypeError, match="colour"):
        services.update_working_group(working_group=group, colour="blue")


def test_deleting_a_record_in_use_is_record_in_use():
    group = WorkingGroupFactory(acronym="CCWG-IG")
    MeetingFactory(working_group=group)
    with pytest.raises(RecordInUse, match=r"1 other record \(meetings\) still refers to it"):
        services.delete_working_group(working_group=group)
    organization = OrganizationFactory(acronym="ccNSO")
    ChartershipFactory(organization=organization)
    with pytest.raises(RecordInUse, match="charterships"):
        services.delete_organization(organization=organization)
    assert WorkingGroup.objects.filter(pk=group.pk).exists()
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_organization_and_person_services():
    organization = services.create_organization(acronym="ITU", name="ITU", kind="external")
    services.update_organization(organization=organization, url="https://www.itu.int/")
    assert Organization.objects.get(acronym="ITU").url == "https://www.itu.int/"
    person = services.create_person(full_name="Peter Major", honorific="Dr")
    services.update_person(person=person, affiliation="Government of Hungary")
    assert Person.objects.get(pk=person.pk).affiliation == "Government of Hungary"
    services.delete_person(person=person)
    services.delete_organization(organization=organization)
    assert not Person.objects.exists() and not Organization.objects.exists()
    PersonFactory(email="a@example.org")
    with pytest.raises(ValidationError):
        services.create_person(full_name="Again", email="a@example.org")


def test_chartership_services_keep_the_overlap_rule():
    group = WorkingGroupFactory(acronym="CCWG-IG")
    gnso = OrganizationFactory(acronym="GNSO")
    first = services.create_chartership(
        working_group=group, organization=gnso, joined_on=dt.date(2014, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.create_chartership(
            working_group=group, organization=gnso, joined_on=dt.date(2016, 1, 1)
        )
    assert "overlaps" in " ".join(error.value.message_dict["joined_on"])
    services.update_chartership(chartership=first, withdrew_on=dt.date(2015, 6, 1))
    services.create_chartership(
        working_group=group, organization=gnso, joined_on=dt.date(2016, 1, 1)
    )
    assert Chartership.objects.count() == 2
    services.delete_chartership(chartership=first)
    assert Chartership.objects.count() == 1


def test_record_chartership_is_idempotent():
    group = WorkingGroupFactory(acronym="CCWG-IG")
    alac = OrganizationFactory(acronym="ALAC")
    first = services.record_chartership(working_group=group, organization=alac, note="n")
    again = services.record_chartership(working_group=group, organization=alac, note="n")
    assert first.pk == again.pk and first.history.count() == 1


# --- The one mapping of domain errors to HTTP answers --------------------------------------


def test_exception_handler_maps_each_kind_of_domain_error_once():
    from ccwg.rest.errors import exception_handler

    response = exception_handler(Conflict("Frozen."), {})
    assert (response.status_code, response.data) == (409, {"detail": "Frozen."})
    response = exception_handler(RecordInUse("In use."), {})
    assert (response.status_code, response.data) == (409, {"detail": "In use."})
    response = exception_handler(DomainError("Not now."), {})
    assert (response.status_code, response.data) == (400, {"non_field_errors": ["Not now."]})


def test_a_conflict_from_a_service_answers_409_through_the_api(staff_api):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    MeetingFactory(working_group=group)
    response = staff_api.delete("/api/v1/working-groups/CCWG-IG/")
    assert response.status_code == 409
    assert "meetings" in response.json()["detail"]


def test_icann_meeting_services():
    import datetime as dt

    from ccwg.core.models import IcannMeeting
    from ccwg.core.services import (
        create_icann_meeting,
        delete_icann_meeting,
        update_icann_meeting,
    )

    icann = create_icann_meeting(
        number=58, city="Copenhagen", starts_on=dt.date(2017, 3, 11), ends_on=dt.date(2017, 3, 16)
    )
    update_icann_meeting(icann_meeting=icann, city="Copenhagen")
    assert icann.history.count() == 1
    with pytest.raises(ValidationError) as error:
        create_icann_meeting(
            number=58, city="Again", starts_on=dt.date(2017, 3, 11), ends_on=dt.date(2017, 3, 16)
        )
    assert "number" in error.value.message_dict
    delete_icann_meeting(icann_meeting=icann)
    assert not IcannMeeting.objects.exists()
