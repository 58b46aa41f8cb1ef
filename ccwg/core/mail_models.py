"""The mails the site sends (issue 24): each one recorded before it leaves, with what it is
about, and sent by the worker (`ccwg.core.mail_services`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from ccwg.core.fields import SHORT_TEXT, CappedTextField

#: A mail's bodies may be long (the notes of a call); no more than this.
BODY = 100_000
SUBJECT = 300


def validate_one_line(value: str) -> None:
    """A mail header (the subject) is one line: a line break would end it."""
    if "\n" in value or "\r" in value:
        raise ValidationError("Write the subject on one line.")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class MessageQuerySet(models.QuerySet["Message"]):
    def about(self, record: models.Model) -> MessageQuerySet:
        """The mails about one record (a meeting's notes), newest first."""
        return self.filter(about_type=record._meta.label_lower, about_id=record.pk).order_by(
            "-queued_at", "-pk"
        )


class Message(models.Model):
    """One outgoing mail. Written only by `ccwg.core.mail_services`: queued with its
    Message-ID, then sent at most once by the worker."""

    to = models.JSONField(default=list, help_text="Addresses the mail is sent to.")
    cc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    from_email = models.CharField(max_length=300)
    subject = models.CharField(max_length=SUBJECT, validators=[validate_one_line])
    text_body = CappedTextField(max_length=BODY)
    html_body = CappedTextField(blank=True, max_length=BODY)
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    message_id = models.CharField(
        max_length=300, unique=True, help_text="The mail's Message-ID header, set when queued."
    )
    queued_at = models.DateTimeField(auto_now_add=True)
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = CappedTextField(blank=True, max_length=SHORT_TEXT)
    # What the mail is about (a meeting for its notes): any record, named by its model's
    # label and key, so that the apps above the core can say it without the core knowing
    # them. The mail outlives the record (and keeps who queued it as their user name).
    about_type = models.CharField(
        max_length=100, blank=True, help_text='The record\'s model, e.g. "meetings.meeting".'
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    queued_by = models.CharField(max_length=150, blank=True, help_text="Who queued it.")

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at", "-pk"]
        indexes = [models.Index(fields=["about_type", "about_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MessageStatus.values), name="message_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=MessageStatus.SENT) | Q(sent_at__isnull=False),
                name="message_sent_has_time",
                violation_error_message="A sent message has the time it was sent.",
            ),
            models.CheckConstraint(
                condition=Q(about_type="", about_id__isnull=True)
                | (~Q(about_type="") & Q(about_id__isnull=False)),
                name="message_about_whole",
                violation_error_message="What a message is about is a type and a record.",
            ),
        ]

    def __str__(self) -> str:
        return self.subject
