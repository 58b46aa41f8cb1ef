"""Staff see the mails and the background tasks in the admin (what, when, which attempt, the
error) and retry what failed (issue 24)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ccwg.core.mail_models import MessageStatus
from ccwg.core.tasks import requeue_stalled
from tests.factories import MessageFactory
from tests.mail.workers import database_queue, failed_send, run_ready

pytestmark = pytest.mark.django_db(transaction=True)

TASKS = "admin:django_tasks_database_dbtaskresult_changelist"


def test_staff_see_a_failed_task_with_its_attempt_and_error(admin_client, settings):
    settings.TASK_MAX_ATTEMPTS = 5
    failed_send(MessageFactory(status=MessageStatus.FAILED).pk)
    page = admin_client.get(reverse(TASKS), {"outcome": "gave_up"}).content.decode()
    assert "send message" in page
    assert "5 of 5" in page
    assert "SMTPRecipientsRefused: {&#x27;list@example.org&#x27;: (550, b&#x27;no&#x27;)}" in page


def test_the_retry_action_sends_the_mail_once(admin_client):
    message = MessageFactory(status=MessageStatus.FAILED, attempts=5, last_error="550 no")
    task = failed_send(message.pk)
    with database_queue():
        answer = admin_client.post(
            reverse(TASKS), {"action": "retry", "_selected_action": [str(task.pk)]}, follow=True
        )
        assert answer.status_code == 200
        assert "1 task queued again." in [str(m) for m in answer.context["messages"]]
        retried = DBTaskResult.objects.exclude(pk=task.pk).get()
        assert retried.args_kwargs["kwargs"] == {"message_id": message.pk, "attempt": 1}
        run_ready()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert [sent.extra_headers["Message-ID"] for sent in mail.outbox] == [message.message_id]


def test_a_failed_mail_is_retried_from_its_list(admin_client):
    failed = MessageFactory(status=MessageStatus.FAILED, last_error="timed out")
    sent = MessageFactory()
    changelist = reverse("admin:ccwg_message_changelist")
    assert "timed out" in admin_client.get(changelist, {"status": "failed"}).content.decode()
    assert (
        "timed out"
        in admin_client.get(reverse("admin:ccwg_message_change", args=[failed.pk])).content.decode()
    )
    admin_client.post(
        changelist, {"action": "retry", "_selected_action": [str(failed.pk), str(sent.pk)]}
    )
    failed.refresh_from_db()
    assert failed.status == MessageStatus.SENT
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [failed.message_id]


def test_a_stalled_task_is_put_back_in_the_queue(settings):
    settings.TASK_STALLED_AFTER = 60
    message = MessageFactory()
    task = failed_send(message.pk)
    DBTaskResult.objects.filter(pk=task.pk).update(
        status="RUNNING", started_at=timezone.now() - dt.timedelta(seconds=30)
    )
    assert requeue_stalled() == 0
    DBTaskResult.objects.filter(pk=task.pk).update(
        started_at=timezone.now() - dt.timedelta(seconds=61)
    )
    assert requeue_stalled() == 1
    task.refresh_from_db()
    assert task.status == "READY"
