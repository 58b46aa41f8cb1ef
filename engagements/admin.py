from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ccwg.core.admin_writes import ServiceWritesAdmin
from ccwg.rest.viewsets import RecordServices
from engagements import services as engagement_services
from engagements.models import (
    ExternalEvent,
    ExternalEventLink,
    ExternalProcess,
    ExternalProcessLink,
    ProcessInput,
    ProcessInputLink,
    Threat,
)
from meetings.admin import MEETING_SERVICES
from meetings.models import Meeting


class ExternalEventLinkInline(admin.TabularInline):
    model = ExternalEventLink
    extra = 0
    fields = ["position", "title", "url", "kind"]


class GroupSessionInline(admin.TabularInline):
    model = Meeting
    fk_name = "external_event"
    extra = 0
    fields = ["working_group", "kind", "status", "title", "starts_at"]
    show_change_link = True
    verbose_name = "group session"
    verbose_name_plural = "sessions of working groups at this event"


@admin.register(ExternalEvent)
class ExternalEventAdmin(ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "organizer", "location", "starts_on", "ends_on"]
    list_filter = ["organizer"]
    list_select_related = ["organizer", "process"]
    search_fields = ["name", "acronym", "location"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["organizer", "process"]
    inlines = [GroupSessionInline, ExternalEventLinkInline]
    services = RecordServices(
        record="external_event",
        create=engagement_services.create_external_event,
        update=engagement_services.update_external_event,
        delete=engagement_services.delete_external_event,
    )
    inline_services = {Meeting: MEETING_SERVICES}


class ExternalProcessLinkInline(admin.TabularInline):
    model = ExternalProcessLink
    extra = 0
    fields = ["position", "title", "url", "kind"]


@admin.register(ExternalProcess)
class ExternalProcessAdmin(ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "body", "opens_on", "closes_on"]
    list_filter = ["body"]
    list_select_related = ["body"]
    search_fields = ["name", "acronym", "description"]
    autocomplete_fields = ["body"]
    inlines = [ExternalProcessLinkInline]
    services = RecordServices(
        record="external_process",
        create=engagement_services.create_external_process,
        update=engagement_services.update_external_process,
        delete=engagement_services.delete_external_process,
    )


class ProcessInputLinkInline(admin.TabularInline):
    model = ProcessInputLink
    extra = 0
    fields = ["position", "title", "url", "kind"]


@admin.register(ProcessInput)
class ProcessInputAdmin(ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["process", "working_group", "requested_on", "requested_by", "channel"]
    list_filter = ["channel", "working_group"]
    list_select_related = ["process", "working_group", "requested_by"]
    search_fields = ["summary", "outcome", "process__name", "process__acronym"]
    date_hierarchy = "requested_on"
    autocomplete_fields = ["process", "working_group", "requested_by", "for_event"]
    raw_id_fields = ["discussed_at"]
    inlines = [ProcessInputLinkInline]
    services = RecordServices(
        record="process_input",
        create=engagement_services.create_process_input,
        update=engagement_services.update_process_input,
        delete=engagement_services.delete_process_input,
    )


@admin.register(Threat)
class ThreatAdmin(ServiceWritesAdmin, SimpleHistoryAdmin):
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
    services = RecordServices(
        record="threat",
        create=engagement_services.create_threat,
        update=engagement_services.update_threat,
        delete=engagement_services.delete_threat,
    )


@admin.register(ExternalEventLink, ExternalProcessLink, ProcessInputLink)
class EngagementLinkAdmin(ServiceWritesAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "url"]
    list_filter = ["kind"]
    search_fields = ["title", "url"]
