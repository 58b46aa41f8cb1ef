"""Writes to meetings: a meeting and its nested minutes are saved whole,
in one transaction.

`create_meeting` and `update_meeting` take the meeting's fields (`MeetingFields`) and its
parts, each under its key in `meetings.parts.PARTS`, as plain data (what an API serializer,
the admin's page or the sample loader holds):

    agenda:     [{"title", "notes", "children": [...], "links": [...]}, ...]
    attendance: [{"person": Person, "role", "status", "organization": Organization | None}, ...]
    speakers:   [{"name", "affiliation", "person": Person | None}, ...]
    statements: [{"agenda_path": [1, 2] | None (or "agenda_item": AgendaItem | None),
                  "source": Organization | None, "author": Person | None, "author_name",
                  "text", "concerns_charter": CharterVersion | None}, ...]
    outcomes:   ["text", ...]
    actions:    [{"description", "owner": Person | None, "owner_name", "due_on", "status",
                  "agenda_path" (or "agenda_item")}, ...]
    links:      [{"title", "url", "kind"}, ...]
    organizations_present: [Organization, ...]

The agenda may instead be given as a parsed outline (`agenda_outline`, see
`meetings.agenda_services.save_agenda_outline`) and the attendance as a pasted list's entries
(`participants`, see `save_participant_list`). Each given part replaces what the meeting
had; `None` (or leaving it out) leaves that part as it is. Rows are updated in place where
their position is unchanged, so saving the same minutes twice writes nothing and keeps ids
and history stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction

from ccwg.core.models import ExternalEvent, IcannMeeting, Organization, Person, WorkingGroup
from ccwg.core.services import create_person
from ccwg.core.writes import (
    RecordWrites,
    assign,
    check_fields,
    delete_record,
    lock_fresh,
    sync_links,
    sync_ordered,
    sync_texts,
)
from meetings.agenda_services import AgendaPlaces, write_outline
from meetings.models import (
    ActionItem,
    ActionStatus,
    Attendance,
    AttendanceRole,
    AttendanceStatus,
    Meeting,
    MeetingLink,
    Outcome,
    Speaker,
    Statement,
    list_is_complete,
    listed_twice,
    present_entries,
)
from meetings.parts import PART_BY_KEY, PARTS, resolve

# --- Meetings ---------------------------------------------------------------------------------


class MeetingFields(TypedDict, total=False):
    """Scalar fields of Meeting a caller may set."""

    working_group: WorkingGroup
    kind: str
    status: str
    title: str
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    time_is_known: bool
    icann_meeting: IcannMeeting | None
    external_event: ExternalEvent | None
    selected_by: Organization | None
    location: str
    members_present: int | None
    total_present: int | None
    attendance_complete: bool
    notes: str
    participant_text: str


#: The inputs of `create_meeting`/`update_meeting` that are no part's keyword: the agenda as
#: an outline (`save_agenda_outline`) and a pasted participant list (`save_participant_list`).
OUTLINE, PARTICIPANTS = "agenda_outline", "participants"


def _split_input(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The meeting's own fields and its parts (`meetings.parts.PARTS`, by key), refusing
    any other keyword."""
    parts = {key: values.pop(key) for key in list(values) if key in PART_BY_KEY}
    for key in (OUTLINE, PARTICIPANTS):
        if key in values:
            parts[key] = values.pop(key)
    check_fields(values, MeetingFields)
    return values, parts


def _derive_complete(fields: dict[str, Any], parts: Mapping[str, Any]) -> None:
    """A list written with `attendance_complete` is complete only if it names someone
    present. An attendance written otherwise than as a pasted list drops the pasted text."""
    listed = parts.get("attendance")
    if listed is not None and parts.get(PARTICIPANTS) is None:
        fields.setdefault("participant_text", "")
    if listed is None:
        listed = parts.get(PARTICIPANTS)
    if listed is not None and "attendance_complete" in fields:
        fields["attendance_complete"] = list_is_complete(
            marked=bool(fields["attendance_complete"]), listed=len(present_entries(listed))
        )


@transaction.atomic
def create_meeting(**values: Any) -> Meeting:
    """Create a meeting with its parts: the fields of `MeetingFields`, and for each part
    (`meetings.parts.PARTS`) its plain data under its key (see the module); also
    `agenda_outline` (a parsed outline) and `participants` (a pasted list's entries)."""
    fields, parts = _split_input(values)
    _derive_complete(fields, parts)
    meeting = Meeting(**fields)
    meeting.full_clean()
    meeting.save()
    _save_parts(meeting, parts)
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, **values: Any) -> Meeting:
    """Update the given fields and replace the given parts (as `create_meeting` takes them);
    save only what changed.

    The meeting's row is locked first and the meeting read again (`lock_fresh`): two saves
    of one meeting with its parts run one after the other, each on the last committed state,
    never interleaving their agenda, attendance or statements."""
    fields, parts = _split_input(values)
    _derive_complete(fields, parts)
    lock_fresh(meeting)
    if assign(meeting, fields):
        meeting.full_clean()
        meeting.save()
    _save_parts(meeting, parts)
    return meeting


