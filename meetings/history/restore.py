"""Restoring a meeting, whole or in part, or undoing one save, through the meeting services."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils.dateparse import parse_date, parse_datetime

from ccwg.core.change_sets import change_set
from ccwg.core.text import count_of
from meetings import services
from meetings.history.replay import ChangeSetEntry, find_change_set
from meetings.history.state import (
    MEETING_FIELDS,
    ORGANIZATIONS,
    PART_BY_KEY,
    PARTS,
    Part,
    Row,
    State,
    current_state,
)
from meetings.history.wording import (
    Change,
    _order_key,
    _verbose,
    agenda_paths,
    align,
    diff_states,
    worded,
)
from meetings.models import AgendaItem, AttendanceStatus, Meeting
from meetings.parts import PARTS as MEETING_PARTS
from meetings.parts import resolve

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
    for part in PARTS:
        if "agenda_item" not in part.fields or part.owner == "agenda_item":
            continue
        key = part.key
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


class Target:
    """A target state read for the services: the records its rows refer to (one query per
    kind of record, whatever the part), the agenda's places, the rows in order."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.skipped: list[str] = []
        wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        for part in PARTS:
            for name in part.fields:
                related = part.model._meta.get_field(name).related_model
                if related is None or related in (AgendaItem, Meeting):
                    continue
                wanted[related] |= {row[name] for row in state[part.key].values()}  # type: ignore[index]
        self.records = {model: _objects(model, ids) for model, ids in wanted.items()}
        self.paths = agenda_paths(state)

    def record(self, part_key: str, name: str, pk: Any) -> Any:
        """The record a row's field refers to (None when gone)."""
        model = _related(PART_BY_KEY[part_key].model, name)
        return self.records.get(model, {}).get(pk)

    def in_order(self, key: str) -> list[Row]:
        rows = self.state[key]
        return [rows[pk] for pk in sorted(rows, key=lambda k: _order_key(rows[k], k))]

    def agenda_path(self, pk: Any) -> list[int] | None:
        return list(self.paths[str(pk)]) if pk is not None and str(pk) in self.paths else None


# --- each part's rows as the services' input (named by `meetings.parts.PARTS`) ---------------


def agenda_input(target: Target) -> list[dict]:
    items = target.state["agenda_items"]
    paths = target.paths
    children: dict[str | None, list[str]] = defaultdict(list)
    for pk in paths:
        parent = items[pk]["parent"]
        children[str(parent) if parent is not None and str(parent) in paths else None].append(pk)
    links_of: dict[str, list[Row]] = defaultdict(list)
    for link in target.in_order("agenda_item_links"):
        links_of[str(link["agenda_item"])].append(link)

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

    return tree(None)


def attendance_input(target: Target) -> list[dict]:
    attendance = []
    for row in target.state["attendances"].values():
        person = target.record("attendances", "person", row["person"])
        if person is None:
            target.skipped.append(f"Attendance: person #{row['person']} no longer exists.")
            continue
        organization = target.record("attendances", "organization", row["organization"])
        attendance.append(
            {
                "person": person,
                "role": row["role"],
                "status": row.get("status") or AttendanceStatus.PRESENT,
                "organization": organization,
            }
        )
    return attendance


def speakers_input(target: Target) -> list[dict]:
    return [
        {
            "name": r["name"],
            "affiliation": r["affiliation"],
            "person": target.record("speakers", "person", r["person"]),
        }
        for r in target.in_order("speakers")
    ]


def statements_input(target: Target) -> list[dict]:
    return [
        {
            "agenda_path": target.agenda_path(r["agenda_item"]),
            "source": target.record("statements", "source", r["source"]),
            "author": target.record("statements", "author", r["author"]),
            "author_name": r["author_name"],
            "text": r["text"],
            "concerns_charter": target.record(
                "statements", "concerns_charter", r["concerns_charter"]
            ),
        }
        for r in target.in_order("statements")
    ]


def outcomes_input(target: Target) -> list[str]:
    return [r["text"] for r in target.in_order("outcomes")]


def actions_input(target: Target) -> list[dict]:
    return [
        {
            "description": r["description"],
            "owner": target.record("action_items", "owner", r["owner"]),
            "owner_name": r["owner_name"],
            "due_on": parse_date(r["due_on"]) if r["due_on"] else None,
            "status": r["status"],
            "agenda_path": target.agenda_path(r["agenda_item"]),
        }
        for r in target.in_order("action_items")
    ]


def links_input(target: Target) -> list[dict]:
    return [
        {"title": r["title"], "url": r["url"], "kind": r["kind"]} for r in target.in_order("links")
    ]


def organizations_input(target: Target) -> list[models.Model]:
    return list(_objects(_related(Meeting, ORGANIZATIONS), target.state[ORGANIZATIONS]).values())


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
    read = Target(target)
    parts = {part.key: resolve(part.restore)(read) for part in MEETING_PARTS}
    return ServiceInput(kwargs={**fields, **parts}, skipped=skipped + read.skipped)


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
    what = "the version" if plan.whole else f"{count_of(len(items or []), 'item')} of the version"
    reason = f"Restored what the save of {when} changed" if undo else f"Restored {what} of {when}"
    with change_set(user=user, reason=reason):
        services.update_meeting(meeting=locked, **service_input(plan.target).kwargs)
    return plan
