"""A meeting's state: plain data of the meeting and of each part of its page (see
`meetings.history`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

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
