"""The core records in the admin: groups, organizations, people (picked everywhere with
autocomplete, an exact acronym or name ranked first), charterships, charter versions, roles,
ICANN meetings and external events."""

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import unquote
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from simple_history.admin import SimpleHistoryAdmin

from ccwg.core import services as core_services
from ccwg.core.admin_guard import StaleSaveGuardAdmin
from ccwg.core.admin_index import ChildTableAdmin
from ccwg.core.admin_writes import ServiceWritesAdmin
from ccwg.core.models import (
    Chartership,
    CharterVersion,
    ExternalEvent,
    ExternalEventLink,
    IcannMeeting,
    Organization,
    Person,
    Role,
    WorkingGroup,
)
from ccwg.core.writes import RecordWrites


class ExactFirstSearchAdmin(admin.ModelAdmin):
    """Search results (the autocomplete's too) rank a record whose `exact_fields` equal the
    term (case aside) first, then those starting with it, then those containing it, and only
    then records matching elsewhere (a description): typing "CCWG-IG" and Enter picks the
    CCWG-IG, not a group whose description mentions it."""

    exact_fields: tuple[str, ...] = ()

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term and self.exact_fields:
            exact, starts, contains = Q(), Q(), Q()
            for name in self.exact_fields:
                exact |= Q(**{f"{name}__iexact": term})
                starts |= Q(**{f"{name}__istartswith": term})
                contains |= Q(**{f"{name}__icontains": term})
            rank = Case(
                When(exact, then=Value(0)),
                When(starts, then=Value(1)),
                When(contains, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
            ordering = list(queryset.query.order_by) or list(self.model._meta.ordering) or ["pk"]
            queryset = queryset.annotate(search_rank=rank).order_by("search_rank", *ordering)
        return queryset, may_have_duplicates


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


class GroupPagePart:
    """A part of the working group's admin page that an app above the core contributes
    (`WorkingGroupAdmin.contribute`), so that the page is defined once and the core imports
    no such app: its fieldsets (read-only fields are the part's callables, decorated with
    `admin.display`), its URLs under the group's, and the object tools of the group's page
    (`{"label", "url", "class"}`)."""

    fieldsets: Sequence[tuple[str | None, dict[str, Any]]] = ()

    def readonly_fields(self) -> list[Callable[[WorkingGroup], str]]:
        return [
            field for _, options in self.fieldsets for field in options["fields"] if callable(field)
        ]

    def get_urls(self, model_admin: admin.ModelAdmin) -> list[URLPattern]:
        return []

    def object_tools(self, request: HttpRequest, group: WorkingGroup) -> list[dict[str, str]]:
        return []


@admin.register(WorkingGroup)
class WorkingGroupAdmin(
    StaleSaveGuardAdmin, ExactFirstSearchAdmin, ServiceWritesAdmin, SimpleHistoryAdmin
):
    #: The parts other apps contribute to the page (`contribute`), in the order they did.
    parts: ClassVar[list[GroupPagePart]] = []

    list_display = ["acronym", "name", "kind", "discussion_began_on", "successor"]
    list_filter = ["kind"]
    search_fields = ["acronym", "name", "description"]
    exact_fields = ("acronym", "name")
    autocomplete_fields = ["successor"]
    inlines = [ChartershipInline, CharterVersionInline, RoleInline]
    services = core_services.WORKING_GROUPS
    inline_services = {Chartership: core_services.CHARTERSHIPS}
    fieldsets = [
        (None, {"fields": ["acronym", "name", "kind", "description", "mailing_list"]}),
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

    @classmethod
    def contribute(cls, part: GroupPagePart) -> None:
        """Add `part` to every working group's page (called once, from the app's admin)."""
        cls.parts.append(part)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return [*super().get_fieldsets(request, obj), *(f for p in self.parts for f in p.fieldsets)]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        contributed = [field for part in self.parts for field in part.readonly_fields()]
        return [*super().get_readonly_fields(request, obj), *contributed]

    def get_urls(self) -> list[URLPattern]:
        return [*(url for part in self.parts for url in part.get_urls(self)), *super().get_urls()]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        group = self.get_object(request, unquote(object_id))
        extra = dict(extra_context or {})
        if group is not None:
            extra["contributed_tools"] = [
                tool for part in self.parts for tool in part.object_tools(request, group)
            ]
        return super().change_view(request, object_id, form_url, extra)


@admin.register(Organization)
class OrganizationAdmin(
    StaleSaveGuardAdmin, ExactFirstSearchAdmin, ServiceWritesAdmin, SimpleHistoryAdmin
):
    list_display = ["acronym", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["acronym", "name"]
    exact_fields = ("acronym", "name")
    services = core_services.ORGANIZATIONS


@admin.register(Chartership)
class ChartershipAdmin(
    StaleSaveGuardAdmin, ChildTableAdmin, ServiceWritesAdmin, SimpleHistoryAdmin
):
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
class CharterVersionAdmin(
    StaleSaveGuardAdmin, ChildTableAdmin, ServiceWritesAdmin, SimpleHistoryAdmin
):
    list_display = ["label", "working_group", "status", "drafted_on", "adopted_on"]
    autocomplete_fields = ["working_group"]
    list_filter = ["status", "working_group"]
    list_select_related = ["working_group"]
    search_fields = ["label", "summary", "working_group__acronym"]


@admin.register(Person)
class PersonAdmin(
    StaleSaveGuardAdmin, ExactFirstSearchAdmin, ServiceWritesAdmin, SimpleHistoryAdmin
):
    list_display = ["full_name", "honorific", "affiliation", "email", "user"]
    search_fields = ["full_name", "affiliation", "email"]
    exact_fields = ("full_name", "email")
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    inlines = [RoleInline]
    services = core_services.PEOPLE


@admin.register(Role)
class RoleAdmin(StaleSaveGuardAdmin, ChildTableAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
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


class ExternalEventLinkInline(admin.TabularInline):
    model = ExternalEventLink
    extra = 0
    fields = ["position", "title", "url", "kind"]


@admin.register(ExternalEvent)
class ExternalEventAdmin(StaleSaveGuardAdmin, ServiceWritesAdmin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "organizer", "location", "starts_on", "ends_on"]
    list_filter = ["organizer"]
    list_select_related = ["organizer"]
    search_fields = ["name", "acronym", "location"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["organizer"]
    inlines = [ExternalEventLinkInline]
    services = core_services.EXTERNAL_EVENTS
    #: Inlines other apps add before the event's own (`contribute_inline`): engagements'
    #: process of the event and the groups' sessions at it.
    contributed_inlines: ClassVar[list[type[InlineModelAdmin]]] = []

    @classmethod
    def contribute_inline(
        cls, inline: type[InlineModelAdmin], *, services: RecordWrites | None = None
    ) -> None:
        """Show `inline` on every event's page, its rows written by `services` (by default
        the generic writes)."""
        cls.contributed_inlines.append(inline)
        if services is not None:
            cls.inline_services = {**cls.inline_services, inline.model: services}

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[type[InlineModelAdmin]]:
        return [*self.contributed_inlines, *super().get_inlines(request, obj)]


@admin.register(ExternalEventLink)
class LinkAdmin(ChildTableAdmin, ServiceWritesAdmin, admin.ModelAdmin):
    """The table of one kind of link (edited on its owner's page); engagements registers its
    links with it too."""

    list_display = ["title", "kind", "url"]
    list_filter = ["kind"]
    search_fields = ["title", "url"]


# The mails the site sends and the background tasks' queue (issue 24).
from ccwg.core import admin_mail  # noqa: E402, F401
