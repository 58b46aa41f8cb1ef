"""Sign-in protection: django-axes locks out repeated failed logins per account and per
address on the members' login, the admin's login and the API's token endpoint, with a page
(or JSON) saying why; staff unlock with axes' commands. Sessions end on browser close and
at the latest a set time after signing in."""

from __future__ import annotations

from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.factories import StaffFactory, UserFactory

PASSWORD = "password"  # the factories' password
LIMIT = settings.AXES_FAILURE_LIMIT
LOGINS = {
    "members": ("/accounts/login/", UserFactory),
    "admin": ("/admin/login/", StaffFactory),
}


def post_login(path: str, username: str, password: str, address: str = "192.0.2.10"):
    return Client().post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def post_token(username: str, password: str, address: str = "192.0.2.10"):
    return Client().post(
        "/api/token/",
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and "sessionid" in response.cookies


@pytest.mark.parametrize("site", LOGINS)
def test_failed_logins_for_one_account_lock_it_from_every_address(site, db):
    path, factory = LOGINS[site]
    user = factory(username="victim")
    # One wrong password from each of LIMIT addresses: the address limit is never reached.
    answers = [
        post_login(path, "victim", "wrong", f"198.51.100.{n}").status_code
        for n in range(1, LIMIT + 1)
    ]
    assert answers == [200] * (LIMIT - 1) + [429]
    locked = post_login(path, "victim", PASSWORD, "203.0.113.7")
    assert locked.status_code == 429
    assert not signed_in(locked)
    page = locked.content.decode()
    assert "Signing in is paused" in page
    assert "Too many failed logins" in page
    assert "<html" in page  # a page of the site, not a bare text
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    # Another account is not affected.
    factory(username="bystander")
    assert signed_in(post_login(path, "bystander", PASSWORD, "203.0.113.7"))
    assert user.pk


@pytest.mark.parametrize("site", LOGINS)
def test_failed_logins_from_one_address_lock_that_address(site, db):
    path, factory = LOGINS[site]
    factory(username="someone")
    answers = [
        post_login(path, f"guess{n}", "wrong", "192.0.2.99").status_code for n in range(LIMIT)
    ]
    assert answers[-1] == 429
    assert post_login(path, "someone", PASSWORD, "192.0.2.99").status_code == 429
    # The same account from another address signs in.
    assert signed_in(post_login(path, "someone", PASSWORD, "192.0.2.100"))


def test_the_api_token_endpoint_gives_a_token_and_locks_out_as_json(db):
    user = UserFactory(username="client")
    ok = post_token("client", PASSWORD)
    assert ok.status_code == 200
    assert ok.json() == {"token": Token.objects.get(user=user).key}
    answers = [post_token("client", "wrong", f"198.51.100.{n}") for n in range(1, LIMIT + 1)]
    assert [a.status_code for a in answers] == [400] * (LIMIT - 1) + [429]
    locked = post_token("client", PASSWORD, "203.0.113.8")
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json"
    assert "Too many failed logins" in locked.json()["detail"]
    assert "token" not in locked.json()


def test_a_success_before_the_limit_clears_the_failures(db):
    UserFactory(username="forgetful")
    for _ in range(LIMIT - 1):
        assert post_login("/accounts/login/", "forgetful", "wrong").status_code == 200
    assert signed_in(post_login("/accounts/login/", "forgetful", PASSWORD))
    assert post_login("/accounts/login/", "forgetful", "wrong").status_code == 200


def test_staff_unlock_an_account_and_an_address_with_the_axes_commands(db):
    UserFactory(username="locked")
    for n in range(LIMIT):
        post_login("/accounts/login/", "locked", "wrong", f"198.51.100.{n}")
    assert post_login("/accounts/login/", "locked", PASSWORD).status_code == 429
    call_command("axes_reset_username", "locked", verbosity=0)
    assert signed_in(post_login("/accounts/login/", "locked", PASSWORD))

    for n in range(LIMIT):
        post_login("/accounts/login/", f"guess{n}", "wrong", "192.0.2.55")
    assert post_login("/accounts/login/", "locked", PASSWORD, "192.0.2.55").status_code == 429
    call_command("axes_reset_ip", "192.0.2.55", verbosity=0)
    assert not AccessAttempt.objects.filter(ip_address="192.0.2.55").exists()
    assert signed_in(post_login("/accounts/login/", "locked", PASSWORD, "192.0.2.55"))


def test_the_unlock_commands_refuse_missing_arguments_with_one_line(db):
    for command in ("axes_reset_username", "axes_reset_ip"):
        with pytest.raises(CommandError) as refused:
            call_command(command)
        assert "\n" not in str(refused.value)
        assert "required" in str(refused.value)


# --- Sessions ---------------------------------------------------------------------------


def test_a_session_ends_with_the_browser_and_after_its_age(db):
    UserFactory(username="reader")
    client = Client()
    response = client.post("/accounts/login/", {"username": "reader", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie
    session = Session.objects.get(session_key=cookie.value)
    age = (session.expire_date - timezone.now()).total_seconds()
    assert settings.SESSION_COOKIE_AGE - 60 < age <= settings.SESSION_COOKIE_AGE
    assert client.get("/meetings/").status_code == 200

    # Past the expiry: logged out. The clock moves on for the session's row and for its copy
    # in the shared cache (`cached_db`) alike.
    later = timezone.now() + timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("django.core.cache.backends.db.tz_now", return_value=later),
    ):
        response = client.get("/meetings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
