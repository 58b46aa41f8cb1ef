"""Serializers of meetings: they validate, and turn a meeting's input
into the keyword arguments of `meetings.services` (see `MeetingSerializer.service_kwargs`).

A meeting is written and read whole: its agenda tree, speakers, outcomes, statements
(attached to agenda items by `agenda_path`), links, actions and attendance travel with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ccwg.core.mail_models import BODY, SUBJECT, validate_one_line
from ccwg.core.models import ExternalEvent, IcannMeeting, Organization, Person, WorkingGroup
from ccwg.rest.fields import NaturalKeyField, acronym_field, optional_acronym_field
from ccwg.rest.serializers import CleanModelSerializer, StrictSerializer
from meetings.agenda import check_agenda_limits
from meetings.models import (
    ActionItem,
    ActionStatus,
    Meeting,
    Speaker,
    Statement,
    list_is_complete,
    listed_twice,
    members_among,
    present_entries,
)
from meetings.parts import api_parts, resolve

#: The range of a PositiveSmallIntegerField on every database.
SMALL_COUNT_MAX = 32767


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
    date = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The meeting's (UTC) date, always given (null while it has none). Writable "
        "instead of `starts_at` when the time is not known: the meeting is then stored with "
        "`time_is_known` false, and `starts_at` reads null (never a made-up midnight).",
    )
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
        min_value=0,
        max_value=SMALL_COUNT_MAX,
        help_text="Members present. Derived (read-only) when attendance is listed person by "
        "person: a different value is then rejected.",
    )
    total_present = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=SMALL_COUNT_MAX,
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
            "date",
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
        if not (meeting.time_is_known and meeting.starts_at is not None):
            # a date known without its time: no made-up midnight (`date` gives the day)
            data.update(starts_at=None, ends_at=None, time_is_known=False)
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
            present = present_entries(attrs["attendance"])
            if not present:
                return None
            members = members_among(entry.get("role") for entry in present)
            return {"members_present": members, "total_present": len(present)}
        if meeting is not None and meeting.has_listed_attendance:
            return {
                "members_present": meeting.attendance_members,
                "total_present": meeting.attendance_total,
            }
        return None

    def _apply_date(self, attrs: dict[str, Any]) -> None:
        """`date` written instead of `starts_at`: the day at midnight UTC, its time not
        known; with `starts_at` too, both must name the same day. A time written in
        `starts_at` is known unless `time_is_known` says otherwise."""
        if attrs.get("starts_at") is not None:
            attrs.setdefault("time_is_known", True)
        if "date" not in attrs:
            return
        day = attrs.pop("date")
        starts = attrs.get("starts_at")
        if starts is not None:
            if day is not None and starts.astimezone(dt.UTC).date() != day:
                raise serializers.ValidationError(
                    {"date": ["Not the day of `starts_at`: give the one or the other."]}
                )
            return
        if day is None:
            attrs["starts_at"] = None
            return
        attrs["starts_at"] = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        attrs["time_is_known"] = False
        attrs["ends_at"] = None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        self._apply_date(attrs)
        if "attendance" in attrs:
            # A list written person by person is complete unless said otherwise.
            attrs["attendance_complete"] = list_is_complete(
                marked=attrs.get("attendance_complete", True),
                listed=len(present_entries(attrs["attendance"])),
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


class SendNotesSerializer(StrictSerializer):
    """`POST /meetings/{id}/send-notes/`: what replaces the composed mail, if anything."""

    subject = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=SUBJECT,
        validators=[validate_one_line],
        help_text="One line; blank: the composed one.",
    )
    body = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=BODY,
        trim_whitespace=False,
        help_text="The plain-text body; blank: the notes composed from the record.",
    )
    again = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Send even though the notes were sent before (else 409).",
    )
