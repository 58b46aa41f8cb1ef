"""The members' page of an external process: its inputs, related meetings and threats."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from engagements import selectors


@require_safe
@login_required
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = selectors.process_page(pk)
    if process is None:
        raise Http404("No such process.")
    inputs = list(process.inputs.all())
    context = {
        "process": process,
        "inputs": inputs,
        "related_meetings": selectors.related_meetings(process),
        "threats": list(process.threats.all()),
        "events": list(process.events.all()),
        "links": list(process.links.all()),
    }
    return render(request, "engagements/process_detail.html", context)
