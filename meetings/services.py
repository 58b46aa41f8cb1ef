"""Writes to meetings: a meeting and its nested minutes are saved whole, in one transaction.

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

Each given list replaces what the meeting had; `None` leaves that part as it is. Rows are
updated in place where their position is unchanged, so saving the same minutes twice
writes nothing and keeps ids and history stable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ccwg.core.models import Organization, Person
from ccwg.core.services import assign, clean_nested, sync_links, sync_ordered, sync_texts
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

#: Scalar fields of Meeting a caller may set.
MEETING_FIELDS = (
    "working_group",
    "kind",
    "status",
    "title",
    "starts_at",
    "ends_at",
    "time_is_known",
    "icann_meeting",
    "external_event",
    "selected_by",
    "location",
    "members_present",
    "total_present",
    "notes",
)


def _check_fields(fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {', '.join(sorted(unknown))}")


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
    **fields: Any,
) -> Meeting:
    _check_fields(fields)
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
    **fields: Any,
) -> Meeting:
    """Update the given fields and replace the given nested parts; save only what changed."""
    _check_fields(fields)
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
    )
    return meeting


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
    existing = {a.person_id: a for a in meeting.attendances.all()}
    seen: set[int] = set()
    for entry in attendees:
        person: Person = entry["person"]
        if person.pk in seen:
            raise ValidationError({"attendees": [f"{person} is listed twice."]})
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
