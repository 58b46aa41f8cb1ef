"""The home page: the groups and their published reports for everyone; for a logged-in
member, the dashboard of one group, gathered from every app through its selectors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from ccwg.core.models import WorkingGroup
from ccwg.core.selectors import (
    chartering_organizations,
    group_by_acronym,
    groups_for_picker,
    groups_of_user,
    groups_overview,
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
    chart's year (default: the last twelve months with meetings)."""
    today, now = timezone.localdate(), timezone.now()
    mine = list(groups_of_user(request.user, today=today))
    choices = mine or list(groups_for_picker())
    acronym = request.GET.get("group", "")
    if acronym:
        group = group_by_acronym(acronym)
        if group is None:
            raise Http404("No such working group.")
        if all(choice.pk != group.pk for choice in choices):
            choices.append(group)
    else:
        group = choices[0] if choices else None
    context: dict[str, Any] = {"group": group, "choices": choices, "my_groups": mine}
    if group is None:
        return render(request, "ccwg/dashboard.html", context)

    year = _year(request)
    period = meeting_selectors.chart_period(group, today=today, year=year)
    points = meeting_selectors.attendance_points(group, period) if period else []
    chart_title = f"Attendance at {group.acronym} meetings, {period.label if period else ''}"
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
            "upcoming": list(
                meeting_selectors.upcoming_meetings(group, now=now, limit=UPCOMING_MEETINGS)
            ),
            "recent": meeting_selectors.recent_meetings(group, now=now, limit=RECENT_MEETINGS),
            "processes": list(open_processes(group, today=today)),
            "actions": list(meeting_selectors.open_action_items(group)[:ACTION_ITEMS]),
            "today": today,
            "charterships": chartering_organizations(group, today=today),
            "reports": list(reports_visible_to(user=request.user, working_group=group)),
        }
    )
    return render(request, "ccwg/dashboard.html", context)
