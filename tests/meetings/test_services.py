import pytest
from django.core.exceptions import ValidationError

from meetings.models import AgendaItem, Meeting, agenda_tree
from meetings.services import create_meeting, record_attendance, update_meeting
from tests.factories import OrganizationFactory, PersonFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

AGENDA = [
    {"title": "Policy Topics", "children": [
        {"title": "IGF Community Public Consultation - ICANN Comment", "children": [
            {"title": "IGF Consultation Page", "links": [
                {"title": "Page", "url": "https://example.org/igf", "kind": "wiki"}]},
        ]},
        {"title": "CSTD Intersessional meeting"},
    ]},
    {"title": "Organisational Topics", "notes": "Brief"},
]  # fmt: skip


def titles(meeting: Meeting) -> list[tuple[tuple[int, ...], str]]:
    roots = agenda_tree(meeting.agenda_items.all())
    return [(node.path, node.item.title) for root in roots for node in root.walk()]


@pytest.fixture
def meeting():
    ccnso = OrganizationFactory(acronym="ccNSO")
    return create_meeting(
        working_group=WorkingGroupFactory(acronym="CCWG-IG"),
        kind="teleconference",
        status="held",
        starts_at="2017-02-02T14:00:00Z",
        members_present=15,
        total_present=17,
        agenda=AGENDA,
        speakers=[{"name": "Peter Major", "affiliation": "Government of Hungary"}],
        outcomes=["Coordinate more", "Agree standards"],
        statements=[{"agenda_path": [1, 1], "source": ccnso, "text": "Is this reflected?"}],
        links=[{"title": "Transcript", "url": "https://example.org/t", "kind": "transcript"}],
    )


def test_create_saves_the_whole_minutes(meeting):
    assert titles(meeting) == [
        ((1,), "Policy Topics"),
        ((1, 1), "IGF Community Public Consultation - ICANN Comment"),
        ((1, 1, 1), "IGF Consultation Page"),
        ((1, 2), "CSTD Intersessional meeting"),
        ((2,), "Organisational Topics"),
    ]
    statement = meeting.statements.get()
    assert statement.agenda_item.title == "IGF Community Public Consultation - ICANN Comment"
    assert list(meeting.outcomes.values_list("text", flat=True)) == [
        "Coordinate more",
        "Agree standards",
    ]
    deep = AgendaItem.objects.get(title="IGF Consultation Page")
    assert deep.links.get().url == "https://example.org/igf"


def test_saving_the_same_minutes_again_writes_nothing(meeting):
    ids = sorted(meeting.agenda_items.values_list("pk", flat=True))
    history = Meeting.history.count() + AgendaItem.history.count()
    update_meeting(meeting=meeting, agenda=AGENDA, outcomes=["Coordinate more", "Agree standards"])
    assert sorted(meeting.agenda_items.values_list("pk", flat=True)) == ids
    assert Meeting.history.count() + AgendaItem.history.count() == history


def test_update_replaces_nested_parts(meeting):
    update_meeting(
        meeting=meeting,
        agenda=[{"title": "Only item", "children": [{"title": "Sub"}]}],
        outcomes=[],
        statements=[],
        title="Renamed",
    )
    meeting.refresh_from_db()
    assert meeting.title == "Renamed"
    assert titles(meeting) == [((1,), "Only item"), ((1, 1), "Sub")]
    assert not meeting.outcomes.exists()
    assert meeting.speakers.count() == 1  # not given: left as it was


def test_invalid_nested_input_names_the_field_and_saves_nothing(meeting):
    with pytest.raises(ValidationError) as error:
        update_meeting(
            meeting=meeting,
            title="Should not stick",
            agenda=[{"title": "Fine"}],
            statements=[{"agenda_path": [4], "source": None, "author_name": "X", "text": "t"}],
        )
    assert "statements" in error.value.message_dict
    assert "agenda_path [4]" in error.value.message_dict["statements"][0]
    meeting.refresh_from_db()
    assert meeting.title == ""
    assert len(titles(meeting)) == 5


