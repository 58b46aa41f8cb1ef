"""The admin's meeting page: one form for the meeting, its agenda outline and participant
list; every domain rule a form error next to its field (never a 500); unchanged, it writes
nothing; the next call in one click."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ccwg.core.models import Person
from meetings.models import AgendaItem, Attendance, Meeting, Statement
from tests.factories import (
    ExternalEventFactory,
    IcannMeetingFactory,
    MeetingFactory,
    PersonFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

ADD = "admin:meetings_meeting_add"
INLINES = ("statements", "outcomes", "action_items", "links", "speakers")


@pytest.fixture
def group():
    return WorkingGroupFactory(acronym="CCWG-IG")


def management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_data(group, **changes) -> dict:
    data = {
        "working_group": group.pk,
        "kind": "teleconference",
        "status": "held",
        "title": "CCWG-IG teleconference",
        "date": "2017-02-02",
        "time": "14:00",
        "end_time": "15:30",
        "members_present": "11",
        "total_present": "15",
        "agenda_outline": "1. Policy\na. IGF\n2. AOB\n",
        "participants": "",
        "notes": "",
    }
    for prefix in INLINES:
        data.update(management(prefix))
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def errors_of(response) -> dict[str, list[str]]:
    """The page's errors by field (inline rows as '<prefix>-<n>-<field>')."""
    form = response.context["adminform"].form
    found = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for index, row in enumerate(formset.forms):
            for name, messages in row.errors.items():
                found[f"{formset.prefix}-{index}-{name}"] = [str(m) for m in messages]
    return found


# --- every rule an error next to its field ----------------------------------------------------

#: (case, changes to a valid submission, field holding the error, part of its message)
RULES = [
    ("a held meeting needs its date", {"date": "", "time": "", "end_time": ""}, "date",
     "needs its date"),
    ("a time needs its date", {"date": ""}, "date", "Enter the date"),
    ("an impossible date", {"date": "2017-02-30"}, "date", "valid date"),
    ("an impossible time", {"time": "25:00"}, "time", "valid time"),
    ("an end needs a start time", {"time": ""}, "time", "start time too"),
    ("a meeting cannot end before it starts", {"time": "14:00", "end_time": "02:00"},
     "end_time", "tick “Ends the next day”"),
    ("a date in another format is refused, not guessed", {"date": "02/01/2017"}, "date",
     "Enter the date as YYYY-MM-DD"),
    ("the total covers the members", {"members_present": "15", "total_present": "11"},
     "total_present", "cannot be lower"),
    ("counts are not negative", {"members_present": "-1"}, "members_present", "greater than"),
    ("a kind of meeting that exists", {"kind": "party"}, "kind", "valid choice"),
    ("a group is required", {"working_group": ""}, "working_group", "Choose the group"),
    ("an unknown group is named", {"working_group": "CCWG-XX"}, "working_group",
     "No working group “CCWG-XX” is on record"),
    ("a title fits", {"title": "x" * 301}, "title", "at most 300"),
    ("an outline line without a title", {"agenda_outline": "1. Policy\n2. <https://a.example>\n3.\n"},
     "agenda_outline", "Line 3"),
    ("an outline link must be a web address",
     {"agenda_outline": "1. Policy <ftp://example.org/x>\n"}, "agenda_outline",
     "Line 1: links must start with http"),
    ("a name listed twice", {"participants": "Ann Lee\nann lee\n"}, "participants",
     "listed twice"),
    ("a list line without a name", {"participants": "Ann Lee\n(staff)\n"}, "participants",
     "Line 2"),
    ("an unknown name is not created silently", {"participants": "Nobody Known\n"},
     "participants", "Not on record yet: Nobody Known"),
    ("a complete list needs a list", {"attendance_complete": "on"}, "attendance_complete",
     "Paste the participant list"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "changes", "field", "message"), RULES, ids=[r[0] for r in RULES])
def test_every_rule_is_an_error_next_to_its_field(
    admin_client, group, case, changes, field, message
):
    PersonFactory(full_name="Ann Lee")
    response = admin_client.post(reverse(ADD), meeting_data(group, **changes))
    assert response.status_code == 200
    errors = errors_of(response)
    assert field in errors, errors
    assert message in " ".join(errors[field]), errors
    assert not Meeting.objects.exists()
    # What was typed is kept on the page.
    for name, value in changes.items():
        if name in ("agenda_outline", "participants") and value:
            assert html.escape(value.strip().splitlines()[0]) in response.content.decode()


def test_a_workshop_is_at_an_icann_meeting_or_an_external_event(admin_client, group):
    data = meeting_data(
        group,
        kind="workshop",
        icann_meeting=IcannMeetingFactory().pk,
        external_event=ExternalEventFactory().pk,
    )
    response = admin_client.post(reverse(ADD), data)
    assert "not both" in " ".join(errors_of(response)["external_event"])


