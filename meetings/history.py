"""The history of a meeting and of everything on its page, in change sets, and its restore.

A meeting's *state* is plain, JSON-able data: its fields, the organizations present, and
each part of its page (agenda items and their links, attendance, speakers, statements,
outcomes, action items, links) as rows by id, with foreign keys as ids:

    {"meeting": {"title": ..., "members_present": 11, ...}, "organizations_present": [3, 7],
     "agenda_items": {"12": {"parent": None, "position": 1, "title": ..., "notes": ...}}, ...}

`current_state` reads it from the records; `meeting_history` replays the history tables of the
meeting and its parts into `ChangeSetEntry`s, one per save (rows sharing a
`history_change_set`, see `ccwg.core.change_sets`; older rows by the same user within a few
seconds), each with the state before and after it and what changed in words
(`diff_states`: "Agenda: added 'ITU EG-ITR' under 1.", "Members present: 11 → 15").

Restoring (`restore_meeting`) writes a target state through `meetings.services.update_meeting`,
so the restore is itself a change set of the history: the whole state after a chosen change
set, or only some items of the difference between now and then (`Change.item`: one field,
the organizations present, or one row of a part, a deleted one included; an agenda item comes
back with its sub-items and links, and the statements and actions that pointed at it).
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.dateparse import parse_date, parse_datetime

from ccwg.core.change_sets import change_set
from meetings import services
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
)
from meetings.numbering import format_number, level_for_depth

State = dict[str, Any]
Row = dict[str, Any]

#: Rows written with no change set, by the same user, this close together are one save.
LEGACY_GAP = dt.timedelta(seconds=2)
#: At most this many changes of one part are worded one by one.
MAX_LISTED = 12


@dataclass(frozen=True)
class Part:
    """One kind of row on a meeting's page."""

    key: str  # its key in a state
    model: type[models.Model]
    fields: tuple[str, ...]  # stored fields (foreign keys as ids)
    label: str  # the heading its changes are worded under
    identity: str  # how a row is the "same" in two states: "pk", "content" or a field name
    owner: str = "meeting"  # the field that ties a row to its owner (meeting or agenda item)


PARTS: tuple[Part, ...] = (
    Part("agenda_items", AgendaItem, ("parent", "position", "title", "notes"), "Agenda", "pk"),
    Part(
        "agenda_item_links",
        AgendaItemLink,
        ("agenda_item", "position", "title", "url", "kind"),
        "Agenda",
        "content",
        owner="agenda_item",
    ),
    Part("attendances", Attendance, ("person", "role", "organization"), "Attendance", "person"),
    Part("speakers", Speaker, ("position", "name", "affiliation", "person"), "Speakers", "content"),
    Part(
        "statements",
        Statement,
        (
            "position",
            "agenda_item",
            "source",
            "author",
            "author_name",
            "text",
            "concerns_charter",
        ),
        "Statements",
        "content",
    ),
    Part("outcomes", Outcome, ("position", "text"), "Outcomes", "content"),
    Part(
        "action_items",
        ActionItem,
        ("position", "description", "agenda_item", "owner", "owner_name", "due_on", "status"),
        "Action items",
        "content",
    ),
    Part("links", MeetingLink, ("position", "title", "url", "kind"), "Links", "content"),
)
PART_BY_KEY = {part.key: part for part in PARTS}

#: The meeting's own fields a state keeps: those its services write.
MEETING_FIELDS: tuple[str, ...] = tuple(services.MeetingFields.__annotations__)
ORGANIZATIONS = "organizations_present"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _attname(model: type[models.Model], name: str) -> str:
    return model._meta.get_field(name).attname  # type: ignore[union-attr]


def _row_of(model: type[models.Model], names: Iterable[str], obj: Any) -> Row:
    return {name: _plain(getattr(obj, _attname(model, name))) for name in names}


def empty_state() -> State:
    return {"meeting": None, ORGANIZATIONS: [], **{part.key: {} for part in PARTS}}


# --------------------------------------------------------------------------- the current state


def current_state(meeting: Meeting) -> State:
    """The meeting and everything on its page as stored now (plain data, see the module)."""
    fresh = Meeting.objects.get(pk=meeting.pk)
    state = empty_state()
    state["meeting"] = _row_of(Meeting, MEETING_FIELDS, fresh)
    state[ORGANIZATIONS] = sorted(fresh.organizations_present.values_list("pk", flat=True))
    for part in PARTS:
        attnames = [_attname(part.model, name) for name in part.fields]
        lookup = {"meeting": fresh} if part.owner == "meeting" else {"agenda_item__meeting": fresh}
        rows = part.model._default_manager.filter(**lookup).values("pk", *attnames)
        state[part.key] = {
            str(row["pk"]): {
                name: _plain(row[attname])
                for name, attname in zip(part.fields, attnames, strict=True)
            }
            for row in rows
        }
    return state


# --------------------------------------------------------------------------- the history


