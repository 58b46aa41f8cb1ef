"""The history tables of a meeting and its parts replayed into change sets, one per save."""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model

from meetings.history.state import (
    LEGACY_GAP,
    MEETING_FIELDS,
    ORGANIZATIONS,
    PARTS,
    Row,
    State,
    _attname,
    _plain,
    empty_state,
)
from meetings.history.wording import Change, Names, diff_states, worded
from meetings.models import (
    Meeting,
)

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
