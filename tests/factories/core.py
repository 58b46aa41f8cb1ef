"""Factories of the core records (`ccwg.core`): users and staff, working groups,
organizations, the calendar (ICANN meetings, external events), charterships, charter
versions, people and roles."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from ccwg.core.models import (
    Chartership,
    CharterStatus,
    CharterVersion,
    ExternalEvent,
    ExternalEventLink,
    IcannMeeting,
    LinkKind,
    Message,
    Organization,
    OrganizationKind,
    Person,
    Role,
    WorkingGroup,
)

# --- Users ----------------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    """A logged-in member: reads drafts, writes nothing."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("password")


class StaffFactory(UserFactory):
    """Staff: the admin, the API's writes, the report's checks."""

    is_staff = True


class SuperuserFactory(StaffFactory):
    """A superuser: every permission in the admin."""

    username = factory.Sequence(lambda n: f"root{n}")
    is_superuser = True


# --- Groups and organizations ---------------------------------------------------------------


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup
        django_get_or_create = ("acronym",)

    acronym = factory.Sequence(lambda n: f"WG-{n}")
    name = factory.LazyAttribute(lambda g: f"Working Group {g.acronym}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    """An organization, of the Supporting Organization kind unless told."""

    class Meta:
        model = Organization
        django_get_or_create = ("acronym",)

    acronym = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.LazyAttribute(lambda o: f"Organization {o.acronym}")
    kind = OrganizationKind.SO


class SupportingOrganizationFactory(OrganizationFactory):
    """A Supporting Organization (the GNSO, the ccNSO, ...)."""

    acronym = factory.Sequence(lambda n: f"SO{n}")
    name = factory.LazyAttribute(lambda o: f"Supporting Organization {o.acronym}")
    kind = OrganizationKind.SO


class AdvisoryCommitteeFactory(OrganizationFactory):
    """An Advisory Committee (the ALAC, the GAC, ...)."""

    acronym = factory.Sequence(lambda n: f"AC{n}")
    name = factory.LazyAttribute(lambda o: f"Advisory Committee {o.acronym}")
    kind = OrganizationKind.AC


class IcannBodyFactory(OrganizationFactory):
    """A body of ICANN itself (the Board's working group, Global Engagement, ...)."""

    acronym = factory.Sequence(lambda n: f"ICANN-{n}")
    name = factory.LazyAttribute(lambda o: f"ICANN body {o.acronym}")
    kind = OrganizationKind.ICANN


class ExternalBodyFactory(OrganizationFactory):
    """A body outside ICANN (the ITU, UNESCO, the IGF's MAG, ...)."""

    acronym = factory.Sequence(lambda n: f"EXT{n}")
    name = factory.LazyAttribute(lambda o: f"External body {o.acronym}")
    kind = OrganizationKind.EXTERNAL


# --- The calendar ---------------------------------------------------------------------------


class IcannMeetingFactory(factory.django.DjangoModelFactory):
    """An ICANN public meeting: six days of March 2017 unless told."""

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
    """An event outside ICANN: a week of June 2017 in Geneva unless told."""

    class Meta:
        model = ExternalEvent
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Forum {n}")
    location = "Geneva"
    starts_on = dt.date(2017, 6, 12)
    ends_on = dt.date(2017, 6, 16)

    @factory.post_generation
    def process(event, create, extracted, **kwargs):
        """`ExternalEventFactory(process=p)`: the event is a meeting of `p`."""
        if create and extracted is not None:
            from engagements.models import ProcessMeeting

            ProcessMeeting.objects.create(event=event, process=extracted)


class ExternalEventLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalEventLink

    event = factory.SubFactory(ExternalEventFactory)
    title = "Event page"
    url = "https://example.org/event"
    kind = LinkKind.WIKI
    position = factory.Sequence(lambda n: n + 1)


# --- Charterships and charters --------------------------------------------------------------


class ChartershipFactory(factory.django.DjangoModelFactory):
    """An organization chartering a group since 2014, with no withdrawal."""

    class Meta:
        model = Chartership

    working_group = factory.SubFactory(WorkingGroupFactory)
    organization = factory.SubFactory(OrganizationFactory)
    joined_on = dt.date(2014, 1, 1)


class WithdrawnChartershipFactory(ChartershipFactory):
    """A chartership the organization has left: the withdrawal is decided and takes effect
    on `withdrew_on` (decided 30 days before unless told)."""

    withdrew_on = dt.date(2016, 6, 30)
    withdrawal_decided_on = factory.LazyAttribute(
        lambda c: c.withdrew_on - dt.timedelta(days=30) if c.withdrew_on else None
    )


class WithdrawingChartershipFactory(ChartershipFactory):
    """A withdrawal decided that takes effect ahead of an ICANN meeting (as the GNSO left
    the CCWG-IG ahead of ICANN 61): in force until that meeting's first day."""

    withdrawal_decided_on = dt.date(2017, 8, 1)
    withdrawal_effective_before = factory.SubFactory(
        IcannMeetingFactory,
        city="San Juan",
        country="Puerto Rico",
        starts_on=dt.date(2018, 3, 10),
        ends_on=dt.date(2018, 3, 15),
    )


class CharterVersionFactory(factory.django.DjangoModelFactory):
    """A charter version, a draft unless told."""

    class Meta:
        model = CharterVersion

    working_group = factory.SubFactory(WorkingGroupFactory)
    label = factory.Sequence(lambda n: f"Charter v{n}")


class AdoptedCharterVersionFactory(CharterVersionFactory):
    """The group's adopted charter (one at a time per group), adopted after it was drafted."""

    status = CharterStatus.ADOPTED
    drafted_on = dt.date(2014, 6, 1)
    adopted_on = dt.date(2014, 9, 1)


# --- People ---------------------------------------------------------------------------------


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Person {n}")


class RoleFactory(factory.django.DjangoModelFactory):
    """A member of a group (the model's default kind), with no dates."""

    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    working_group = factory.SubFactory(WorkingGroupFactory)


# --- Outgoing mail (issue 24) ----------------------------------------------------------------


class MessageFactory(factory.django.DjangoModelFactory):
    """A mail as `queue_message` records it (queued; give `about` for what it is about).
    Made directly, so no task is enqueued."""

    class Meta:
        model = Message
        exclude = ("about",)

    about = None
    to = factory.LazyFunction(lambda: ["list@example.org"])
    from_email = "ccwg <noreply@localhost>"
    subject = factory.Sequence(lambda n: f"Notes {n}")
    text_body = "1. Welcome\n"
    message_id = factory.Sequence(lambda n: f"<{n}.factory@localhost>")
    about_type = factory.LazyAttribute(
        lambda m: m.about._meta.label_lower if m.about is not None else ""
    )
    about_id = factory.LazyAttribute(lambda m: m.about.pk if m.about is not None else None)
