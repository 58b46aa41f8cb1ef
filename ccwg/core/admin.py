from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ccwg.core import services as core_services
from ccwg.core.admin_guard import StaleSaveGuardAdmin
from ccwg.core.admin_writes import ServiceWritesAdmin
from ccwg.core.models import (
    Chartership,
    CharterVersion,
    IcannMeeting,
    Organization,
    Person,
    Role,
    WorkingGroup,
)

admin.site.site_header = "ccwg records"
admin.site.site_title = "ccwg"
admin.site.index_title = "Working-group records"


class ChartershipInline(admin.TabularInline):
    model = Chartership
    extra = 0
    autocomplete_fields = ["organization"]
    fields = [
        "organization",
        "joined_on",
        "withdrawal_decided_on",
        "withdrawal_decided_precision",
        "withdrew_on",
        "withdrawal_effective_before",
        "note",
    ]


class CharterVersionInline(admin.TabularInline):
    model = CharterVersion
    extra = 0
    fields = ["label", "status", "drafted_on", "adopted_on", "url"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["person", "organization"]
    fields = ["person", "kind", "organization", "started_on", "ended_on"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["acronym", "name", "kind", "discussion_began_on", "successor"]
    list_filter = ["kind"]
    search_fields = ["acronym", "name", "description"]
    autocomplete_fields = ["successor"]
    inlines = [ChartershipInline, CharterVersionInline, RoleInline]
    services = core_services.WORKING_GROUPS
    inline_services = {Chartership: core_services.CHARTERSHIPS}
    fieldsets = [
        (None, {"fields": ["acronym", "name", "kind", "description"]}),
        (
            "History",
            {
                "fields": [
                    ("discussion_began_on", "discussion_began_precision"),
                    ("established_on", "closed_on"),
                    "successor",
                ]
            },
        ),
        ("Resources", {"fields": ["resources_note"]}),
    ]


@admin.register(Organization)
class OrganizationAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["acronym", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["acronym", "name"]
    services = core_services.ORGANIZATIONS


@admin.register(Chartership)
class ChartershipAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = [
        "working_group",
        "organization",
        "joined_on",
        "withdrawal_decided_on",
        "withdrew_on",
        "withdrawal_effective_before",
    ]
    list_filter = ["working_group", "organization__kind"]
    list_select_related = ["working_group", "organization", "withdrawal_effective_before"]
    search_fields = ["working_group__acronym", "organization__acronym", "note"]
    autocomplete_fields = ["working_group", "organization"]
    services = core_services.CHARTERSHIPS


@admin.register(CharterVersion)
class CharterVersionAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["label", "working_group", "status", "drafted_on", "adopted_on"]
    list_filter = ["status", "working_group"]
    list_select_related = ["working_group"]
    search_fields = ["label", "summary", "working_group__acronym"]


@admin.register(Person)
class PersonAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["full_name", "honorific", "affiliation", "email", "user"]
    search_fields = ["full_name", "affiliation", "email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    inlines = [RoleInline]
    services = core_services.PEOPLE


@admin.register(Role)
class RoleAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["person", "working_group", "kind", "organization", "started_on", "ended_on"]
    list_filter = ["kind", "working_group"]
    list_select_related = ["person", "working_group", "organization"]
    search_fields = ["person__full_name", "working_group__acronym"]
    autocomplete_fields = ["person", "working_group", "organization"]


@admin.register(IcannMeeting)
class IcannMeetingAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["number", "city", "country", "starts_on", "ends_on", "format"]
    list_filter = ["format"]
    search_fields = ["number", "city", "country"]
    date_hierarchy = "starts_on"
    services = core_services.ICANN_MEETINGS
