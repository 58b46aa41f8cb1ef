"""Sending the notes of a call to its group's mailing list (issue 24): the one write path of
the admin's compose page and the API's `send-notes`."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from ccwg.core.mail_models import Message
from ccwg.core.mail_services import queue_message
from ccwg.errors import Conflict, DomainError
from meetings.models import Meeting
from meetings.notes_mail import compose_notes, html_from_text
from meetings.selectors import notes_sent


@transaction.atomic
def send_notes(
    *,
    meeting: Meeting,
    subject: str | None = None,
    body: str | None = None,
    again: bool = False,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> Message:
    """Queue the notes mail of `meeting` to its group's list, Reply-To the list; `subject`
    and `body` (plain text) replace the composed ones. Refused when the group has no list,
    and when the notes were sent before unless `again`."""
    meeting = Meeting.objects.select_for_update().select_related("working_group").get(pk=meeting.pk)
    address = meeting.working_group.mailing_list
    if not address:
        raise DomainError(
            f"{meeting.working_group.acronym} has no mailing list: add it on the group's page."
        )
    earlier = notes_sent(meeting).first()
    if earlier is not None and not again:
        raise Conflict(
            f"The notes were already sent on {earlier.queued_at:%d %B %Y at %H:%M} UTC; "
            "confirm to send them again."
        )
    composed = compose_notes(meeting)
    text = body if body and body.strip() else composed.text
    html = composed.html if text == composed.text else html_from_text(text)
    return queue_message(
        to=[address],
        reply_to=[address],
        subject=subject.strip() if subject and subject.strip() else composed.subject,
        text_body=text,
        html_body=html,
        about=meeting,
        queued_by=user,
    )
