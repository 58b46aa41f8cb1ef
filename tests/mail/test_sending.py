"""Outgoing mail through a real SMTP server (aiosmtpd in the test process), never a mock:
delivered, refused (550), or the server silent until the timeout; nothing lost, retried, and a
sent mail never sent twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ccwg.core import mail_services
from ccwg.core.mail_models import Message, MessageStatus
from ccwg.core.tasks import RetryScheduled, gave_up
from tests.factories import MeetingFactory
from tests.mail.smtp import REFUSE, STALL
from tests.mail.workers import database_queue, run_ready

pytestmark = pytest.mark.django_db(transaction=True)


def _queue(**overrides) -> Message:
    fields = {
        "to": ["list@example.org"],
        "reply_to": ["list@example.org"],
        "subject": "Notes of the call",
        "text_body": "1. Welcome\n",
        "html_body": "<ol><li>Welcome</li></ol>",
    }
    return mail_services.queue_message(**{**fields, **overrides})


def test_a_queued_mail_is_delivered_once_with_its_message_id(smtp_server):
    meeting = MeetingFactory()
    message = _queue(about=meeting, cc=["chair@example.org"])

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.sent_at is not None and message.attempts == 1
    [received] = smtp_server.handler.received
    assert received["Message-ID"] == message.message_id
    assert received["Reply-To"] == "list@example.org"
    assert received["Subject"] == "Notes of the call"
    assert set(smtp_server.handler.envelopes[0].rcpt_tos) == {
        "list@example.org",
        "chair@example.org",
    }
    parts = {part.get_content_type(): part for part in received.walk()}
    assert "1. Welcome" in parts["text/plain"].get_payload(decode=True).decode()
    assert "<li>Welcome</li>" in parts["text/html"].get_payload(decode=True).decode()
    assert list(Message.objects.about(meeting)) == [message]


def test_the_mail_is_sent_only_when_the_transaction_commits(smtp_server):
    with transaction.atomic():
        message = _queue()
        assert smtp_server.handler.received == []
        assert Message.objects.get(pk=message.pk).status == MessageStatus.QUEUED
    assert len(smtp_server.handler.received) == 1


def test_a_mail_rolled_back_with_its_transaction_is_neither_kept_nor_sent(smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue()
        raise RuntimeError("the save fails")
    assert not Message.objects.exists()
    assert smtp_server.handler.received == []


def test_running_the_task_again_sends_nothing_more(smtp_server):
    message = _queue()
    assert mail_services.send_message.call(message_id=message.pk) == "nothing to send"
    assert len(smtp_server.handler.received) == 1


def test_a_refusing_server_is_tried_again_then_the_mail_fails_with_the_error(smtp_server, settings):
    settings.TASK_MAX_ATTEMPTS = 3
    smtp_server.handler.mode = REFUSE
    message = _queue()

    message.refresh_from_db()
    assert smtp_server.handler.refused == 3
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 3
    assert "550" in message.last_error and "Refused by the test server" in message.last_error

    # Staff retry once the server takes mail again: delivered, once.
    smtp_server.handler.mode = "accept"
    mail_services.retry_message(message=message)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert smtp_server.handler.message_ids() == [message.message_id]


def test_a_server_that_does_not_answer_times_out_and_nothing_is_lost(smtp_server, settings):
    settings.TASK_MAX_ATTEMPTS = 2
    settings.EMAIL_TIMEOUT = 0.3
    smtp_server.handler.mode = STALL
    smtp_server.handler.stall_seconds = 1.0
    message = _queue()

    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 2
    assert "timed out" in message.last_error.lower()
    assert Message.objects.filter(pk=message.pk).exists()


def test_a_mail_being_sent_by_another_worker_is_left_to_it(smtp_server):
    with transaction.atomic():
        message = _queue()
        Message.objects.filter(pk=message.pk).update(
            status=MessageStatus.SENDING, sending_since=timezone.now()
        )
    assert smtp_server.handler.received == []
    assert Message.objects.get(pk=message.pk).status == MessageStatus.SENDING


def test_a_mail_left_sending_by_a_dead_worker_is_sent_once_stalled(smtp_server, settings):
    settings.TASK_STALLED_AFTER = 60
    with transaction.atomic():
        message = _queue()
        Message.objects.filter(pk=message.pk).update(
            status=MessageStatus.SENDING,
            sending_since=timezone.now() - dt.timedelta(seconds=61),
        )
    assert smtp_server.handler.message_ids() == [message.message_id]
    assert Message.objects.get(pk=message.pk).status == MessageStatus.SENT


def test_in_development_the_mail_goes_to_the_console(settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    message = _queue()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.message_id in capsys.readouterr().out
    assert mail.outbox == []


def test_the_database_queue_retries_with_back_off(smtp_server, settings):
    """On the database queue the next attempt waits TASK_RETRY_DELAY, then twice that."""
    settings.TASK_MAX_ATTEMPTS = 3
    settings.TASK_RETRY_DELAY = 60
    smtp_server.handler.mode = REFUSE
    with database_queue():
        message = _queue()
        run_ready()
        first, second = DBTaskResult.objects.order_by("enqueued_at")
        assert first.exception_class_path.endswith(RetryScheduled.__qualname__)
        assert not gave_up(first)
        assert second.status == "READY"
        assert 55 <= (second.run_after - timezone.now()).total_seconds() <= 60
        assert second.args_kwargs["kwargs"] == {"message_id": message.pk, "attempt": 2}

        DBTaskResult.objects.filter(pk=second.pk).update(run_after=timezone.now())
        run_ready()
        third = DBTaskResult.objects.order_by("enqueued_at").last()
        assert 115 <= (third.run_after - timezone.now()).total_seconds() <= 120

        DBTaskResult.objects.filter(pk=third.pk).update(run_after=timezone.now())
        run_ready()
    third.refresh_from_db()
    assert third.status == "FAILED" and gave_up(third)
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED and message.attempts == 3
