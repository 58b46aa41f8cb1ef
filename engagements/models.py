"""External processes, the inputs the group gave to them, and watched threats (external
events: `ccwg.core`)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ccwg.core.fields import TEXT, CappedTextField, LinkURLField
from ccwg.core.models import DatePrecision, ExternalEvent, LinkBase, Organization, WorkingGroup


class ExternalProcessQuerySet(models.QuerySet):
    def open_on(self, day: dt.date) -> ExternalProcessQuerySet:
        """Processes whose dates say they are open on `day`: one known only to have opened
        (or to close) counts; one with no date at all is not stated as open."""
        return self.filter(
            Q(opens_on__isnull=False) | Q(closes_on__isnull=False),
            Q(opens_on__isnull=True) | Q(opens_on__lte=day),
            Q(closes_on__isnull=True) | Q(closes_on__gte=day),
        )


class ExternalProcess(models.Model):
    """A process outside ICANN the group follows: a working group, consultation or expert group."""

    name = models.CharField(max_length=300)
    acronym = models.CharField(max_length=40, blank=True)
    body = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="processes"
    )
    description = CappedTextField(blank=True, max_length=TEXT)
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)
    dates_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="'Month' when only the months are known: opening stored as the 1st, "
        "closing as the last day of its month.",
    )
    url = LinkURLField("URL", max_length=500, blank=True)
    events: models.ManyToManyField[ExternalEvent, ProcessMeeting] = models.ManyToManyField(
        ExternalEvent,
        through="ProcessMeeting",
        blank=True,
        related_name="processes",
        help_text="Events that are meetings of this process (an event is a meeting of one "
        "process at most).",
    )

    objects = ExternalProcessQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "external processes"
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(closes_on__gte=F("opens_on")),
                name="external_process_closes_after_open",
                violation_error_message="A process cannot close before it opens.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class ProcessMeeting(models.Model):
    """An external event that is a meeting of an external process (the WGEC's meeting of
    26-27 January 2017). Kept here, beside the processes, so that the core's events know
    nothing of the engagements."""

    process = models.ForeignKey(
        ExternalProcess, on_delete=models.CASCADE, related_name="meeting_links"
    )
    event = models.OneToOneField(
        ExternalEvent, on_delete=models.PROTECT, related_name="process_link"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "meeting of a process"
        ordering = ["event__starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.event} (a meeting of {self.process})"


class ExternalProcessLink(LinkBase):
    process = models.ForeignKey(ExternalProcess, on_delete=models.CASCADE, related_name="links")

    history = HistoricalRecords()

    class Meta(LinkBase.Meta):
        constraints = [
            models.UniqueConstraint(fields=["process", "position"], name="process_link_position"),
        ]


class InputChannel(models.TextChoices):
    NOT_RECORDED = "", "Not recorded"
    MAILING_LIST = "mailing_list", "Mailing list"
    TELECONFERENCE = "teleconference", "Teleconference"
    MEETING = "meeting", "Meeting"
    OTHER = "other", "Other"


class ProcessInputQuerySet(models.QuerySet):
    def in_period(self, start: dt.date, end: dt.date) -> ProcessInputQuerySet:
        """Inputs requested in the period, or given for an event of a process in the period.

        An input sought in November 2016 for a January 2017 meeting belongs to 2017 as well.
        """
        return self.filter(
            Q(requested_on__range=(start, end)) | Q(for_event__starts_on__range=(start, end))
        )


class ProcessInput(models.Model):
    """Input sought from the group on an external process, and what came of it."""

    process = models.ForeignKey(ExternalProcess, on_delete=models.PROTECT, related_name="inputs")
    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, related_name="process_inputs"
    )
    requested_on = models.DateField()
    requested_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    requested_by = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="input_requests",
    )
    for_event = models.ForeignKey(
        ExternalEvent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inputs",
        help_text="The meeting of the process the input was sought for.",
    )
    channel = models.CharField(
        max_length=20,
        choices=InputChannel.choices,
        default=InputChannel.MAILING_LIST,
        blank=True,
        help_text="How the input was sought; blank when the records do not say.",
    )
    summary = CappedTextField(help_text="What input was sought.", max_length=TEXT)
    outcome = CappedTextField(
        blank=True, help_text="What the group and ICANN did with it.", max_length=TEXT
    )
    discussed_at = models.ManyToManyField(
        "meetings.Meeting", blank=True, related_name="process_inputs"
    )

    objects = ProcessInputQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[discussed_at])

    class Meta:
        ordering = ["requested_on", "id"]
        # A group's inputs of a period (the report, the API's year filter).
        indexes = [models.Index(fields=["working_group", "requested_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=InputChannel.values), name="process_input_channel_valid"
            ),
            models.CheckConstraint(condition=~Q(summary=""), name="process_input_summary_given"),
        ]

    def __str__(self) -> str:
        return f"Input on {self.process} ({self.requested_on:%b %Y})"


class ProcessInputLink(LinkBase):
    process_input = models.ForeignKey(ProcessInput, on_delete=models.CASCADE, related_name="links")

    history = HistoricalRecords()

    class Meta(LinkBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["process_input", "position"], name="process_input_link_position"
            ),
        ]


class Threat(models.Model):
    """An identified threat to ICANN's mission, watched through processes and milestones."""

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, related_name="threats"
    )
    title = models.CharField(max_length=300)
    description = CappedTextField(blank=True, max_length=TEXT)
    identified_on = models.DateField()
    processes = models.ManyToManyField(ExternalProcess, blank=True, related_name="threats")
    next_milestone = models.CharField(max_length=300, blank=True)
    next_milestone_on = models.DateField(null=True, blank=True)
    next_milestone_event = models.ForeignKey(
        ExternalEvent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="threats",
        help_text="The coming event where the threat may be decided (e.g. PP-18).",
    )
    position = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords(m2m_fields=[processes])

    class Meta:
        ordering = ["working_group", "position", "identified_on"]
        indexes = [models.Index(fields=["working_group", "identified_on"])]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="threat_title_given"),
        ]

    def __str__(self) -> str:
        return self.title
