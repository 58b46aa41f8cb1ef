"""Shared fixtures: users, API clients, and the 2017 sample records."""

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import StaffFactory, UserFactory


@pytest.fixture
def member(db):
    return UserFactory(username="member")


@pytest.fixture
def staff(db):
    return StaffFactory(username="staff")


@pytest.fixture
def member_client(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def staff_client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def sample_data(db):
    """The CCWG-IG 2017 records of the reference annual report."""
    call_command("load_sample_data", verbosity=0)
