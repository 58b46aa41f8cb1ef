"""The home page: the groups and their published reports for everyone; for a logged-in
member, the dashboard of one group, gathered from every app through its selectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from ccwg.core.models import WorkingGroup
from ccwg.core.output_cache import cached, user_key
from ccwg.core.selectors import (
    chartering_organizations,
    group_by_acronym,
    groups_for_picker,
    groups_of_user,
    groups_overview,
    person_of,
)
from engagements.selectors import open_processes
from meetings import selectors as meeting_selectors
from meetings.charts import attendance_svg, attendance_table_html
from reports.models import AnnualReport
from reports.selectors import published_reports_by_group, reports_visible_to

RECENT_MEETINGS = 5
UPCOMING_MEETINGS = 10
ACTION_ITEMS = 20


@dataclass(frozen=True)
class GroupRow:
    """A row of the home page: a group (annotated with `meeting_count`) and its published
    reports."""

    group: WorkingGroup
    published_reports: list[AnnualReport]


@transaction.non_atomic_requests  # reads only: no transaction to open and commit
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return dashboard(request)
    published = published_reports_by_group()
    groups = [GroupRow(group, published.get(group.pk, [])) for group in groups_overview()]
    return render(request, "ccwg/home.html", {"groups": groups})


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 1900 <= int(value) <= 9999 else None


def dashboard(request: HttpRequest) -> HttpResponse:
    """One group's week: upcoming and recent meetings, attendance, open processes and
    actions, chartering organizations, reports. `?group=` picks the group, `?year=` the
    chart's year (default: the last twelve months with meetings).

    The page's body is kept in the cache (`ccwg.core.output_cache`) per user, group, year and day
    until a record changes or the next upcoming meeting starts."""
    acronym = request.GET.get("group", "")
    year = _year(request)
    today = timezone.localdate()
    key = user_key("dashboard", request.user, acronym, year, today.isoformat())
    body = cached(
        key,
        lambda: _dashboard_body(request, acronym, year),
        expires=lambda body: body.holds_until,
    )
    if body.missing_group:
        raise Http404("No such working group.")
    return render(
        request, "ccwg/dashboard.html", {"title": body.title, "body": mark_safe(body.html)}
    )


@dataclass(frozen=True)
class DashboardBody:
    """The rendered body of a dashboard, and until when it holds."""

    title: str
    html: str
    holds_until: dt.datetime | None
    missing_group: bool = False


def _dashboard_body(request: HttpRequest, acronym: str, year: int | None) -> DashboardBody:
    today, now = timezone.localdate(), timezone.now()
    midnight = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
    mine = list(groups_of_user(request.user, today=today))
    choices = mine or list(groups_for_picker())
    if acronym:
        group = group_by_acronym(acronym)
        if group is None:
            return DashboardBody(title="", html="", holds_until=midnight, missing_group=True)
        if all(choice.pk != group.pk for choice in choices):
            choices.append(group)
    else:
        group = choices[0] if choices else None
    context: dict[str, Any] = {"group": group, "choices": choices, "my_groups": mine}
    if group is None:
        html = render_to_string("ccwg/includes/_dashboard_body.html", context)
        return DashboardBody(title="Dashboard", html=html, holds_until=midnight)

    period = meeting_selectors.chart_period(group, today=today, year=year)
    points = meeting_selectors.attendance_points(group, period) if period else []
    chart_title = f"Attendance at {group.acronym} meetings, {period.label if period else ''}"
    upcoming = list(meeting_selectors.upcoming_meetings(group, now=now, limit=UPCOMING_MEETINGS))
    context.update(
        {
            "year": year,
            "period": period,
            "points": points,
            "chart_svg": mark_safe(attendance_svg(points, title=chart_title.strip(", "))),
            "chart_svg_narrow": mark_safe(
                attendance_svg(
                    points,
                    title=chart_title.strip(", "),
                    id_prefix="attendance-rows",
                    layout="rows",
                    width=360,
                )
            ),
            "chart_table": mark_safe(
                attendance_table_html(points, caption=f"{chart_title.strip(', ')}: the figures")
            ),
            "chart_years": meeting_selectors.attendance_years(group),
            "upcoming": upcoming,
            "recent": meeting_selectors.recent_meetings(group, now=now, limit=RECENT_MEETINGS),
            "processes": list(open_processes(group, today=today)),
            "actions": list(meeting_selectors.open_action_items(group)[:ACTION_ITEMS]),
            "my_actions": [
                a
                for a in meeting_selectors.actions_of_person(person_of(request.user))[:ACTION_ITEMS]
                if a.is_open
            ],
            "today": today,
            "charterships": chartering_organizations(group, today=today),
            "reports": list(reports_visible_to(user=request.user, working_group=group)),
        }
    )
    # The body holds until midnight (what is open, due or chartering "today") or until the
    # first upcoming meeting starts (it then leaves "upcoming"), whichever comes first.
    starts = [m.starts_at for m in upcoming if m.starts_at is not None and m.starts_at > now]
    html = render_to_string("ccwg/includes/_dashboard_body.html", context)
    return DashboardBody(
        title=f"{group.acronym} dashboard", html=html, holds_until=min([midnight, *starts])
    )
