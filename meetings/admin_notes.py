"""The meeting admin's "Send the notes" page (issue 24): the notes and action-items mail,
composed from the record (`meetings.notes_mail`), for staff to edit and send to the group's
mailing list. Sending again asks first."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ccwg.core.mail_models import BODY, SUBJECT, validate_one_line
from ccwg.errors import Conflict, DomainError
from meetings import notes_services
from meetings.models import Meeting
from meetings.notes_mail import compose_notes
from meetings.selectors import notes_sent


class NotesMailForm(forms.Form):
    subject = forms.CharField(max_length=SUBJECT, validators=[validate_one_line])
    body = forms.CharField(
        max_length=BODY,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100}),
        help_text="Plain text; the HTML part is composed from the record while this is "
        "unchanged, else made from this text.",
    )
    again = forms.BooleanField(
        required=False,
        label="Send again",
        help_text="The notes of this meeting were sent before: tick to send them again.",
    )


def send_notes_view(model_admin: ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    """GET: the composed mail in a form; POST: queue it (the worker sends it)."""
    meeting = Meeting.objects.select_related("working_group").filter(pk=object_id).first()
    if meeting is None:
        raise Http404("No such meeting.")
    if not model_admin.has_change_permission(request, meeting):
        raise PermissionDenied
    composed = compose_notes(meeting)
    sent = list(notes_sent(meeting))
    change_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    form = NotesMailForm(
        request.POST or None,
        initial={"subject": composed.subject, "body": composed.text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            notes_services.send_notes(
                meeting=meeting,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                again=form.cleaned_data["again"],
                user=request.user,
            )
        except Conflict as error:
            form.add_error("again", str(error))
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"The notes are queued to {composed.to}: the worker sends them."
            )
            return HttpResponseRedirect(change_url)
    context: dict[str, Any] = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": meeting,
        "title": f"Send the notes: {meeting}",
        "form": form,
        "to": composed.to,
        "sent": sent,
        "change_url": change_url,
        "group_url": reverse("admin:ccwg_workinggroup_change", args=[meeting.working_group_id]),
    }
    return TemplateResponse(request, "admin/meetings/meeting/send_notes.html", context)
