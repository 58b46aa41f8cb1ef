"""The API's serializers of a meeting's parts (`meetings.parts.PARTS` names them): one
serializer per entry, and each part's entries read from a meeting's prefetched rows
(`meeting_parts`). `meetings.serializers.MeetingSerializer` carries them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rest_framework import serializers

from ccwg.core.api import LinkSerializer
from ccwg.core.fields import SHORT_TEXT, TEXT
from ccwg.core.models import Organization, Person
from ccwg.rest.fields import NaturalKeyField
from ccwg.rest.serializers import StrictSerializer
from meetings.agenda import MAX_AGENDA_DEPTH, MAX_AGENDA_ITEMS
from meetings.models import (
    ActionStatus,
    AgendaNode,
    AttendanceRole,
    AttendanceStatus,
    Meeting,
    agenda_tree,
)
from meetings.parts import api_parts, resolve

#: Each agenda item's 1-based path, by id.
Paths = dict[int, list[int]]


class AgendaPathField(serializers.ListField):
    """1-based position of an agenda item at each level: `[1]`, `[1, 2]`."""

    child = serializers.IntegerField(min_value=1, max_value=MAX_AGENDA_ITEMS)

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("default", None)
        kwargs.setdefault("max_length", MAX_AGENDA_DEPTH)
        super().__init__(**kwargs)


class AgendaItemSerializer(StrictSerializer):
    """One agenda item: title, notes, links, and its sub-items (`children`), in order."""

    title = serializers.CharField(max_length=500)
    notes = serializers.CharField(max_length=TEXT, required=False, allow_blank=True, default="")
    links = LinkSerializer(many=True, required=False, default=list)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["children"] = AgendaItemSerializer(many=True, required=False, default=list)
        return fields


class SpeakerSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200)
    affiliation = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="Title and affiliation at the time.",
    )


class StatementSerializer(StrictSerializer):
    """Quoted input from an organization (`source`) and/or a person (`author`)."""

    agenda_path = AgendaPathField(help_text="The agenda item it is about, e.g. [1, 2].")
    source = NaturalKeyField(  # type: ignore[assignment]
        slug_field="acronym",
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Acronym of the organization the statement comes from.",
    )
    author = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Name of the person quoted.",
    )
    text = serializers.CharField(max_length=TEXT)


class ActionSerializer(StrictSerializer):
    description = serializers.CharField(max_length=SHORT_TEXT)
    owner = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(choices=ActionStatus.choices, default=ActionStatus.OPEN)
    agenda_path = AgendaPathField()


class AttendeeSerializer(StrictSerializer):
    """One person listed for the meeting (see `people/`): present, or `status` says they
    sent apologies or were absent; written whole with the meeting."""

    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), help_text="Id of the person (see people/)."
    )
    name = serializers.CharField(read_only=True, help_text="The person's name.")
    role = serializers.ChoiceField(choices=AttendanceRole.choices, default=AttendanceRole.MEMBER)
    status = serializers.ChoiceField(
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
        help_text="present, apologies (sent apologies) or absent; only people present are "
        "counted in members_present and total_present.",
    )
    organization = NaturalKeyField(
        slug_field="acronym",
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Acronym of the organization the person represented.",
    )


class _FromMeetingParts:
    """Reads a nested part from the prepared plain data (see `meeting_parts`)."""

    def get_attribute(self, instance: Meeting) -> Any:
        name: str = getattr(self, "field_name")  # noqa: B009 (set by the serializer, on bind)
        return meeting_parts(instance)[name]


class PartsList(_FromMeetingParts, serializers.ListSerializer):
    pass


class PartsListField(_FromMeetingParts, serializers.ListField):
    pass


@dataclass(frozen=True)
class ApiPart:
    """How the API carries one part of a meeting (named by `meetings.parts.PARTS`): the
    serializer (or field) of one entry, and the part's entries read from a meeting's
    prefetched rows (`paths`: each agenda item's place)."""

    child: Callable[[], serializers.Field]
    read: Callable[[Meeting, Paths], list[Any]]
    help_text: str = ""

    def field(self) -> serializers.Field:
        child = self.child()
        if isinstance(child, serializers.BaseSerializer):
            return PartsList(child=child, required=False, help_text=self.help_text or None)
        return PartsListField(child=child, required=False, help_text=self.help_text or None)


def _agenda(meeting: Meeting, paths: Paths) -> list[dict[str, Any]]:
    def node_data(node: AgendaNode) -> dict[str, Any]:
        return {
            "title": node.item.title,
            "notes": node.item.notes,
            "links": list(node.item.links.all()),
            "children": [node_data(child) for child in node.children],
        }

    return [node_data(node) for node in agenda_tree(meeting.agenda_items.all())]


def _statements(meeting: Meeting, paths: Paths) -> list[dict[str, Any]]:
    return [
        {
            "agenda_path": paths.get(statement.agenda_item_id)
            if statement.agenda_item_id
            else None,
            "source": statement.source,
            "author": statement.author_name
            or (statement.author.full_name if statement.author is not None else ""),
            "text": statement.text,
        }
        for statement in meeting.statements.all()
    ]


def _attendance(meeting: Meeting, paths: Paths) -> list[dict[str, Any]]:
    return [
        {
            "person": row.person,
            "name": row.person.full_name,
            "role": row.role,
            "status": row.status,
            "organization": row.organization,
        }
        for row in meeting.attendances.all()
    ]


def _actions(meeting: Meeting, paths: Paths) -> list[dict[str, Any]]:
    return [
        {
            "description": action.description,
            "owner": action.owner_name
            or (action.owner.full_name if action.owner is not None else ""),
            "due_on": action.due_on,
            "status": action.status,
            "agenda_path": paths.get(action.agenda_item_id) if action.agenda_item_id else None,
        }
        for action in meeting.action_items.all()
    ]


def _outcome_text() -> serializers.Field:
    return serializers.CharField(max_length=TEXT)


AGENDA = ApiPart(AgendaItemSerializer, _agenda)
ATTENDANCE = ApiPart(
    AttendeeSerializer,
    _attendance,
    help_text="Who was present, person by person (optional), and who sent apologies or was "
    "absent (`status`). Once listed, members_present and total_present are derived from the "
    "people present (staff do not count as members); an empty list removes it.",
)
SPEAKERS = ApiPart(SpeakerSerializer, lambda meeting, paths: list(meeting.speakers.all()))
STATEMENTS = ApiPart(StatementSerializer, _statements)
OUTCOMES = ApiPart(
    _outcome_text, lambda meeting, paths: [outcome.text for outcome in meeting.outcomes.all()]
)
ACTIONS = ApiPart(ActionSerializer, _actions)
LINKS = ApiPart(LinkSerializer, lambda meeting, paths: list(meeting.links.all()))


def meeting_parts(meeting: Meeting) -> dict[str, list[Any]]:
    """The nested parts of a meeting as plain data, from prefetched rows."""
    cached: dict[str, list[Any]] | None = getattr(meeting, "_api_parts", None)
    if cached is not None:
        return cached
    paths: Paths = {}
    for root in agenda_tree(meeting.agenda_items.all()):
        for node in root.walk():
            paths[node.item.pk] = list(node.path)
    parts = {part.key: resolve(part.api).read(meeting, paths) for part in api_parts() if part.api}
    meeting._api_parts = parts  # type: ignore[attr-defined]
    return parts
