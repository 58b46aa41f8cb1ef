"""Serializers of meetings: they validate, and turn a meeting's input
into the keyword arguments of `meetings.services` (see `MeetingSerializer.service_kwargs`).

A meeting is written and read whole: its agenda tree, speakers, outcomes, statements
(attached to agenda items by `agenda_path`), links, actions and attendance travel with it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ccwg.core.api import LinkSerializer
from ccwg.core.fields import SHORT_TEXT, TEXT
from ccwg.core.models import ExternalEvent, IcannMeeting, Organization, Person, WorkingGroup
from ccwg.rest.fields import NaturalKeyField, acronym_field, optional_acronym_field
from ccwg.rest.serializers import CleanModelSerializer, StrictSerializer
from meetings.agenda import MAX_AGENDA_DEPTH, MAX_AGENDA_ITEMS, check_agenda_limits
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaNode,
    AttendanceRole,
    Meeting,
    Speaker,
    Statement,
    agenda_tree,
    list_is_complete,
    listed_twice,
    members_among,
)
from meetings.parts import api_parts, resolve

SMALL_COUNT = {"min_value": 0, "max_value": 32767}
#: Each agenda item's 1-based path, by id.
Paths = dict[int, list[int]]


# --- The nested parts of a meeting --------------------------------------------------------


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
    source = NaturalKeyField(
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
    """One person present (see `people/`); written whole with the meeting."""

    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), help_text="Id of the person (see people/)."
    )
    name = serializers.CharField(read_only=True, help_text="The person's name.")
    role = serializers.ChoiceField(choices=AttendanceRole.choices, default=AttendanceRole.MEMBER)
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
    help_text="Who was present, person by person (optional). Once listed, members_present "
    "and total_present are derived from it (staff do not count as members); an empty list "
    "removes it.",
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
    meeting._api_parts = parts
    return parts


# --- Meetings -------------------------------------------------------------------------------


def _with_parts(cls: type[CleanModelSerializer]) -> type[CleanModelSerializer]:
    """The fields of the meeting's parts (`meetings.parts.PARTS`), declared on the class."""
    for part in api_parts():
        if part.api:
            cls._declared_fields[part.key] = resolve(part.api).field()
    return cls


