import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import AgendaItem, Meeting, MeetingStatus, Statement, agenda_tree
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    OrganizationFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2017, 2, 2, 14, 0, tzinfo=dt.UTC)


def build_meeting(**overrides) -> Meeting:
    return MeetingFactory.build(working_group=WorkingGroupFactory(), **overrides)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"members_present": 15, "total_present": 12}, "cannot be lower than the members"),
        ({"starts_at": T0, "ends_at": T0 - dt.timedelta(hours=1)}, "cannot end before it starts"),
        ({"starts_at": None, "status": MeetingStatus.HELD}, "needs its date"),
        ({"kind": "party"}, "kind"),
        ({"status": "rumoured"}, "status"),
    ],
)
def test_meeting_invariants_give_clear_messages(overrides, expected):
    with pytest.raises(ValidationError) as error:
        build_meeting(**overrides).full_clean()
    assert expected in messages(error.value) or expected in error.value.message_dict


@pytest.mark.parametrize(
    "overrides",
    [
        {"members_present": 15, "total_present": 12},
        {"starts_at": T0, "ends_at": T0 - dt.timedelta(hours=1)},
        {"starts_at": None, "status": MeetingStatus.HELD},
    ],
)
def test_meeting_invariants_hold_in_the_database(overrides):
    with transaction.atomic(), pytest.raises(IntegrityError):
        MeetingFactory(**overrides)


def test_negative_counts_are_rejected():
    with pytest.raises(ValidationError) as error:
        build_meeting(members_present=-1).full_clean()
    assert "members_present" in error.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        MeetingFactory(members_present=-1, total_present=None)


def test_unknown_counts_are_not_zero():
    meeting = MeetingFactory(members_present=9, total_present=None)
    meeting.full_clean()
    fetched = Meeting.objects.with_attendance_counts().get(pk=meeting.pk)
    assert fetched.attendance_members == 9
    assert fetched.attendance_total is None


def test_a_proposed_workshop_may_have_no_date_yet():
    build_meeting(kind="workshop", status=MeetingStatus.ACCEPTED, starts_at=None).full_clean()


def test_listed_attendance_derives_the_counts():
    meeting = MeetingFactory(members_present=3, total_present=4)
    AttendanceFactory.create_batch(5, meeting=meeting, role="member")
    AttendanceFactory.create_batch(2, meeting=meeting, role="staff")
    fetched = Meeting.objects.with_attendance_counts().get(pk=meeting.pk)
    assert (fetched.attendance_members, fetched.attendance_total) == (5, 7)
    # Without the annotation the model counts for itself.
    assert (meeting.attendance_members, meeting.attendance_total) == (5, 7)


def test_a_person_attends_a_meeting_once():
    first = AttendanceFactory()
    with transaction.atomic(), pytest.raises(IntegrityError):
        AttendanceFactory(meeting=first.meeting, person=first.person)


class TestAgendaTree:
    def make_tree(self):
        meeting = MeetingFactory()
        policy = AgendaItemFactory(meeting=meeting, position=1, title="Policy Topics")
        org = AgendaItemFactory(meeting=meeting, position=2, title="Organisational Topics")
        # Created out of order on purpose: the tree follows positions, not ids.
        b = AgendaItemFactory(meeting=meeting, parent=policy, position=2, title="CSTD")
        a = AgendaItemFactory(meeting=meeting, parent=policy, position=1, title="IGF")
        AgendaItemFactory(meeting=meeting, parent=a, position=2, title="Comments received")
        AgendaItemFactory(meeting=meeting, parent=a, position=1, title="Consultation page")
        return meeting, policy, org, a, b

    def test_order_and_depth(self):
        meeting, *_ = self.make_tree()
        roots = agenda_tree(meeting.agenda_items.all())
        flat = [(node.path, node.depth, node.item.title) for root in roots for node in root.walk()]
        assert flat == [
            ((1,), 0, "Policy Topics"),
            ((1, 1), 1, "IGF"),
            ((1, 1, 1), 2, "Consultation page"),
            ((1, 1, 2), 2, "Comments received"),
            ((1, 2), 1, "CSTD"),
            ((2,), 0, "Organisational Topics"),
        ]

    def test_positions_are_unique_among_siblings(self):
        meeting, policy, *_ = self.make_tree()
        with transaction.atomic(), pytest.raises(IntegrityError):
            AgendaItem.objects.create(meeting=meeting, position=1, title="Clash at top")
        with transaction.atomic(), pytest.raises(IntegrityError):
            AgendaItem.objects.create(meeting=meeting, parent=policy, position=2, title="Clash")

    def test_parent_must_be_in_the_same_meeting(self):
        _, policy, *_ = self.make_tree()
        stray = AgendaItem(meeting=MeetingFactory(), parent=policy, position=1, title="Stray")
        with pytest.raises(ValidationError) as error:
            stray.full_clean()
        assert "another meeting" in messages(error.value)

    def test_no_cycles(self):
        _, policy, _, a, _ = self.make_tree()
        policy.parent = a
        with pytest.raises(ValidationError) as error:
            policy.full_clean()
        assert "nested under itself" in messages(error.value)


def test_statement_needs_a_source_or_author():
    meeting = MeetingFactory()
    statement = Statement(meeting=meeting, text="Anonymous")
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "source organization or an author" in messages(error.value)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Statement.objects.create(meeting=meeting, text="Anonymous")


def test_statement_attribution():
    gnso = OrganizationFactory(acronym="GNSO")
    meeting = MeetingFactory()
    assert Statement(meeting=meeting, source=gnso, text="x").attribution == "GNSO"
    assert (
        Statement(meeting=meeting, source=gnso, author_name="Donna Austin", text="x").attribution
        == "Donna Austin (GNSO)"
    )


def test_in_period_and_held():
    group = WorkingGroupFactory()
    inside = MeetingFactory(
        working_group=group, starts_at=dt.datetime(2017, 12, 31, 23, 0, tzinfo=dt.UTC)
    )
    MeetingFactory(working_group=group, starts_at=dt.datetime(2018, 1, 1, 0, 0, tzinfo=dt.UTC))
    cancelled = MeetingFactory(
        working_group=group, cancelled=True, starts_at=dt.datetime(2017, 5, 1, tzinfo=dt.UTC)
    )
    period = Meeting.objects.for_group(group).in_period(dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    assert set(period) == {inside, cancelled}
    assert list(period.held()) == [inside]


def test_a_meeting_s_name_does_not_repeat_its_group():
    group = WorkingGroupFactory(acronym="CCWG-IG")
    called = MeetingFactory.build(
        working_group=group, title="CCWG-IG teleconference", starts_at=None
    )
    assert str(called) == "CCWG-IG teleconference (date unknown)"
    other = MeetingFactory.build(working_group=group, title="Workshop", starts_at=None)
    assert str(other) == "CCWG-IG: Workshop (date unknown)"