@dataclass
class _HistoryRow:
    date: dt.datetime
    order: int  # parts' order, for rows of one instant
    history_id: int
    part: str  # "meeting" or a part key
    pk: str
    kind: str  # "+", "~", "-"
    values: Row
    organizations: list[int] | None
    user_id: int | None
    change_set: str | None
    reason: str


@dataclass
class ChangeSetEntry:
    """One save: who, when, and the meeting's state before and after it."""

    key: str
    date: dt.datetime
    user: Any
    reason: str
    before: State
    after: State
    changes: list[Change] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return worded(self.changes)

    @property
    def is_restore(self) -> bool:
        return self.reason.startswith("Restored")


def _meeting_rows(meeting_pk: int) -> list[_HistoryRow]:
    history = Meeting.history.model
    attnames = [_attname(Meeting, name) for name in MEETING_FIELDS]
    records = list(history.objects.filter(id=meeting_pk).order_by("history_date", "history_id"))
    through = history._meta.get_field("historicalmeeting_organizations_present").related_model
    organizations: dict[int, list[int]] = defaultdict(list)
    for history_id, organization_id in through.objects.filter(
        history__in=[r.history_id for r in records]
    ).values_list("history_id", "organization_id"):
        organizations[history_id].append(organization_id)
    return [
        _HistoryRow(
            date=record.history_date,
            order=0,
            history_id=record.history_id,
            part="meeting",
            pk=str(meeting_pk),
            kind=record.history_type,
            values={
                name: _plain(getattr(record, attname))
                for name, attname in zip(MEETING_FIELDS, attnames, strict=True)
            },
            organizations=sorted(organizations.get(record.history_id, [])),
            user_id=record.history_user_id,
            change_set=str(record.history_change_set) if record.history_change_set else None,
            reason=record.history_change_reason or "",
        )
        for record in records
    ]


def _part_rows(meeting_pk: int) -> list[_HistoryRow]:
    rows: list[_HistoryRow] = []
    agenda_ids: set[int] = set()
    for order, part in enumerate(PARTS, start=1):
        history = part.model.history.model  # type: ignore[attr-defined]
        if part.owner == "meeting":
            records = history.objects.filter(meeting_id=meeting_pk)
        else:
            records = history.objects.filter(agenda_item_id__in=agenda_ids)
        attnames = [_attname(part.model, name) for name in part.fields]
        for record in records.order_by("history_date", "history_id"):
            if part.key == "agenda_items":
                agenda_ids.add(record.id)
            rows.append(
                _HistoryRow(
                    date=record.history_date,
                    order=order,
                    history_id=record.history_id,
                    part=part.key,
                    pk=str(record.id),
                    kind=record.history_type,
                    values={
                        name: _plain(getattr(record, attname))
                        for name, attname in zip(part.fields, attnames, strict=True)
                    },
                    organizations=None,
                    user_id=record.history_user_id,
                    change_set=str(record.history_change_set)
                    if record.history_change_set
                    else None,
                    reason=record.history_change_reason or "",
                )
            )
    return rows


def _group(rows: list[_HistoryRow]) -> list[list[_HistoryRow]]:
    """Rows in change sets: by their change set, else by user within `LEGACY_GAP`."""
    rows.sort(key=lambda r: (r.date, r.order, r.history_id))
    groups: dict[str, list[_HistoryRow]] = {}
    legacy: dict[int | None, tuple[str, dt.datetime]] = {}
    for row in rows:
        if row.change_set:
            key = row.change_set
        else:
            last = legacy.get(row.user_id)
            if last is not None and row.date - last[1] <= LEGACY_GAP:
                key = last[0]
            else:
                key = f"u{row.user_id or 0}-{row.history_id}-{row.part}"
            legacy[row.user_id] = (key, row.date)
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def _apply(state: State, row: _HistoryRow) -> None:
    if row.part == "meeting":
        if row.kind == "-":
            state["meeting"] = None
            return
        state["meeting"] = dict(row.values)
        state[ORGANIZATIONS] = list(row.organizations or [])
        return
    if row.kind == "-":
        state[row.part].pop(row.pk, None)
    else:
        state[row.part][row.pk] = dict(row.values)


def group_key(rows: Sequence[_HistoryRow]) -> str:
    first = rows[0]
    return first.change_set or f"{first.user_id or 0}-{first.history_id}-{first.part}"


def meeting_history(meeting: Meeting) -> list[ChangeSetEntry]:
    """The meeting's change sets, oldest first, each with its state before and after."""
    groups = _group(_meeting_rows(meeting.pk) + _part_rows(meeting.pk))
    user_ids = {row.user_id for rows in groups for row in rows if row.user_id}
    users = {u.pk: u for u in get_user_model()._default_manager.filter(pk__in=user_ids)}
    names = Names()
    entries = []
    state = empty_state()
    for rows in groups:
        before = copy.deepcopy(state)
        for row in rows:
            _apply(state, row)
        after = copy.deepcopy(state)
        user_id = next((row.user_id for row in rows if row.user_id), None)
        entries.append(
            ChangeSetEntry(
                key=group_key(rows),
                date=rows[0].date,
                user=users.get(user_id) if user_id else None,
                reason=next((row.reason for row in rows if row.reason), ""),
                before=before,
                after=after,
                changes=diff_states(before, after, names),
            )
        )
    return entries


