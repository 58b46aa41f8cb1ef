"""Factories of the core records (`ccwg.core`): users and staff, working groups,
organizations, charterships, charter versions, people, roles, ICANN meetings and
external events."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from ccwg.core.models import (
    Chartership,
    CharterVersion,
    ExternalEvent,
    IcannMeeting,
    Organization,
    OrganizationKind,
    Person,
    Role,
    WorkingGroup,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("password")


class StaffFactory(UserFactory):
    is_staff = True


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup
        django_get_or_create = ("acronym",)

    acronym = factory.Sequence(lambda n: f"WG-{n}")
    name = factory.LazyAttribute(lambda g: f"Working Group {g.acronym}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("acronym",)

    acronym = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.LazyAttribute(lambda o: f"Organization {o.acronym}")
    kind = OrganizationKind.SO


class ChartershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chartership

    working_group = factory.SubFactory(WorkingGroupFactory)
    organization = factory.SubFactory(OrganizationFactory)
    joined_on = dt.date(2014, 1, 1)


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterVersion

    working_group = factory.SubFactory(WorkingGroupFactory)
    label = factory.Sequence(lambda n: f"Charter v{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Person {n}")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    working_group = factory.SubFactory(WorkingGroupFactory)


class IcannMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IcannMeeting
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: 100 + n)
    city = "Copenhagen"
    country = "Denmark"
    starts_on = dt.date(2017, 3, 11)
    ends_on = dt.date(2017, 3, 16)
    format = "A"


class ExternalEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalEvent

    name = factory.Sequence(lambda n: f"Forum {n}")
    location = "Geneva"
    starts_on = dt.date(2017, 6, 12)
    ends_on = dt.date(2017, 6, 16)
