"""The members' pages of a working group and of an organization."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ccwg.core import selectors


@require_safe
@login_required
def group_detail(request: HttpRequest, acronym: str) -> HttpResponse:
    group = selectors.group_page(acronym)
    if group is None:
        raise Http404("No such working group.")
    today = timezone.localdate()
    charterships = list(group.charterships.all())
    roles = list(group.roles.all())
    context = {
        "group": group,
        "today": today,
        "charterships": charterships,
        "current_charterships": [c for c in charterships if c.in_force_on(today)],
        "charter_versions": list(group.charter_versions.all()),
        "current_roles": [r for r in roles if r.current_on(today)],
        "past_roles": [r for r in roles if not r.current_on(today)],
        "predecessors": list(group.predecessors.all()),
    }
    return render(request, "core/group_detail.html", context)


@require_safe
@login_required
def organization_detail(request: HttpRequest, acronym: str) -> HttpResponse:
    organization = selectors.organization_page(acronym)
    if organization is None:
        raise Http404("No such organization.")
    today = timezone.localdate()
    charterships = list(organization.charterships.all())
    context = {
        "organization": organization,
        "charterships": charterships,
        "current_charterships": [c for c in charterships if c.in_force_on(today)],
        "roles": list(organization.roles.all()),
        "events": list(organization.events.all()),
        "today": today,
    }
    return render(request, "core/organization_detail.html", context)
