"""What the minutes hold besides the agenda: speakers, statements, outcomes, actions, links."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ccwg.core.change_sets import ChangeSetHistory
from ccwg.core.constraints import ChecksInOneQuery
from ccwg.core.fields import SHORT_TEXT, TEXT, CappedTextField
from ccwg.core.models import (
    LinkBase,
    Organization,
    Person,
)
from meetings.models.agenda import AgendaItem
from meetings.models.choices import ActionStatus
from meetings.models.meeting import Meeting


class Speaker(models.Model):
    """A speaker at a meeting, with name and affiliation as held at that meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="talks"
    )
    name = models.CharField(max_length=200, help_text="As listed for this meeting.")
    affiliation = models.CharField(
        max_length=500, blank=True, help_text="Title and affiliation at the time."
    )
    position = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="speaker_unique_position"),
        ]

    def __str__(self) -> str:
        return self.name


class Statement(ChecksInOneQuery, models.Model):
    """Quoted input from an organization and/or a person, on an agenda item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="statements")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        help_text="Blank for a statement on the meeting as a whole (or whose item was removed).",
    )
    source = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
        help_text="The organization the statement comes from.",
    )
    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    author_name = models.CharField(
        max_length=200, blank=True, help_text="As quoted; filled from the person if blank."
    )
    concerns_charter = models.ForeignKey(
        "ccwg.CharterVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
        help_text="The charter version the statement raises questions about.",
    )
    text = CappedTextField(max_length=TEXT)
    position = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__isnull=False) | ~Q(author_name="") | Q(author__isnull=False),
                name="statement_has_source",
                violation_error_message="A statement needs a source organization or an author.",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="statement_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.attribution}: {self.text[:60]}"

    @property
    def attribution(self) -> str:
        """'ccNSO', 'Donna Austin (GNSO)' or 'Donna Austin'."""
        name = self.author_name or (self.author.full_name if self.author is not None else "")
        source = self.source.acronym if self.source is not None else ""
        if name and source:
            return f"{name} ({source})"
        return name or source

    def clean(self) -> None:
        item = self.agenda_item if self.agenda_item_id else None
        if item is not None and self.meeting_id and item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": "The agenda item belongs to another meeting."})


class Outcome(ChecksInOneQuery, models.Model):
    """A conclusion of a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    text = CappedTextField(max_length=TEXT)
    position = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="outcome_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ActionItemQuerySet(models.QuerySet):
    def open(self) -> ActionItemQuerySet:
        return self.filter(status=ActionStatus.OPEN)

    def overdue(self, today: dt.date) -> ActionItemQuerySet:
        return self.open().filter(due_on__lt=today)


class ActionItem(ChecksInOneQuery, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items"
    )
    description = CappedTextField(max_length=SHORT_TEXT)
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="action_items"
    )
    owner_name = models.CharField(
        max_length=200, blank=True, help_text="When the owner is not a recorded person."
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    position = models.PositiveSmallIntegerField(default=1)

    objects = ActionItemQuerySet.as_manager()
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="action_item_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(description=""), name="action_item_description_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN


class MeetingLink(LinkBase):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="links")

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta(LinkBase.Meta):
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="meeting_link_position"),
        ]
