"""Writes to meetings: a meeting and its nested minutes are saved whole,
in one transaction.

Nested parts are given as plain data (what an API serializer or the sample loader holds):

    agenda:     [{"title", "notes", "children": [...], "links": [...]}, ...]
    speakers:   [{"name", "affiliation", "person": Person | None}, ...]
    outcomes:   ["text", ...]
    statements: [{"agenda_path": [1, 2] | None, "source": Organization | None,
                  "author": Person | None, "author_name", "text",
                  "concerns_charter": CharterVersion | None}, ...]
    links:      [{"title", "url", "kind"}, ...]
    actions:    [{"description", "owner": Person | None, "owner_name", "due_on", "status",
                  "agenda_path"}, ...]
    attendance: [{"person": Person, "role", "organization": Organization | None}, ...]

Each given list replaces what the meeting had; `None` leaves that part as it is. Rows are
updated in place where their position is unchanged, so saving the same minutes twice
writes nothing and keeps ids and history stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction

from ccwg.core.models import ExternalEvent, IcannMeeting, Organization, Person, WorkingGroup
from ccwg.core.services import (
    RecordWrites,
    assign,
    check_fields,
    clean_nested,
    delete_record,
    sync_links,
    sync_ordered,
    sync_texts,
)
from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaItemLink,
    Attendance,
    Meeting,
    MeetingLink,
    Outcome,
    Speaker,
    Statement,
    agenda_tree,
)

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
    notes: str


@transaction.atomic
def create_meeting(
    *,
    agenda: Sequence[Mapping] | None = None,
    speakers: Sequence[Mapping] | None = None,
    outcomes: Sequence[str] | None = None,
    statements: Sequence[Mapping] | None = None,
    links: Sequence[Mapping] | None = None,
    actions: Sequence[Mapping] | None = None,
    organizations_present: Sequence[Organization] | None = None,
    attendance: Sequence[Mapping] | None = None,
    **fields: Unpack[MeetingFields],
) -> Meeting:
    check_fields(fields, MeetingFields)
    meeting = Meeting(**fields)
    meeting.full_clean()
    meeting.save()
    _save_parts(
        meeting,
        agenda=agenda,
        speakers=speakers,
        outcomes=outcomes,
        statements=statements,
        links=links,
        actions=actions,
        organizations_present=organizations_present,
        attendance=attendance,
    )
    return meeting


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    agenda: Sequence[Mapping] | None = None,
    speakers: Sequence[Mapping] | None = None,
    outcomes: Sequence[str] | None = None,
    statements: Sequence[Mapping] | None = None,
    links: Sequence[Mapping] | None = None,
    actions: Sequence[Mapping] | None = None,
    organizations_present: Sequence[Organization] | None = None,
    attendance: Sequence[Mapping] | None = None,
    **fields: Unpack[MeetingFields],
) -> Meeting:
    """Update the given fields and replace the given nested parts; save only what changed."""
    check_fields(fields, MeetingFields)
    if assign(meeting, fields):
        meeting.full_clean()
        meeting.save()
    _save_parts(
        meeting,
        agenda=agenda,
        speakers=speakers,
        outcomes=outcomes,
        statements=statements,
        links=links,
        actions=actions,
        organizations_present=organizations_present,
        attendance=attendance,
    )
    return meeting


@transaction.atomic
def delete_meeting(*, meeting: Meeting) -> None:
    delete_record(meeting)


def _save_parts(
    meeting: Meeting,
    *,
    agenda,
    speakers,
    outcomes,
    statements,
    links,
    actions,
    organizations_present,
    attendance,
) -> None:
    if agenda is not None:
        replace_agenda(meeting=meeting, agenda=agenda)
    if speakers is not None:
        _replace_speakers(meeting, speakers)
    if outcomes is not None:
        sync_texts(
            model=Outcome, owner_field="meeting", owner=meeting, field="text", texts=outcomes
        )
    if links is not None:
        sync_links(owner_field="meeting", owner=meeting, link_model=MeetingLink, links=links)
    if statements is not None:
        _replace_statements(meeting, statements)
    if actions is not None:
        _replace_actions(meeting, actions)
    if organizations_present is not None:
        current = set(meeting.organizations_present.values_list("pk", flat=True))
        if current != {org.pk for org in organizations_present}:
            meeting.organizations_present.set(organizations_present)
    if attendance is not None:
        _replace_attendance(meeting, attendance, field="attendance")


@transaction.atomic
def replace_agenda(*, meeting: Meeting, agenda: Sequence[Mapping]) -> None:
    """Make the meeting's agenda exactly the given tree, keeping rows whose place is unchanged."""
    existing: dict[tuple[int | None, int], AgendaItem] = {
        (item.parent_id, item.position): item for item in meeting.agenda_items.all()
    }
    kept: set[int] = set()

    def save_level(entries: Sequence[Mapping], parent: AgendaItem | None, path: str) -> None:
        for position, entry in enumerate(entries, start=1):
            label = f"{path}{position}"
            title = (entry.get("title") or "").strip()
            if not title:
                raise ValidationError({"agenda": [f"Item {label} needs a title."]})
            values = {"title": title, "notes": entry.get("notes") or ""}
            item = existing.get((parent.pk if parent else None, position))
            if item is None:
                item = AgendaItem(meeting=meeting, parent=parent, position=position, **values)
            if item.pk is None or assign(item, values):
                clean_nested(
                    item, field="agenda", label=f"Item {label}", exclude=("meeting", "parent")
                )
                item.save()
            kept.add(item.pk)
            sync_links(
                owner_field="agenda_item",
                owner=item,
                link_model=AgendaItemLink,
                links=entry.get("links") or [],
            )
            save_level(entry.get("children") or [], item, f"{label}.")

    save_level(agenda, None, "")
    stale = [item.pk for item in existing.values() if item.pk not in kept]
    if stale:
        AgendaItem.objects.filter(pk__in=stale).delete()


