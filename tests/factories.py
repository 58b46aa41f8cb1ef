"""factory_boy factories for every record the tests build."""

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
from engagements.models import ExternalProcess, ProcessInput, Threat
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
from reports.models import AnnualReport


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
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)

    @factory.post_generation
    def complete(self, create, extracted, **kwargs):
        """A list built row by row is the meeting's complete list (as lists recorded before
        `Meeting.attendance_complete` existed were migrated), unless `complete=False`."""
        if not create or extracted is False or self.meeting.attendance_complete:
            return
        self.meeting.attendance_complete = True
        Meeting.objects.filter(pk=self.meeting.pk).update(attendance_complete=True)


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


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport

    working_group = factory.SubFactory(WorkingGroupFactory)
    year = 2017
    period_start = factory.LazyAttribute(lambda r: dt.date(r.year, 1, 1))
    period_end = factory.LazyAttribute(lambda r: dt.date(r.year, 12, 31))


class PublishedAnnualReportFactory(AnnualReportFactory):
    """A report as publishing leaves it (without its stored documents)."""

    status = "published"
    published_at = factory.LazyAttribute(lambda r: dt.datetime(r.year + 1, 1, 15, tzinfo=dt.UTC))