def find_change_set(meeting: Meeting, key: str) -> ChangeSetEntry | None:
    return next((entry for entry in meeting_history(meeting) if entry.key == key), None)


# --------------------------------------------------------------------------- in words


class Names:
    """Labels of the records a state refers to by id (looked up once each)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[type[models.Model], Any], str] = {}

    def label(self, model: type[models.Model], pk: Any) -> str:
        key = (model, pk)
        if key not in self._cache:
            obj = model._default_manager.filter(pk=pk).first()
            self._cache[key] = str(obj) if obj is not None else f"#{pk} (deleted)"
        return self._cache[key]


def _short(text: str, length: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _display(model: type[models.Model], name: str, value: Any, names: Names) -> str:
    if value is None or value == "":
        return "blank"
    field_ = model._meta.get_field(name)
    if field_.is_relation and field_.related_model is not None:
        related = field_.related_model
        if related is AgendaItem:
            return f"item #{value}"
        return names.label(related, value)  # type: ignore[arg-type]
    choices = getattr(field_, "choices", None)
    if choices:
        return str(dict(choices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(field_, models.DateTimeField) and isinstance(value, str):
        when = parse_datetime(value)
        if when is not None:
            return f"{when:%-d %b %Y, %H:%M} UTC"
    if isinstance(field_, models.DateField) and isinstance(value, str):
        day = parse_date(value)
        if day is not None:
            return f"{day:%-d %b %Y}"
    if isinstance(value, str):
        return f"'{_short(value)}'"
    return str(value)


def _verbose(model: type[models.Model], name: str) -> str:
    label = str(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    return label[:1].upper() + label[1:]


def path_label(path: Sequence[int]) -> str:
    """'1.' for a top item, '1.a' and '1.a.ii' below it (the numbering of the report)."""
    labels = [format_number(level_for_depth(depth).style, rank) for depth, rank in enumerate(path)]
    return f"{labels[0]}." if len(labels) == 1 else ".".join(labels)


def agenda_paths(state: State) -> dict[str, tuple[int, ...]]:
    """Each agenda item's 1-based place in the state's tree (siblings by position, then id)."""
    children: dict[str | None, list[str]] = defaultdict(list)
    items = state["agenda_items"]
    for pk, row in items.items():
        parent = str(row["parent"]) if row["parent"] is not None else None
        children[parent if parent in items else None].append(pk)
    paths: dict[str, tuple[int, ...]] = {}

    def walk(parent: str | None, prefix: tuple[int, ...]) -> None:
        siblings = sorted(children.get(parent, []), key=lambda pk: _order_key(items[pk], pk))
        for rank, pk in enumerate(siblings, start=1):
            paths[pk] = (*prefix, rank)
            walk(pk, paths[pk])

    walk(None, ())
    return paths


def _order_key(row: Row, pk: str) -> tuple[int, int, int]:
    restored = 0 if row.get("_restored") else 1
    number = int(pk) if pk.isdigit() else 0
    return (row.get("position") or 0, restored, number)


@dataclass(frozen=True)
class Change:
    """One thing that differs between two states, in words, and how to restore it alone."""

    label: str  # "Agenda", "Members present", ...
    text: str  # "added 'ITU EG-ITR' under 1."
    item: str  # "meeting:<field>", "organizations_present" or "<part>:<from id>:<to id>"


def worded(changes: Iterable[Change]) -> list[str]:
    """One line per heading: "Agenda: added …; renamed …", "Members present: 11 → 15"."""
    by_label: dict[str, list[str]] = {}
    for change in changes:
        by_label.setdefault(change.label, []).append(change.text)
    lines = []
    for label, texts in by_label.items():
        shown = texts[:MAX_LISTED]
        if len(texts) > MAX_LISTED:
            shown.append(f"and {len(texts) - MAX_LISTED} more")
        lines.append(f"{label}: {'; '.join(shown)}")
    return lines


def _agenda_ref(state: State, paths: Mapping[str, tuple[int, ...]], pk: Any) -> str:
    if pk is None:
        return "blank"
    key = str(pk)
    row = state["agenda_items"].get(key)
    if row is None or key not in paths:
        return "a removed agenda item"
    return f"{path_label(paths[key])} '{_short(row['title'], 40)}'"


def _summary(part: Part, row: Row, names: Names) -> str:
    if part.key == "speakers":
        return _short(row["name"])
    if part.key == "statements":
        who = row["author_name"] or (
            names.label(part.model._meta.get_field("author").related_model, row["author"])  # type: ignore[arg-type]
            if row["author"]
            else ""
        )
        source = (
            names.label(part.model._meta.get_field("source").related_model, row["source"])  # type: ignore[arg-type]
            if row["source"]
            else ""
        )
        attribution = f"{who} ({source})" if who and source else who or source
        return _short(f"{attribution}: {row['text']}" if attribution else row["text"])
    if part.key == "outcomes":
        return _short(row["text"])
    if part.key == "action_items":
        return _short(row["description"])
    return _short(row.get("title") or row.get("url") or "")


def _signature(part: Part, row: Row) -> tuple:
    return tuple(row[name] for name in part.fields if name != "position")


def align(part: Part, before: Mapping[str, Row], after: Mapping[str, Row]) -> list[tuple]:
    """Pairs (id in before | None, id in after | None) of the rows that are the same row of
    the part in both states: by id, by a field (attendance: the person), or, for rows kept in
    order, by content (a row inserted or removed does not make the rows after it "changed")."""
    if part.identity == "pk":
        keys = list(before) + [k for k in after if k not in before]
        return [(k if k in before else None, k if k in after else None) for k in keys]
    if part.identity != "content":
        by_value = {row[part.identity]: pk for pk, row in after.items()}
        pairs: list[tuple] = []
        for pk, row in before.items():
            pairs.append((pk, by_value.pop(row[part.identity], None)))
        pairs += [(None, pk) for pk in by_value.values()]
        return pairs
    owners = {row.get(part.owner) for row in [*before.values(), *after.values()]}
    pairs = []
    for owner in sorted(owners, key=lambda value: (value is None, str(value))):

        def ordered(rows: Mapping[str, Row], owner: Any = owner) -> list[str]:
            mine = [pk for pk, row in rows.items() if row.get(part.owner) == owner]
            return sorted(mine, key=lambda pk: _order_key(rows[pk], pk))

        old, new = ordered(before), ordered(after)
        matcher = difflib.SequenceMatcher(
            None,
            [_signature(part, before[pk]) for pk in old],
            [_signature(part, after[pk]) for pk in new],
            autojunk=False,
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                pairs += list(zip(old[i1:i2], new[j1:j2], strict=True))
                continue
            pairs += _pair_similar(part, old[i1:i2], new[j1:j2], before, after)
    return pairs


#: Rows of a replaced stretch this alike are one row changed, not one removed, one added.
SIMILAR = 0.5


def _similarity(part: Part, old: Row, new: Row) -> float:
    names = [name for name in part.fields if name not in ("position", part.owner)]
    score = 0.0
    for name in names:
        a, b = old[name], new[name]
        if a == b:
            score += 1
        elif isinstance(a, str) and isinstance(b, str):
            score += difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    return score / len(names) if names else 1.0


def _pair_similar(
    part: Part,
    left: list[str],
    right: list[str],
    before: Mapping[str, Row],
    after: Mapping[str, Row],
) -> list[tuple]:
    """Pairs of a replaced stretch: the most alike rows first; the rest removed or added."""
    scored = sorted(
        (
            (-_similarity(part, before[a], after[b]), i, j)
            for i, a in enumerate(left)
            for j, b in enumerate(right)
        ),
    )
    used_left: set[int] = set()
    used_right: set[int] = set()
    placed: list[tuple[int, tuple]] = []
    for score, i, j in scored:
        if -score < SIMILAR or i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        placed.append((i, (left[i], right[j])))
    placed += [(i, (a, None)) for i, a in enumerate(left) if i not in used_left]
    placed += [(j, (None, b)) for j, b in enumerate(right) if j not in used_right]
    return [pair for _, pair in sorted(placed, key=lambda p: p[0])]


def diff_states(before: State, after: State, names: Names | None = None) -> list[Change]:
    """What differs from `before` to `after`, in words, each with its restore item."""
    names = names or Names()
    changes: list[Change] = []
    old_meeting, new_meeting = before["meeting"], after["meeting"]
    if old_meeting is None and new_meeting is not None:
        changes.append(Change("Meeting", "created", ""))
    elif new_meeting is None and old_meeting is not None:
        changes.append(Change("Meeting", "deleted", ""))
    elif old_meeting is not None and new_meeting is not None:
        for name in MEETING_FIELDS:
            old, new = old_meeting.get(name), new_meeting.get(name)
            if old != new:
                changes.append(
                    Change(
                        _verbose(Meeting, name),
                        f"{_display(Meeting, name, old, names)} → "
                        f"{_display(Meeting, name, new, names)}",
                        f"meeting:{name}",
                    )
                )
    old_orgs, new_orgs = set(before[ORGANIZATIONS]), set(after[ORGANIZATIONS])
    if old_orgs != new_orgs:
        org_model = Meeting._meta.get_field(ORGANIZATIONS).related_model
        texts = []
        added = sorted(names.label(org_model, pk) for pk in new_orgs - old_orgs)  # type: ignore[arg-type]
        removed = sorted(names.label(org_model, pk) for pk in old_orgs - new_orgs)  # type: ignore[arg-type]
        if added:
            texts.append(f"added {', '.join(added)}")
        if removed:
            texts.append(f"removed {', '.join(removed)}")
        changes.append(Change(_verbose(Meeting, ORGANIZATIONS), "; ".join(texts), ORGANIZATIONS))
    old_paths, new_paths = agenda_paths(before), agenda_paths(after)
    for part in PARTS:
        for old_pk, new_pk in align(part, before[part.key], after[part.key]):
            old_row = before[part.key].get(old_pk) if old_pk else None
            new_row = after[part.key].get(new_pk) if new_pk else None
            text = _row_change(
                part, old_row, new_row, (before, old_paths), (after, new_paths), names, new_pk
            )
            if text:
                changes.append(
                    Change(part.label, text, f"{part.key}:{old_pk or ''}:{new_pk or ''}")
                )
    return changes


def _row_change(
    part: Part,
    old: Row | None,
    new: Row | None,
    before: tuple[State, Mapping[str, tuple[int, ...]]],
    after: tuple[State, Mapping[str, tuple[int, ...]]],
    names: Names,
    new_pk: str | None,
) -> str:
    if part.key == "agenda_items":
        return _agenda_change(old, new, before, after, new_pk)
    if part.key == "agenda_item_links":
        return _agenda_link_change(old, new, before, after, names)
    if part.key == "attendances":
        return _attendance_change(old, new, names)
    if old is None and new is not None:
        return f"added '{_summary(part, new, names)}'"
    if new is None and old is not None:
        return f"removed '{_summary(part, old, names)}'"
    assert old is not None and new is not None
    details = []
    for name in part.fields:
        if name == "position" or old[name] == new[name]:
            continue
        if name == "agenda_item":
            details.append(
                f"agenda item: {_agenda_ref(before[0], before[1], old[name])} → "
                f"{_agenda_ref(after[0], after[1], new[name])}"
            )
        else:
            details.append(
                f"{_verbose(part.model, name).lower()}: "
                f"{_display(part.model, name, old[name], names)} → "
                f"{_display(part.model, name, new[name], names)}"
            )
    if not details:
        return ""
    return f"changed '{_summary(part, old, names)}' ({', '.join(details)})"


def _agenda_change(
    old: Row | None,
    new: Row | None,
    before: tuple[State, Mapping[str, tuple[int, ...]]],
    after: tuple[State, Mapping[str, tuple[int, ...]]],
    pk: str | None,
) -> str:
    old_paths, new_paths = before[1], after[1]
    if old is None and new is not None and pk is not None:
        parent = str(new["parent"]) if new["parent"] is not None else None
        if parent is not None and parent in new_paths:
            return f"added '{_short(new['title'])}' under {path_label(new_paths[parent])}"
        return f"added '{_short(new['title'])}' as {path_label(new_paths.get(pk, (1,)))}"
    if old is not None and new is None:
        where = ""
        for key, path in old_paths.items():
            if before[0]["agenda_items"].get(key) is old:
                where = f"{path_label(path)} "
        return f"removed {where}'{_short(old['title'])}'"
    assert old is not None and new is not None and pk is not None
    old_path, new_path = old_paths.get(pk), new_paths.get(pk)
    here = path_label(new_path) if new_path else "?"
    texts = []
    if old["title"] != new["title"]:
        texts.append(f"renamed {here} '{_short(old['title'])}' → '{_short(new['title'])}'")
    if old_path and new_path and _moved(pk, before, after):
        texts.append(
            f"moved '{_short(new['title'])}' from {path_label(old_path)} to {path_label(new_path)}"
        )
    if old["notes"] != new["notes"]:
        texts.append(f"changed the notes of {here} '{_short(new['title'], 40)}'")
    return "; ".join(texts)


def _moved(
    pk: str,
    before: tuple[State, Mapping[str, tuple[int, ...]]],
    after: tuple[State, Mapping[str, tuple[int, ...]]],
) -> bool:
    """Whether the item changed parent, or its order among the siblings kept in both."""
    old_items, new_items = before[0]["agenda_items"], after[0]["agenda_items"]
    if old_items[pk]["parent"] != new_items[pk]["parent"]:
        return True
    parent = new_items[pk]["parent"]

    def rank(items: Mapping[str, Row], paths: Mapping[str, tuple[int, ...]]) -> int:
        kept = [
            k for k in items if k in old_items and k in new_items and items[k]["parent"] == parent
        ]
        kept.sort(key=lambda k: paths.get(k, ()))
        return kept.index(pk)

    return rank(old_items, before[1]) != rank(new_items, after[1])


def _agenda_link_change(
    old: Row | None,
    new: Row | None,
    before: tuple[State, Mapping[str, tuple[int, ...]]],
    after: tuple[State, Mapping[str, tuple[int, ...]]],
    names: Names,
) -> str:
    if old is None and new is not None:
        item = _agenda_ref(after[0], after[1], new["agenda_item"])
        return f"added link '{_short(new['title'], 40)}' to {item}"
    if new is None and old is not None:
        item = _agenda_ref(before[0], before[1], old["agenda_item"])
        return f"removed link '{_short(old['title'], 40)}' from {item}"
    assert old is not None and new is not None
    changed = [name for name in ("title", "url", "kind") if old[name] != new[name]] + (
        ["agenda item"] if old["agenda_item"] != new["agenda_item"] else []
    )
    if not changed:
        return ""
    item = _agenda_ref(after[0], after[1], new["agenda_item"])
    return f"changed link '{_short(old['title'], 40)}' of {item} ({', '.join(changed)})"


def _attendance_change(old: Row | None, new: Row | None, names: Names) -> str:
    model = Attendance
    if old is None and new is not None:
        person = _display(model, "person", new["person"], names)
        role = (
            "" if new["role"] == "member" else f" ({_display(model, 'role', new['role'], names)})"
        )
        return f"added {person}{role}"
    if new is None and old is not None:
        return f"removed {_display(model, 'person', old['person'], names)}"
    assert old is not None and new is not None
    person = _display(model, "person", new["person"], names)
    texts = [
        f"{_verbose(model, name).lower()} {_display(model, name, old[name], names)} → "
        f"{_display(model, name, new[name], names)}"
        for name in ("role", "organization")
        if old[name] != new[name]
    ]
    return f"{person}: {', '.join(texts)}" if texts else ""


# --------------------------------------------------------------------------- restoring


def build_target(current: State, source: State, items: Iterable[str]) -> State:
    """`current` with the given items (`Change.item`s of `diff_states(current, source)`)
    taken from `source`."""
    target = copy.deepcopy(current)
    restored_agenda: set[str] = set()
    for item in items:
        if item.startswith("meeting:"):
            name = item.split(":", 1)[1]
            if target["meeting"] is not None and source["meeting"] is not None:
                target["meeting"][name] = source["meeting"].get(name)
            continue
        if item == ORGANIZATIONS:
            target[ORGANIZATIONS] = list(source[ORGANIZATIONS])
            continue
        key, _, pair = item.partition(":")
        part = PART_BY_KEY.get(key)
        if part is None:
            continue
        now_pk, _, then_pk = pair.partition(":")
        rows = target[part.key]
        if not then_pk:
            rows.pop(now_pk, None)
            continue
        values = dict(source[part.key][then_pk])
        if part.key == "agenda_items":
            _bring_back_agenda_item(target, source, then_pk, restored_agenda)
            continue
        if now_pk:
            rows[now_pk] = values
        else:
            values["_restored"] = True
            rows[f"restored-{then_pk}"] = values
    _relink(target, source, restored_agenda)
    return target


def _bring_back_agenda_item(target: State, source: State, pk: str, restored: set[str]) -> None:
    """The source's agenda item `pk` in the target: with its parents if they are gone, and,
    if it was gone, with its sub-items and links that are gone too."""
    items, source_items = target["agenda_items"], source["agenda_items"]
    was_gone = pk not in items
    parent = source_items[pk]["parent"]
    if parent is not None and str(parent) in source_items and str(parent) not in items:
        _bring_back_agenda_item(target, source, str(parent), restored)
    values = dict(source_items[pk])
    if was_gone:
        values["_restored"] = True
    items[pk] = values
    if not was_gone:
        return
    restored.add(pk)
    for link_pk, link in source["agenda_item_links"].items():
        if str(link["agenda_item"]) == pk:
            target["agenda_item_links"][f"restored-{link_pk}"] = dict(link)
    for child_pk, child in source_items.items():
        if str(child["parent"]) == pk and child_pk not in items:
            _bring_back_agenda_item(target, source, child_pk, restored)


def _relink(target: State, source: State, restored: set[str]) -> None:
    """Statements and actions that pointed at a brought-back agenda item and point nowhere
    now point at it again."""
    if not restored:
        return
    for key in ("statements", "action_items"):
        part = PART_BY_KEY[key]
        for now_pk, then_pk in _align_loosely(part, target[key], source[key]):
            row = target[key][now_pk]
            wanted = source[key][then_pk]["agenda_item"]
            if row["agenda_item"] is None and wanted is not None and str(wanted) in restored:
                row["agenda_item"] = wanted


def _align_loosely(part: Part, now: Mapping[str, Row], then: Mapping[str, Row]) -> list[tuple]:
    """Pairs of rows that are the same but for their agenda item (unlinked when it went)."""

    def without_item(rows: Mapping[str, Row]) -> dict[str, Row]:
        return {pk: {**row, "agenda_item": None} for pk, row in rows.items()}

    return [(a, b) for a, b in align(part, without_item(now), without_item(then)) if a and b]


@dataclass
class ServiceInput:
    """A target state as the keyword arguments of `meetings.services.update_meeting`."""

    kwargs: dict[str, Any]
    skipped: list[str]


def _objects(model: type[models.Model], ids: Iterable[Any]) -> dict[Any, models.Model]:
    wanted = {pk for pk in ids if pk is not None}
    return {obj.pk: obj for obj in model._default_manager.filter(pk__in=wanted)}


def _related(model: type[models.Model], name: str) -> type[models.Model]:
    return model._meta.get_field(name).related_model  # type: ignore[return-value]


def service_input(target: State) -> ServiceInput:
    """The keyword arguments that make the stored meeting the `target` state."""
    skipped: list[str] = []
    meeting = target["meeting"] or {}
    fields: dict[str, Any] = {}
    for name in MEETING_FIELDS:
        value = meeting.get(name)
        model_field = Meeting._meta.get_field(name)
        if model_field.is_relation and value is not None:
            found = _related(Meeting, name)._default_manager.filter(pk=value).first()
            if found is None:
                skipped.append(f"{_verbose(Meeting, name)}: record #{value} no longer exists.")
            value = found
        elif isinstance(model_field, models.DateTimeField) and isinstance(value, str):
            value = parse_datetime(value)
        elif isinstance(model_field, models.DateField) and isinstance(value, str):
            value = parse_date(value)
        fields[name] = value
    if fields.get("working_group") is None:
        fields.pop("working_group", None)
    org_model = _related(Meeting, ORGANIZATIONS)
    organizations = list(_objects(org_model, target[ORGANIZATIONS]).values())

    people = _objects(
        _related(Attendance, "person"),
        [
            row.get(name)
            for key in ("attendances", "speakers", "statements", "action_items")
            for row in target[key].values()
            for name in ("person", "author", "owner")
            if name in row
        ],
    )
    orgs = _objects(
        org_model,
        [row["organization"] for row in target["attendances"].values()]
        + [row["source"] for row in target["statements"].values()],
    )
    charters = _objects(
        _related(Statement, "concerns_charter"),
        [row["concerns_charter"] for row in target["statements"].values()],
    )

    items = target["agenda_items"]
    paths = agenda_paths(target)
    children: dict[str | None, list[str]] = defaultdict(list)
    for pk in paths:
        parent = items[pk]["parent"]
        children[str(parent) if parent is not None and str(parent) in paths else None].append(pk)
    links_of: dict[str, list[Row]] = defaultdict(list)
    link_rows = target["agenda_item_links"]
    for pk in sorted(link_rows, key=lambda k: _order_key(link_rows[k], k)):
        links_of[str(link_rows[pk]["agenda_item"])].append(link_rows[pk])

    def tree(parent: str | None) -> list[dict]:
        return [
            {
                "title": items[pk]["title"],
                "notes": items[pk]["notes"],
                "links": [
                    {"title": link["title"], "url": link["url"], "kind": link["kind"]}
                    for link in links_of.get(pk, [])
                ],
                "children": tree(pk),
            }
            for pk in sorted(children.get(parent, []), key=lambda k: paths[k])
        ]

    def in_order(key: str) -> list[Row]:
        rows = target[key]
        return [rows[pk] for pk in sorted(rows, key=lambda k: _order_key(rows[k], k))]

    def agenda_path(pk: Any) -> list[int] | None:
        return list(paths[str(pk)]) if pk is not None and str(pk) in paths else None

    attendance = []
    for row in target["attendances"].values():
        person = people.get(row["person"])
        if person is None:
            skipped.append(f"Attendance: person #{row['person']} no longer exists.")
            continue
        attendance.append(
            {"person": person, "role": row["role"], "organization": orgs.get(row["organization"])}
        )
    kwargs: dict[str, Any] = {
        **fields,
        ORGANIZATIONS: organizations,
        "agenda": tree(None),
        "speakers": [
            {"name": r["name"], "affiliation": r["affiliation"], "person": people.get(r["person"])}
            for r in in_order("speakers")
        ],
        "outcomes": [r["text"] for r in in_order("outcomes")],
        "statements": [
            {
                "agenda_path": agenda_path(r["agenda_item"]),
                "source": orgs.get(r["source"]),
                "author": people.get(r["author"]),
                "author_name": r["author_name"],
                "text": r["text"],
                "concerns_charter": charters.get(r["concerns_charter"]),
            }
            for r in in_order("statements")
        ],
        "links": [
            {"title": r["title"], "url": r["url"], "kind": r["kind"]} for r in in_order("links")
        ],
        "actions": [
            {
                "description": r["description"],
                "owner": people.get(r["owner"]),
                "owner_name": r["owner_name"],
                "due_on": parse_date(r["due_on"]) if r["due_on"] else None,
                "status": r["status"],
                "agenda_path": agenda_path(r["agenda_item"]),
            }
            for r in in_order("action_items")
        ],
        "attendance": attendance,
    }
    return ServiceInput(kwargs=kwargs, skipped=skipped)


@dataclass
class RestorePlan:
    """What restoring a version (or some items of it) would change, before it is done."""

    entry: ChangeSetEntry
    target: State
    changes: list[Change]
    skipped: list[str]
    whole: bool
    undo: bool = False

    @property
    def lines(self) -> list[str]:
        return worded(self.changes)


def plan_restore(
    *, meeting: Meeting, change_set_key: str, items: Sequence[str] | None = None
) -> RestorePlan | None:
    """The plan for restoring the meeting as it was after the change set (`items`: only
    those of `diff_states(now, then)`); None when the change set is not the meeting's."""
    entry = find_change_set(meeting, change_set_key)
    if entry is None or entry.after["meeting"] is None:
        return None
    current = current_state(meeting)
    whole = items is None
    if items is None:
        target = copy.deepcopy(entry.after)
    else:
        target = build_target(current, entry.after, items)
    prepared = service_input(target)
    return RestorePlan(
        entry=entry,
        target=target,
        changes=diff_states(current, _strip(target)),
        skipped=prepared.skipped,
        whole=whole,
    )


