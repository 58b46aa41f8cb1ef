"""A meeting's history in change sets (services, admin, API alike), and its restore."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from ccwg.core.change_sets import change_set
from meetings import history
from meetings.models import AgendaItem, Meeting, Outcome, Speaker, Statement
from meetings.services import create_meeting, update_meeting
from tests.factories import OrganizationFactory, PersonFactory, StaffFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

AGENDA = [
    {"title": "Policy Topics", "children": [
        {"title": "IGF Community Public Consultation - ICANN Comment", "links": [
            {"title": "Consultation page", "url": "https://example.org/igf", "kind": "wiki"}]},
        {"title": "CSTD Intersessional meeting", "children": [{"title": "Dates"}]},
    ]},
    {"title": "Organisational Topics"},
]  # fmt: skip


def agenda_with(extra_under_first: list[dict]) -> list[dict]:
    first = {**AGENDA[0], "children": [*AGENDA[0]["children"], *extra_under_first]}
    return [first, AGENDA[1]]


@pytest.fixture
def alice():
    return StaffFactory(username="alice")


@pytest.fixture
def bob():
    return StaffFactory(username="bob")


@pytest.fixture
def meeting(alice):
    ccnso = OrganizationFactory(acronym="ccNSO")
    with change_set(user=alice):
        return create_meeting(
            working_group=WorkingGroupFactory(acronym="CCWG-IG"),
            kind="teleconference",
            status="held",
            starts_at="2017-02-02T14:00:00Z",
            members_present=11,
            agenda=AGENDA,
            speakers=[{"name": "Peter Major", "affiliation": "Government of Hungary"}],
            outcomes=["Coordinate more", "Agree standards"],
            statements=[
                {"agenda_path": [1, 2], "source": ccnso, "text": "Is this reflected?"},
                {"agenda_path": None, "author_name": "Nigel Hickson", "text": "Thanks all."},
            ],
            links=[{"title": "Transcript", "url": "https://example.org/t", "kind": "transcript"}],
        )


def test_one_save_is_one_change_set_worded_per_part(meeting, alice, bob):
    with change_set(user=bob):
        update_meeting(
            meeting=meeting, members_present=15, agenda=agenda_with([{"title": "ITU EG-ITR"}])
        )
    entries = history.meeting_history(meeting)
    assert len(entries) == 2
    created, edited = entries
    assert created.user == alice and created.lines[0] == "Meeting: created"
    assert edited.user == bob
    assert edited.lines == [
        "Members present: 11 → 15",
        "Agenda: added 'ITU EG-ITR' under 1.",
    ]


def test_agenda_renames_moves_notes_and_child_parts_are_worded(meeting, bob):
    agenda = [
        {"title": "Organisational Topics", "notes": "Brief"},
        {"title": "Policy Topics", "children": [
            {"title": "IGF Community Public Consultation - ICANN Comment", "links": []},
            {"title": "CSTD Intersessional meeting", "children": [{"title": "Dates"}]},
        ]},
    ]  # fmt: skip
    with change_set(user=bob):
        update_meeting(meeting=meeting, agenda=agenda, outcomes=["Agree standards"])
    lines = history.meeting_history(meeting)[-1].lines
    text = " | ".join(lines)
    assert "Agenda:" in text
    assert "removed link 'Consultation page' from" in text
    assert "Outcomes: removed 'Coordinate more'" in lines


def test_speaker_outcome_and_link_rows_have_history(meeting):
    assert Speaker.history.filter(meeting_id=meeting.pk).count() == 1
    assert Outcome.history.filter(meeting_id=meeting.pk).count() == 2
    assert meeting.links.model.history.filter(meeting_id=meeting.pk).count() == 1
    item = AgendaItem.objects.get(title__startswith="IGF Community")
    assert item.links.model.history.filter(agenda_item_id=item.pk).count() == 1


def test_first_history_rows_for_rows_that_had_none(meeting):
    """The migration gives rows without history a first row, dated at the meeting's creation."""
    Speaker.history.all().delete()
    migration = importlib.import_module("meetings.migrations.0006_first_history_rows")
    migration.first_history_rows(apps, None)
    row = Speaker.history.get(meeting_id=meeting.pk)
    assert row.history_type == "+" and row.history_date == meeting.created_at
    assert history.current_state(meeting) == history.meeting_history(meeting)[-1].after


def test_replayed_state_is_the_stored_state(meeting, bob):
    with change_set(user=bob):
        update_meeting(meeting=meeting, agenda=agenda_with([{"title": "ITU EG-ITR"}]))
    assert history.meeting_history(meeting)[-1].after == history.current_state(meeting)


# --- API and admin writes are attributed ------------------------------------------------