@transaction.atomic
def delete_meeting(*, meeting: Meeting, replace_with: Meeting | None = None) -> None:
    """Delete meeting; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(meeting, replace_with=replace_with)


def _save_parts(meeting: Meeting, parts: Mapping[str, Any]) -> None:
    """Write each given part, in the order of the declaration (the agenda first: statements
    and actions point into it)."""
    for part in PARTS:
        if part.key == "agenda" and parts.get(OUTLINE) is not None:
            write_outline(meeting, parts[OUTLINE])
        if part.key == "attendance" and parts.get(PARTICIPANTS) is not None:
            write_participants(meeting, parts[PARTICIPANTS])
        if parts.get(part.key) is not None:
            resolve(part.write)(meeting, parts[part.key])


def write_speakers(meeting: Meeting, speakers: Sequence[Mapping]) -> None:
    rows = [
        {
            "name": (entry.get("name") or "").strip(),
            "affiliation": entry.get("affiliation") or "",
            "person": entry.get("person"),
        }
        for entry in speakers
    ]
    sync_ordered(
        model=Speaker,
        owner_field="meeting",
        owner=meeting,
        rows=rows,
        field="speakers",
        label="Speaker",
    )


def write_outcomes(meeting: Meeting, outcomes: Sequence[str]) -> None:
    sync_texts(model=Outcome, owner_field="meeting", owner=meeting, field="text", texts=outcomes)


def write_links(meeting: Meeting, links: Sequence[Mapping]) -> None:
    sync_links(owner_field="meeting", owner=meeting, link_model=MeetingLink, links=links)


def write_organizations(meeting: Meeting, organizations: Sequence[Organization]) -> None:
    current = {org.pk for org in meeting.organizations_present.all()}
    if current != {org.pk for org in organizations}:
        meeting.organizations_present.set(organizations)


def write_statements(meeting: Meeting, statements: Sequence[Mapping]) -> None:
    places = AgendaPlaces(meeting)
    rows = [
        {
            "agenda_item": places.item_of(entry, label=f"Statement {position}", field="statements"),
            "source": entry.get("source"),
            "author": entry.get("author"),
            "author_name": entry.get("author_name") or "",
            "text": entry.get("text") or "",
            "concerns_charter": entry.get("concerns_charter"),
        }
        for position, entry in enumerate(statements, start=1)
    ]
    sync_ordered(
        model=Statement,
        owner_field="meeting",
        owner=meeting,
        rows=rows,
        field="statements",
        label="Statement",
    )


def write_actions(meeting: Meeting, actions: Sequence[Mapping]) -> None:
    places = AgendaPlaces(meeting)
    rows = [
        {
            "description": entry.get("description") or "",
            "owner": entry.get("owner"),
            "owner_name": entry.get("owner_name") or "",
            "due_on": entry.get("due_on"),
            "status": entry.get("status") or ActionStatus.OPEN,
            "agenda_item": places.item_of(entry, label=f"Action {position}", field="actions"),
        }
        for position, entry in enumerate(actions, start=1)
    ]
    sync_ordered(
        model=ActionItem,
        owner_field="meeting",
        owner=meeting,
        rows=rows,
        field="actions",
        label="Action",
    )


def write_attendance(meeting: Meeting, attendees: Sequence[Mapping]) -> None:
    _replace_attendance(meeting, attendees, field="attendance")


@transaction.atomic
def record_attendance(
    *, meeting: Meeting, attendees: Sequence[Mapping], complete: bool = True
) -> None:
    """Make the meeting's attendance list exactly `attendees` ({"person", "role", "status",
    "organization"}). A `complete` list (the default) names everyone present, and the
    meeting's counts derive from it; a partial one leaves the counts as entered."""
    _replace_attendance(meeting, attendees, field="attendees")
    complete = list_is_complete(marked=complete, listed=len(present_entries(attendees)))
    if meeting.attendance_complete != complete:
        meeting.attendance_complete = complete
        meeting.save(update_fields=["attendance_complete", "updated_at"])


def _replace_attendance(meeting: Meeting, attendees: Sequence[Mapping], *, field: str) -> None:
    twice = listed_twice([entry["person"] for entry in attendees])
    if twice:
        raise ValidationError({field: [twice]})
    existing = {a.person_id: a for a in meeting.attendances.all()}
    for entry in attendees:
        person: Person = entry["person"]
        values = {
            "role": entry.get("role") or AttendanceRole.MEMBER,
            "status": entry.get("status") or AttendanceStatus.PRESENT,
            "organization": entry.get("organization"),
        }
        row = existing.pop(person.pk, None)
        if row is None:
            row = Attendance(meeting=meeting, person=person, **values)
        elif not assign(row, values):
            continue
        row.full_clean(exclude=["meeting"])
        row.save()
    if existing:
        Attendance.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()


@transaction.atomic
def save_participant_list(
    *, meeting: Meeting, participants: Sequence[Mapping], complete: bool
) -> list[Person]:
    """Record a pasted participant list as the meeting's attendance.

    `participants`: [{"person": Person | None, "name", "email", "affiliation", "role",
    "organization": Organization | None}]. An entry without a person is someone staff chose
    to add: the person is created first (never silently: the admin asks). A `complete` list
    names everyone present and the counts derive from it; a partial one leaves the entered
    counts as they are. Returns the people created.
    """
    created = write_participants(meeting, participants)
    complete = list_is_complete(marked=complete, listed=len(present_entries(participants)))
    if meeting.attendance_complete != complete:
        meeting.attendance_complete = complete
        meeting.full_clean()
        meeting.save()
    return created


def write_participants(meeting: Meeting, participants: Sequence[Mapping]) -> list[Person]:
    """The attendance written as a pasted list's entries (see `save_participant_list`);
    returns the people created."""
    created: list[Person] = []
    attendees = []
    for entry in participants:
        person = entry.get("person")
        if person is None:
            person = create_person(
                full_name=entry["name"],
                email=entry.get("email") or "",
                affiliation=entry.get("affiliation") or "",
            )
            created.append(person)
        attendees.append(
            {
                "person": person,
                "role": entry.get("role"),
                "status": entry.get("status"),
                "organization": entry.get("organization"),
            }
        )
    _replace_attendance(meeting, attendees, field="participants")
    return created


MEETINGS = RecordWrites("meeting", create_meeting, update_meeting, delete_meeting)
