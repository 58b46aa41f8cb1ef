"""A meeting's parts, declared once.

A meeting is written and read whole with its parts (its agenda, attendance, speakers,
statements, outcomes, actions, links and the organizations present). `PARTS` says, for each,
everything the rest of the code needs to know of it:

- `key`: the keyword of `meetings.services.create_meeting`/`update_meeting` and the field of
  the API; `relation`: the meeting's related manager of its rows, with what reading them
  whole joins (`select_related`, `prefetch_related`: see `prefetches`);
- `write`: the service that makes the part exactly the given plain data;
- `state`: the rows a history state keeps of it (`meetings.history`), and `restore`: what
  turns them back into the service's input;
- `api`: how the API reads and writes it (a `meetings.part_serializers.ApiPart`; None when the
  serializer declares it as a field of the meeting itself), `api_rank` its place among the
  API's fields;
- `admin_inline`: the admin's inline for its rows (None: the page edits it otherwise);
- `in_report`: whether the annual report reads it.

Functions and classes of other modules are named by dotted path (`resolve`), so that this
module imports no module that reads it. Adding a part means: its model and migration, one
entry here (with the functions and classes it names), its templates.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Prefetch
from django.utils.module_loading import import_string

from ccwg.core.models import Organization
from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaItemLink,
    Attendance,
    MeetingLink,
    Outcome,
    Speaker,
    Statement,
)


@dataclass(frozen=True)
class StateRows:
    """One kind of row a meeting's history state keeps (see `meetings.history`)."""

    key: str  # its key in a state
    model: type[models.Model]
    fields: tuple[str, ...]  # stored fields (foreign keys as ids)
    label: str  # the heading its changes are worded under
    identity: str  # how a row is the "same" in two states: "pk", "content" or a field name
    relation: tuple[str, ...]  # the related managers from the meeting to its rows
    owner: str = "meeting"  # the field that ties a row to its owner (meeting or agenda item)
    named_by: tuple[str, ...] = ("title", "url")  # fields naming a row, the first not blank
    summary: str = ""  # or a function naming a row (part, row, names), by dotted path
    worded_by: str = ""  # a function wording a row's change, by dotted path (else generic)


@dataclass(frozen=True)
class MeetingPart:
    """One part of a meeting (see the module)."""

    key: str
    relation: str
    model: type[models.Model]
    write: str
    restore: str
    api_rank: int
    state: tuple[StateRows, ...] = ()
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    api: str | None = None
    admin_inline: str | None = None
    in_report: bool = False

    def prefetch(self) -> Prefetch:
        """The lookup that reads the part's rows of many meetings in one query."""
        rows = self.model._default_manager.all()
        if self.select_related:
            rows = rows.select_related(*self.select_related)
        return Prefetch(self.relation, queryset=rows.prefetch_related(*self.prefetch_related))


@functools.cache
def resolve(dotted: str) -> Any:
    """The function or class a part names by its dotted path."""
    return import_string(dotted)


