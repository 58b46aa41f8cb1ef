"""A meeting's state: plain data of the meeting and of each part of its page (see
`meetings.history`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import prefetch_related_objects

from meetings import services
from meetings.models import Meeting
from meetings.parts import STATE_ROWS, StateRows

State = dict[str, Any]
Row = dict[str, Any]

#: Rows written with no change set, by the same user, this close together are one save.
LEGACY_GAP = dt.timedelta(seconds=2)
#: At most this many changes of one part are worded one by one.
MAX_LISTED = 12


#: One kind of row on a meeting's page, and all of them in the order their changes are
#: worded: declared with the meeting's parts (`meetings.parts`).
Part = StateRows
PARTS: tuple[Part, ...] = STATE_ROWS
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


def state_of(meeting: Meeting) -> State:
    """The state of the meeting as read, with its parts: those not read with it
    (`meetings.parts.prefetches`) are read now, one query each."""
    lookups = [ORGANIZATIONS, *("__".join(part.relation) for part in PARTS)]
    prefetch_related_objects([meeting], *lookups)
    state = empty_state()
    state["meeting"] = _row_of(Meeting, MEETING_FIELDS, meeting)
    state[ORGANIZATIONS] = sorted(org.pk for org in meeting.organizations_present.all())
    for part in PARTS:
        owners: list[Any] = [meeting]
        for relation in part.relation:
            owners = [row for owner in owners for row in getattr(owner, relation).all()]
        state[part.key] = {str(row.pk): _row_of(part.model, part.fields, row) for row in owners}
    return state


def current_state(meeting: Meeting) -> State:
    """The meeting and everything on its page as stored now (plain data, see the module)."""
    return state_of(Meeting.objects.get(pk=meeting.pk))
