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
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction

from ccwg.core.models import ExternalEvent, IcannMeeting, Organization, Person, WorkingGroup
from ccwg.core.services import create_person
from ccwg.core.writes import (
    RecordWrites,
    assign,
    check_fields,
    clean_nested,
    delete_record,
    lock_fresh,
    sync_links,
    sync_ordered,
    sync_texts,
)
from meetings.agenda import StoredItem, plan_agenda
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
from meetings.outline import OutlineItem

AgendaPath = tuple[int, ...]

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
    """Update the given fields and replace the given nested parts; save only what changed.

    The meeting's row is locked first and the meeting read again (`lock_fresh`): two saves
    of one meeting with its parts run one after the other, each on the last committed state,
    never interleaving their agenda, attendance or statements."""
    check_fields(fields, MeetingFields)
    lock_fresh(meeting)
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
def delete_meeting(*, meeting: Meeting, replace_with: Meeting | None = None) -> None:
    """Delete meeting; `RecordInUse` (listing them) while other records refer to it,
    unless `replace_with` names the record they should refer to instead."""
    delete_record(meeting, replace_with=replace_with)


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
    """Make the meeting's agenda exactly the given tree ({"title", "notes", "links",
    "children"}).

    Which stored items take which place is `meetings.agenda.plan_agenda`'s decision: an item
    whose title is unchanged keeps its id (with its statements, action items and history)
    wherever it moves; kept items are updated in place and saved only when something changed,
    new ones are created, the rest deleted. An entry without "notes" leaves the item's notes
    alone, one without "links" its links.
    """
    _write_agenda(meeting, agenda)


def _check_titles(entries: Sequence[Mapping], path: str = "") -> None:
    for position, entry in enumerate(entries, start=1):
        label = f"{path}{position}"
        if not (entry.get("title") or "").strip():
            raise ValidationError({"agenda": [f"Item {label} needs a title."]})
        _check_titles(entry.get("children") or [], f"{label}.")


def _write_agenda(meeting: Meeting, agenda: Sequence[Mapping]) -> dict[AgendaPath, AgendaItem]:
    """Write the tree; return the item now at each 1-based place."""
    _check_titles(agenda)
    stored = {item.pk: item for item in meeting.agenda_items.all()}
    plan = plan_agenda(
        [StoredItem(i.pk, i.parent_id, i.position, i.title) for i in stored.values()], agenda
    )
    kept_ids = set(plan.kept.values())

    # Where every entry goes: (parent's place or None, position among its siblings).
    targets: list[tuple[AgendaPath, Mapping]] = []

    def collect(entries: Sequence[Mapping], prefix: AgendaPath) -> None:
        for rank, entry in enumerate(entries, start=1):
            targets.append(((*prefix, rank), entry))
            collect(entry.get("children") or [], (*prefix, rank))

    collect(agenda, ())

    # 1. Free the places: kept items that change place, and the items to be deleted, move
    # to temporary positions no item holds (a plain UPDATE: no history rows), so no final
    # position clashes while the tree is rewritten.
    wanted: dict[int, tuple[AgendaPath, int]] = {
        plan.kept[path]: (path[:-1], path[-1]) for path, _ in targets if path in plan.kept
    }
    moving = [
        pk
        for pk, item in stored.items()
        if pk not in kept_ids
        or item.position != wanted[pk][1]
        or item.parent_id != (plan.kept.get(wanted[pk][0]) if wanted[pk][0] else None)
    ]
    if moving:
        spare = max(item.position for item in stored.values()) + 1
        for offset, pk in enumerate(moving):
            AgendaItem.objects.filter(pk=pk).update(position=spare + offset)

    # 2. Top-down, each place gets its kept item (updated in place) or a new one.
    placed: dict[AgendaPath, AgendaItem] = {}
    for path, entry in targets:
        parent = placed[path[:-1]] if len(path) > 1 else None
        values: dict[str, Any] = {
            "title": (entry.get("title") or "").strip(),
            "parent": parent,
            "position": path[-1],
        }
        if "notes" in entry:
            values["notes"] = entry.get("notes") or ""
        item = stored.get(plan.kept[path]) if path in plan.kept else None
        if item is None:
            item = AgendaItem(meeting=meeting, **values)
        if item.pk is None or assign(item, values):
            label = "Item " + ".".join(str(rank) for rank in path)
            clean_nested(item, field="agenda", label=label, exclude=("meeting", "parent"))
            item.save()
        placed[path] = item
        if "links" in entry:
            sync_links(
                owner_field="agenda_item",
                owner=item,
                link_model=AgendaItemLink,
                links=entry.get("links") or [],
            )

    # 3. What no place kept goes; kept sub-items were moved out from under it first.
    if plan.deleted:
        AgendaItem.objects.filter(pk__in=plan.deleted).delete()
    return placed


@transaction.atomic
def save_agenda_outline(*, meeting: Meeting, outline: Sequence[OutlineItem]) -> None:
    """Make the meeting's agenda the tree of an outline (`meetings.outline.parse_outline`).

    Items keep their notes and their links; the link a line carries becomes the item's first
    link (a line without one removes the first link it showed). Saving the outline that
    `agenda_outline` gives writes nothing.
    """

    def entries(items: Sequence[OutlineItem]) -> list[dict[str, Any]]:
        return [{"title": i.title, "children": entries(i.children)} for i in items]

    placed = _write_agenda(meeting, entries(outline))
    for root_rank, root in enumerate(outline, start=1):
        for path, node in root.walk((root_rank,)):
            _set_first_link(placed[path], node.url)


def _set_first_link(item: AgendaItem, url: str) -> None:
    links = list(item.links.all())
    first = links[0] if links else None
    if first is not None and first.url == url:
        return
    if not url:
        if first is not None:
            first.delete()
        return
    if first is None:
        first = AgendaItemLink(agenda_item=item, position=1, title=item.title[:300])
    elif first.title in ("", first.url):
        first.title = item.title[:300]
    first.url = url
    clean_nested(
        first, field="agenda_outline", label=f"The link of “{item.title}”", exclude=("agenda_item",)
    )
    first.save()


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
def record_attendance(
    *, meeting: Meeting, attendees: Sequence[Mapping], complete: bool = True
) -> None:
    """Make the meeting's attendance list exactly `attendees` ({"person", "role",
    "organization"}). A `complete` list (the default) names everyone present, and the
    meeting's counts derive from it; a partial one leaves the counts as entered."""
    _replace_attendance(meeting, attendees, field="attendees")
    complete = complete and bool(attendees)
    if meeting.attendance_complete != complete:
        meeting.attendance_complete = complete
        meeting.save(update_fields=["attendance_complete", "updated_at"])


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
            {"person": person, "role": entry.get("role"), "organization": entry.get("organization")}
        )
    _replace_attendance(meeting, attendees, field="participants")
    complete = complete and bool(attendees)
    if meeting.attendance_complete != complete:
        meeting.attendance_complete = complete
        meeting.full_clean()
        meeting.save()
    return created


MEETINGS = RecordWrites("meeting", create_meeting, update_meeting, delete_meeting)