def resolve_agenda_path(meeting: Meeting, path: Sequence[int] | None) -> AgendaItem | None:
    """The agenda item at a 1-based path such as [1, 2] (item 1, sub-item b)."""
    if not path:
        return None
    siblings = agenda_tree(meeting.agenda_items.all())
    found = None
    for rank in path:
        if not isinstance(rank, int) or rank < 1 or rank > len(siblings):
            return None
        found = siblings[rank - 1]
        siblings = found.children
    return found.item


def _replace_speakers(meeting: Meeting, speakers: Sequence[Mapping]) -> None:
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


def _replace_statements(meeting: Meeting, statements: Sequence[Mapping]) -> None:
    rows = []
    for position, entry in enumerate(statements, start=1):
        path = entry.get("agenda_path") or None
        agenda_item = resolve_agenda_path(meeting, path)
        if path and agenda_item is None:
            raise ValidationError(
                {
                    "statements": [
                        f"Statement {position}: agenda_path {list(path)} does not name an "
                        "item of this meeting's agenda."
                    ]
                }
            )
        rows.append(
            {
                "agenda_item": agenda_item,
                "source": entry.get("source"),
                "author": entry.get("author"),
                "author_name": entry.get("author_name") or "",
                "text": entry.get("text") or "",
                "concerns_charter": entry.get("concerns_charter"),
            }
        )
    sync_ordered(
        model=Statement,
        owner_field="meeting",
        owner=meeting,
        rows=rows,
        field="statements",
        label="Statement",
    )


def _replace_actions(meeting: Meeting, actions: Sequence[Mapping]) -> None:
    rows = [
        {
            "description": entry.get("description") or "",
            "owner": entry.get("owner"),
            "owner_name": entry.get("owner_name") or "",
            "due_on": entry.get("due_on"),
            "status": entry.get("status") or "open",
            "agenda_item": resolve_agenda_path(meeting, entry.get("agenda_path")),
        }
        for entry in actions
    ]
    sync_ordered(
        model=ActionItem,
        owner_field="meeting",
        owner=meeting,
        rows=rows,
        field="actions",
        label="Action",
    )


