"""Which stored agenda items a new agenda tree keeps: a pure plan for rewriting an agenda.

When staff re-order, re-nest or retitle items (in the outline or through the API), the items
whose title is unchanged keep their identity, and with it the statements, action items,
notes, links and history attached to them. `plan_agenda` decides, for every place in the new
tree, which stored item (if any) takes it:

1. an unused stored item with the same title (case and spacing aside), preferring one under
   the item kept for the new parent, then one at the same place, then the first in order;
2. else the stored item at the same place, if its title appears nowhere in the new tree
   (it was retitled, not moved);
3. else a new item.

Stored items no place keeps are to be deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ValidationError

Path = tuple[int, ...]
Node = TypeVar("Node")

#: Deepest agenda accepted (the reference report goes three deep).
MAX_AGENDA_DEPTH = 10
#: Most agenda items accepted in one meeting.
MAX_AGENDA_ITEMS = 1000


def check_agenda_limits(tree: Sequence[Node], children: Callable[[Node], Sequence[Node]]) -> None:
    """`ValidationError` when an agenda (any tree: the API's entries, an outline) is nested
    deeper than `MAX_AGENDA_DEPTH` or holds more than `MAX_AGENDA_ITEMS` items."""

    def depth_and_size(nodes: Sequence[Node], depth: int) -> tuple[int, int]:
        deepest, size = (depth if nodes else depth - 1), len(nodes)
        for node in nodes:
            child_depth, child_size = depth_and_size(children(node), depth + 1)
            deepest, size = max(deepest, child_depth), size + child_size
        return deepest, size

    depth, size = depth_and_size(tree, 1)
    if depth > MAX_AGENDA_DEPTH:
        raise ValidationError(
            f"The agenda is nested {depth} deep; at most {MAX_AGENDA_DEPTH} levels."
        )
    if size > MAX_AGENDA_ITEMS:
        raise ValidationError(f"At most {MAX_AGENDA_ITEMS} agenda items.")


@dataclass(frozen=True)
class StoredItem:
    """What the plan needs of a stored agenda item."""

    id: int
    parent_id: int | None
    position: int
    title: str


@dataclass(frozen=True)
class AgendaPlan:
    kept: Mapping[Path, int]  # place in the new tree (1-based) -> stored item id
    deleted: tuple[int, ...]


def title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def stored_paths(items: Iterable[StoredItem]) -> dict[int, Path]:
    """Each stored item's 1-based place, ranking siblings by position (then id)."""
    children: dict[int | None, list[StoredItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    paths: dict[int, Path] = {}

    def walk(parent_id: int | None, prefix: Path) -> None:
        siblings = sorted(children.get(parent_id, []), key=lambda i: (i.position, i.id))
        for rank, item in enumerate(siblings, start=1):
            paths[item.id] = (*prefix, rank)
            walk(item.id, paths[item.id])

    walk(None, ())
    return paths


def _new_places(agenda: Sequence[Mapping], prefix: Path = ()) -> list[tuple[Path, str]]:
    places = []
    for rank, entry in enumerate(agenda, start=1):
        path = (*prefix, rank)
        places.append((path, title_key(entry.get("title") or "")))
        places += _new_places(entry.get("children") or [], path)
    return places


def plan_agenda(stored: Sequence[StoredItem], agenda: Sequence[Mapping]) -> AgendaPlan:
    """The plan for making the stored items the tree `agenda` ({"title", "children"})."""
    paths = stored_paths(stored)
    at_path = {path: item_id for item_id, path in paths.items()}
    by_id = {item.id: item for item in stored}
    order = sorted(by_id, key=lambda item_id: paths.get(item_id, ()))
    places = _new_places(agenda)
    new_titles = {title for _, title in places}
    kept: dict[Path, int] = {}
    used: set[int] = set()
    for path, title in places:
        parent_kept = kept.get(path[:-1]) if len(path) > 1 else None
        candidates = [
            item_id
            for item_id in order
            if item_id not in used and title_key(by_id[item_id].title) == title
        ]
        if candidates:
            candidates.sort(
                key=lambda item_id: (
                    by_id[item_id].parent_id != parent_kept,
                    paths.get(item_id) != path,
                )
            )
            choice: int | None = candidates[0]
        else:
            same_place = at_path.get(path)
            retitled = (
                same_place is not None
                and same_place not in used
                and title_key(by_id[same_place].title) not in new_titles
            )
            choice = same_place if retitled else None
        if choice is not None:
            kept[path] = choice
            used.add(choice)
    deleted = tuple(item_id for item_id in order if item_id not in used)
    return AgendaPlan(kept=kept, deleted=deleted)