def test_an_ambiguous_name_asks_for_the_e_mail(admin_client, group):
    PersonFactory(full_name="Ann Lee", email="ann@one.example")
    PersonFactory(full_name="Ann Lee", email="ann@two.example")
    response = admin_client.post(reverse(ADD), meeting_data(group, participants="Ann Lee\n"))
    (message,) = errors_of(response)["participants"]
    assert "fits 2 people" in message and "ann@two.example" in message
    response = admin_client.post(
        reverse(ADD), meeting_data(group, participants="Ann Lee <ann@two.example>\n")
    )
    assert response.status_code == 302
    (row,) = Attendance.objects.all()
    assert row.person.email == "ann@two.example"


def test_a_statement_needs_a_source_next_to_its_row(admin_client, group):
    data = meeting_data(group, **management("statements", total=1))
    data.update({"statements-0-text": "Said", "statements-0-author_name": ""})
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "needs a source organization or an author" in str(errors_of(response))


# --- what is saved -------------------------------------------------------------------------------


def test_a_date_without_a_time_is_a_valid_entry(admin_client, group):
    response = admin_client.post(
        reverse(ADD), meeting_data(group, time="", end_time="", agenda_outline="")
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == dt.datetime(2017, 2, 2, tzinfo=dt.UTC)
    assert meeting.time_is_known is False and meeting.ends_at is None


def test_a_call_past_midnight_ends_the_next_day(admin_client, group):
    response = admin_client.post(
        reverse(ADD), meeting_data(group, time="23:00", end_time="00:30", ends_next_day="on")
    )
    assert response.status_code == 302, errors_of(response)
    meeting = Meeting.objects.get()
    assert meeting.ends_at == dt.datetime(2017, 2, 3, 0, 30, tzinfo=dt.UTC)


def test_the_outline_the_list_and_people_created_on_the_same_page(admin_client, group):
    known = PersonFactory(full_name="José Pérez")
    data = meeting_data(
        group,
        agenda_outline="- Policy\n  - IGF <https://igf.example/consult>\n- AOB\n",
        participants="jose perez (chair)\nNew Comer - staff\nOther New <new@example.org>\n",
        attendance_complete="on",
        members_present="",
        total_present="",
    )
    first = admin_client.post(reverse(ADD), data)
    assert first.status_code == 200
    page = first.content.decode()
    assert 'name="create_people"' in page and "New Comer" in page and "new@example.org" in page
    assert "New Comer - staff" in page  # the list is kept as typed
    data["create_people"] = ["New Comer", "Other New <new@example.org>"]
    second = admin_client.post(reverse(ADD), data)
    assert second.status_code == 302, errors_of(second)
    meeting = Meeting.objects.with_attendance_counts().get()
    assert (meeting.attendance_members, meeting.attendance_total) == (2, 3)
    assert Attendance.objects.get(person=known).role == "chair"
    assert Person.objects.get(email="new@example.org").full_name == "Other New"
    igf = AgendaItem.objects.get(title="IGF")
    assert igf.parent.title == "Policy"
    assert [link.url for link in igf.links.all()] == ["https://igf.example/consult"]


def form_data(response) -> dict:
    """What the browser would send back for the page as it was served."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, dt.datetime | dt.date | dt.time):
                value = bound.field.widget.format_value(value)
            data[bound.html_name] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
        for row in formset.forms:
            add(row)
    return data


def history_rows() -> int:
    return sum(
        model.history.count() for model in (Meeting, AgendaItem, Attendance, Statement, Person)
    )


def test_saving_the_page_unchanged_writes_nothing(admin_client, sample_data):
    meeting = Meeting.objects.get(starts_at__date="2017-02-02")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    page = admin_client.get(url)
    text = page.context["adminform"].form.initial["agenda_outline"]
    assert text.startswith("1. Policy Topics\n    a. IGF Community Public Consultation")
    before = history_rows()
    response = admin_client.post(url, form_data(page))
    assert response.status_code == 302, errors_of(response)
    assert history_rows() == before
    # The browser sends CRLF line ends: still unchanged.
    data = form_data(page)
    data["agenda_outline"] = data["agenda_outline"].replace("\n", "\r\n")
    admin_client.post(url, data)
    assert history_rows() == before


def test_a_one_field_save_is_one_transaction_of_at_most_25_statements(admin_client, sample_data):
    """The page is read once with its parts (locked), the stale-save guard compares what was
    read, and one service call writes: the meeting row is read twice (the page, the service's
    lock), and the only nested atomic block is the service's."""
    meeting = Meeting.objects.get(starts_at__date="2017-02-02")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(admin_client.get(url))
    data["notes"] = "One field changed."
    with CaptureQueriesContext(connection) as ran:
        response = admin_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    assert Meeting.objects.get(pk=meeting.pk).notes == "One field changed."
    statements = [query["sql"] for query in ran.captured_queries]
    table = connection.ops.quote_name(Meeting._meta.db_table)
    reads = [
        sql
        for sql in statements
        if sql.startswith("SELECT") and f"FROM {table} WHERE {table}." in sql
    ]
    savepoints = [sql for sql in statements if sql.startswith("SAVEPOINT")]
    assert len(statements) <= 25, "\n".join(statements)
    assert 1 <= len(reads) <= 2, "\n".join(reads)
    # The test's own transaction makes the page's a savepoint; the service's is the other.
    assert len(savepoints) <= 2, "\n".join(statements)


def test_re_ordering_the_outline_keeps_statements_on_their_items(admin_client, sample_data):
    meeting = Meeting.objects.get(starts_at__date="2017-02-02")
    item = meeting.agenda_items.get(title="CSTD Intersessional meeting")
    statement = Statement.objects.create(
        meeting=meeting, agenda_item=item, author_name="Ann", text="On CSTD"
    )
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(admin_client.get(url))
    lines = data["agenda_outline"].splitlines()
    organisational = lines.index("2. Organisational Topics")
    moved = lines[organisational:] + lines[:organisational]
    moved[0] = "1. Organisational Topics"  # renumbered: the outline's numbering must follow
    moved[len(lines) - organisational] = "2. Policy Topics"
    data["agenda_outline"] = "\n".join(moved)
    data.update({k: v for k, v in data.items() if k.startswith("statements-")})
    response = admin_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    statement.refresh_from_db()
    assert statement.agenda_item_id == item.pk
    assert meeting.agenda_items.get(parent=None, position=1).title == "Organisational Topics"


def test_a_list_not_marked_complete_keeps_the_counts(admin_client, group):
    PersonFactory(full_name="Ann Lee")
    admin_client.post(reverse(ADD), meeting_data(group, participants="Ann Lee\n"))
    meeting = Meeting.objects.with_attendance_counts().get()
    assert (meeting.attendance_members, meeting.attendance_total) == (11, 15)


# --- the next call -------------------------------------------------------------------------------


def test_the_next_call_like_this_one(admin_client, group):
    meeting = MeetingFactory(
        working_group=group,
        title="CCWG-IG teleconference",
        starts_at=dt.datetime(2017, 2, 2, 14, tzinfo=dt.UTC),
        ends_at=dt.datetime(2017, 2, 2, 15, tzinfo=dt.UTC),
        notes="Old notes",
    )
    admin_client.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        {**form_data(admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))),
         "agenda_outline": "1. Welcome\na. Roll call\n2. AOB\n"},
    )  # fmt: skip
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    link = re.search(r'href="([^"]+)" class="next-call"', page.content.decode()).group(1)
    form = admin_client.get(link.replace("&amp;", "&")).context["adminform"].form
    assert form.initial["working_group"] == group.pk
    assert form.initial["kind"] == "teleconference"
    assert form.initial["title"] == "CCWG-IG teleconference"
    assert (form.initial["time"], form.initial["end_time"]) == (dt.time(14), dt.time(15))
    assert form.initial["agenda_outline"] == "1. Welcome\n2. AOB\n"
    assert "date" not in form.initial and "notes" not in form.initial
    assert not form.initial.get("participants")


