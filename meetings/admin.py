"""The meetings in the admin: the meeting page staff record a call on (agenda as an outline,
attendance as a pasted list, statements, outcomes, actions and links below), and the tables
edited inside it, kept reachable but out of the index."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import URLPattern, path, reverse
from simple_history.admin import SimpleHistoryAdmin

from ccwg.core.admin_fields import GroupFieldAdmin
from ccwg.core.admin_guard import TOKEN_FIELD, StaleSaveGuardAdmin
from ccwg.core.admin_index import ChildTableAdmin
from ccwg.core.admin_writes import ServiceWritesAdmin, take_over
from ccwg.core.models import next_position
from meetings import admin_selectors
from meetings import services as meeting_services
from meetings.admin_forms import (
    KIND_FIELDS,
    MAX_OUTLINE_CHARS,
    MAX_PARTICIPANT_LIST_CHARS,
    MeetingAdminForm,
)
from meetings.admin_history import MeetingHistoryAdmin
from meetings.admin_inlines import KIND_INLINES, LinkForm, MeetingChildInline
from meetings.admin_notes import send_notes_view
from meetings.attendance import attendance_label
from meetings.attendance_reports import (
    MAX_REPORT_BYTES,
    AttendanceReportError,
    merged_list,
    read_attendance_report,
)
from meetings.history import state_of
from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaItemLink,
    Attendance,
    Meeting,
    MeetingKind,
    MeetingLink,
    Outcome,
    Speaker,
    Statement,
)
from meetings.outline import outline_preview
from meetings.parts import PARTS, prefetches, resolve

#: The parts edited in inlines (`meetings.parts.PARTS`): each inline's part, by its model.
INLINE_PARTS: dict[type[models.Model], tuple[type[MeetingChildInline], str]] = {
    resolve(part.admin_inline).model: (resolve(part.admin_inline), part.key)
    for part in PARTS
    if part.admin_inline
}


@admin.register(Meeting)
class MeetingAdmin(
    MeetingHistoryAdmin,
    StaleSaveGuardAdmin,
    GroupFieldAdmin,
    ServiceWritesAdmin,
    SimpleHistoryAdmin,
):
    """The page staff record a meeting on: one form, one save (see `MeetingAdminForm`)."""

    form = MeetingAdminForm
    change_form_template = "admin/meetings/meeting/change_form.html"
    list_display = [
        "when",
        "kind",
        "title",
        "working_group",
        "icann_meeting",
        "external_event",
        "status",
        "attendance",
    ]
    list_filter = ["kind", "status", "working_group", "icann_meeting"]
    list_select_related = ["working_group", "icann_meeting", "external_event"]
    search_fields = ["title", "notes", "location", "agenda_items__title"]
    date_hierarchy = "starts_at"
    autocomplete_fields = [
        "working_group",
        "icann_meeting",
        "external_event",
        "selected_by",
        "organizations_present",
    ]
    save_on_top = False
    services = meeting_services.MEETINGS
    #: The parts' inlines (`meetings.parts.PARTS`), those of some kinds of meeting last.
    inlines = sorted(
        (inline for inline, _ in INLINE_PARTS.values()), key=lambda inline: inline in KIND_INLINES
    )

    # --- the participant list checked as it is typed ----------------------------------------

    def get_urls(self) -> list[URLPattern]:
        custom = [
            path(
                "participants/preview/",
                self.admin_site.admin_view(self.participants_preview_view),
                name="meetings_meeting_participants_preview",
            ),
            path(
                "outline-preview/",
                self.admin_site.admin_view(self.outline_preview_view),
                name="meetings_meeting_outline_preview",
            ),
            path(
                "<path:object_id>/send-notes/",
                self.admin_site.admin_view(partial(send_notes_view, self)),
                name="meetings_meeting_send_notes",
            ),
        ]
        return custom + super().get_urls()

    def participants_preview_view(self, request: HttpRequest) -> JsonResponse:
        """The page's participant list (and an uploaded attendance report's people added to
        it) matched to people on record: JSON of `admin_selectors.participant_preview`, with
        the list as it now reads (`text`). POST (the list may be long); staff who may add or
        change meetings."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        if request.method != "POST":
            return JsonResponse({"error": "POST the list."}, status=405, headers={"Allow": "POST"})
        text = request.POST.get("participants", "")
        if len(text) > MAX_PARTICIPANT_LIST_CHARS:
            return JsonResponse(
                {
                    "field": "participants",
                    "error": f"The list is longer than {MAX_PARTICIPANT_LIST_CHARS:,} characters.",
                },
                status=400,
            )
        report = ""
        upload = request.FILES.get("attendance_report")
        if upload is not None:
            try:
                read = read_attendance_report(upload.read(MAX_REPORT_BYTES + 1))
            except AttendanceReportError as error:
                return JsonResponse({"field": "attendance_report", "error": str(error)}, status=400)
            text, report = merged_list(text, read), read.summary
        return JsonResponse(
            {**admin_selectors.participant_preview(text), "text": text, "report": report}
        )

    # --- one transaction: the page's own (`changeform_view`), not the request's too --------

    @transaction.non_atomic_requests
    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, extra_context)

    @transaction.non_atomic_requests
    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(request, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        """The meeting read with its parts; to save, its row locked first and its state kept
        as read (the stale-save guard compares it, the page's forms then change it)."""
        if request.method != "POST":
            meeting = super().get_object(request, object_id, from_field)
            if meeting is not None:
                models.prefetch_related_objects([meeting], *prefetches())
            return meeting
        rows = Meeting.objects.prefetch_related(*prefetches())
        if connection.features.has_select_for_update:
            rows = rows.select_for_update()
        try:
            meeting = rows.get(pk=object_id)
        except (Meeting.DoesNotExist, ValidationError, ValueError):
            return None
        meeting._stored_state = state_of(meeting)
        return meeting

    def stored_page_state(self, obj: models.Model) -> Any:
        stored = getattr(obj, "_stored_state", None)
        return stored if stored is not None else super().stored_page_state(obj)

    # --- the outline's live preview ----------------------------------------------------------

    def outline_preview_view(self, request: HttpRequest) -> HttpResponse:
        """The agenda outline read by the form's own parser, for the page's live preview
        and its agenda-item choices (staff who may add or change meetings; POST: the text
        may be long)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        text = request.POST.get("text", "")
        if len(text) > MAX_OUTLINE_CHARS:
            return JsonResponse(
                {"error": f"The outline is longer than {MAX_OUTLINE_CHARS:,} characters."},
                status=400,
            )
        return JsonResponse(outline_preview(text))

    # --- the page ---------------------------------------------------------------------------

    def _kind(self, request, obj) -> str | None:
        if obj is not None and obj.pk:
            return obj.kind
        kind = request.GET.get("kind")
        return kind if kind in MeetingKind.values else None

    def get_fieldsets(self, request, obj=None):
        kind = self._kind(request, obj)

        def applies(name: str) -> bool:
            kinds = KIND_FIELDS.get(name)
            if kinds is None or kind is None or kind in kinds:
                return True
            value = getattr(obj, name, None) if obj is not None and obj.pk else None
            if name == "organizations_present" and obj is not None and obj.pk:
                return obj.organizations_present.exists()
            return bool(value)

        where = [name for name in KIND_WHERE if applies(name)]
        other = [name for name in KIND_WHERE if not applies(name)]
        attendance = [
            ("members_present", "total_present"),
            "participants",
            "attendance_report",
            "create_people",
            "attendance_complete",
        ]
        if applies("organizations_present"):
            attendance.append("organizations_present")
        else:
            other.append("organizations_present")
        fieldsets = [
            (None, {"fields": ["working_group", ("kind", "status"), "title"]}),
            (
                "When",
                {
                    "fields": [("date", "time", "end_time"), ("ends_next_day", "time_zone")],
                    "description": "Leave the times blank when only the date is known. "
                    "Times are stored and shown in UTC; type them in another zone by choosing "
                    "it under “Times in”.",
                },
            ),
        ]
        if where:
            fieldsets.append(("Where", {"fields": where, "classes": ["kind-where"]}))
        fieldsets += [
            (
                "Agenda",
                {"fields": ["agenda_outline", "agenda_confirmed"], "classes": ["agenda"]},
            ),
            (
                "Attendance",
                {
                    "fields": attendance,
                    "description": "Blank counts mean unknown, not zero. A participant "
                    "list gives the counts only when ticked as complete.",
                },
            ),
            ("Notes", {"fields": ["notes"]}),
        ]
        if other:
            label = MeetingKind(kind).label.lower() if kind else "this kind"
            fieldsets.append(
                (
                    f"Not used for a {label}",
                    {"fields": other, "classes": ["collapse", "kind-other"]},
                )
            )
        return self.add_page_token(fieldsets, obj)

    def get_inlines(self, request, obj):
        kind = self._kind(request, obj)
        return [
            inline
            for inline in self.inlines
            if inline not in KIND_INLINES
            or kind is None
            or kind in KIND_INLINES[inline]
            or (obj is not None and obj.pk and obj.speakers.exists())
        ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        like = request.GET.get("like", "")
        if like.isdigit():
            model = Meeting.objects.filter(pk=int(like)).first()
            if model is not None:
                initial.update(admin_selectors.next_call_initial(model))
        return initial

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["kind_fields"] = {
            name: [str(kind) for kind in kinds] for name, kinds in KIND_FIELDS.items()
        }
        context["kind_inlines"] = {
            inline.model.meeting.field.related_query_name(): [str(kind) for kind in kinds]
            for inline, kinds in KIND_INLINES.items()
        }
        context["outline_preview_url"] = reverse("admin:meetings_meeting_outline_preview")
        if obj is not None and obj.pk and obj.kind == MeetingKind.TELECONFERENCE:
            context["next_call_url"] = reverse("admin:meetings_meeting_add") + f"?like={obj.pk}"
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- the writes: one call of the services, the meeting with its parts ------------------

    def save_model(self, request, obj, form, change):
        """Written with its parts, in `save_related` (which has the inlines)."""

    def save_related(self, request, form, formsets, change):
        meeting = form.instance
        request._meeting_unchanged = change and not (
            set(form.changed_data) - {TOKEN_FIELD, "agenda_confirmed"}
            or any(formset.has_changed() for formset in formsets)
        )
        values = self.record_values(request, form)
        if change and "organizations_present" not in form.changed_data:
            values.pop("organizations_present", None)
        for formset in formsets:
            inline, key = INLINE_PARTS[formset.model]
            entries = inline.entries(formset)
            if entries is not None:
                values[key] = entries
            self._note_rows(formset)
        if form.agenda_changed:
            values["agenda_outline"] = form.outline
        created = []
        if form.participants_changed:
            values["participants"] = form.participant_entries
            values["participant_text"] = form.cleaned_data.get("participants") or ""
            created = [e["name"] for e in form.participant_entries or [] if e["person"] is None]
        if change:
            saved = meeting_services.update_meeting(meeting=meeting, **values)
        else:
            saved = meeting_services.create_meeting(**values)
        take_over(meeting, saved)
        self._note_zone(request, form, saved)
        if form.report_summary:
            self.message_user(request, f"Read the {form.report_summary}.", messages.INFO)
        if created:
            self.message_user(
                request,
                f"Added {len(created)} new people: {', '.join(created)}.",
                messages.SUCCESS,
            )
        if {"participants", "attendance_complete", "members_present", "total_present"} & set(
            form.changed_data
        ):
            self._warn_about_counts(request, saved)

    def _note_zone(self, request: HttpRequest, form: MeetingAdminForm, saved: Meeting) -> None:
        """Times typed in another zone than UTC: both, so that the conversion can be checked."""
        zone = form.cleaned_data.get("time_zone") or "UTC"
        start, end = form.cleaned_data.get("time"), form.cleaned_data.get("end_time")
        if zone == "UTC" or start is None or saved.starts_at is None:
            return
        typed = f"{start:%H:%M}" + (f"–{end:%H:%M}" if end else "")
        stored = f"{saved.starts_at:%H:%M}" + (f"–{saved.ends_at:%H:%M}" if saved.ends_at else "")
        self.message_user(
            request, f"Times: {typed} {zone} is {stored} UTC, as stored.", messages.INFO
        )

    def response_change(self, request: HttpRequest, obj: Meeting) -> HttpResponse:
        """After a save that changed nothing, say so (not "was changed successfully")."""
        if not getattr(request, "_meeting_unchanged", False):
            return super().response_change(request, obj)
        self.message_user(request, f"Nothing was changed: “{obj}” is as it was.", messages.INFO)
        if "_continue" in request.POST:
            return HttpResponseRedirect(request.path)
        if "_addanother" in request.POST:
            return HttpResponseRedirect(reverse("admin:meetings_meeting_add"))
        return self.response_post_save_change(request, obj)

    def record_values(self, request, form):
        values = super().record_values(request, form)
        meeting = form.instance
        values.update(
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            time_is_known=meeting.time_is_known,
        )
        return values

    @staticmethod
    def _note_rows(formset: forms.BaseModelFormSet) -> None:
        """What the change message lists of the formset's rows."""
        deleted = formset.deleted_forms
        formset.deleted_objects = [f.instance for f in deleted if f.instance.pk is not None]
        live = [f for f in formset.forms if f not in deleted and f.has_changed()]
        formset.new_objects = [f.instance for f in live if f.instance.pk is None]
        formset.changed_objects = [
            (f.instance, f.changed_data) for f in live if f.instance.pk is not None
        ]

    def _warn_about_counts(self, request: HttpRequest, meeting: Meeting) -> None:
        if meeting.counts_from_list:
            derived = (meeting.listed_member_count, meeting.listed_count)
            entered = (meeting.members_present, meeting.total_present)
            if any(e is not None and e != d for e, d in zip(entered, derived, strict=True)):
                self.message_user(
                    request,
                    f"The complete list names {derived[0]} members ({derived[1]} with staff), "
                    f"but the counts entered say {attendance_label(*entered)}: the report "
                    "shows the list's figures, and its checks will flag the difference.",
                    messages.WARNING,
                )

    # --- the list ---------------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).with_attendance_counts()

    @admin.display(description="When", ordering="starts_at")
    def when(self, meeting: Meeting) -> str:
        """Date and UTC time, or the date alone when the time is not known."""
        if meeting.starts_at is None:
            return "date not set"
        if not meeting.time_is_known:
            return f"{meeting.starts_at:%-d %b %Y}"
        return f"{meeting.starts_at:%-d %b %Y, %H:%M} UTC"

    @admin.display(description="Attendance")
    def attendance(self, meeting: Meeting) -> str:
        members, total = meeting.attendance_members, meeting.attendance_total
        if members is None and total is None:
            return "—"
        if total is None:
            return str(members)
        return f"{members if members is not None else '?'} ({total}, inc. staff)"


#: The "where" fields, in the order the page shows them.
KIND_WHERE = ["icann_meeting", "external_event", "selected_by", "location"]


class AgendaItemLinkInline(admin.TabularInline):
    model = AgendaItemLink
    form = LinkForm
    extra = 0
    fields = ["position", "title", "url", "kind"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ChildTableAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    """One agenda item's notes and links. Its place in the tree is edited in the meeting's
    agenda outline; a new item is added at the end of its level."""

    list_display = ["title", "meeting", "parent", "position"]
    list_select_related = ["meeting__working_group", "parent"]
    search_fields = ["title", "notes"]
    raw_id_fields = ["meeting", "parent"]
    inlines = [AgendaItemLinkInline]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["meeting", "parent", "title", "notes"]
        return ["meeting", "parent", "position", "title", "notes"]

    def get_readonly_fields(self, request, obj=None):
        return ["meeting", "parent", "position"] if obj is not None else []

    def record_values(self, request, form):
        values = super().record_values(request, form)
        if form.instance.pk is None:
            siblings = AgendaItem.objects.filter(
                meeting=values["meeting"], parent=values.get("parent")
            )
            values["position"] = next_position(siblings)
        return values


@admin.register(ActionItem)
class ActionItemAdmin(ChildTableAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["description", "meeting", "owner", "owner_name", "due_on", "status"]
    list_filter = ["status"]
    list_select_related = ["meeting__working_group", "owner"]
    search_fields = ["description", "owner__full_name", "owner_name"]
    date_hierarchy = "due_on"
    raw_id_fields = ["meeting", "agenda_item"]
    autocomplete_fields = ["owner"]


@admin.register(Statement)
class StatementAdmin(ChildTableAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "source", "author_name"]
    list_select_related = ["meeting__working_group", "source", "author"]
    search_fields = ["text", "author_name", "source__acronym"]
    raw_id_fields = ["meeting", "agenda_item"]
    autocomplete_fields = ["source", "author", "concerns_charter"]


@admin.register(Attendance)
class AttendanceAdmin(ChildTableAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["person", "meeting", "role", "organization"]
    list_filter = ["role", "meeting__working_group"]
    list_select_related = ["person", "meeting__working_group", "organization"]
    search_fields = ["person__full_name", "meeting__title"]
    autocomplete_fields = ["person", "organization"]
    raw_id_fields = ["meeting"]


@admin.register(Speaker)
class SpeakerAdmin(ChildTableAdmin, ServiceWritesAdmin, admin.ModelAdmin):
    list_display = ["name", "affiliation", "meeting", "position"]
    list_select_related = ["meeting__working_group"]
    search_fields = ["name", "affiliation", "person__full_name"]
    autocomplete_fields = ["person"]
    raw_id_fields = ["meeting"]


@admin.register(Outcome)
class OutcomeAdmin(ChildTableAdmin, ServiceWritesAdmin, admin.ModelAdmin):
    list_display = ["__str__", "meeting", "position"]
    list_select_related = ["meeting__working_group"]
    search_fields = ["text"]
    raw_id_fields = ["meeting"]


@admin.register(MeetingLink, AgendaItemLink)
class LinkAdmin(ChildTableAdmin, ServiceWritesAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "url"]
    list_per_page = 50
    list_filter = ["kind"]
    search_fields = ["title", "url"]