def _strip(state: State) -> State:
    return {
        key: (
            {pk: {k: v for k, v in row.items() if k != "_restored"} for pk, row in value.items()}
            if key in PART_BY_KEY
            else value
        )
        for key, value in state.items()
    }


def _aligned(part: Part, then: Mapping[str, Row], now: Mapping[str, Row], pk: str) -> str | None:
    """The row of `now` that is `then`'s row `pk`."""
    return next((b for a, b in align(part, then, now) if a == pk and b), None)


def undo_target(entry: ChangeSetEntry, current: State) -> State:
    """`current` with only what the change set changed put back as it was before it: later
    changes, of other fields or rows, stay."""
    items: list[str] = []
    for change in diff_states(entry.before, entry.after):
        if not change.item or change.item == ORGANIZATIONS or change.item.startswith("meeting:"):
            items.append(change.item)
            continue
        key, _, pair = change.item.partition(":")
        then_pk, _, now_pk = pair.partition(":")
        part = PART_BY_KEY[key]
        if not then_pk:  # added by the change set: remove it if it is still there
            found = _aligned(part, entry.after[key], current[key], now_pk)
            if found:
                items.append(f"{key}:{found}:")
        elif not now_pk:  # removed by it: bring it back
            items.append(f"{key}::{then_pk}")
        else:  # changed by it: its values from before, on the row as it is now
            found = _aligned(part, entry.after[key], current[key], now_pk)
            if found:
                items.append(f"{key}:{found}:{then_pk}")
    target = build_target(
        current, entry.before, [item for item in items if item and item != ORGANIZATIONS]
    )
    if ORGANIZATIONS in items:
        added = set(entry.after[ORGANIZATIONS]) - set(entry.before[ORGANIZATIONS])
        removed = set(entry.before[ORGANIZATIONS]) - set(entry.after[ORGANIZATIONS])
        target[ORGANIZATIONS] = sorted((set(current[ORGANIZATIONS]) - added) | removed)
    return target


