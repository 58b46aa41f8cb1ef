from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ccwg.core.admin_guard import StaleSaveGuardAdmin
from ccwg.core.admin_writes import ServiceWritesAdmin
from meetings import services as meeting_services
from meetings.admin_history import MeetingHistoryAdmin
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


class MeetingChildInline(admin.TabularInline):
    """Inlines whose agenda-item choices are limited to the meeting being edited."""

    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        self._meeting = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in {"parent", "agenda_item"}:
            meeting = getattr(self, "_meeting", None)
            kwargs["queryset"] = (
                AgendaItem.objects.filter(meeting=meeting) if meeting else AgendaItem.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AgendaItemInline(MeetingChildInline):
    model = AgendaItem
    fields = ["parent", "position", "title", "notes"]
    ordering = ["parent_id", "position"]


class SpeakerInline(MeetingChildInline):
    model = Speaker
    fields = ["position", "name", "affiliation", "person"]
    autocomplete_fields = ["person"]


class StatementInline(MeetingChildInline):
    model = Statement
    fields = ["position", "agenda_item", "source", "author", "author_name", "text"]
    autocomplete_fields = ["source", "author"]


class OutcomeInline(MeetingChildInline):
    model = Outcome
    fields = ["position", "text"]


class ActionItemInline(MeetingChildInline):
    model = ActionItem
    fields = ["position", "description", "agenda_item", "owner", "owner_name", "due_on", "status"]
    autocomplete_fields = ["owner"]


class MeetingLinkInline(MeetingChildInline):
    model = MeetingLink
    fields = ["position", "title", "url", "kind"]


class AttendanceInline(MeetingChildInline):
    model = Attendance
    fields = ["person", "role", "organization"]
    autocomplete_fields = ["person", "organization"]


@admin.register(Meeting)
class MeetingAdmin(
    MeetingHistoryAdmin, StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin
):
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
    autocomplete_fields = ["working_group", "icann_meeting", "selected_by"]
    filter_horizontal = ["organizations_present"]
    save_on_top = True
    services = meeting_services.MEETINGS
    inlines = [
        AgendaItemInline,
        AttendanceInline,
        SpeakerInline,
        StatementInline,
        OutcomeInline,
        ActionItemInline,
        MeetingLinkInline,
    ]
    fieldsets = [
        (None, {"fields": ["working_group", "kind", "status", "title"]}),
        ("When and where", {"fields": [("starts_at", "ends_at"), "time_is_known",
                                       "icann_meeting", "external_event", "selected_by",
                                       "location"]}),
        ("Attendance", {"fields": [("members_present", "total_present"),
                                   "organizations_present"],
                        "description": "Counts are derived from the attendance list below "
                        "when people are listed; blank means unknown, not zero."}),
        ("Notes", {"fields": ["notes"]}),
    ]  # fmt: skip

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


class AgendaItemLinkInline(admin.TabularInline):
    model = AgendaItemLink
    extra = 0
    fields = ["position", "title", "url", "kind"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["title", "meeting", "parent", "position"]
    list_select_related = ["meeting__working_group", "parent"]
    search_fields = ["title", "notes"]
    raw_id_fields = ["meeting", "parent"]
    inlines = [AgendaItemLinkInline]


@admin.register(ActionItem)
class ActionItemAdmin(ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["description", "meeting", "owner", "owner_name", "due_on", "status"]
    list_filter = ["status"]
    list_select_related = ["meeting__working_group", "owner"]
    search_fields = ["description", "owner__full_name", "owner_name"]
    date_hierarchy = "due_on"
    raw_id_fields = ["meeting", "agenda_item"]
    autocomplete_fields = ["owner"]


@admin.register(Statement)
class StatementAdmin(ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "source", "author_name"]
    list_select_related = ["meeting__working_group", "source", "author"]
    search_fields = ["text", "author_name", "source__acronym"]
    raw_id_fields = ["meeting", "agenda_item"]
    autocomplete_fields = ["source", "author", "concerns_charter"]


@admin.register(Attendance)
class AttendanceAdmin(ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["person", "meeting", "role", "organization"]
    list_filter = ["role", "meeting__working_group"]
    list_select_related = ["person", "meeting__working_group", "organization"]
    search_fields = ["person__full_name", "meeting__title"]
    autocomplete_fields = ["person", "organization"]
    raw_id_fields = ["meeting"]


@admin.register(Speaker)
class SpeakerAdmin(ServiceWritesAdmin, admin.ModelAdmin):
    list_display = ["name", "affiliation", "meeting", "position"]
    list_select_related = ["meeting__working_group"]
    search_fields = ["name", "affiliation", "person__full_name"]
    autocomplete_fields = ["person"]
    raw_id_fields = ["meeting"]


@admin.register(Outcome)
class OutcomeAdmin(ServiceWritesAdmin, admin.ModelAdmin):
    list_display = ["__str__", "meeting", "position"]
    list_select_related = ["meeting__working_group"]
    search_fields = ["text"]
    raw_id_fields = ["meeting"]


@admin.register(MeetingLink, AgendaItemLink)
class LinkAdmin(ServiceWritesAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "url"]
    list_per_page = 50
    list_filter = ["kind"]
    search_fields = ["title", "url"]
