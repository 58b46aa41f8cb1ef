"""The archive carries the sent mails (issue 24, item 7): a record app's model, archived and
imported as it is, with what it is about."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from ccwg.core.mail_models import Message, MessageStatus
from tests.factories import MeetingFactory, MessageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_sent_mail_survives_export_and_import(tmp_path):
    meeting = MeetingFactory()
    sent = MessageFactory(
        about=meeting,
        status=MessageStatus.SENT,
        sent_at=timezone.now(),
        attempts=2,
        reply_to=["list@example.org"],
        queued_by="staff",
    )
    fields = Message.objects.filter(pk=sent.pk).values().get()
    archive = tmp_path / "archive.json"
    call_command("export_archive", str(archive), stdout=io.StringIO(), stderr=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    assert not Message.objects.exists()
    call_command("import_archive", str(archive), stdout=io.StringIO(), stderr=io.StringIO())
    assert Message.objects.filter(pk=sent.pk).values().get() == fields
    assert list(Message.objects.about(meeting)) == [sent]
