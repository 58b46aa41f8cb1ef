"""The permission matrix's machinery: roles, methods, outcomes, and one request each.

An outcome names what a request met, not the body it got back:

- `ok`       let through: 2xx or 3xx (a redirect not to a login page); for a write with no
             input, a 400 (the form or serializer refused the empty input) or a 409 (a record
             still referred to) also counts: the permission check was passed
- `login`    redirected to a login page (the members' or the admin's)
- `401`, `403`, `404`, `405`   that status

A cell of the table reads `"GET HEAD=ok, *=405"`: methods (space-separated) = outcome, and
`*` for every method not named; a bare outcome (`"login"`) holds for every method.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from typing import NamedTuple

from django.db import transaction
from django.http import HttpResponse
from django.test import Client

ROLES = ("anonymous", "member", "staff")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
LOGIN_PAGES = ("/accounts/login/", "/admin/login/")


class Row(NamedTuple):
    anonymous: str
    member: str
    staff: str


def expected(cell: str, method: str) -> str:
    rules: dict[str, str] = {}
    for part in cell.split(","):
        if "=" not in part:
            rules["*"] = part.strip()
            continue
        methods, outcome = part.split("=")
        for name in methods.split():
            rules[name] = outcome.strip()
    return rules.get(method, rules.get("*", "?"))


def outcome(response: HttpResponse, method: str) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = response["Location"]
        return "login" if location.split("?")[0].endswith(LOGIN_PAGES) else "ok"
    if 200 <= status < 300 or status == 304:
        return "ok"
    if status in (400, 409) and method not in ("GET", "HEAD", "OPTIONS"):
        return "ok"
    return str(status)


def request(client: Client, method: str, path: str, *, api: bool, **headers: str) -> HttpResponse:
    """One request, its writes rolled back so that no other cell sees them; the client's
    cookies (a logout ends the session) are put back as well."""
    cookies = SimpleCookie()
    cookies.load({key: morsel.value for key, morsel in client.cookies.items()})
    kwargs: dict[str, object] = {}
    if method in ("POST", "PUT", "PATCH"):
        kwargs = (
            {"data": "{}", "content_type": "application/json"}
            if api
            else {"data": "", "content_type": "application/x-www-form-urlencoded"}
        )
    with transaction.atomic():
        response = client.generic(method, path, **kwargs, **headers)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response
