"""The admin's meeting page as one form: the meeting, its agenda as an outline and its
attendance as a pasted list, validated together so that every domain rule shows as an error
next to its field and nothing is written until all of it is right.

The form only validates and prepares; `meetings.admin.MeetingAdmin` writes the meeting with
its parts in one call of `create_meeting` or `update_meeting` (the outline as
`agenda_outline`, the list as `participants`).
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse

from ccwg.core.models import IcannMeeting
from meetings import admin_selectors
from meetings.agenda import check_agenda_limits
from meetings.attendance_reports import (
    MAX_REPORT_BYTES,
    AttendanceReportError,
    merged_list,
    read_attendance_report,
)
from meetings.models import Meeting, MeetingKind, list_is_complete, present_entries
from meetings.models.meeting import PARTICIPANT_TEXT
from meetings.outline import OutlineError, OutlineItem, read_outline
from meetings.participants import ParticipantListError, line_emails, parse_participants

#: Size caps of the two pasted lists, in characters (1,000 items of a 200-character line).
MAX_OUTLINE_CHARS = 200_000
MAX_PARTICIPANT_LIST_CHARS = PARTICIPANT_TEXT
#: The one date format of the page (the picker writes it too): nothing else is read.
ISO_DATE = "%Y-%m-%d"
ISO_DATE_MESSAGE = "Enter the date as YYYY-MM-DD (for example 2018-01-18)."
#: The zones times may be typed in; stored in UTC whatever the zone.
TIME_ZONES = [("UTC", "UTC"), *((z, z) for z in sorted(zoneinfo.available_timezones()) if "/" in z)]

#: Fields that apply only to some kinds of meeting; the page keeps the others out of the way.
KIND_FIELDS: Mapping[str, tuple[str, ...]] = {
    "icann_meeting": (
        MeetingKind.FACE_TO_FACE,
        MeetingKind.PUBLIC_SESSION,
        MeetingKind.WORKSHOP,
    ),
    "external_event": (MeetingKind.WORKSHOP,),
    "selected_by": (MeetingKind.WORKSHOP,),
    "location": (MeetingKind.FACE_TO_FACE, MeetingKind.PUBLIC_SESSION, MeetingKind.WORKSHOP),
    "organizations_present": (
        MeetingKind.FACE_TO_FACE,
        MeetingKind.PUBLIC_SESSION,
        MeetingKind.WORKSHOP,
    ),
}

#: Where the model's constraint messages belong on this page.
CONSTRAINT_FIELDS: Mapping[str, str] = {
    "meeting_ends_after_start": "end_time",
    "meeting_dated_once_held": "date",
    "meeting_total_covers_members": "total_present",
    "meeting_kind_valid": "kind",
    "meeting_status_valid": "status",
}
#: The fields of the page that make the meeting's start and end.
WHEN_FIELDS = ("date", "time", "end_time", "ends_next_day", "time_zone")
#: Where errors on the model's fields that this page splits or hides belong.
MODEL_FIELDS: Mapping[str, str] = {
    "starts_at": "date",
    "ends_at": "end_time",
    "time_is_known": "time",
}


def counted(field: forms.Field | None) -> forms.Field | None:
    """A capped text box without the browser's `maxlength`, which cuts a long paste silently:
    the cap goes to `data-max-chars`, whose counter the page's script shows, and text over the
    cap is a form error with the whole text kept (the field's own length validator)."""
    if field is not None and isinstance(
        field.widget, forms.TextInput | forms.URLInput | forms.Textarea
    ):
        cap = field.widget.attrs.pop("maxlength", None)
        if cap is not None:
            field.widget.attrs["data-max-chars"] = cap
    return field


def _normalised(text: str | None) -> str:
    """Text as compared for "unchanged": line ends, trailing spaces and blank lines aside."""
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    return "\n".join(line for line in lines if line.strip())


class IsoDateField(forms.DateField):
    """A date typed as YYYY-MM-DD and shown back so; `02/01/2018` is refused, not guessed."""

    input_formats = [ISO_DATE]
    default_error_messages = {"invalid": ISO_DATE_MESSAGE}

    def to_python(self, value: Any) -> dt.date | None:
        try:
            return super().to_python(value)
        except ValidationError:
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                raise ValidationError(
                    f"Enter a valid date: {value.strip()} is not a day of the calendar.",
                    code="invalid",
                ) from None
            raise

    @staticmethod
    def widget_for() -> AdminDateWidget:
        """The admin's date box with its calendar, in the one format."""
        return AdminDateWidget(
            attrs={"placeholder": "YYYY-MM-DD", "autocomplete": "off"}, format=ISO_DATE
        )

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", self.widget_for())
        super().__init__(**kwargs)


class ListField(forms.CharField):
    """A text area of one entry a line; unchanged unless its lines changed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def has_changed(self, initial: Any, data: Any) -> bool:
        return _normalised(initial) != _normalised(data)


class MeetingAdminForm(forms.ModelForm):
    date = IsoDateField(required=False)
    time = forms.TimeField(
        label="Starts at",
        required=False,
        widget=forms.TimeInput(
            format="%H:%M", attrs={"placeholder": "HH:MM", "size": 6, "autocomplete": "off"}
        ),
    )
    end_time = forms.TimeField(
        label="Ends at",
        required=False,
        widget=forms.TimeInput(
            format="%H:%M", attrs={"placeholder": "HH:MM", "size": 6, "autocomplete": "off"}
        ),
    )
    ends_next_day = forms.BooleanField(label="Ends the next day", required=False)
    time_zone = forms.ChoiceField(
        label="Times in",
        choices=TIME_ZONES,
        initial="UTC",
        required=False,
        help_text="The zone the times are typed in; they are stored in UTC.",
    )
    agenda_outline = ListField(
        label="Agenda",
        max_length=MAX_OUTLINE_CHARS,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "class": "outline"}),
        help_text="One item a line, as the call's e-mail or the report prints it: numbered "
        "<code>1.</code> <code>a.</code> <code>i.</code> (no indentation needed), indented, "
        "or <code>-</code> bullets. A link goes at the end of its line: "
        "<code>Title &lt;https://…&gt;</code> or <code>[Title](https://…)</code>.",
    )
    agenda_confirmed = forms.BooleanField(
        label="The agenda is right as numbered in the preview",
        required=False,
        help_text="Tick only when the outline's numbering was reported as not following "
        "and the preview shows the agenda as you mean it.",
    )
    participants = ListField(
        label="Participant list",
        max_length=MAX_PARTICIPANT_LIST_CHARS,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "outline"}),
        help_text="Paste the list the call's tool exports: one name a line, an optional role "
        "(<code>Jane Doe (staff)</code>, <code>John Roe - observer</code>) and e-mail address. "
        "Names are matched to people on record, case and accents aside. People who sent "
        "apologies or were absent go under <code>Apologies:</code> or <code>Absent:</code> "
        "(or on one line: <code>Apologies: Ann Lee, Bob Roe</code>). Kept as pasted.",
    )
    attendance_report = forms.FileField(
        label="Or upload the attendance report",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
        help_text="The participant report Zoom or Webex exports (CSV, one row per join): its "
        "people are added to the list above, one line each, and matched the same way.",
    )
    create_people = forms.MultipleChoiceField(
        label="Create these people",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Not on record yet: tick the ones to add as new people.",
    )

    class Meta:
        model = Meeting
        fields = [
            "working_group",
            "kind",
            "status",
            "title",
            "icann_meeting",
            "external_event",
            "selected_by",
            "location",
            "members_present",
            "total_present",
            "attendance_complete",
            "organizations_present",
            "notes",
        ]
        labels = {
            "working_group": "Group",
            "attendance_complete": "The list names everyone present: count from it",
        }
        help_texts = {
            "attendance_complete": "Then the counts are derived from the list (staff listed "
            "as such). Leave unticked for a partial list: the counts stay as entered.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.instance
        if meeting.pk:
            if meeting.starts_at is not None:
                self.initial.setdefault("date", meeting.starts_at.astimezone(dt.UTC).date())
                if meeting.time_is_known:
                    self.initial.setdefault("time", meeting.starts_at.astimezone(dt.UTC).time())
            if meeting.ends_at is not None:
                self.initial.setdefault("end_time", meeting.ends_at.astimezone(dt.UTC).time())
                if meeting.starts_at is not None:
                    self.initial.setdefault(
                        "ends_next_day",
                        meeting.ends_at.astimezone(dt.UTC).date()
                        > meeting.starts_at.astimezone(dt.UTC).date(),
                    )
            self.initial.setdefault("agenda_outline", admin_selectors.agenda_outline(meeting))
            self.initial.setdefault(
                "participants",
                meeting.participant_text or admin_selectors.participant_list(meeting),
            )
        for name in ("members_present", "total_present"):
            if name in self.fields:
                self.fields[name].widget.attrs.setdefault("size", 5)
        for field in self.fields.values():
            counted(field)
        # The people to create are offered for the names of the list as submitted.
        self._matched: tuple[str, list[admin_selectors.ParticipantMatch]] | None = None
        self.unknown_names: list[tuple[str, str]] = []
        self.report_summary = ""
        self._report_error = ""
        if self.is_bound:
            self._read_report()
            self.unknown_names = self._unknown_names(self.data.get(self.add_prefix("participants")))
        create_people = self.fields["create_people"]
        assert isinstance(create_people, forms.MultipleChoiceField)
        create_people.choices = self.unknown_names
        self._offer_the_venue_zone()
        self.fields["participants"].widget.attrs["data-preview-url"] = reverse(
            "admin:meetings_meeting_participants_preview"
        )
        self.outline: tuple[OutlineItem, ...] | None = None
        self.participant_entries: list[dict[str, Any]] | None = None

    # --- date and time ---------------------------------------------------------------------

    def _offer_the_venue_zone(self) -> None:
        """At an ICANN meeting whose venue's zone is known: that zone second in "Times in",
        named as the venue's."""
        field = self.fields.get("time_zone")
        chosen = self.data.get(self.add_prefix("icann_meeting")) if self.is_bound else None
        venue = (
            IcannMeeting.objects.filter(pk=chosen).first()
            if isinstance(chosen, str) and chosen.isdigit()
            else self.instance.icann_meeting
            if not self.is_bound and self.instance.icann_meeting_id
            else None
        )
        if not isinstance(field, forms.ChoiceField) or venue is None or not venue.time_zone:
            return
        zone = venue.time_zone
        meeting = self.instance
        if meeting.pk and meeting.starts_at is not None and meeting.time_is_known:
            local = zoneinfo.ZoneInfo(zone)
            times = [t for t in (meeting.starts_at, meeting.ends_at) if t is not None]
            utc = "–".join(f"{t.astimezone(dt.UTC):%H:%M}" for t in times)
            there = "–".join(f"{t.astimezone(local):%H:%M}" for t in times)
            field.help_text = f"As stored: {utc} UTC, {there} at the venue ({zone})."
        field.choices = [
            ("UTC", "UTC"),
            (zone, f"{zone} (the venue of {venue})"),
            *(choice for choice in TIME_ZONES[1:] if choice[0] != zone),
        ]

    def _when(self, cleaned: dict[str, Any]) -> None:
        """The meeting's start and end from a date and optional times, typed in the chosen
        zone and stored in UTC; an end before the start only with "Ends the next day"."""
        day: dt.date | None = cleaned.get("date")
        start: dt.time | None = cleaned.get("time")
        end: dt.time | None = cleaned.get("end_time")
        if any(self.errors.get(name) for name in WHEN_FIELDS):
            return
        if not set(WHEN_FIELDS) & set(self.changed_data) and self.instance.pk:
            return  # as stored
        meeting = self.instance
        if day is None:
            if start is not None or end is not None:
                self.add_error("date", "Enter the date of the meeting too.")
                return
            meeting.starts_at, meeting.ends_at, meeting.time_is_known = None, None, True
            return
        if end is not None and start is None:
            self.add_error("time", "Enter the start time too, or leave the end blank.")
            return
        retyped = {"date", "time", "end_time"} & set(self.changed_data)
        if meeting.pk and start is not None and "time_zone" in self.changed_data and not retyped:
            # the times shown were UTC: read in the new zone they would move, unasked
            self.add_error(
                "time_zone",
                "The times shown are in UTC: type them as they are in the zone you chose, "
                "or choose UTC again.",
            )
            return
        zone = zoneinfo.ZoneInfo(cleaned.get("time_zone") or "UTC")
        if start is None:  # a date alone is that day, whatever the zone
            starts_at = dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)
        else:
            starts_at = dt.datetime.combine(day, start, tzinfo=zone).astimezone(dt.UTC)
        ends_at = None
        if end is not None:
            end_day = day + dt.timedelta(days=1 if cleaned.get("ends_next_day") else 0)
            ends_at = dt.datetime.combine(end_day, end, tzinfo=zone).astimezone(dt.UTC)
            if ends_at < starts_at:
                self.add_error(
                    "end_time",
                    "A meeting cannot end before it starts: tick “Ends the next day” for a "
                    "meeting that goes past midnight.",
                )
                return
        meeting.starts_at, meeting.ends_at = starts_at, ends_at
        meeting.time_is_known = start is not None

    # --- the agenda --------------------------------------------------------------------------

    def clean_agenda_outline(self) -> str:
        """The outline read strictly: numbering that does not follow is an error naming the
        line, unless the person ticked that the agenda is right as the preview reads it."""
        text: str = self.cleaned_data.get("agenda_outline") or ""
        try:
            outline = read_outline(text)
        except OutlineError as error:
            raise ValidationError(str(error)) from error
        if outline.problems and not self["agenda_confirmed"].data:
            raise ValidationError(
                [
                    *(str(problem) for problem in outline.problems),
                    "Correct these lines, or tick “The agenda is right as numbered in the "
                    "preview” to save it as the preview reads it.",
                ]
            )
        check_agenda_limits(outline.items, lambda item: item.children)
        self.outline = outline.items
        return text

    @property
    def agenda_changed(self) -> bool:
        return self.outline is not None and "agenda_outline" in self.changed_data

    # --- the participant list -----------------------------------------------------------------

    def _read_report(self) -> None:
        """An uploaded attendance report's people added to the submitted list, so that the
        page matches them (and offers to create them) as it does pasted names."""
        upload = self.files.get(self.add_prefix("attendance_report"))
        if upload is None:
            return
        try:
            if upload.size is not None and upload.size > MAX_REPORT_BYTES:
                raise AttendanceReportError(
                    f"The file is too big ({upload.size:,} bytes; at most {MAX_REPORT_BYTES:,})."
                )
            report = read_attendance_report(upload.read())
        except AttendanceReportError as error:
            self._report_error = str(error)
            return
        name = self.add_prefix("participants")
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict
        data[name] = merged_list(self.data.get(name) or "", report)
        self.data = data
        self.report_summary = report.summary

    def clean_attendance_report(self) -> None:
        if self._report_error:
            raise ValidationError(self._report_error)
        return None

    def _matches(self, text: str) -> list[admin_selectors.ParticipantMatch]:
        """The pasted list's names matched to people (`ParticipantListError` when it cannot
        be read); read once per text."""
        if self._matched is None or self._matched[0] != text:
            listed = parse_participants(text)
            matches = admin_selectors.match_participants(listed.entries, line_emails(text))
            self._matched = (text, matches)
        return self._matched[1]

    def _unknown_names(self, text: str | None) -> list[tuple[str, str]]:
        try:
            matches = self._matches(text or "")
        except ParticipantListError:
            return []
        return [admin_selectors.create_choice(m) for m in matches if m.is_unknown]

    def clean_participants(self) -> str:
        text: str = self.cleaned_data.get("participants") or ""
        try:
            matches = self._matches(text)
        except ParticipantListError as error:
            raise ValidationError(str(error)) from error
        problems = []
        for match in matches:
            if match.is_ambiguous:
                who = "; ".join(
                    f"{p.full_name}"
                    + (f" <{p.email}>" if p.email else " (no e-mail)")
                    + (f", {p.affiliation}" if p.affiliation else "")
                    for p in match.candidates
                )
                problems.append(
                    f"Line {match.participant.line}: “{match.participant.name}” fits "
                    f"{len(match.candidates)} people on record ({who}). Add the e-mail "
                    "address of the one you mean on the line."
                )
        getlist = getattr(self.data, "getlist", None)
        chosen = set(getlist(self.add_prefix("create_people"))) if getlist else set()
        missing = [
            m.participant.name
            for m in matches
            if m.is_unknown and admin_selectors.create_choice(m)[0] not in chosen
        ]
        if missing:
            problems.append(
                "Not on record yet: "
                + ", ".join(missing)
                + ". Tick them under “Create these people” to add them, or correct the "
                "spelling."
            )
        if problems:
            raise ValidationError(problems)
        self.participant_entries = [
            {
                "person": match.person,
                "name": match.participant.name,
                "email": match.email,
                "affiliation": match.participant.note if match.organization is None else "",
                "role": match.participant.role,
                "status": match.participant.status,
                "organization": match.organization,
            }
            for match in matches
        ]
        return text

    @property
    def participants_changed(self) -> bool:
        return self.participant_entries is not None and bool(
            {"participants", "attendance_complete"} & set(self.changed_data)
        )

    # --- the whole ------------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._when(cleaned)
        listed = len(present_entries(self.participant_entries or []))
        marked = bool(cleaned.get("attendance_complete"))
        unread = "participants" in self.errors
        if marked and not unread and not list_is_complete(marked=marked, listed=listed):
            self.add_error(
                "attendance_complete",
                "The list names nobody present (only apologies or absences): untick this, "
                "or list who was there."
                if self.participant_entries
                else "Paste the participant list first, or untick this.",
            )
        return cleaned

    def _get_validation_exclusions(self) -> set[str]:
        # The date and times are validated with the meeting (its constraints included); the
        # group's field read the group already (the services check it again).
        exclusions: set[str] = super()._get_validation_exclusions()  # type: ignore[misc]
        return (exclusions - set(MODEL_FIELDS)) | {"working_group"}

    def _update_errors(self, errors: ValidationError) -> None:
        """Put the model's errors next to the fields of this page that hold them."""
        messages = {
            str(c.get_violation_error_message()): CONSTRAINT_FIELDS[c.name]
            for c in Meeting._meta.constraints
            if c.name in CONSTRAINT_FIELDS
        }
        placed: dict[str, list[ValidationError]] = {}
        for name, found in errors.error_dict.items():
            for error in found:
                text = " ".join(error.messages)
                target = MODEL_FIELDS.get(name, name)
                if name == NON_FIELD_ERRORS:
                    target = messages.get(text, NON_FIELD_ERRORS)
                if target != NON_FIELD_ERRORS and target not in self.fields:
                    target = NON_FIELD_ERRORS
                if target in WHEN_FIELDS and any(self.errors.get(n) for n in WHEN_FIELDS):
                    continue  # the date or a time as typed is wrong: that error alone
                placed.setdefault(target, []).append(error)
        super()._update_errors(ValidationError(placed))  # type: ignore[misc]
