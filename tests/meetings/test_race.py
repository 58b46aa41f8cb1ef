"""Two saves of one meeting with its parts run one after the other (issue 14, item 1).

`update_meeting` locks the meeting's row and reads it again before writing, so a second
save of the same meeting (another PATCH with its agenda and notes) waits for the first and
starts from what it wrote: the agenda is wholly one writer's, never a mix, and a field only
the first writer changed is kept. Run on PostgreSQL with real concurrent requests; SQLite
has no row locks (skipped there, with the reason).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from meetings import services
from tests.factories import StaffFactory, TeleconferenceFactory
from tests.reports.test_race import REPETITIONS, WAIT_LIMIT, _in_thread, _wait_until_blocked

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _patch(client: APIClient, meeting_id: int, body: dict, out: dict, name: str) -> None:
    out[name] = client.patch(f"/api/v1/meetings/{meeting_id}/", body, format="json").status_code


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_a_meeting_with_its_parts_do_not_interleave(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks: the race is run on PostgreSQL")
    token = Token.objects.create(user=StaffFactory(username="racer")).key
    real_save_parts = services._save_parts
    first_inside = threading.Event()

    def save_parts_while_the_other_waits(meeting, parts):
        if not first_inside.is_set():
            first_inside.set()
            _wait_until_blocked()
        return real_save_parts(meeting, parts)

    monkeypatch.setattr(services, "_save_parts", save_parts_while_the_other_waits)
    for repetition in range(REPETITIONS):
        first_inside.clear()
        meeting = TeleconferenceFactory(notes="")
        first = {
            "notes": f"notes of the first writer {repetition}",
            "agenda": [{"title": "A1", "children": [{"title": "A1.a"}]}, {"title": "A2"}],
        }
        second = {"agenda": [{"title": "B1"}, {"title": "B2"}, {"title": "B3"}]}
        out: dict[str, int] = {}
        clients = [APIClient(), APIClient()]
        for client in clients:
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        one = _in_thread(_patch, clients[0], meeting.pk, first, out, "first")
        first_inside.wait(WAIT_LIMIT)
        two = _in_thread(_patch, clients[1], meeting.pk, second, out, "second")
        one.join(60)
        two.join(60)
        assert out == {"first": 200, "second": 200}, (repetition, out)
        meeting.refresh_from_db()
        titles = sorted(meeting.agenda_items.values_list("title", flat=True))
        assert titles == ["B1", "B2", "B3"], (repetition, titles)  # the second, whole
        assert meeting.notes == first["notes"]  # the first writer's field is kept
