"""A member makes, replaces and revokes their API token on the profile page (#25): the key
is shown once, the old one stops at once."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _api(key: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/v1/meetings/").status_code


def test_the_profile_makes_a_token_shows_it_once_and_it_works(member_client, member):
    page = member_client.get("/accounts/profile/").content.decode()
    assert "Make my API token" in page and "/api/docs/" in page
    response = member_client.post("/accounts/profile/", {"action": "api-token"})
    assert response.status_code == 302
    key = Token.objects.get(user=member).key
    shown = member_client.get("/accounts/profile/")
    assert f'value="{key}"' in shown.content.decode()
    assert "no-store" in shown["Cache-Control"]
    assert f'value="{key}"' not in member_client.get("/accounts/profile/").content.decode()
    assert _api(key) == 200


def test_replacing_stops_the_old_token_and_revoking_stops_it(member_client, member):
    member_client.post("/accounts/profile/", {"action": "api-token"})
    old = Token.objects.get(user=member).key
    member_client.post("/accounts/profile/", {"action": "api-token"})
    new = Token.objects.get(user=member).key
    assert new != old and Token.objects.filter(user=member).count() == 1
    assert _api(old) == 401 and _api(new) == 200
    member_client.post("/accounts/profile/", {"action": "api-token-revoke"})
    assert not Token.objects.filter(user=member).exists()
    assert _api(new) == 401
    assert "Make my API token" in member_client.get("/accounts/profile/").content.decode()
