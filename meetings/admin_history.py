"""The meeting's history in the admin, and its restore; the state its stale-save guard keeps.

`MeetingHistoryAdmin` is mixed into `MeetingAdmin` (before `SimpleHistoryAdmin`):

- `<id>/history/` lists the meeting's change sets, newest first: when, who (admin or API),
  and what changed in words, for the meeting and everything on its page
  (`meetings.history.meeting_history`);
- `<id>/history/<change set>/restore/` is the confirmation page: what restoring that version
  would change now, item by item; "Restore the whole version", or only the ticked items (one
  field, one row, a deleted one included), or "Undo only this save" (what it changed goes
  back, later changes stay). The restore is written through the services and shows in the
  history as a change set of its own;
- simple-history's one-record revert (`<id>/history/<history id>/`) sends to the history;
- the page state of the stale-save guard (`ccwg.core.admin_guard`) is the meeting's whole
  state, whatever the change form shows of it, worded as the history words it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from ccwg.core.admin_writes import refusal_text
from ccwg.errors import DomainError
from meetings import history
from meetings.models import Meeting


class MeetingHistoryAdmin:
    """Mixin for the meeting's ModelAdmin: change-set history, restore, page state."""

    history_changesets_template = "admin/meetings/meeting/history_changesets.html"
    history_restore_template = "admin/meetings/meeting/history_restore.html"

    # -- the stale-save guard's view of the page
    def page_state(self, obj: Meeting) -> Any:
        return history.state_of(obj)

    def describe_page_changes(self, then: Any, now: Any) -> list[str]:
        return history.worded(history.diff_states(then, now))

    def page_changed_by(self, obj: Meeting, since: dt.datetime) -> list[str]:
        entries = history.meeting_history(obj)
        return sorted({str(e.user) for e in entries if e.date > since and e.user is not None})

    # -- URLs
    def get_urls(self) -> list:
        opts = self.opts  # type: ignore[attr-defined]
        site = self.admin_site  # type: ignore[attr-defined]
        custom = [
            path(
                "<path:object_id>/history/<str:change_set>/restore/",
                site.admin_view(self.restore_view),
                name=f"{opts.app_label}_{opts.model_name}_restore",
            ),
        ]
        return custom + super().get_urls()  # type: ignore[misc]

    def _meeting(self, request: HttpRequest, object_id: str) -> Meeting:
        meeting = self.get_object(request, unquote(object_id))  # type: ignore[attr-defined]
        if meeting is None:
            raise Http404("No such meeting.")
        return meeting

    def _context(self, request: HttpRequest, meeting: Meeting, title: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": self.opts,  # type: ignore[attr-defined]
            "original": meeting,
            "title": title,
        }

    # -- the history
    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        meeting = self._meeting(request, object_id)
        if not self.has_view_or_change_permission(request, meeting):  # type: ignore[attr-defined]
            raise PermissionDenied
        entries = list(reversed(history.meeting_history(meeting)))
        context = {
            **self._context(request, meeting, f"History: {meeting}"),
            "entries": entries,
            "can_restore": self.has_change_permission(request, meeting),  # type: ignore[attr-defined]
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.history_changesets_template, context)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict | None = None,
    ) -> HttpResponse:
        """simple-history's revert of the meeting row alone: the change-set history instead."""
        opts = self.opts  # type: ignore[attr-defined]
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id])
        )

    # -- restoring
    def restore_view(self, request: HttpRequest, object_id: str, change_set: str) -> HttpResponse:
        meeting = self._meeting(request, object_id)
        if not self.has_change_permission(request, meeting):  # type: ignore[attr-defined]
            raise PermissionDenied
        opts = self.opts  # type: ignore[attr-defined]
        history_url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_history", args=[meeting.pk]
        )
        if request.method == "POST":
            items: list[str] | None = None
            if "restore_items" in request.POST:
                items = [item for item in request.POST.getlist("item") if item]
                if not items:
                    self.message_user(  # type: ignore[attr-defined]
                        request, "Tick the items to restore.", messages.WARNING
                    )
                    return HttpResponseRedirect(request.path)
            undo = "undo" in request.POST
            try:
                plan = history.restore_meeting(
                    meeting=meeting,
                    change_set_key=change_set,
                    items=items,
                    undo=undo,
                    user=request.user,
                )
            except LookupError as error:
                raise Http404(str(error)) from error
            except (DomainError, ValidationError) as error:
                self.message_user(request, refusal_text(error), messages.ERROR)  # type: ignore[attr-defined]
                return HttpResponseRedirect(request.path)
            done = "; ".join(plan.lines) or "nothing differed"
            when = f"{plan.entry.date:%-d %b %Y, %H:%M} UTC"
            if undo:
                said = f"Undid what the save of {when} changed"
            else:
                said = f"Restored {'the version' if plan.whole else 'from the version'} of {when}"
            self.message_user(request, f"{said}: {done}.", messages.SUCCESS)  # type: ignore[attr-defined]
            return HttpResponseRedirect(history_url)
        found = history.plan_restore(meeting=meeting, change_set_key=change_set)
        if found is None:
            raise Http404("This change set is not in the meeting's history.")
        context = {
            **self._context(request, meeting, f"Restore an earlier version: {meeting}"),
            "plan": found,
            "undo": history.plan_undo(meeting=meeting, change_set_key=change_set),
            "entry": found.entry,
            "history_url": history_url,
        }
        return TemplateResponse(request, self.history_restore_template, context)
