"""Writes of a meeting's agenda (the services of `meetings.services` call them): the tree
made exactly as given, or as an outline, its items keeping their identity where their title
is unchanged (`meetings.agenda.plan_agenda`); and the items a statement or action points at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ccwg.core.writes import assign, clean_nested, sync_links
from meetings.agenda import StoredItem, check_agenda_limits, plan_agenda
from meetings.models import AgendaItem, AgendaItemLink, AgendaNode, Meeting, agenda_tree
from meetings.outline import OutlineItem

AgendaPath = tuple[int, ...]


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


class AgendaPlaces:
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
