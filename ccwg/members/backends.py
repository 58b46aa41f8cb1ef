"""The first authentication backend: django-axes' lock-out check, for requests.

`authenticate()` called without a request (a script, `manage.py shell`, the test client's
`login()`) has no address to count and no visitor to lock out: it goes straight to the next
backend instead of raising as axes' own backend does. Every sign-in over HTTP (the members'
login, the admin's, `POST /api/token/`) passes its request and is checked.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
