"""Outgoing mail (issue 24): the only writes of `Message`, and the task that sends one.

`queue_message(...)` records the mail, with its Message-ID, and enqueues `send_message` when
the transaction commits. The task sends it at most once through Django's mail API
(`EMAIL_BACKEND`: SMTP in production, the console while developing):

1. it claims the row (`select_for_update(skip_locked=True)`; on SQLite, whose writes are one
   at a time, by writing it first), skips a mail already sent, or being sent by another worker
   (`sending` for less than `TASK_STALLED_AFTER`), and marks it `sending`;
2. it sends, outside any transaction (a slow server holds no lock);
3. it marks it `sent`, or records the error: queued again for the next attempt with back-off
   (`ccwg.core.tasks.retry_later`), `failed` after the last one.

A retried or re-run task therefore never sends a sent mail again. A worker killed after the
server accepted a mail and before step 3 leaves it `sending`; once stalled it is sent again
with the same Message-ID, by which a receiver recognises the copy.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Sequence
from email.utils import make_msgid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.utils import timezone
from django_tasks import task

from ccwg.core.mail_models import Message, MessageStatus
from ccwg.core.tasks import gives_up, retry_later

#: Errors after which a later attempt may succeed: the server refused (4xx or 5xx), or could
#: not be reached, or did not answer in time (OSError covers sockets and timeouts).
TRANSIENT = (smtplib.SMTPException, OSError)


def _domain() -> str:
    sender = settings.DEFAULT_FROM_EMAIL
    address = sender.rsplit("<", 1)[-1].rstrip(">")
    return address.rsplit("@", 1)[-1] or "localhost"


@transaction.atomic
def queue_message(
    *,
    to: Sequence[str],
    subject: str,
    text_body: str,
    html_body: str = "",
    cc: Sequence[str] = (),
    reply_to: Sequence[str] = (),
    about: models.Model | None = None,
    queued_by: AbstractBaseUser | AnonymousUser | None = None,
) -> Message:
    """Record a mail and send it in the background once the transaction commits."""
    message = Message(
        to=list(to),
        cc=list(cc),
        reply_to=list(reply_to),
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        message_id=make_msgid(domain=_domain()),
        about_type=about._meta.label_lower if about is not None else "",
        about_id=about.pk if about is not None else None,
        queued_by=queued_by.get_username() if queued_by and queued_by.is_authenticated else "",
    )
    message.full_clean()
    message.save()
    transaction.on_commit(lambda: send_message.enqueue(message_id=message.pk))
    return message


def _claim(message_id: int) -> Message | None:
    """The message marked `sending` by this worker, or None when there is nothing to send."""
    with transaction.atomic():
        rows = Message.objects.filter(pk=message_id)
        if transaction.get_connection().vendor == "sqlite":
            # SQLite has no row locks: a first write takes the database's write lock, so
            # two workers cannot both read the message as unsent.
            rows.update(attempts=models.F("attempts"))
        message = rows.select_for_update(skip_locked=True).first()
        if message is None or message.status == MessageStatus.SENT:
            return None
        stalled = timezone.now() - dt.timedelta(seconds=float(settings.TASK_STALLED_AFTER))
        since = message.sending_since
        if message.status == MessageStatus.SENDING and since is not None and since > stalled:
            return None  # another worker has it
        message.status = MessageStatus.SENDING
        message.sending_since = timezone.now()
        message.attempts += 1
        message.save(update_fields=["status", "sending_since", "attempts"])
        return message


def _email(message: Message) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text_body,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        reply_to=message.reply_to,
        headers={"Message-ID": message.message_id},
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    return email


def _finish(message: Message, **values: object) -> None:
    Message.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(**values)


@task()
def send_message(*, message_id: int, attempt: int = 1) -> str:
    """Send one queued message, at most once (see the module's docstring)."""
    message = _claim(message_id)
    if message is None:
        return "nothing to send"
    try:
        _email(message).send()
    except TRANSIENT as error:
        last = gives_up(attempt)
        _finish(
            message,
            status=MessageStatus.FAILED if last else MessageStatus.QUEUED,
            sending_since=None,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        if last:
            raise
        retry_later(send_message, attempt=attempt, error=error, message_id=message_id)
    _finish(
        message,
        status=MessageStatus.SENT,
        sent_at=timezone.now(),
        sending_since=None,
        last_error="",
    )
    return "sent"


def retry_message(*, message: Message) -> Message:
    """Staff's retry of a failed mail: queued again, sent by the worker."""
    with transaction.atomic():
        updated = Message.objects.filter(pk=message.pk, status=MessageStatus.FAILED).update(
            status=MessageStatus.QUEUED
        )
        if updated:
            transaction.on_commit(lambda: send_message.enqueue(message_id=message.pk))
    message.refresh_from_db()
    return message
