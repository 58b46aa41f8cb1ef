"""The member's profile (with the personal calendar links) and the calendar feeds.

A feed answers a logged-in session, or a calendar program that gives a member's token
(`?token=`), which the profile page shows in ready-made links.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from ccwg.core.selectors import group_by_acronym, groups_for_picker, groups_of_user, person_of
from ccwg.members import calendar, selectors, services
from engagements.selectors import closing_processes
from meetings.selectors import (
    actions_of_person,
    due_action_items,
    meeting_detail,
    meetings_for_calendar,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from meetings.models import ActionItem, Meeting

CALENDAR_TYPE = "text/calendar; charset=utf-8"

P = ParamSpec("P")


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `login_required`: its user is logged in."""

    user: User


def calendar_access(
    view: Callable[Concatenate[HttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Let in a logged-in session, or a request carrying a valid personal token."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            key = request.GET.get("token", "")
            if not key:
                return redirect_to_login(request.get_full_path())
            user = selectors.user_for_calendar_token(key)
            if user is None:
                return HttpResponse(
                    "This calendar link is not valid or was replaced: copy the current link "
                    "from your profile page.\n",
                    status=403,
                    content_type="text/plain; charset=utf-8",
                )
            request.user = user
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    return wrapper


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _meeting_url(request: HttpRequest) -> Callable[[Meeting], str]:
    return lambda meeting: request.build_absolute_uri(reverse("meetings:detail", args=[meeting.pk]))


@require_safe
@calendar_access
def group_feed(request: HttpRequest, acronym: str) -> HttpResponse:
    group = group_by_acronym(acronym)
    if group is None:
        raise Http404("No such working group.")
    content = calendar.meetings_calendar(
        f"{group.acronym} meetings",
        meetings_for_calendar(group=group),
        url=_meeting_url(request),
        description=f"Meetings of the {group.name}. Times in UTC.",
    )
    return _ics(content, f"{group.acronym}.ics")


@require_safe
@calendar_access
def upcoming_feed(request: HttpRequest) -> HttpResponse:
    content = calendar.meetings_calendar(
        "ccwg upcoming meetings",
        meetings_for_calendar(now=timezone.now()),
        url=_meeting_url(request),
        description="Meetings still to come, of every group. Times in UTC.",
    )
    return _ics(content, "upcoming.ics")


@require_safe
@calendar_access
def deadlines_feed(request: HttpRequest) -> HttpResponse:
    content = calendar.deadlines_calendar(
        closing_processes(),
        due_action_items(),
        process_url=lambda p: request.build_absolute_uri(
            reverse("engagements:process_detail", args=[p.pk])
        ),
        action_url=_action_url(request),
        stamp=timezone.now(),
    )
    return _ics(content, "deadlines.ics")


def _action_url(request: HttpRequest) -> Callable[[ActionItem], str]:
    return lambda action: request.build_absolute_uri(
        reverse("meetings:detail", args=[action.meeting_id]) + f"#action-{action.pk}"
    )


@require_safe
@calendar_access
def my_actions_feed(request: HttpRequest) -> HttpResponse:
    """The due dates of the open action items the member owns."""
    actions = [
        a for a in actions_of_person(person_of(request.user)) if a.is_open and a.due_on is not None
    ]
    content = calendar.deadlines_calendar(
        (),
        actions,
        process_url=str,
        action_url=_action_url(request),
        stamp=timezone.now(),
        name="ccwg: my action items",
        description="The due dates of the open action items you own.",
    )
    return _ics(content, "my-actions.ics")


@require_safe
@login_required
def my_actions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The action items the member owns, of every group: open first, then the others."""
    person = person_of(request.user)
    actions = list(actions_of_person(person))
    context = {
        "person": person,
        "open_actions": [a for a in actions if a.is_open],
        "closed_actions": [a for a in actions if not a.is_open],
        "today": timezone.localdate(),
    }
    return render(request, "members/my_actions.html", context)


@require_safe
@login_required
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting, to add to a calendar ("add to calendar")."""
    meeting = meeting_detail(pk)
    if meeting is None:
        raise Http404("No such meeting.")
    content = calendar.meetings_calendar(str(meeting), [meeting], url=_meeting_url(request))
    response = _ics(content, f"meeting-{meeting.pk}.ics")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "issue":
            services.issue_calendar_token(request.user)
            messages.success(
                request, "New calendar links made. Links you copied before no longer work."
            )
        elif action == "revoke" and services.revoke_calendar_token(request.user):
            messages.success(request, "Your calendar links no longer work.")
        return redirect("members:profile")
    token = selectors.calendar_token_of(request.user)
    today = timezone.localdate()
    my_groups = list(groups_of_user(request.user, today=today))
    groups = my_groups or list(groups_for_picker())
    feeds: list[tuple[str, str]] = []
    if token is not None:

        def link(name: str, *args: str) -> str:
            return request.build_absolute_uri(f"{reverse(name, args=args)}?token={token.key}")

        feeds = [(f"{g.acronym} meetings", link("members:group_feed", g.acronym)) for g in groups]
        feeds.append(("Upcoming meetings of every group", link("members:upcoming_feed")))
        feeds.append(("Deadlines: processes closing, actions due", link("members:deadlines_feed")))
        feeds.append(("My action items: their due dates", link("members:my_actions_feed")))
    context = {"token": token, "feeds": feeds, "my_groups": my_groups}
    return render(request, "members/profile.html", context)
