"""Factories of the groups' meetings and their minutes (`meetings`)."""

import datetime as dt

import factory

from ccwg.core.models import LinkKind
from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaItemLink,
    Attendance,
    Meeting,
    MeetingKind,
    MeetingLink,
    MeetingStatus,
    Outcome,
    Speaker,
    Statement,
)
from tests.factories.core import (
    ExternalEventFactory,
    IcannMeetingFactory,
    OrganizationFactory,
    PersonFactory,
    WorkingGroupFactory,
)


def _first_day_at(hour: int, minute: int = 0):
    """The first day of the ICANN meeting or external event the meeting is tied to, at a
    UTC time; with neither, a day of February 2017."""

    def starts_at(meeting) -> dt.datetime:
        place = getattr(meeting, "icann_meeting", None) or getattr(meeting, "external_event", None)
        day = place.starts_on if place is not None else dt.date(2017, 2, 2)
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)

    return factory.LazyAttribute(starts_at)


#: Attendance counts left unknown: meetings not held, and (as in the 2017 records) sessions,
#: workshops and face-to-face meetings; the counts matter for teleconferences.
NOT_COUNTED = {"members_present": None, "total_present": None}


class MeetingFactory(factory.django.DjangoModelFactory):
    """A group's meeting: a held teleconference with 10 members present (12 with staff),
    dated a day of 2017 from 2 February on, unless told.

    Traits, for every meeting variant: `planned`, `proposed` and `accepted` (not held yet:
    no date, no attendance), `cancelled` (dated, no attendance).
    """

    class Meta:
        model = Meeting

    class Params:
        planned = factory.Trait(status=MeetingStatus.PLANNED, starts_at=None, **NOT_COUNTED)
        proposed = factory.Trait(status=MeetingStatus.PROPOSED, starts_at=None, **NOT_COUNTED)
        accepted = factory.Trait(status=MeetingStatus.ACCEPTED, starts_at=None, **NOT_COUNTED)
        cancelled = factory.Trait(status=MeetingStatus.CANCELLED, **NOT_COUNTED)

    working_group = factory.SubFactory(WorkingGroupFactory)
    kind = MeetingKind.TELECONFERENCE
    status = MeetingStatus.HELD
    title = "Teleconference"
    # One day after another, wrapping within 2017 (2 February to 28 November).
    starts_at = factory.Sequence(
        lambda n: dt.datetime(2017, 2, 2, 14, 0, tzinfo=dt.UTC) + dt.timedelta(days=n % 300)
    )
    members_present = 10
    total_present = 12


class TeleconferenceFactory(MeetingFactory):
    """A held teleconference of the group, with its attendance counts."""

    kind = MeetingKind.TELECONFERENCE
    title = "Teleconference"


class FaceToFaceMeetingFactory(MeetingFactory):
    """The group's face-to-face meeting at an ICANN meeting, held on its first day."""

    kind = MeetingKind.FACE_TO_FACE
    title = "Face-to-face meeting"
    icann_meeting = factory.SubFactory(IcannMeetingFactory)
    starts_at = _first_day_at(12, 45)
    location = factory.LazyAttribute(lambda m: m.icann_meeting.city if m.icann_meeting else "")
    members_present = None
    total_present = None


class PublicSessionFactory(MeetingFactory):
    """The group's public session at an ICANN meeting, held on its first day."""

    kind = MeetingKind.PUBLIC_SESSION
    title = "Internet Governance Public Session"
    icann_meeting = factory.SubFactory(IcannMeetingFactory)
    starts_at = _first_day_at(8)
    members_present = None
    total_present = None


class WorkshopFactory(MeetingFactory):
    """A workshop the group held at an external event, on the event's first day."""

    kind = MeetingKind.WORKSHOP
    title = "Workshop"
    external_event = factory.SubFactory(ExternalEventFactory)
    starts_at = _first_day_at(9)
    members_present = None
    total_present = None


class PlannedMeetingFactory(MeetingFactory):
    """A teleconference planned but not yet dated (no date, no attendance); give
    `kind` and `icann_meeting` for a planned session."""

    planned = True


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """A top-level agenda item (give `parent` for a sub-item)."""

    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A person listed as present, as a member unless `role` says otherwise."""

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


class AgendaItemLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItemLink

    agenda_item = factory.SubFactory(AgendaItemFactory)
    title = "Consultation page"
    url = "https://example.org/consultation"
    kind = LinkKind.WIKI
    position = factory.Sequence(lambda n: n + 1)
