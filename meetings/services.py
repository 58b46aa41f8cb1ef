"""Writes to meetings: a meeting and its nested minutes are saved whole,
in one transaction.

`create_meeting` and `update_meeting` take the meeting's fields (`MeetingFields`) and its
parts, each under its key in `meetings.parts.PARTS`, as plain data (what an API serializer,
the admin's page or the sample loader holds):

    agenda:     [{"title", "notes", "children": [...], "links": [...]}, ...]
    attendance: [{"person": Person, "role", "organization": Organization | None}, ...]
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
`save_agenda_outline`) and the attendance as a pasted list's entries (`participants`, see
`save_participant_list`). Each given part replaces what the meeting had; `None` (or leaving it
out) leaves that part as it is. Rows are updated in place where their position is unchanged,
so saving the same minutes twice writes nothing and keeps ids and history stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction

from ccwg.core.models import ExternalEvent, IcannMeeting, Organization, Person, WorkingGroup
from ccwg.core.services import (
    RecordWrites,
    assign,
    check_fields,
    clean_nested,
    create_person,
    delete_record,
    lock_fresh,
    sync_links,
    sync_ordered,
    sync_texts,
)
from meetings.agenda import StoredItem, check_agenda_limits, plan_agenda
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AgendaItemLink,
    AgendaNode,
    Attendance,
    AttendanceRole,
    Meeting,
    MeetingLink,
    Outcome,
    Speaker,
    Statement,
    agenda_tree,
    list_is_complete,
    listed_twice,
)
from meetings.outline import OutlineItem
from meetings.parts import PART_BY_KEY, PARTS, resolve

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
    """A list written with `attendance_complete` is complete only if it names someone."""
    listed = parts.get("attendance")
    if listed is None:
        listed = parts.get(PARTICIPANTS)
    if listed is not None and "attendance_complete" in fields:
        fields["attendance_complete"] = list_is_complete(
            marked=bool(fields["attendance_complete"]), listed=len(listed)
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
    write_agenda(meeting, agenda)


def write_agenda(meeting: Meeting, agenda: Sequence[Mapping]) -> None:
    """The agenda part's write (see `replace_agenda`)."""
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
    try:
        check_agenda_limits(agenda, lambda entry: entry.get("children") or [])
    except ValidationError as error:
        raise ValidationError({"agenda": error.messages}) from error
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
    write_outline(meeting, outline)


def write_outline(meeting: Meeting, outline: Sequence[OutlineItem]) -> None:
    """The agenda written as an outline (see `save_agenda_outline`)."""

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
    return _AgendaPlaces(meeting).at(path)


class _AgendaPlaces:
    """The meeting's agenda items as they are now, by 1-based path and by id (one query,
    on first use)."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self._roots: list[AgendaNode] | None = None

    @property
    def roots(self) -> list[AgendaNode]:
        if self._roots is None:
            self._roots = agenda_tree(self.meeting.agenda_items.all())
        return self._roots

    def at(self, path: Sequence[int] | None) -> AgendaItem | None:
        if not path:
            return None
        siblings = self.roots
        found = None
        for rank in path:
            if not isinstance(rank, int) or rank < 1 or rank > len(siblings):
                return None
            found = siblings[rank - 1]
            siblings = found.children
        return found.item if found is not None else None

    def item_of(self, entry: Mapping, *, label: str, field: str) -> AgendaItem | None:
        """The item an entry points at: `agenda_item` (an item of this meeting; None when
        the agenda written with it removed it) or `agenda_path`."""
        if "agenda_item" in entry:
            item = entry["agenda_item"]
            ids = {node.item.pk for root in self.roots for node in root.walk()}
            return item if item is not None and item.pk in ids else None
        path = entry.get("agenda_path") or None
        item = self.at(path)
        if path and item is None:
            raise ValidationError(
                {
                    field: [
                        f"{label}: agenda_path {list(path)} does not name an item of this "
                        "meeting's agenda."
                    ]
                }
            )
        return item


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
    places = _AgendaPlaces(meeting)
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
    places = _AgendaPlaces(meeting)
    rows = [
        {
            "description": entry.get("description") or "",
            "owner": entry.get("owner"),
            "owner_name": entry.get("owner_name") or "",
            "due_on": entry.get("due_on"),
            "status": entry.get("status") or ActionStatus.OPEN,
            "agenda_item": places.item_of(entry, label=f"Action {position}", field="actions")
            if "agenda_item" in entry
            else places.at(entry.get("agenda_path")),
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
    """Make the meeting's attendance list exactly `attendees` ({"person", "role",
    "organization"}). A `complete` list (the default) names everyone present, and the
    meeting's counts derive from it; a partial one leaves the counts as entered."""
    _replace_attendance(meeting, attendees, field="attendees")
    complete = list_is_complete(marked=complete, listed=len(attendees))
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
    complete = list_is_complete(marked=complete, listed=len(participants))
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
            {"person": person, "role": entry.get("role"), "organization": entry.get("organization")}
        )
    _replace_attendance(meeting, attendees, field="participants")
    return created


MEETINGS = RecordWrites("meeting", create_meeting, update_meeting, delete_meeting)
