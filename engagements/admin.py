"""Admin of external processes, inputs and threats; and what engagements adds to the page of
an external event (a core record, `ccwg.core.admin`): the process it is a meeting of and the
groups' sessions at it."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ccwg.core.admin import ExternalEventAdmin, LinkAdmin
from ccwg.core.admin_guard import StaleSaveGuardAdmin
from ccwg.core.admin_writes import ServiceWritesAdmin
from engagements import services as engagement_services
from engagements.models import (
    ExternalProcess,
    ExternalProcessLink,
    ProcessInput,
    ProcessInputLink,
    ProcessMeeting,
    Threat,
)
from meetings import services as meeting_services
from meetings.models import Meeting


class GroupSessionInline(admin.TabularInline):
    model = Meeting
    fk_name = "external_event"
    extra = 0
    fields = ["working_group", "kind", "status", "title", "starts_at"]
    autocomplete_fields = ["working_group"]
    show_change_link = True
    verbose_name = "group session"
    verbose_name_plural = "sessions of working groups at this event"


class ProcessOfEventInline(admin.TabularInline):
    """The process an event is a meeting of (one at most)."""

    model = ProcessMeeting
    fk_name = "event"
    extra = 0
    max_num = 1
    autocomplete_fields = ["process"]
    verbose_name = "process this event is a meeting of"


class MeetingsOfProcessInline(admin.TabularInline):
    """The events that are meetings of a process."""

    model = ProcessMeeting
    fk_name = "process"
    extra = 0
    autocomplete_fields = ["event"]
    verbose_name_plural = "meetings of this process"


ExternalEventAdmin.contribute_inline(ProcessOfEventInline)
ExternalEventAdmin.contribute_inline(GroupSessionInline, services=meeting_services.MEETINGS)


class ExternalProcessLinkInline(admin.TabularInline):
    model = ExternalProcessLink
    extra = 0
    fields = ["position", "title", "url", "kind"]


@admin.register(ExternalProcess)
class ExternalProcessAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "body", "opens_on", "closes_on"]
    list_filter = ["body"]
    list_select_related = ["body"]
    search_fields = ["name", "acronym", "description"]
    autocomplete_fields = ["body"]
    inlines = [MeetingsOfProcessInline, ExternalProcessLinkInline]
    services = engagement_services.EXTERNAL_PROCESSES


class ProcessInputLinkInline(admin.TabularInline):
    model = ProcessInputLink
    extra = 0
    fields = ["position", "title", "url", "kind"]


@admin.register(ProcessInput)
class ProcessInputAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["process", "working_group", "requested_on", "requested_by", "channel"]
    list_filter = ["channel", "working_group"]
    list_select_related = ["process", "working_group", "requested_by"]
    search_fields = ["summary", "outcome", "process__name", "process__acronym"]
    date_hierarchy = "requested_on"
    autocomplete_fields = ["process", "working_group", "requested_by", "for_event"]
    raw_id_fields = ["discussed_at"]
    inlines = [ProcessInputLinkInline]
    services = engagement_services.PROCESS_INPUTS


@admin.register(Threat)
class ThreatAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "working_group",
        "identified_on",
        "next_milestone",
        "next_milestone_on",
    ]
    list_filter = ["working_group"]
    list_select_related = ["working_group"]
    search_fields = ["title", "description", "next_milestone"]
    autocomplete_fields = ["working_group", "next_milestone_event"]
    filter_horizontal = ["processes"]
    services = engagement_services.THREATS


admin.site.register([ExternalProcessLink, ProcessInputLink], LinkAdmin)
