"""The API: Django REST framework (authentication, permissions, errors, throttles, issues 10
and 12) and its OpenAPI schema (drf-spectacular)."""

from ccwg.settings.environment import env

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes anonymous requests answer 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Anonymous: published reports only (401 elsewhere); members read; staff write.
    "DEFAULT_PERMISSION_CLASSES": ["ccwg.rest.permissions.ReadMembersWriteStaff"],
    # django-filter's, refusing unknown query parameters (ccwg.rest.filters).
    "DEFAULT_FILTER_BACKENDS": ["ccwg.rest.filters.StrictFilterBackend"],
    "DEFAULT_PARSER_CLASSES": ["ccwg.rest.errors.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "ccwg.rest.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "ccwg.rest.errors.exception_handler",
    # Every status each operation can answer, and the rules the server checks (issue 12).
    "DEFAULT_SCHEMA_CLASS": "ccwg.rest.schema.RecordAutoSchema",
    # OPTIONS: DRF's field description, bounded where a serializer nests itself (issue 12).
    "DEFAULT_METADATA_CLASS": "ccwg.rest.metadata.BoundedMetadata",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    # Throttles: per address for anonymous clients, per user for logged-in ones, and a
    # tighter scope for the token endpoint. Over the rate: 429 {"detail"} with Retry-After.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str(
            "DJANGO_API_THROTTLE_ANON",
            default="60/minute",
            help="API rate of anonymous clients, per address (DRF syntax: `60/minute`)",
        ),
        "user": env.str(
            "DJANGO_API_THROTTLE_USER",
            default="600/minute",
            help="API rate of logged-in clients, per user",
        ),
        "token": env.str(
            "DJANGO_API_THROTTLE_TOKEN",
            default="10/minute",
            help="API rate of the token endpoint (`POST /api/token/`)",
        ),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ccwg API",
    "DESCRIPTION": (
        "Records of ICANN cross-community working groups and their annual reports.\n\n"
        "**Authentication**: `Authorization: Token <key>` (`manage.py drf_create_token "
        "<username>`) or the browser session. Anonymous clients read published reports "
        "only (401 elsewhere); members read everything (403 on writes); staff write.\n\n"
        "**Relations** to groups, organizations and ICANN meetings are written and read by "
        "their natural key (`acronym`, `number`); other relations by `id`. Every resource "
        "returns its `id` and its API `url`, except external events and processes, whose "
        "`url` is their own web page: their API address is `api_url`.\n\n"
        "**Meetings** are written and read whole: each nested list given (`agenda`, "
        "`speakers`, `outcomes`, `statements`, `links`, `actions`, `attendance`) replaces "
        "what the meeting had, in one transaction; a list left out is kept. With attendance "
        "listed person by person, `members_present` and `total_present` are derived: a "
        "different value is rejected with 400.\n\n"
        '**Errors**: invalid input answers 400 with `{"field": ["message", ...]}` (nested '
        'places are named in the message, 1-based: `"item 1 > children > item 2 > title: '
        '..."`; rules about the record as a whole under `non_field_errors`). Deleting a '
        "record other records still refer to, or changing a published report, answers 409 "
        'with `{"detail": "..."}`.\n\n'
        "**Lists** are paginated (`?page=`, `?page_size=` up to 200) and filtered with the "
        "query parameters each list documents; an invalid filter value, or a query parameter "
        "the list does not know, answers 400 naming it."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "ccwg.core.models.OrganizationKind",
        "WorkingGroupKindEnum": "ccwg.core.models.WorkingGroupKind",
        "DatePrecisionEnum": "ccwg.core.models.DatePrecision",
        "LinkKindEnum": "ccwg.core.models.LinkKind",
        "IcannMeetingFormatEnum": "ccwg.core.models.IcannMeetingFormat",
        "MeetingKindEnum": "meetings.models.MeetingKind",
        "MeetingStatusEnum": "meetings.models.MeetingStatus",
        "ActionStatusEnum": "meetings.models.ActionStatus",
        "InputChannelEnum": "engagements.models.InputChannel",
        "ReportStatusEnum": "reports.models.ReportStatus",
    },
}
