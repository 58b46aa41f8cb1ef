"""'Send the notes' after a call (issue 24): the mail composed from the record, sent from the
admin's compose page and the API to the group's list, kept and linked from the meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from ccwg.core.mail_models import Message, MessageStatus
from meetings.notes_mail import compose_notes
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AgendaItemLinkFactory,
    AttendanceFactory,
    MeetingLinkFactory,
    OutcomeFactory,
    PersonFactory,
    StatementFactory,
    TeleconferenceFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _worker(django_capture_on_commit_callbacks, monkeypatch):
    """The worker's part, at once: each request's queued mail is sent when it commits (the
    tests' transaction never does; the immediate task backend then sends it)."""
    from django.test import Client
    from rest_framework.test import APIClient

    def committing(method):
        def request(*args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return method(*args, **kwargs)

        return request

    for client in (Client, APIClient):
        monkeypatch.setattr(client, "post", committing(client.post))


LIST = "wg-list@example.org"


@pytest.fixture
def meeting():
    group = WorkingGroupFactory(acronym="WG-N", mailing_list=LIST)
    call = TeleconferenceFactory(working_group=group, title="WG-N teleconference")
    first = AgendaItemFactory(meeting=call, title="Welcome", position=1)
    second = AgendaItemFactory(meeting=call, title="Charter", position=2)
    sub = AgendaItemFactory(meeting=call, parent=second, title="Questions", position=1)
    AgendaItemFactory(meeting=call, parent=sub, title="From the GNSO", position=1)
    AgendaItemLinkFactory(agenda_item=first, title="Slides", url="https://example.org/slides")
    AttendanceFactory(meeting=call, person=PersonFactory(full_name="Ann Lee"))
    AttendanceFactory(meeting=call, person=PersonFactory(full_name="Bo Roe"), role="staff")
    AttendanceFactory(meeting=call, person=PersonFactory(full_name="Cy Doe"), status="apologies")
    StatementFactory(meeting=call, agenda_item=sub, text="Is this reflected?")
    OutcomeFactory(meeting=call, text="The charter goes to the SOs.")
    ActionItemFactory(
        meeting=call,
        agenda_item=second,
        description="Circulate the draft",
        owner=PersonFactory(full_name="Dee Poe"),
        due_on=dt.date(2017, 3, 5),
    )
    MeetingLinkFactory(meeting=call, title="Transcript", url="https://example.org/t")
    return call


def test_the_notes_are_composed_from_the_record(meeting):
    notes = compose_notes(meeting)
    text = notes.text
    assert notes.to == LIST
    assert notes.subject.startswith("[WG-N] Notes and action items: WG-N teleconference")
    for line in (
        "1. Welcome",
        "   Slides <https://example.org/slides>",
        "2. Charter",
        "   a. Questions",
        "      i. From the GNSO",
        "Present: 2 in total, 1 members.",
        "Present: Ann Lee, Bo Roe (staff)",
        "Apologies: Cy Doe",
        "  Is this reflected?",
        "- The charter goes to the SOs.",
        "- Circulate the draft (owner: Dee Poe; due 5 March 2017) [item 2]",
        "- Transcript: https://example.org/t",
    ):
        assert line in text.splitlines(), line
    statement = meeting.statements.get()
    assert f"- {statement.source.acronym}, on item 2.a:" in text.splitlines()
    assert "<h2>Action items</h2>" in notes.html
    assert '<a href="https://example.org/slides">Slides</a>' in notes.html


def test_html_in_the_record_is_escaped_in_the_html_part(meeting):
    OutcomeFactory(meeting=meeting, text="<script>alert(1)</script>")
    notes = compose_notes(meeting)
    assert "<script>" not in notes.html
    assert "&lt;script&gt;" in notes.html
    assert "<script>alert(1)</script>" in notes.text


class TestAdmin:
    def url(self, meeting):
        return reverse("admin:meetings_meeting_send_notes", args=[meeting.pk])

    def test_the_meeting_page_links_to_the_compose_page(self, admin_client, meeting):
        page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
        assert self.url(meeting) in page.content.decode()

    def test_staff_edit_and_send_then_the_meeting_shows_it(
        self, admin_client, member_client, meeting
    ):
        page = admin_client.get(self.url(meeting))
        assert page.status_code == 200
        assert "1. Welcome" in page.content.decode()
        answer = admin_client.post(
            self.url(meeting), {"subject": "Notes of our call", "body": "Thanks, all.\n"}
        )
        assert answer.status_code == 302
        [message] = Message.objects.about(meeting)
        assert message.status == MessageStatus.SENT
        [sent] = mail.outbox
        assert sent.subject == "Notes of our call"
        assert sent.to == [LIST] and sent.reply_to == [LIST]
        assert sent.body == "Thanks, all.\n"
        assert sent.extra_headers["Message-ID"] == message.message_id
        html, _ = sent.alternatives[0]
        assert "<p>Thanks, all.</p>" in html

        members_page = member_client.get(reverse("meetings:detail", args=[meeting.pk]))
        assert f"Sent to {LIST} on" in members_page.content.decode()

    def test_sending_again_asks_first(self, admin_client, meeting):
        composed = compose_notes(meeting)
        data = {"subject": composed.subject, "body": composed.text}
        admin_client.post(self.url(meeting), data)
        again = admin_client.post(self.url(meeting), data)
        assert again.status_code == 200
        assert "were already sent on" in again.content.decode()
        assert len(mail.outbox) == 1
        admin_client.post(self.url(meeting), {**data, "again": "on"})
        assert len(mail.outbox) == 2
        # The record's own HTML part goes with the unchanged text.
        assert "<h2>Agenda</h2>" in mail.outbox[1].alternatives[0][0]

    def test_a_group_without_a_list_is_told_where_to_add_it(self, admin_client, meeting):
        meeting.working_group.mailing_list = ""
        meeting.working_group.save()
        page = admin_client.get(self.url(meeting))
        assert "has no mailing list" in page.content.decode()
        answer = admin_client.post(self.url(meeting), {"subject": "S", "body": "B"})
        assert answer.status_code == 200
        assert not Message.objects.exists()

    def test_members_cannot_open_it(self, member_client, meeting):
        answer = member_client.get(self.url(meeting))
        assert answer.status_code == 302  # to the admin's login
        assert not Message.objects.exists()


class TestApi:
    def url(self, meeting):
        return f"/api/v1/meetings/{meeting.pk}/send-notes/"

    def test_staff_queue_the_notes_and_read_the_status(self, staff_api, meeting):
        answer = staff_api.post(self.url(meeting), {}, format="json")
        assert answer.status_code == 202, answer.content
        body = answer.json()
        assert body["to"] == [LIST] and body["reply_to"] == [LIST]
        assert body["subject"] == compose_notes(meeting).subject
        status = staff_api.get(f"/api/v1/messages/{body['id']}/").json()
        assert status["status"] == "sent" and status["sent_at"] and status["error"] == ""
        listed = staff_api.get(f"/api/v1/meetings/{meeting.pk}/messages/").json()
        assert [row["id"] for row in listed] == [body["id"]]
        assert mail.outbox[0].body == compose_notes(meeting).text

    def test_subject_and_body_replace_the_composed_ones(self, staff_api, meeting):
        answer = staff_api.post(
            self.url(meeting), {"subject": "Mine", "body": "My words"}, format="json"
        )
        assert answer.status_code == 202
        assert mail.outbox[0].subject == "Mine" and mail.outbox[0].body == "My words"

    def test_a_second_send_is_a_conflict_unless_again(self, staff_api, meeting):
        staff_api.post(self.url(meeting), {}, format="json")
        second = staff_api.post(self.url(meeting), {}, format="json")
        assert second.status_code == 409
        assert "already sent" in second.json()["detail"]
        third = staff_api.post(self.url(meeting), {"again": True}, format="json")
        assert third.status_code == 202
        assert len(mail.outbox) == 2

    def test_no_mailing_list_is_a_400(self, staff_api, meeting):
        meeting.working_group.mailing_list = ""
        meeting.working_group.save()
        answer = staff_api.post(self.url(meeting), {}, format="json")
        assert answer.status_code == 400
        assert "no mailing list" in answer.json()["non_field_errors"][0]

    @pytest.mark.parametrize(
        "subject",
        ["x" * 301, "\f" + "x" * 300, "Notes\nBcc: all@example.org", "a\x00b"],
        ids=["long", "long-before-trimming", "two-lines", "nul"],
    )
    def test_a_bad_subject_is_a_400_naming_it(self, staff_api, meeting, subject):
        answer = staff_api.post(self.url(meeting), {"subject": subject}, format="json")
        assert answer.status_code == 400 and "subject" in answer.json()
        assert not Message.objects.exists()

    def test_members_and_anonymous_are_refused(self, member_api, anon_api, meeting, staff_api):
        assert member_api.post(self.url(meeting), {}, format="json").status_code == 403
        assert anon_api.post(self.url(meeting), {}, format="json").status_code == 401
        message_id = staff_api.post(self.url(meeting), {}, format="json").json()["id"]
        assert member_api.get(f"/api/v1/messages/{message_id}/").status_code == 403
        assert anon_api.get(f"/api/v1/messages/{message_id}/").status_code == 401
        assert member_api.get(f"/api/v1/meetings/{meeting.pk}/messages/").status_code == 403

    def test_the_group_has_its_mailing_list_in_the_api(self, staff_api, meeting):
        group = staff_api.get("/api/v1/working-groups/WG-N/").json()
        assert group["mailing_list"] == LIST
        changed = staff_api.patch(
            "/api/v1/working-groups/WG-N/", {"mailing_list": "not an address"}, format="json"
        )
        assert changed.status_code == 400 and "mailing_list" in changed.json()
