"""What a locked-out sign-in sees (django-axes' `AXES_LOCKOUT_CALLABLE`).

After too many failed logins for one account or from one address, the members' login, the
admin's login and the API's token endpoint answer 429 Too Many Requests: a page saying why,
for how long and what to do (HTML), or `{"detail": ...}` under `/api/` (JSON), both with a
`Retry-After` header. Staff unlock with `manage.py axes_reset_username` / `axes_reset_ip`.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

LOCKED_OUT_STATUS = 429


def _minutes(cool_off: timedelta | None) -> int | None:
    if cool_off is None:
        return None
    return max(1, math.ceil(cool_off.total_seconds() / 60))


def lockout_message(minutes: int | None) -> str:
    wait = (
        f"Try again in {minutes} minute{'s' if minutes != 1 else ''}"
        if minutes
        else "Ask the secretariat to unlock it"
    )
    return (
        f"Too many failed logins for this account or from this address "
        f"({settings.AXES_FAILURE_LIMIT} in a row): signing in is paused. {wait}, "
        "or ask the secretariat (staff) to unlock it."
    )


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    cool_off = get_cool_off(request)
    minutes = _minutes(cool_off)
    message = lockout_message(minutes)
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=LOCKED_OUT_STATUS)
    else:
        context = {"message": message, "minutes": minutes}
        response = render(
            request, "registration/locked_out.html", context, status=LOCKED_OUT_STATUS
        )
    if cool_off is not None:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