def test_agenda_items_need_titles(meeting):
    with pytest.raises(ValidationError) as error:
        update_meeting(meeting=meeting, agenda=[{"title": "A", "children": [{"title": " "}]}])
    assert error.value.message_dict["agenda"] == ["Item 1.1 needs a title."]


def test_invalid_meeting_fields_are_rejected_before_writing():
    with pytest.raises(ValidationError) as error:
        create_meeting(
            working_group=WorkingGroupFactory(),
            kind="teleconference",
            starts_at="2017-02-02T14:00:00Z",
            members_present=15,
            total_present=10,
            agenda=AGENDA,
        )
    assert "members present" in " ".join(error.value.messages)
    assert not Meeting.objects.exists()
    assert not AgendaItem.objects.exists()


def test_record_attendance(meeting):
    alice, bob, carol = PersonFactory.create_batch(3)
    record_attendance(
        meeting=meeting,
        attendees=[{"person": alice}, {"person": bob}, {"person": carol, "role": "staff"}],
    )
    fetched = Meeting.objects.with_attendance_counts().get(pk=meeting.pk)
    assert (fetched.attendance_members, fetched.attendance_total) == (2, 3)
    record_attendance(meeting=meeting, attendees=[{"person": alice}])
    assert meeting.attendances.count() == 1
    with pytest.raises(ValidationError):
        record_attendance(meeting=meeting, attendees=[{"person": bob}, {"person": bob}])


# --- ICANN meetings, deletes, attendance with the meeting, people named by name ------------


def test_an_icann_meeting_with_sessions_is_in_use(meeting):
    from ccwg.core.services import delete_icann_meeting
    from ccwg.errors import RecordInUse
    from tests.factories import IcannMeetingFactory

    icann = IcannMeetingFactory()
    update_meeting(meeting=meeting, icann_meeting=icann)
    with pytest.raises(RecordInUse, match="meetings"):
        delete_icann_meeting(icann_meeting=icann)


def test_attendance_is_written_with_the_meeting_and_named_by_its_field(meeting):
    alice, bob = PersonFactory.create_batch(2)
    update_meeting(meeting=meeting, attendance=[{"person": alice}, {"person": bob}])
    assert meeting.attendances.count() == 2
    with pytest.raises(ValidationError) as error:
        update_meeting(meeting=meeting, title="Not kept", attendance=[{"person": bob}] * 2)
    assert "listed twice" in error.value.message_dict["attendance"][0]
    meeting.refresh_from_db()
    assert meeting.title == "" and meeting.attendances.count() == 2


def test_delete_meeting_removes_its_minutes(meeting):
    from meetings.services import delete_meeting

    delete_meeting(meeting=meeting)
    assert not Meeting.objects.exists() and not AgendaItem.objects.exists()


def test_input_named_by_name_keeps_the_linked_people(meeting):
    from meetings.serializers import action_entries, speaker_entries, statement_entries

    peter = PersonFactory(full_name="Peter Major")
    update_meeting(
        meeting=meeting,
        speakers=[{"name": "Peter Major", "affiliation": "", "person": peter}],
        statements=[{"source": None, "author": peter, "author_name": "", "text": "Said."}],
        actions=[{"description": "Do it", "owner": peter, "owner_name": ""}],
    )
    kept = speaker_entries(meeting, [{"name": "Peter Major"}])
    assert kept[0]["person"] == peter
    assert speaker_entries(meeting, [{"name": "Someone else"}])[0]["person"] is None
    assert (
        statement_entries(meeting, [{"author": "Peter Major", "text": "Said."}])[0]["author"]
        == peter
    )
    assert action_entries(meeting, [{"description": "Do it", "owner": ""}])[0]["owner"] == peter
    assert action_entries(None, [{"description": "New", "owner": "Ann"}])[0] == {
        "description": "New",
        "owner": None,
        "owner_name": "Ann",
        "due_on": None,
        "status": "open",
        "agenda_path": None,
    }
