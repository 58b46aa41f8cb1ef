"""What changed between two states of a meeting, in words ("Members present: 11 → 15")."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.dateparse import parse_date, parse_datetime

from meetings.history.state import (
    MAX_LISTED,
    MEETING_FIELDS,
    ORGANIZATIONS,
    PARTS,
    Part,
    Row,
    State,
)
from meetings.models import (
    AgendaItem,
    AttendanceRole,
    AttendanceStatus,
    Meeting,
)
from meetings.numbering import format_number, level_for_depth
from meetings.parts import resolve

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
    """What names a row in words (`Part.summary`, else its first field of `named_by`)."""
    if part.summary:
        summary: str = resolve(part.summary)(part, row, names)
        return summary
    return _short(next((row[name] for name in part.named_by if row.get(name)), ""))


def statement_summary(part: Part, row: Row, names: Names) -> str:
    """'Ann Lee (GNSO): We agree.'"""
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


#: A state with its agenda's paths.
Side = tuple[State, Mapping[str, tuple[int, ...]]]


@dataclass(frozen=True)
class RowChange:
    """One row of a part, before and after (None: added, removed), for the words."""

    part: Part
    old: Row | None
    new: Row | None
    before: Side
    after: Side
    names: Names
    pk: str | None  # the row's id after


def _row_change(
    part: Part,
    old: Row | None,
    new: Row | None,
    before: Side,
    after: Side,
    names: Names,
    new_pk: str | None,
) -> str:
    if part.worded_by:
        change = RowChange(part, old, new, before, after, names, new_pk)
        worded: str = resolve(part.worded_by)(change)
        return worded
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


def agenda_change(change: RowChange) -> str:
    old, new, pk, before, after = change.old, change.new, change.pk, change.before, change.after
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


def agenda_link_change(change: RowChange) -> str:
    old, new, before, after = change.old, change.new, change.before, change.after
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


def attendance_change(change: RowChange) -> str:
    """ "added Ann Lee (Staff)", "added Bob Roe (Sent apologies)", "Ann Lee: status Present →
    Absent"."""
    old, new, names = change.old, change.new, change.names
    model = change.part.model
    if old is None and new is not None:
        person = _display(model, "person", new["person"], names)
        shown = [
            _display(model, name, new.get(name), names)
            for name, usual in (
                ("role", AttendanceRole.MEMBER),
                ("status", AttendanceStatus.PRESENT),
            )
            if (new.get(name) or usual) != usual
        ]
        return f"added {person}" + "".join(f" ({label})" for label in shown)
    if new is None and old is not None:
        return f"removed {_display(model, 'person', old['person'], names)}"
    assert old is not None and new is not None
    person = _display(model, "person", new["person"], names)
    texts = [
        f"{_verbose(model, name).lower()} {_display(model, name, old.get(name), names)} → "
        f"{_display(model, name, new.get(name), names)}"
        for name in ("role", "status", "organization")
        if old.get(name) != new.get(name)
    ]
    return f"{person}: {', '.join(texts)}" if texts else ""