def test_no_next_call_button_for_other_kinds(admin_client, group):
    meeting = MeetingFactory(working_group=group, kind="face_to_face")
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert "next-call" not in page.content.decode()


# --- fields of other kinds out of the way ------------------------------------------------


def test_fields_of_other_kinds_are_folded_away_by_the_stored_kind(admin_client, group):
    call = MeetingFactory(working_group=group)
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[call.pk]))
    assert "Where" not in [fieldset.name for fieldset in page.context["adminform"]]
    folded = next(
        fs for fs in page.context["adminform"] if fs.name == "Not used for a teleconference"
    )
    assert "collapse" in folded.classes
    assert not any(
        inline.formset.prefix == "speakers" for inline in page.context["inline_admin_formsets"]
    )
    workshop = MeetingFactory(
        working_group=group, kind="workshop", icann_meeting=IcannMeetingFactory()
    )
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[workshop.pk]))
    where = next(fs for fs in page.context["adminform"] if fs.name == "Where")
    assert next(line.fields for line in where) == ["icann_meeting"]
    assert any(
        inline.formset.prefix == "speakers" for inline in page.context["inline_admin_formsets"]
    )


def test_the_save_is_logged_once(admin_client, group):
    admin_client.post(reverse(ADD), meeting_data(group))
    assert LogEntry.objects.count() == 1


def test_new_rows_of_the_inlines_take_the_next_positions(admin_client, group):
    data = meeting_data(group, **management("links", total=2), **management("outcomes", total=2))
    data.update(
        {
            "links-0-title": "Recording",
            "links-0-url": "https://a.example/rec",
            "links-0-kind": "recording",
            "links-1-title": "Transcript",
            "links-1-url": "https://a.example/tr",
            "links-1-kind": "transcript",
            "outcomes-0-text": "Agreed",
            "outcomes-1-text": "Also agreed",
        }
    )
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 302, errors_of(response)
    meeting = Meeting.objects.get()
    assert [(lk.position, lk.title) for lk in meeting.links.all()] == [
        (1, "Recording"),
        (2, "Transcript"),
    ]
    assert [(o.position, o.text) for o in meeting.outcomes.all()] == [
        (1, "Agreed"),
        (2, "Also agreed"),
    ]
