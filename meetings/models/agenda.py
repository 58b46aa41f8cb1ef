"""A meeting's agenda: an ordered tree of items of any depth, with their links."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ccwg.core.change_sets import ChangeSetHistory
from ccwg.core.constraints import ChecksInOneQuery
from ccwg.core.fields import TEXT, CappedTextField
from ccwg.core.models import (
    LinkBase,
)
from meetings.models.meeting import Meeting


class AgendaItem(ChecksInOneQuery, models.Model):
    """One item of a meeting's agenda; items form an ordered tree of any depth."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveSmallIntegerField(
        default=1, help_text="1-based order among its siblings."
    )
    title = models.CharField(max_length=500)
    notes = CappedTextField(blank=True, max_length=TEXT)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "parent_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                condition=Q(parent__isnull=True),
                name="agenda_item_unique_top_position",
                violation_error_message="Another top-level agenda item has this position.",
            ),
            models.UniqueConstraint(
                fields=["parent", "position"],
                condition=Q(parent__isnull=False),
                name="agenda_item_unique_child_position",
                violation_error_message="Another sub-item of this item has this position.",
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="agenda_item_position_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        parent = self.parent
        if parent is None:
            return
        if self.meeting_id and parent.meeting_id != self.meeting_id:
            raise ValidationError({"parent": "The parent item belongs to another meeting."})
        seen = {self.pk} if self.pk else set()
        node: AgendaItem | None = parent
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": "An item cannot be nested under itself."})
            seen.add(node.pk)
            node = node.parent


class AgendaNode:
    """An agenda item with its children, for rendering: built by `agenda_tree`."""

    __slots__ = ("children", "item", "path")

    def __init__(self, item: AgendaItem, path: tuple[int, ...]):
        self.item = item
        self.path = path
        self.children: list[AgendaNode] = []

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    def walk(self) -> Iterable[AgendaNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def agenda_tree(items: Iterable[AgendaItem]) -> list[AgendaNode]:
    """Arrange one meeting's items (fetched in a single query) as ordered root nodes.

    Each node's `path` holds the 1-based rank among siblings at every level, so the
    renderers number items from the order alone, whatever positions were stored.
    """
    by_parent: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item)
    for siblings in by_parent.values():
        siblings.sort(key=lambda i: (i.position, i.pk or 0))

    def build(parent_id: int | None, prefix: tuple[int, ...]) -> list[AgendaNode]:
        nodes = []
        for rank, item in enumerate(by_parent.get(parent_id, []), start=1):
            node = AgendaNode(item, (*prefix, rank))
            node.children = build(item.pk, node.path)
            nodes.append(node)
        return nodes

    return build(None, ())


class AgendaItemLink(LinkBase):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="links")

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta(LinkBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "position"], name="agenda_item_link_position"
            ),
        ]
