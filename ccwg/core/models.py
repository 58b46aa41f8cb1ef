"""Core records: working groups, organizations, charterships, charters, people and roles;
and the calendar every app refers to: ICANN meetings and external events.

ICANN meetings and external events came from the `meetings` and `engagements` apps: they
keep their tables (`db_table`, and the history tables' names) from there.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ccwg.core.fields import SHORT_TEXT, TEXT, CappedTextField, LinkURLField

acronym_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9.\-_]*$",
    "Use letters, digits, dots, hyphens or underscores, starting with a letter or digit.",
)


class DatePrecision(models.TextChoices):
    """How much of a stored date is known (a month-precision start is stored as the 1st)."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def format_date(value: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """'2 February 2017', 'November 2016' or '2016', as the precision allows."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return f"{value:%B} {value.year}"
    return f"{value.day} {value:%B} {value.year}"


class LinkKind(models.TextChoices):
    TRANSCRIPT = "transcript", "Transcript"
    RECORDING = "recording", "Recording"
    SCHEDULE = "schedule", "Schedule page"
    WIKI = "wiki", "Wiki page"
    MAILING_LIST = "mailing_list", "Mailing-list archive"
    SUBMISSION = "submission", "Submission"
    DOCUMENT = "document", "Document"
    OTHER = "other", "Other"


class LinkBase(models.Model):
    """A typed link; concrete subclasses add the foreign key to what it belongs to.

    The URL may be blank while staff look it up; the report checks flag such links.
    """

    title = models.CharField(max_length=300)
    url = LinkURLField("URL", max_length=1000, blank=True)
    kind = models.CharField(max_length=20, choices=LinkKind.choices, default=LinkKind.DOCUMENT)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


def link_title(title: str | None, url: str | None) -> str:
    """A link's title: as given, else its URL (the API, the admin and the loaders alike)."""
    return title if title and title.strip() else (url or "")


def next_position(rows: models.QuerySet) -> int:
    """The position a row added after `rows` (its ordered siblings) takes: 1-based, last."""
    last = rows.aggregate(last=models.Max("position"))["last"]
    return (last or 0) + 1


class OrganizationKind(models.TextChoices):
    SO = "so", "Supporting Organization"
    AC = "ac", "Advisory Committee"
    ICANN = "icann", "ICANN body"
    EXTERNAL = "external", "External body"


class Organization(models.Model):
    """SOs and ACs, ICANN bodies and external bodies, in one table."""

    acronym = models.CharField(max_length=40, unique=True, validators=[acronym_validator])
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=OrganizationKind.choices)
    url = LinkURLField("URL", max_length=500, blank=True)
    description = CappedTextField(blank=True, max_length=TEXT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["acronym"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values), name="organization_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.acronym

    def natural_key(self) -> tuple[str]:
        return (self.acronym,)


# --- The calendar: ICANN public meetings and events outside ICANN --------------------------


class IcannMeetingFormat(models.TextChoices):
    A = "A", "Meeting A (Community Forum)"
    B = "B", "Meeting B (Policy Forum)"
    C = "C", "Meeting C (Annual General Meeting)"


class IcannMeetingQuerySet(models.QuerySet):
    def in_period(self, start: dt.date, end: dt.date) -> IcannMeetingQuerySet:
        return self.filter(starts_on__lte=end, ends_on__gte=start)


def validate_time_zone(value: str) -> None:
    """A time zone's IANA name (blank allowed by the field)."""
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone name such as Europe/Copenhagen.")


class IcannMeeting(models.Model):
    """An ICANN public meeting, e.g. ICANN 58 in Copenhagen."""

    number = models.PositiveSmallIntegerField(unique=True)
    city = models.CharField(max_length=100)
    country = models.CharField(max_length=100, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    format = models.CharField(max_length=1, choices=IcannMeetingFormat.choices, blank=True)
    url = LinkURLField("URL", max_length=500, blank=True)
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="The venue's time zone (e.g. America/Puerto_Rico): staff may type the times "
        "of the group's sessions there in it.",
    )

    objects = IcannMeetingQuerySet.as_manager()
    history = HistoricalRecords(table_name="meetings_historicalicannmeeting")

    class Meta:
        db_table = "meetings_icannmeeting"
        ordering = ["number"]
        verbose_name = "ICANN meeting"
        # ICANN meetings of a period (`in_period`): the report, the calendar.
        indexes = [models.Index(fields=["starts_on", "ends_on"], name="icann_meeting_dates")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="icann_meeting_ends_after_start",
                violation_error_message="An ICANN meeting cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(format__in=[*IcannMeetingFormat.values, ""]),
                name="icann_meeting_format_valid",
            ),
            models.CheckConstraint(condition=Q(number__gt=0), name="icann_meeting_number_positive"),
        ]

    def __str__(self) -> str:
        return f"ICANN {self.number}, {self.city}"

    def natural_key(self) -> tuple[int]:
        return (self.number,)

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class ExternalEventQuerySet(models.QuerySet):
    def in_period(self, start: dt.date, end: dt.date) -> ExternalEventQuerySet:
        return self.filter(starts_on__lte=end, ends_on__gte=start)