PARTS: tuple[MeetingPart, ...] = (
    MeetingPart(
        key="agenda",
        relation="agenda_items",
        model=AgendaItem,
        prefetch_related=("links",),
        write="meetings.agenda_services.write_agenda",
        state=(
            StateRows(
                "agenda_items",
                AgendaItem,
                ("parent", "position", "title", "notes"),
                "Agenda",
                "pk",
                ("agenda_items",),
                worded_by="meetings.history.wording.agenda_change",
            ),
            StateRows(
                "agenda_item_links",
                AgendaItemLink,
                ("agenda_item", "position", "title", "url", "kind"),
                "Agenda",
                "content",
                ("agenda_items", "links"),
                owner="agenda_item",
                worded_by="meetings.history.wording.agenda_link_change",
            ),
        ),
        restore="meetings.history.restore.agenda_input",
        api="meetings.part_serializers.AGENDA",
        api_rank=3,
        in_report=True,
    ),
    MeetingPart(
        key="attendance",
        relation="attendances",
        model=Attendance,
        select_related=("person", "organization"),
        write="meetings.services.write_attendance",
        state=(
            StateRows(
                "attendances",
                Attendance,
                ("person", "role", "status", "organization"),
                "Attendance",
                "person",
                ("attendances",),
                worded_by="meetings.history.wording.attendance_change",
            ),
        ),
        restore="meetings.history.restore.attendance_input",
        api="meetings.part_serializers.ATTENDANCE",
        api_rank=1,
    ),
    MeetingPart(
        key="speakers",
        relation="speakers",
        model=Speaker,
        write="meetings.services.write_speakers",
        state=(
            StateRows(
                "speakers",
                Speaker,
                ("position", "name", "affiliation", "person"),
                "Speakers",
                "content",
                ("speakers",),
                named_by=("name",),
            ),
        ),
        restore="meetings.history.restore.speakers_input",
        api="meetings.part_serializers.SPEAKERS",
        api_rank=4,
        admin_inline="meetings.admin_inlines.SpeakerInline",
        in_report=True,
    ),
    MeetingPart(
        key="statements",
        relation="statements",
        model=Statement,
        select_related=("source", "author", "concerns_charter"),
        write="meetings.services.write_statements",
        state=(
            StateRows(
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
                ("statements",),
                summary="meetings.history.wording.statement_summary",
            ),
        ),
        restore="meetings.history.restore.statements_input",
        api="meetings.part_serializers.STATEMENTS",
        api_rank=6,
        admin_inline="meetings.admin_inlines.StatementInline",
        in_report=True,
    ),
    MeetingPart(
        key="outcomes",
        relation="outcomes",
        model=Outcome,
        write="meetings.services.write_outcomes",
        state=(
            StateRows(
                "outcomes",
                Outcome,
                ("position", "text"),
                "Outcomes",
                "content",
                ("outcomes",),
                named_by=("text",),
            ),
        ),
        restore="meetings.history.restore.outcomes_input",
        api="meetings.part_serializers.OUTCOMES",
        api_rank=5,
        admin_inline="meetings.admin_inlines.OutcomeInline",
        in_report=True,
    ),
    MeetingPart(
        key="actions",
        relation="action_items",
        model=ActionItem,
        select_related=("owner",),
        write="meetings.services.write_actions",
        state=(
            StateRows(
                "action_items",
                ActionItem,
                (
                    "position",
                    "description",
                    "agenda_item",
                    "owner",
                    "owner_name",
                    "due_on",
                    "status",
                ),
                "Action items",
                "content",
                ("action_items",),
                named_by=("description",),
            ),
        ),
        restore="meetings.history.restore.actions_input",
        api="meetings.part_serializers.ACTIONS",
        api_rank=8,
        admin_inline="meetings.admin_inlines.ActionItemInline",
    ),
    MeetingPart(
        key="links",
        relation="links",
        model=MeetingLink,
        write="meetings.services.write_links",
        state=(
            StateRows(
                "links",
                MeetingLink,
                ("position", "title", "url", "kind"),
                "Links",
                "content",
                ("links",),
            ),
        ),
        restore="meetings.history.restore.links_input",
        api="meetings.part_serializers.LINKS",
        api_rank=7,
        admin_inline="meetings.admin_inlines.MeetingLinkInline",
        in_report=True,
    ),
    # A many-to-many field of the meeting itself: the API and the admin's form declare it as
    # a field of the meeting, and a history state keeps it as a list of ids.
    MeetingPart(
        key="organizations_present",
        relation="organizations_present",
        model=Organization,
        write="meetings.services.write_organizations",
        restore="meetings.history.restore.organizations_input",
        api_rank=2,
    ),
)
PART_BY_KEY = {part.key: part for part in PARTS}
#: The rows a history state keeps, in the order their changes are worded.
STATE_ROWS: tuple[StateRows, ...] = tuple(rows for part in PARTS for rows in part.state)


def prefetches(parts: Sequence[MeetingPart] = PARTS) -> list[Prefetch]:
    """The lookups that read the given parts of many meetings, a fixed number of queries."""
    return [part.prefetch() for part in parts]


def report_parts() -> list[MeetingPart]:
    """The parts the annual report reads."""
    return [part for part in PARTS if part.in_report]


def api_parts() -> list[MeetingPart]:
    """The parts in the order of the API's fields."""
    return sorted(PARTS, key=lambda part: part.api_rank)