def test_api_writes_are_in_the_history_with_the_api_user(meeting, staff_api, staff):
    url = f"/api/v1/meetings/{meeting.pk}/"
    body = staff_api.get(url).json()
    body["agenda"][0]["children"].append({"title": "ITU EG-ITR", "children": [], "links": []})
    response = staff_api.patch(url, {"agenda": body["agenda"]}, format="json")
    assert response.status_code == 200, response.content
    last = history.meeting_history(meeting)[-1]
    assert last.user == staff
    assert last.lines == ["Agenda: added 'ITU EG-ITR' under 1."]
    rows = AgendaItem.history.filter(meeting_id=meeting.pk, history_user=staff)
    assert rows.exists() and len({row.history_change_set for row in rows}) == 1


def test_history_page_lists_change_sets_with_who_and_what(meeting, bob, admin_client):
    with change_set(user=bob):
        update_meeting(
            meeting=meeting, members_present=15, agenda=agenda_with([{"title": "ITU EG-ITR"}])
        )
    page = admin_client.get(reverse("admin:meetings_meeting_history", args=[meeting.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Members present: 11 → 15" in text
    assert "Agenda: added &#x27;ITU EG-ITR&#x27; under 1." in text
    assert ">bob<" in text and ">alice<" in text
    assert "Restore this version" in text


def test_simple_history_revert_page_sends_to_the_change_set_history(meeting, admin_client):
    version = Meeting.history.filter(id=meeting.pk).first()
    url = f"/admin/meetings/meeting/{meeting.pk}/history/{version.history_id}/"
    response = admin_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:meetings_meeting_history", args=[meeting.pk])


# --- restore ------------------------------------------------------------------------------


def _later_changes(meeting, bob):
    """Bob: more members, drops 'CSTD Intersessional meeting' (statements lose their item),
    one outcome less, a new title."""
    agenda = [
        {"title": "Policy Topics", "children": [
            {"title": "IGF Community Public Consultation - ICANN Comment", "links": [
                {"title": "Consultation page", "url": "https://example.org/igf", "kind": "wiki"}]},
        ]},
        {"title": "Organisational Topics"},
    ]  # fmt: skip
    with change_set(user=bob):
        update_meeting(
            meeting=meeting,
            members_present=15,
            agenda=agenda,
            outcomes=["Agree standards"],
            title="Renamed",
        )
    meeting.refresh_from_db()


def test_restore_the_whole_version_children_included(meeting, alice, bob):
    first = history.meeting_history(meeting)[0]
    _later_changes(meeting, bob)
    assert not AgendaItem.objects.filter(title="CSTD Intersessional meeting").exists()
    history.restore_meeting(meeting=meeting, change_set_key=first.key, user=alice)
    meeting.refresh_from_db()
    assert meeting.members_present == 11 and meeting.title == ""
    assert list(meeting.outcomes.values_list("text", flat=True)) == [
        "Coordinate more",
        "Agree standards",
    ]
    statement = Statement.objects.get(text="Is this reflected?")
    assert statement.agenda_item.title == "CSTD Intersessional meeting"
    assert AgendaItem.objects.get(title="Dates").parent == statement.agenda_item
    restore = history.meeting_history(meeting)[-1]
    assert restore.user == alice and restore.is_restore
    assert restore.reason.startswith("Restored the version of")
    assert "Members present: 15 → 11" in restore.lines


def test_restore_one_field_keeps_later_unrelated_changes(meeting, alice, bob):
    first = history.meeting_history(meeting)[0]
    _later_changes(meeting, bob)
    plan = history.plan_restore(meeting=meeting, change_set_key=first.key)
    items = {change.item for change in plan.changes}
    assert "meeting:members_present" in items
    history.restore_meeting(
        meeting=meeting, change_set_key=first.key, items=["meeting:members_present"], user=alice
    )
    meeting.refresh_from_db()
    assert meeting.members_present == 11
    assert meeting.title == "Renamed"
    assert list(meeting.outcomes.values_list("text", flat=True)) == ["Agree standards"]
    assert history.meeting_history(meeting)[-1].lines == ["Members present: 15 → 11"]
    assert history.meeting_history(meeting)[-1].reason.startswith("Restored 1 item of the version")


def test_restore_a_deleted_agenda_item_with_its_sub_items_and_statement(meeting, alice, bob):
    first = history.meeting_history(meeting)[0]
    _later_changes(meeting, bob)
    assert Statement.objects.get(text="Is this reflected?").agenda_item is None
    plan = history.plan_restore(meeting=meeting, change_set_key=first.key)
    item = next(
        c.item
        for c in plan.changes
        if c.label == "Agenda" and "CSTD Intersessional meeting" in c.text
    )
    history.restore_meeting(meeting=meeting, change_set_key=first.key, items=[item], user=alice)
    meeting.refresh_from_db()
    restored = AgendaItem.objects.get(meeting=meeting, title="CSTD Intersessional meeting")
    assert restored.parent.title == "Policy Topics" and restored.position == 2
    assert AgendaItem.objects.get(meeting=meeting, title="Dates").parent == restored
    assert Statement.objects.get(text="Is this reflected?").agenda_item == restored
    # the rest of Bob's changes stay
    assert meeting.members_present == 15 and meeting.title == "Renamed"
    assert list(meeting.outcomes.values_list("text", flat=True)) == ["Agree standards"]


def test_restore_one_deleted_outcome(meeting, alice, bob):
    first = history.meeting_history(meeting)[0]
    _later_changes(meeting, bob)
    plan = history.plan_restore(meeting=meeting, change_set_key=first.key)
    item = next(c.item for c in plan.changes if c.label == "Outcomes")
    history.restore_meeting(meeting=meeting, change_set_key=first.key, items=[item], user=alice)
    assert list(meeting.outcomes.values_list("text", flat=True)) == [
        "Coordinate more",
        "Agree standards",
    ]
    assert Meeting.objects.get(pk=meeting.pk).members_present == 15


def test_restore_pages_in_the_admin(meeting, bob, admin_client):
    first = history.meeting_history(meeting)[0]
    _later_changes(meeting, bob)
    url = reverse("admin:meetings_meeting_restore", args=[meeting.pk, first.key])
    page = admin_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Members present" in text and "15 → 11" in text
    assert 'value="meeting:members_present"' in text
    response = admin_client.post(
        url, {"restore_items": "1", "item": ["meeting:members_present", "meeting:title"]}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.members_present, meeting.title) == (11, "")
    assert Outcome.objects.filter(meeting=meeting).count() == 1
    last = history.meeting_history(meeting)[-1]
    assert last.user.username == "root" and last.is_restore
    response = admin_client.post(url, {"restore_all": "1"})
    assert response.status_code == 302
    assert Outcome.objects.filter(meeting=meeting).count() == 2
    assert (
        admin_client.get(
            reverse("admin:meetings_meeting_restore", args=[meeting.pk, "nope"])
        ).status_code
        == 404
    )


def test_restore_leaves_out_what_no_longer_exists(meeting, alice, bob):
    person = PersonFactory(full_name="Gone Person")
    with change_set(user=bob):
        update_meeting(meeting=meeting, attendance=[{"person": person, "role": "member"}])
    version = history.meeting_history(meeting)[-1]
    with change_set(user=bob):
        update_meeting(meeting=meeting, attendance=[])
    person.delete()
    plan = history.plan_restore(meeting=meeting, change_set_key=version.key)
    assert any("no longer exists" in line for line in plan.skipped)
    history.restore_meeting(meeting=meeting, change_set_key=version.key, user=alice)
    assert meeting.attendances.count() == 0


def test_undo_only_one_save_keeps_the_later_ones(meeting, alice, bob, admin_client):
    _later_changes(meeting, bob)
    bobs = history.meeting_history(meeting)[-1]
    with change_set(user=alice):
        update_meeting(meeting=meeting, notes="Later notes", members_present=16)
    plan = history.plan_undo(meeting=meeting, change_set_key=bobs.key)
    assert "Title: 'Renamed' → blank" in plan.lines
    url = reverse("admin:meetings_meeting_restore", args=[meeting.pk, bobs.key])
    page = admin_client.get(url).content.decode()
    assert "Undo only this save" in page
    assert admin_client.post(url, {"undo": "1"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "" and meeting.notes == "Later notes"
    # Bob's 11 → 15 is undone to 11, though Alice changed the field since: the undo puts
    # back what was before Bob's save.
    assert meeting.members_present == 11
    assert list(meeting.outcomes.values_list("text", flat=True)) == [
        "Coordinate more",
        "Agree standards",
    ]
    item = AgendaItem.objects.get(meeting=meeting, title="CSTD Intersessional meeting")
    assert Statement.objects.get(text="Is this reflected?").agenda_item == item
    last = history.meeting_history(meeting)[-1]
    assert last.reason.startswith("Restored what the save of")


def test_organizations_attendance_and_statements_are_worded(meeting, bob):
    gnso = OrganizationFactory(acronym="GNSO")
    jane = PersonFactory(full_name="Jane Doe")
    with change_set(user=bob):
        update_meeting(
            meeting=meeting,
            organizations_present=[gnso],
            attendance=[{"person": jane, "role": "chair"}],
        )
    assert history.meeting_history(meeting)[-1].lines == [
        "Organizations present: added GNSO",
        "Attendance: added Jane Doe (Chair)",
    ]
    with change_set(user=bob):
        update_meeting(
            meeting=meeting,
            attendance=[{"person": jane, "role": "member"}],
            statements=[{"agenda_path": None, "author_name": "Nigel Hickson", "text": "Thanks."}],
        )
    lines = history.meeting_history(meeting)[-1].lines
    assert "Attendance: Jane Doe: role Chair → Member" in lines
    assert (
        "Statements: removed 'ccNSO: Is this reflected?'; changed 'Nigel Hickson: Thanks all.' "
        "(text: 'Thanks all.' → 'Thanks.')"
    ) in lines