class ExternalEvent(models.Model):
    """An event outside ICANN: WSIS Forum 2017, IGF 2017, a WGEC meeting, PP-18, ..."""

    name = models.CharField(max_length=300)
    acronym = models.CharField(max_length=40, blank=True)
    organizer = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    location = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    url = LinkURLField("URL", max_length=500, blank=True)
    description = CappedTextField(blank=True, max_length=TEXT)

    objects = ExternalEventQuerySet.as_manager()
    history = HistoricalRecords(table_name="engagements_historicalexternalevent")

    class Meta:
        db_table = "engagements_externalevent"
        ordering = ["starts_on", "name"]
        indexes = [models.Index(fields=["starts_on", "ends_on"], name="external_event_dates")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="external_event_ends_after_start",
                violation_error_message="An event cannot end before it starts.",
            ),
            models.UniqueConstraint(
                fields=["name", "starts_on"],
                name="external_event_unique_name_start",
                violation_error_message="An event with this name already starts on that date.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ExternalEventLink(LinkBase):
    event = models.ForeignKey(ExternalEvent, on_delete=models.CASCADE, related_name="links")

    history = HistoricalRecords()

    class Meta(LinkBase.Meta):
        db_table = "engagements_externaleventlink"
        constraints = [
            models.UniqueConstraint(fields=["event", "position"], name="event_link_position"),
        ]


# --- Groups ---------------------------------------------------------------------------------


class WorkingGroupKind(models.TextChoices):
    CCWG = "ccwg", "Cross-community working group"
    ENGAGEMENT_GROUP = "engagement_group", "Cross-community engagement group"
    WORKING_GROUP = "working_group", "Working group"
    OTHER = "other", "Other"


class WorkingGroup(models.Model):
    acronym = models.CharField(max_length=40, unique=True, validators=[acronym_validator])
    name = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=20, choices=WorkingGroupKind.choices, default=WorkingGroupKind.CCWG
    )
    discussion_began_on = models.DateField(
        null=True, blank=True, help_text="When discussion on establishing the group began."
    )
    discussion_began_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    established_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    description = CappedTextField(blank=True, max_length=TEXT)
    resources_note = CappedTextField(
        blank=True,
        help_text="Support the group receives, e.g. staff time in FTE.",
        max_length=SHORT_TEXT,
    )
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text="The group (or proposed vehicle) that takes over this group's work.",
    )
    mailing_list = models.EmailField(
        blank=True,
        help_text="The group's mailing list: the notes of its calls are sent there.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["acronym"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=WorkingGroupKind.values), name="working_group_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")), name="working_group_not_own_successor"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(closed_on__gte=F("established_on")),
                name="working_group_closed_after_established",
                violation_error_message="A group cannot close before it is established.",
            ),
        ]

    def __str__(self) -> str:
        return self.acronym

    def natural_key(self) -> tuple[str]:
        return (self.acronym,)

    def clean(self) -> None:
        if self.successor_id and self.pk and self.successor_id == self.pk:
            raise ValidationError({"successor": "A group cannot be its own successor."})


