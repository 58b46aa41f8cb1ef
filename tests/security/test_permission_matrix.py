"""The permission matrix: every URL pattern of the project (walked from the resolver: pages,
downloads, calendar feeds, the admin, the API) × anonymous, member, staff × GET, HEAD, POST,
PUT, PATCH, DELETE, OPTIONS, each against the one table below of what should happen.

A pattern the table does not name fails its test, naming it: a new URL states who may use it
before it ships. Each pattern is requested with real records (tests.security.world); every
request's writes are rolled back, so one cell never changes what another sees. The outcomes
are defined in tests.security.matrix: `ok`, `login`, `401`, `403`, `404`, `405`.

Who is who: `member` is a login without staff status; `staff` is a staff login in the
secretariat group (every permission on the records, none on users, groups or the tokens of
others), as `create_demo_users` makes them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client

from tests.security.matrix import METHODS, ROLES, Row, expected, outcome, request
from tests.security.urls import instantiate, url_patterns
from tests.security.world import World, build_world

# --- The table -------------------------------------------------------------------------------
# Cells: anonymous | member | staff. "GET HEAD=ok, *=405": those methods let through, any
# other answers 405. Outcomes are defined in tests/security/matrix.py.

READ = "GET HEAD=ok, *=405"  # a page or download: read-only (require_safe)
MEMBERS_READ = Row("GET HEAD=login, *=405", READ, READ)  # members' site: log in first
PUBLIC_READ = Row(READ, READ, READ)
# Calendar feeds: a calendar program cannot follow a login page, so 401 without a token.
FEED_READ = Row("GET HEAD=401, *=405", READ, READ)
FORM = "PATCH DELETE=405, *=ok"  # Django's form views: GET, HEAD, POST, PUT, OPTIONS
DONE_PAGE = "GET HEAD OPTIONS=ok, *=405"  # Django's template views after a form
# Password reset: off while no e-mail is configured (the suite's settings), its pages 404.
NO_MAIL = Row("404", "404", "404")
# The API (api.md): anonymous 401 (published reports excepted), members read (403 on writes),
# staff write. A list takes GET and POST; a detail GET, PUT, PATCH, DELETE.
API_LIST = Row("401", "GET HEAD OPTIONS=ok, *=403", "PUT PATCH DELETE=405, *=ok")
API_DETAIL = Row("401", "GET HEAD OPTIONS=ok, *=403", "POST=405, *=ok")
API_REPORT_ACTION = Row(  # POST only: publish, new version
    "GET HEAD=405, OPTIONS=ok, *=401",
    "GET HEAD=405, OPTIONS=ok, *=403",
    "POST OPTIONS=ok, *=405",
)
# Staff-only reads (the mails the site sends): members 403 whatever the method.
API_STAFF_READ = Row("401", "403", "GET HEAD OPTIONS=ok, *=405")
# The admin: anonymous and members are sent to the admin's login; staff may open every page
# (Django's admin renders a page for any method; only a valid POST writes).
ADMIN = Row("login", "login", "ok")
# Tables the secretariat holds no permission on (users, groups): 403 for staff.
ADMIN_NO_PERMISSION = Row("login", "login", "403")
# /admin/<app>/<model>/<id>/ only redirects to .../change/ (so "ok" whatever comes next).
ADMIN_REDIRECT = Row("login", "login", "ok")


def admin_model(label: str, row: Row = ADMIN, *, history: bool = True) -> dict[str, Row]:
    """The six pages Django's admin gives a model, and django-simple-history's version page."""
    base = f"admin/{label}/"
    entries = {
        base: row,
        f"{base}add/": row,
        f"{base}<path:object_id>/history/": row,
        f"{base}<path:object_id>/delete/": row,
        f"{base}<path:object_id>/change/": row,
        f"{base}<path:object_id>/": ADMIN_REDIRECT,
    }
    if history:
        entries[f"{base}([^/]+)/history/([^/]+)/$"] = row
    return entries


def read_only_admin_model(label: str) -> dict[str, Row]:
    """A table only services and the worker write: staff look (a save is refused, 403)."""
    return {
        **admin_model(label, history=False),
        f"admin/{label}/add/": ADMIN_NO_PERMISSION,
        f"admin/{label}/<path:object_id>/delete/": ADMIN_NO_PERMISSION,
        f"admin/{label}/<path:object_id>/change/": Row("login", "login", "POST=403, *=ok"),
    }


TABLE: dict[str, Row | dict[str, Row]] = {
    # Home: the groups and their published reports (anonymous), the dashboard (logged in).
    "": PUBLIC_READ,
    "groups/<str:acronym>/": MEMBERS_READ,
    "organizations/<str:acronym>/": MEMBERS_READ,
    # The profile: POST makes or revokes the personal calendar link.
    "accounts/profile/": Row(
        "GET HEAD POST=login, *=405", "GET HEAD POST=ok, *=405", "GET HEAD POST=ok, *=405"
    ),
    # Calendar feeds: a session or the personal ?token= (tests/members/test_calendar.py).
    "calendar/upcoming.ics": FEED_READ,
    "calendar/deadlines.ics": FEED_READ,
    "calendar/my-actions.ics": FEED_READ,
    "my/actions/": MEMBERS_READ,
    "calendar/meetings/<int:pk>.ics": FEED_READ,
    "calendar/<str:acronym>.ics": FEED_READ,
    "meetings/": MEMBERS_READ,
    "meetings/export.csv": MEMBERS_READ,
    "meetings/<int:pk>/": MEMBERS_READ,
    "processes/<int:pk>/": MEMBERS_READ,
    "search/": MEMBERS_READ,
    # Django's account pages.
    "accounts/login/": Row(FORM, FORM, FORM),
    "accounts/logout/": Row(*["POST OPTIONS=ok, *=405"] * 3),
    "accounts/password_change/": Row("login", FORM, FORM),
    "accounts/password_change/done/": Row("login", DONE_PAGE, DONE_PAGE),
    "accounts/password_reset/": NO_MAIL,
    "accounts/password_reset/done/": NO_MAIL,
    # A valid link redirects, whatever the method, to the page that asks the new password.
    "accounts/reset/<uidb64>/<token>/": NO_MAIL,
    "accounts/reset/done/": NO_MAIL,
    # The admin.
    "admin/": ADMIN,
    "admin/login/": Row(FORM, FORM, FORM),
    # Not staff: Django sends the visitor to /admin/ (and so to the login), whatever the method.
    "admin/logout/": Row("ok", "ok", "POST OPTIONS=ok, *=405"),
    "admin/password_change/": Row("login", "login", FORM),
    "admin/password_change/done/": Row("login", "login", DONE_PAGE),
    # Without the app, model and field to complete, Django refuses: 403.
    "admin/autocomplete/": Row("login", "login", "GET HEAD=403, OPTIONS=ok, *=405"),
    "admin/jsi18n/": Row("login", "login", DONE_PAGE),
    # Meetings have no page of their own on the site to "view on site": 404.
    "admin/r/<path:content_type_id>/<path:object_id>/": Row("login", "login", "404"),
    "admin/(?P<app_label>auth|ccwg|django_tasks_database|meetings|engagements|reports"
    "|authtoken)/$": ADMIN,
    "admin/(?P<url>.*)$": Row("login", "login", "404"),
    **admin_model("auth/group", ADMIN_NO_PERMISSION, history=False),
    **admin_model("auth/user", ADMIN_NO_PERMISSION, history=False),
    "admin/auth/user/<id>/password/": ADMIN_NO_PERMISSION,
    **admin_model("ccwg/workinggroup"),
    "admin/ccwg/workinggroup/<int:object_id>/draft-report/": ADMIN,
    **admin_model("ccwg/organization"),
    **admin_model("ccwg/chartership"),
    **admin_model("ccwg/charterversion"),
    **admin_model("ccwg/person"),
    **admin_model("ccwg/role"),
    **admin_model("ccwg/icannmeeting"),
    **admin_model("ccwg/externalevent"),
    **admin_model("ccwg/externaleventlink", history=False),
    **admin_model("meetings/meeting"),
    "admin/meetings/meeting/<path:object_id>/history/<str:change_set>/restore/": ADMIN,
    # The outline's live preview on the meeting page: JSON for staff, POST only.
    "admin/meetings/meeting/outline-preview/": Row("login", "login", "POST=ok, *=405"),
    "admin/meetings/meeting/<path:object_id>/send-notes/": ADMIN,
    # The participant list checked as it is typed: JSON, POST only.
    "admin/meetings/meeting/participants/preview/": Row("login", "login", "POST=ok, *=405"),
    **admin_model("meetings/agendaitem"),
    **admin_model("meetings/actionitem"),
    **admin_model("meetings/statement"),
    **admin_model("meetings/attendance"),
    **admin_model("meetings/speaker", history=False),
    **admin_model("meetings/outcome", history=False),
    **admin_model("meetings/meetinglink", history=False),
    **admin_model("meetings/agendaitemlink", history=False),
    **admin_model("engagements/externalprocess"),
    **admin_model("engagements/externalprocesslink", history=False),
    **admin_model("engagements/processinput"),
    **admin_model("engagements/processinputlink", history=False),
    **admin_model("engagements/threat"),
    **admin_model("reports/annualreport"),
    "admin/reports/annualreport/<int:object_id>/publish/": ADMIN,
    "admin/reports/annualreport/<int:object_id>/words/": ADMIN,
    "admin/reports/annualreport/<int:object_id>/new-version/": Row(
        "login", "login", "POST=ok, *=405"
    ),
    # Outgoing mail and the background tasks (issue 24): staff look and retry, never add,
    # change or delete (the services and the worker write them).
    **read_only_admin_model("ccwg/message"),
    **read_only_admin_model("django_tasks_database/dbtaskresult"),
    # API tokens: every staff member manages their own (ccwg/members/admin.py); never edited.
    **admin_model("authtoken/tokenproxy", history=False),
    "admin/authtoken/tokenproxy/<path:object_id>/change/": Row("login", "login", "POST=403, *=ok"),
    # The API.
    "api/v1/": Row("401", "GET HEAD OPTIONS=ok, *=403", "GET HEAD OPTIONS=ok, *=405"),
    "api/v1/working-groups/$": API_LIST,
    "api/v1/working-groups/(?P<acronym>[^/]+)/$": API_DETAIL,
    "api/v1/organizations/$": API_LIST,
    "api/v1/organizations/(?P<acronym>[^/]+)/$": API_DETAIL,
    "api/v1/charterships/$": API_LIST,
    "api/v1/charterships/(?P<pk>[0-9]+)/$": API_DETAIL,
    "api/v1/icann-meetings/$": API_LIST,
    "api/v1/icann-meetings/(?P<number>[0-9]+)/$": API_DETAIL,
    "api/v1/meetings/$": API_LIST,
    "api/v1/meetings/(?P<pk>[0-9]+)/$": API_DETAIL,
    # Sending the notes (issue 24): staff POST; the mails, staff only, reads too.
    "api/v1/meetings/(?P<pk>[0-9]+)/send-notes/$": Row(
        "401", "GET HEAD=405, OPTIONS=ok, *=403", "POST OPTIONS=ok, *=405"
    ),
    "api/v1/meetings/(?P<pk>[0-9]+)/messages/$": API_STAFF_READ,
    "api/v1/messages/(?P<pk>[0-9]+)/$": API_STAFF_READ,
    "api/v1/external-events/$": API_LIST,
    "api/v1/external-events/(?P<pk>[0-9]+)/$": API_DETAIL,
    "api/v1/external-processes/$": API_LIST,
    "api/v1/external-processes/(?P<pk>[0-9]+)/$": API_DETAIL,
    "api/v1/process-inputs/$": API_LIST,
    "api/v1/process-inputs/(?P<pk>[0-9]+)/$": API_DETAIL,
    "api/v1/threats/$": API_LIST,
    "api/v1/threats/(?P<pk>[0-9]+)/$": API_DETAIL,
    "api/v1/people/$": API_LIST,
    "api/v1/people/(?P<pk>[0-9]+)/$": API_DETAIL,
    # Reports: anonymous clients read the published ones (a draft does not exist for them).
    "api/v1/reports/$": API_LIST._replace(anonymous="GET HEAD OPTIONS=ok, *=401"),
    "api/v1/reports/(?P<pk>[0-9]+)/$": {
        "published": API_DETAIL._replace(anonymous="GET HEAD OPTIONS=ok, *=401"),
        "draft": API_DETAIL._replace(anonymous="GET HEAD=404, OPTIONS=ok, *=401"),
    },
    "api/v1/reports/(?P<pk>[0-9]+)/new-version/$": {
        "published": API_REPORT_ACTION,
        "draft": API_REPORT_ACTION,
    },
    "api/v1/reports/(?P<pk>[0-9]+)/publish/$": {
        "published": API_REPORT_ACTION,
        "draft": API_REPORT_ACTION,
    },
    # A report's words: read as the report is; staff PATCH a draft's (a published one: 409).
    "api/v1/reports/(?P<pk>[0-9]+)/blocks/$": {
        "published": Row(
            "GET HEAD OPTIONS=ok, *=401", "GET HEAD OPTIONS=ok, *=403", "GET HEAD OPTIONS=ok, *=405"
        ),
        "draft": Row(
            "GET HEAD=404, OPTIONS=ok, *=401",
            "GET HEAD OPTIONS=ok, *=403",
            "GET HEAD OPTIONS=ok, *=405",
        ),
    },
    "api/v1/reports/(?P<pk>[0-9]+)/blocks/(?P<key>[A-Za-z0-9_./\\-]+)/$": {
        "published": Row(
            "GET HEAD OPTIONS=ok, *=401",
            "GET HEAD OPTIONS=ok, *=403",
            "GET HEAD OPTIONS PATCH=ok, *=405",
        ),
        "draft": Row(
            "GET HEAD=404, OPTIONS=ok, *=401",
            "GET HEAD OPTIONS=ok, *=403",
            "GET HEAD OPTIONS PATCH=ok, *=405",
        ),
    },
    "api/schema/": Row(DONE_PAGE, DONE_PAGE, DONE_PAGE),
    "api/token/": Row(*["POST OPTIONS=ok, *=405"] * 3),
    "api/docs/": Row(DONE_PAGE, DONE_PAGE, DONE_PAGE),  # OPTIONS: its methods, no body
    "api/redoc/": Row("ok", "ok", "ok"),  # a permanent redirect to /api/docs/, any method
    # Annual reports: published ones are public by design; drafts need a login.
    "reports/<str:acronym>/": PUBLIC_READ,
    "reports/<str:acronym>/<int:year>/": {"published": PUBLIC_READ, "draft": MEMBERS_READ},
    "reports/<str:acronym>/<int:year>.<report_format:fmt>": {
        "published-docx": PUBLIC_READ,
        "published-md": PUBLIC_READ,
        "published-html": PUBLIC_READ,
        "draft-md": MEMBERS_READ,
        "draft-html": MEMBERS_READ,
    },
    # What changed between versions: the world's group has one published report (2016) and
    # a draft (2017), so 2017 compares published -> draft (a login first) and 2016 has nothing
    # before it (404 for everyone, saying so).
    "reports/<str:acronym>/<int:year>/changes/": {
        "published": Row(*["GET HEAD=404, *=405"] * 3),
        "draft": MEMBERS_READ,
    },
    # A permanent redirect to the static icon, whatever the method.
    "favicon.ico": Row("ok", "ok", "ok"),
}

#: Patterns requested with more than one record: a published and a draft report (published
#: reports are public by design, drafts are not), and download formats (one view serves them
#: all; the PDF, slow to draw, is left to tests/security/test_headers.py).
VARIANTS: dict[str, tuple[str, ...]] = {
    "reports/<str:acronym>/<int:year>/": ("published", "draft"),
    "reports/<str:acronym>/<int:year>/changes/": ("published", "draft"),
    "reports/<str:acronym>/<int:year>.<report_format:fmt>": (
        "published-docx",
        "published-md",
        "published-html",
        "draft-md",
        "draft-html",
    ),
    "api/v1/reports/(?P<pk>[0-9]+)/$": ("published", "draft"),
    "api/v1/reports/(?P<pk>[0-9]+)/new-version/$": ("published", "draft"),
    "api/v1/reports/(?P<pk>[0-9]+)/publish/$": ("published", "draft"),
    "api/v1/reports/(?P<pk>[0-9]+)/blocks/$": ("published", "draft"),
    "api/v1/reports/(?P<pk>[0-9]+)/blocks/(?P<key>[A-Za-z0-9_./\\-]+)/$": (
        "published",
        "draft",
    ),
}

# --- The tests -------------------------------------------------------------------------------

ROUTES = url_patterns()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The records, made once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(world: World, django_db_blocker) -> dict[str, Client]:
    with django_db_blocker.unblock():
        member, staff = Client(), Client()
        member.force_login(world.member)
        staff.force_login(world.staff)
    return {"anonymous": Client(), "member": member, "staff": staff}


def test_every_pattern_has_an_entry_and_every_entry_a_pattern():
    missing = [route for route in ROUTES if route not in TABLE]
    stale = [route for route in TABLE if route not in ROUTES]
    assert not missing, "URL patterns with no entry in TABLE:\n" + "\n".join(missing)
    assert not stale, "TABLE entries no URL pattern has:\n" + "\n".join(stale)


def _cases() -> list[tuple[str, str]]:
    return [(route, variant) for route in ROUTES for variant in VARIANTS.get(route, ("",))]


@pytest.mark.parametrize(("route", "variant"), _cases())
def test_permissions(route: str, variant: str, world: World, clients: dict[str, Client], db):
    entry = TABLE.get(route)
    discover = os.environ.get("MATRIX_DISCOVER")
    if entry is None and not discover:
        pytest.fail(f"URL pattern {route!r} has no entry in TABLE (tests/security)")
    row = entry.get(variant) if isinstance(entry, dict) else entry
    values, groups = world.values(route, variant)
    path = instantiate(route, values, groups)
    api = route.startswith("api/")
    mismatches, seen = [], {}
    for role in ROLES:
        headers = {}
        if api and role != "anonymous":
            headers["HTTP_AUTHORIZATION"] = f"Token {world.tokens[role]}"
        got = {}
        for method in METHODS:
            response = request(clients[role], method, path, api=api, **headers)
            assert response.status_code < 500, f"{method} {path} as {role}: {response.status_code}"
            got[method] = outcome(response, method)
            if row is not None:
                want = expected(getattr(row, role), method)
                if got[method] != want:
                    mismatches.append(
                        f"{method} {path} as {role}: expected {want}, got {got[method]} "
                        f"({response.status_code})"
                    )
        seen[role] = got
    if discover:
        with Path(discover).open("a") as out:
            out.write(f"{route!r}\t{variant}\t{seen!r}\n")
        return
    assert not mismatches, f"{route} ({variant or 'one record'}):\n" + "\n".join(mismatches)
