"""The member's profile (with the personal calendar links) and the calendar feeds.

A feed answers a logged-in session, or a calendar program that gives a member's token
(`?token=`), which the profile page shows in ready-made links; without either it answers
401 (a calendar program cannot follow a login page). A feed carries an `ETag` (a digest of
its events, the stamps of the moment left out) and a `Last-Modified` (its newest event's
change), and answers 304 to a poll that has them already.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
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
            user = selectors.user_for_calendar_token(key) if key else None
            if user is None:
                return _unauthorized(
                    "This calendar link is not valid or was replaced: copy the current link "
                    "from your profile page."
                    if key
                    else "A calendar feed needs your personal link: copy it from your profile "
                    "page (or log in to download it)."
                )
            request.user = user
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    return wrapper


def _unauthorized(message: str) -> HttpResponse:
    response = HttpResponse(f"{message}\n", status=401, content_type="text/plain; charset=utf-8")
    # RFC 9110 asks a 401 to name a scheme: the token goes in the link's query, not a header.
    response["WWW-Authenticate"] = 'Bearer realm="ccwg calendar", error="invalid_token"'
    return response


_STAMP = re.compile(rb"^(?:DTSTAMP|LAST-MODIFIED):(\d{8}T\d{6})Z\r?$", re.M)


def _ics(request: HttpRequest, content: bytes, filename: str) -> HttpResponse:
    """The feed, with its validators; 304 when the client has this one already."""
    stamps = [dt.datetime.strptime(s.decode(), "%Y%m%dT%H%M%S") for s in _STAMP.findall(content)]
    last_modified = int(max(stamps).replace(tzinfo=dt.UTC).timestamp()) if stamps else None
    events = re.sub(rb"^DTSTAMP:[^\r\n]*\r?\n", b"", content, flags=re.M)
    etag = f'"{hashlib.sha256(events).hexdigest()[:32]}"'
    response = HttpResponse(content, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    conditional = get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
    return conditional if conditional is not None else response


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
    return _ics(request, content, f"{group.acronym}.ics")


@require_safe
@calendar_access
def upcoming_feed(request: HttpRequest) -> HttpResponse:
    content = calendar.meetings_calendar(
        "ccwg upcoming meetings",
        meetings_for_calendar(now=timezone.now()),
        url=_meeting_url(request),
        description="Meetings still to come, of every group. Times in UTC.",
    )
    return _ics(request, content, "upcoming.ics")


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
    return _ics(request, content, "deadlines.ics")


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
    return _ics(request, content, "my-actions.ics")


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
@calendar_access
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting, to add to a calendar ("add to calendar")."""
    meeting = meeting_detail(pk)
    if meeting is None:
        raise Http404("No such meeting.")
    content = calendar.meetings_calendar(str(meeting), [meeting], url=_meeting_url(request))
    response = _ics(request, content, f"meeting-{meeting.pk}.ics")
    if response.status_code == 200:
        response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
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
        elif action == "api-token":
            api_token = services.replace_api_token(user=request.user)
            request.session[NEW_API_TOKEN] = api_token.key  # shown once, on the next page
        elif action == "api-token-revoke":
            existing = selectors.api_token_of(request.user)
            if existing is not None:
                services.revoke_api_token(token=existing)
                messages.success(request, "Your API token no longer works.")
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
    context = {
        "token": token,
        "feeds": [(name, url, _webcal(url)) for name, url in feeds],
        "my_groups": my_groups,
        "api_token": selectors.api_token_of(request.user),
        "new_api_token": request.session.pop(NEW_API_TOKEN, None),
        "api_docs": request.build_absolute_uri("/api/docs/"),
        "api_root": request.build_absolute_uri("/api/v1/"),
    }
    response = render(request, "members/profile.html", context)
    if context["new_api_token"]:
        patch_cache_control(response, private=True, no_store=True)
    return response


#: The session key under which a new API token waits to be shown, once.
NEW_API_TOKEN = "members:new-api-token"


def _webcal(url: str) -> str:
    """The same feed for a calendar program to subscribe to (`webcal://`)."""
    return "webcal://" + url.split("://", 1)[1] if "://" in url else url