@_with_parts
class MeetingSerializer(CleanModelSerializer):
    """A meeting with its nested agenda, speakers, outcomes, statements, links and actions."""

    url = serializers.HyperlinkedIdentityField(view_name="api-meeting-detail")
    working_group = acronym_field(WorkingGroup)
    icann_meeting = NaturalKeyField(
        slug_field="number",
        queryset=IcannMeeting.objects.all(),
        required=False,
        allow_null=True,
        help_text="Number of the ICANN meeting it was held at.",
    )
    external_event = serializers.PrimaryKeyRelatedField(
        queryset=ExternalEvent.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of the external event it was part of (workshops).",
    )
    selected_by = optional_acronym_field(
        Organization, help_text="The body that accepted or declined a proposed session."
    )
    members_present = serializers.IntegerField(
        required=False,
        allow_null=True,
        **SMALL_COUNT,
        help_text="Members present. Derived (read-only) when attendance is listed person by "
        "person: a different value is then rejected.",
    )
    total_present = serializers.IntegerField(
        required=False,
        allow_null=True,
        **SMALL_COUNT,
        help_text="Everyone present including staff (>= members_present). Derived "
        "(read-only) when attendance is listed person by person.",
    )
    organizations_present = NaturalKeyField(
        many=True,
        slug_field="acronym",
        queryset=Organization.objects.all(),
        required=False,
        help_text="Acronyms of the bodies represented.",
    )
    attendance_complete = serializers.BooleanField(
        required=False,
        help_text="Whether the attendance list names everyone present: only then are "
        "members_present and total_present derived from it. Writing a non-empty `attendance` "
        "without this field marks the list complete; an empty list is never complete.",
    )
    attendance_listed = serializers.SerializerMethodField(
        help_text="Whether attendance is listed person by person (counts derived from it "
        "when `attendance_complete`)."
    )

    schema_rules = {
        "external_event": "A session is held at an ICANN meeting or an external event, not both."
    }

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "working_group",
            "kind",
            "status",
            "title",
            "starts_at",
            "ends_at",
            "time_is_known",
            "icann_meeting",
            "external_event",
            "selected_by",
            "location",
            "members_present",
            "total_present",
            "attendance_listed",
            "attendance_complete",
            *(part.key for part in api_parts()),
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    @extend_schema_field(serializers.BooleanField())
    def get_attendance_listed(self, meeting: Meeting) -> bool:
        return meeting.has_listed_attendance

    def to_representation(self, meeting: Meeting) -> dict[str, Any]:
        data = super().to_representation(meeting)
        if meeting.counts_from_list:
            data["members_present"] = meeting.attendance_members
            data["total_present"] = meeting.attendance_total
        return data

    def validate_agenda(self, agenda: list[dict[str, Any]]) -> list[dict[str, Any]]:
        check_agenda_limits(agenda, lambda entry: entry.get("children") or [])
        return agenda

    def validate_attendance(self, attendance: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # Before the counts are derived from the list (see `validate`), so a person listed
        # twice is named as such rather than as wrong counts.
        twice = listed_twice([entry["person"] for entry in attendance])
        if twice:
            raise serializers.ValidationError(twice)
        return attendance

    def _derived_counts(self, attrs: dict[str, Any]) -> dict[str, int] | None:
        """The counts the attendance list (as it will be after this write) gives, if it is
        complete; None when the counts are written as entered."""
        meeting = self.instance
        complete = attrs.get(
            "attendance_complete", meeting.attendance_complete if meeting is not None else False
        )
        if not complete:
            return None
        if "attendance" in attrs:
            listed = attrs["attendance"]
            if not listed:
                return None
            members = members_among(entry.get("role") for entry in listed)
            return {"members_present": members, "total_present": len(listed)}
        if meeting is not None and meeting.has_listed_attendance:
            return {
                "members_present": meeting.attendance_members,
                "total_present": meeting.attendance_total,
            }
        return None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "attendance" in attrs:
            # A list written person by person is complete unless said otherwise.
            attrs["attendance_complete"] = list_is_complete(
                marked=attrs.get("attendance_complete", True), listed=len(attrs["attendance"])
            )
        derived = self._derived_counts(attrs)
        if derived is not None:
            errors = {}
            for name, value in derived.items():
                if name in attrs:
                    if attrs[name] is not None and attrs[name] != value:
                        errors[name] = [
                            f"Derived from the attendance list ({value}); it cannot be "
                            "written while attendance is listed person by person."
                        ]
                    del attrs[name]
            if errors:
                raise serializers.ValidationError(errors)
        validated: dict[str, Any] = super().validate(attrs)
        return validated

    def service_kwargs(self) -> dict[str, Any]:
        """The validated input for `meetings.services`; speakers, statements and actions
        named by name only keep the people an unchanged row was linked to."""
        meeting = self.instance
        kwargs: dict[str, Any] = dict(self.validated_data)
        if "speakers" in kwargs:
            kwargs["speakers"] = speaker_entries(meeting, kwargs["speakers"])
        if "statements" in kwargs:
            kwargs["statements"] = statement_entries(meeting, kwargs["statements"])
        if "actions" in kwargs:
            kwargs["actions"] = action_entries(meeting, kwargs["actions"])
        return kwargs


# --- Input that names people by name only (the API's form), as the services' entries -----


def speaker_entries(
    meeting: Meeting | None, speakers: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Speaker entries for the services, keeping the person linked to an unchanged speaker."""
    existing: dict[int, Speaker] = {}
    if meeting is not None:
        existing = {s.position: s for s in meeting.speakers.select_related("person")}
    entries = []
    for position, entry in enumerate(speakers, start=1):
        old = existing.get(position)
        keep = old is not None and old.person_id is not None and old.name == entry["name"].strip()
        entries.append(
            {
                "name": entry["name"],
                "affiliation": entry.get("affiliation") or "",
                "person": old.person if keep and old is not None else None,
            }
        )
    return entries


def _keep_person(
    old: Statement | ActionItem | None, field: str, name: str
) -> tuple[Person | None, str]:
    """The person and name to store for a row whose input carries only a name.

    When the row at that position was linked to a person and the name written back is the
    one it showed (or blank), the link is kept; otherwise the name is stored as given.
    """
    person = getattr(old, field) if old is not None and getattr(old, f"{field}_id") else None
    if person is not None:
        stored_name: str = getattr(old, f"{field}_name")
        if name in (stored_name or person.full_name, ""):
            return person, stored_name
    return None, name


def statement_entries(
    meeting: Meeting | None, statements: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Statement entries for the services; an unchanged statement keeps its person and the
    charter version it is about."""
    existing: dict[int, Statement] = {}
    if meeting is not None:
        existing = {
            s.position: s for s in meeting.statements.select_related("author", "concerns_charter")
        }
    entries = []
    for position, entry in enumerate(statements, start=1):
        old = existing.get(position)
        author, author_name = _keep_person(old, "author", entry.get("author") or "")
        charter = None
        if old is not None and old.concerns_charter_id and old.text == entry["text"]:
            charter = old.concerns_charter
        entries.append(
            {
                "agenda_path": entry.get("agenda_path") or None,
                "source": entry.get("source"),
                "author": author,
                "author_name": author_name,
                "text": entry["text"],
                "concerns_charter": charter,
            }
        )
    return entries


def action_entries(
    meeting: Meeting | None, actions: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Action entries for the services, keeping the person who owns an unchanged action."""
    existing: dict[int, ActionItem] = {}
    if meeting is not None:
        existing = {a.position: a for a in meeting.action_items.select_related("owner")}
    entries = []
    for position, entry in enumerate(actions, start=1):
        old = existing.get(position)
        owner, owner_name = _keep_person(old, "owner", entry.get("owner") or "")
        entries.append(
            {
                "description": entry["description"],
                "owner": owner,
                "owner_name": owner_name,
                "due_on": entry.get("due_on"),
                "status": entry.get("status") or ActionStatus.OPEN,
                "agenda_path": entry.get("agenda_path") or None,
            }
        )
    return entries
