"""Factories of external processes, the inputs given to them, and threats (`engagements`)."""

import datetime as dt

import factory

from ccwg.core.models import LinkKind
from engagements.models import (
    ExternalProcess,
    ExternalProcessLink,
    ProcessInput,
    ProcessInputLink,
    Threat,
)
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


class ExternalProcessLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalProcessLink

    process = factory.SubFactory(ExternalProcessFactory)
    title = "Process page"
    url = "https://example.org/process"
    kind = LinkKind.WIKI
    position = factory.Sequence(lambda n: n + 1)


class ProcessInputLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessInputLink

    process_input = factory.SubFactory(ProcessInputFactory)
    title = "Submission"
    url = "https://example.org/submission.pdf"
    kind = LinkKind.SUBMISSION
    position = factory.Sequence(lambda n: n + 1)