class ChartershipQuerySet(models.QuerySet):
    def active_on(self, day: dt.date) -> ChartershipQuerySet:
        """Charterships in force on `day`.

        A withdrawal takes effect on `withdrew_on`; when only the meeting it takes effect
        ahead of is known, it is in effect from that meeting's first day.
        """
        started = Q(joined_on__isnull=True) | Q(joined_on__lte=day)
        not_withdrawn = (
            Q(withdrew_on__gt=day)
            | Q(
                withdrew_on__isnull=True,
                withdrawal_effective_before__isnull=True,
            )
            | Q(withdrew_on__isnull=True, withdrawal_effective_before__starts_on__gt=day)
        )
        return self.filter(started & not_withdrawn)

    def changed_in_period(self, start: dt.date, end: dt.date) -> ChartershipQuerySet:
        """Charterships joined, withdrawn or decided on withdrawal within the period."""
        return self.filter(
            Q(joined_on__range=(start, end))
            | Q(withdrawal_decided_on__range=(start, end))
            | Q(withdrew_on__range=(start, end))
        )


class Chartership(models.Model):
    """An organization chartering a group, from `joined_on` to its withdrawal."""

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="charterships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="charterships"
    )
    joined_on = models.DateField(null=True, blank=True, help_text="Blank when not known.")
    withdrawal_decided_on = models.DateField(
        null=True, blank=True, help_text="When the organization resolved to withdraw."
    )
    withdrawal_decided_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    withdrew_on = models.DateField(
        null=True, blank=True, help_text="When the withdrawal took effect, if known."
    )
    withdrawal_effective_before = models.ForeignKey(
        IcannMeeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The ICANN meeting the withdrawal takes effect ahead of (e.g. ICANN 61).",
    )
    note = CappedTextField(blank=True, max_length=SHORT_TEXT)

    objects = ChartershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["working_group", "organization", "joined_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "organization", "joined_on"],
                name="chartership_unique_start",
                violation_error_message="This organization already charters this group "
                "from that date.",
            ),
            models.UniqueConstraint(
                fields=["working_group", "organization"],
                condition=Q(withdrew_on__isnull=True, withdrawal_effective_before__isnull=True),
                name="chartership_one_open_period",
                violation_error_message="This organization already has an open chartership "
                "of this group.",
            ),
            models.CheckConstraint(
                condition=Q(withdrew_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(withdrew_on__gte=F("joined_on")),
                name="chartership_withdrew_after_joined",
                violation_error_message="A withdrawal cannot take effect before joining.",
            ),
            models.CheckConstraint(
                condition=Q(withdrawal_decided_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(withdrawal_decided_on__gte=F("joined_on")),
                name="chartership_decided_after_joined",
                violation_error_message="A withdrawal cannot be decided before joining.",
            ),
            models.CheckConstraint(
                condition=Q(withdrew_on__isnull=True)
                | Q(withdrawal_decided_on__isnull=True)
                | Q(withdrew_on__gte=F("withdrawal_decided_on")),
                name="chartership_effective_after_decision",
                violation_error_message="A withdrawal cannot take effect before it is decided.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} charters {self.working_group}"

    @property
    def effective_end(self) -> dt.date | None:
        """The first day the organization no longer charters the group, if known."""
        if self.withdrew_on:
            return self.withdrew_on
        if self.withdrawal_effective_before_id:
            return self.withdrawal_effective_before.starts_on
        return None

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the chartership is in force on `day` (as `active_on` filters, no query)."""
        end = self.effective_end
        return (self.joined_on is None or self.joined_on <= day) and (end is None or end > day)

    def clean(self) -> None:
        if not (self.working_group_id and self.organization_id):
            return
        start = self.joined_on or dt.date.min
        end = self.effective_end or dt.date.max
        others = (
            Chartership.objects.filter(
                working_group_id=self.working_group_id, organization_id=self.organization_id
            )
            .exclude(pk=self.pk)
            .select_related("withdrawal_effective_before")
        )
        for other in others:
            other_start = other.joined_on or dt.date.min
            other_end = other.effective_end or dt.date.max
            if start < other_end and other_start < end:
                raise ValidationError(
                    {
                        "joined_on": "This period overlaps another chartership of the same "
                        f"group by {self.organization.acronym}."
                    }
                )


class CharterStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PROPOSED = "proposed", "Proposed"
    ADOPTED = "adopted", "Adopted"
    SUPERSEDED = "superseded", "Superseded"


class CharterVersion(models.Model):
    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="charter_versions"
    )
    label = models.CharField(max_length=100, help_text="e.g. 'Original charter', '2017 amended'.")
    status = models.CharField(
        max_length=12, choices=CharterStatus.choices, default=CharterStatus.DRAFT
    )
    drafted_on = models.DateField(null=True, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    url = LinkURLField("URL", max_length=500, blank=True)
    summary = CappedTextField(blank=True, max_length=TEXT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["working_group", "drafted_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "label"], name="charter_version_unique_label"
            ),
            models.UniqueConstraint(
                fields=["working_group"],
                condition=Q(status="adopted"),
                name="charter_version_one_adopted",
                violation_error_message="A group has only one adopted charter at a time; "
                "mark the previous one superseded first.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CharterStatus.values), name="charter_version_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(adopted_on__isnull=True)
                | Q(drafted_on__isnull=True)
                | Q(adopted_on__gte=F("drafted_on")),
                name="charter_version_adopted_after_drafted",
                violation_error_message="A charter cannot be adopted before it was drafted.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.working_group}: {self.label} ({self.get_status_display()})"


class Person(models.Model):
    """Someone who speaks, attends, chairs or supports; affiliation here is the current one."""

    full_name = models.CharField(max_length=200)
    honorific = models.CharField(max_length=40, blank=True, help_text="e.g. Dr, Ambassador")
    title = models.CharField(max_length=300, blank=True, help_text="Current position.")
    affiliation = models.CharField(max_length=300, blank=True, help_text="Current affiliation.")
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~Q(email=""), name="person_unique_email"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.full_name}".strip()


class RoleKind(models.TextChoices):
    CHAIR = "chair", "Chair"
    CO_CHAIR = "co_chair", "Co-chair"
    MEMBER = "member", "Member"
    OBSERVER = "observer", "Observer"
    LIAISON = "liaison", "Liaison"
    STAFF = "staff", "Staff"


class RoleQuerySet(models.QuerySet):
    def active_on(self, day: dt.date) -> RoleQuerySet:
        return self.filter(
            Q(started_on__isnull=True) | Q(started_on__lte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gte=day),
        )


class Role(models.Model):
    """A person's role in a group over a period, possibly representing an organization."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="roles")
    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(max_length=10, choices=RoleKind.choices, default=RoleKind.MEMBER)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
        help_text="The organization the person represents in this role.",
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    objects = RoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["working_group", "kind", "person"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=RoleKind.values), name="role_kind_valid"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="role_ends_after_start",
                violation_error_message="A role cannot end before it starts.",
            ),
            models.UniqueConstraint(
                fields=["person", "working_group", "kind", "started_on"],
                name="role_unique_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()}, {self.working_group})"

    def current_on(self, day: dt.date) -> bool:
        """Whether the role is held on `day` (as `RoleQuerySet.active_on` filters, no query)."""
        return (self.started_on is None or self.started_on <= day) and (
            self.ended_on is None or self.ended_on >= day
        )


# The mails the site sends (issue 24), in a module of their own.
from ccwg.core.mail_models import Message, MessageStatus  # noqa: E402, F401