@transaction.atomic
def record_attendance(*, meeting: Meeting, attendees: Sequence[Mapping]) -> None:
    """Make the meeting's attendance list exactly `attendees` ({"person", "role",
    "organization"}); once listed, the meeting's counts derive from it."""
    _replace_attendance(meeting, attendees, field="attendees")


def _replace_attendance(meeting: Meeting, attendees: Sequence[Mapping], *, field: str) -> None:
    existing = {a.person_id: a for a in meeting.attendances.all()}
    seen: set[int] = set()
    for position, entry in enumerate(attendees, start=1):
        person: Person = entry["person"]
        if person.pk in seen:
            raise ValidationError({field: [f"item {position}: {person} is listed twice."]})
        seen.add(person.pk)
        values = {"role": entry.get("role") or "member", "organization": entry.get("organization")}
        row = existing.pop(person.pk, None)
        if row is None:
            row = Attendance(meeting=meeting, person=person, **values)
        elif not assign(row, values):
            continue
        row.full_clean(exclude=["meeting"])
        row.save()
    if existing:
        Attendance.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()


MEETINGS = RecordWrites("meeting", create_meeting, update_meeting, delete_meeting)


# --- Input that names people by name only (the API's form) ----------------------------------


def speaker_entries(meeting: Meeting | None, speakers: Sequence[Mapping]) -> list[dict]:
    """Speaker entries for the services, keeping the person linked to an unchanged speaker."""
    existing = {}
    if meeting is not None:
        existing = {s.position: s for s in meeting.speakers.select_related("person")}
    entries = []
    for position, entry in enumerate(speakers, start=1):
        old = existing.get(position)
        keep = old is not None and old.person_id and old.name == entry["name"].strip()
        entries.append(
            {
                "name": entry["name"],
                "affiliation": entry.get("affiliation") or "",
                "person": old.person if keep else None,
            }
        )
    return entries


def _keep_person(old, field: str, name: str) -> tuple[Person | None, str]:
    """The person and name to store for a row whose input carries only a name.

    When the row at that position was linked to a person and the name written back is the
    one it showed (or blank), the link is kept; otherwise the name is stored as given.
    """
    person = getattr(old, field) if old is not None and getattr(old, f"{field}_id") else None
    if person is not None:
        stored_name = getattr(old, f"{field}_name")
        if name in (stored_name or person.full_name, ""):
            return person, stored_name
    return None, name


def statement_entries(meeting: Meeting | None, statements: Sequence[Mapping]) -> list[dict]:
    """Statement entries for the services; an unchanged statement keeps its person and the
    charter version it is about."""
    existing: dict[int, Statement] = {}
    if meeting is not None:
        existing = {
            s.position: s for s in meeting.statements.select_related("author", "concerns_charter")
        }
    entries = []
    for position, entry in enumerate(statements, start=1):
        old = existing.get(position)
        author, author_name = _keep_person(old, "author", entry.get("author") or "")
        charter = None
        if old is not None and old.concerns_charter_id and old.text == entry["text"]:
            charter = old.concerns_charter
        entries.append(
            {
                "agenda_path": entry.get("agenda_path") or None,
                "source": entry.get("source"),
                "author": author,
                "author_name": author_name,
                "text": entry["text"],
                "concerns_charter": charter,
            }
        )
    return entries


def action_entries(meeting: Meeting | None, actions: Sequence[Mapping]) -> list[dict]:
    """Action entries for the services, keeping the person who owns an unchanged action."""
    existing: dict[int, ActionItem] = {}
    if meeting is not None:
        existing = {a.position: a for a in meeting.action_items.select_related("owner")}
    entries = []
    for position, entry in enumerate(actions, start=1):
        old = existing.get(position)
        owner, owner_name = _keep_person(old, "owner", entry.get("owner") or "")
        entries.append(
            {
                "description": entry["description"],
                "owner": owner,
                "owner_name": owner_name,
                "due_on": entry.get("due_on"),
                "status": entry.get("status") or "open",
                "agenda_path": entry.get("agenda_path") or None,
            }
        )
    return entries