def plan_undo(*, meeting: Meeting, change_set_key: str) -> RestorePlan | None:
    """The plan for undoing only what the change set changed (None: not the meeting's)."""
    entry = find_change_set(meeting, change_set_key)
    if entry is None or entry.before["meeting"] is None or entry.after["meeting"] is None:
        return None
    current = current_state(meeting)
    target = undo_target(entry, current)
    return RestorePlan(
        entry=entry,
        target=target,
        changes=diff_states(current, _strip(target)),
        skipped=service_input(target).skipped,
        whole=False,
        undo=True,
    )


@transaction.atomic
def restore_meeting(
    *,
    meeting: Meeting,
    change_set_key: str,
    items: Sequence[str] | None = None,
    undo: bool = False,
    user: Any = None,
) -> RestorePlan:
    """Restore the meeting (all of it, or only `items`) as it was after the change set, or
    (`undo`) put back only what the change set changed, through `update_meeting`: the
    restore is a change set of its own, by `user`, whose reason names the version restored.
    `LookupError` when the change set is not the meeting's."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if undo:
        plan = plan_undo(meeting=locked, change_set_key=change_set_key)
    else:
        plan = plan_restore(meeting=locked, change_set_key=change_set_key, items=items)
    if plan is None:
        raise LookupError(f"No change set {change_set_key} in the history of {locked}.")
    when = f"{plan.entry.date:%-d %b %Y, %H:%M} UTC"
    what = "the version" if plan.whole else f"{len(items or [])} item(s) of the version"
    reason = f"Restored what the save of {when} changed" if undo else f"Restored {what} of {when}"
    with change_set(user=user, reason=reason):
        services.update_meeting(meeting=locked, **service_input(plan.target).kwargs)
    return plan
