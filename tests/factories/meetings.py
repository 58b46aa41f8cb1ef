"""Factories of the groups' meetings and their minutes (`meetings`)."""

import datetime as dt

import factory

from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingKind,
    MeetingLink,
    MeetingStatus,
    Outcome,
    Speaker,
    Statement,
)
from tests.factories.core import OrganizationFactory, PersonFactory, WorkingGroupFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    working_group = factory.SubFactory(WorkingGroupFactory)
    kind = MeetingKind.TELECONFERENCE
    status = MeetingStatus.HELD
    title = "Teleconference"
    starts_at = factory.Sequence(
        lambda n: dt.datetime(2017, 2, 2, 14, 0, tzinfo=dt.UTC) + dt.timedelta(days=n)
    )
    members_present = 10
    total_present = 12


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    position = factory.Sequence(lambda n: n + 1)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    meeting = factory.SubFactory(MeetingFactory)
    source = factory.SubFactory(OrganizationFactory)
    text = "We have questions."


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    meeting = factory.SubFactory(MeetingFactory)
    text = "An outcome."
    position = factory.Sequence(lambda n: n + 1)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    description = "Circulate the draft."


class MeetingLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingLink

    meeting = factory.SubFactory(MeetingFactory)
    title = "Transcript"
    url = "https://example.org/transcript"
    kind = "transcript"
    position = factory.Sequence(lambda n: n + 1)
