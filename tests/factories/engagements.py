"""Factories of external processes, the inputs given to them, and threats (`engagements`)."""

import datetime as dt

import factory

from engagements.models import ExternalProcess, ProcessInput, Threat
from tests.factories.core import WorkingGroupFactory


class ExternalProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalProcess

    name = factory.Sequence(lambda n: f"Process {n}")


class ProcessInputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessInput

    process = factory.SubFactory(ExternalProcessFactory)
    working_group = factory.SubFactory(WorkingGroupFactory)
    requested_on = dt.date(2017, 8, 1)
    summary = "Input on the consultation."


class ThreatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Threat

    working_group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Threat {n}")
    identified_on = dt.date(2017, 10, 11)
