"""Staff create and revoke their own API token in the admin (through the Django client);
they never see or touch another user's; superusers manage anyone's."""

from __future__ import annotations

from django.test import Client
from rest_framework.authtoken.models import Token

from tests.factories import StaffFactory, SuperuserFactory, UserFactory

TOKENS = "/admin/authtoken/tokenproxy/"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_create_their_own_token_and_it_works(db):
    staff = StaffFactory(username="clerk")
    client = logged_in(staff)
    assert client.get(TOKENS + "add/").status_code == 200
    response = client.post(TOKENS + "add/", {})
    assert response.status_code == 302
    token = Token.objects.get(user=staff)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/meetings/").status_code == 200
    # Listed, with the key to copy; the token's page shows it too.
    listing = client.get(TOKENS).content.decode()
    assert token.key in listing
    page = client.get(f"{TOKENS}{staff.pk}/change/")
    assert page.status_code == 200 and token.key in page.content.decode()


def test_a_second_token_is_refused_with_a_message(db):
    staff = StaffFactory(username="clerk")
    Token.objects.create(user=staff)
    response = logged_in(staff).post(TOKENS + "add/", {})
    assert response.status_code == 200
    assert "already has an API token: revoke it first" in response.content.decode()
    assert Token.objects.filter(user=staff).count() == 1


def test_staff_revoke_their_own_token(db):
    staff = StaffFactory(username="clerk")
    key = Token.objects.create(user=staff).key
    client = logged_in(staff)
    assert client.get(f"{TOKENS}{staff.pk}/delete/").status_code == 200
    response = client.post(f"{TOKENS}{staff.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Token.objects.filter(user=staff).exists()
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/meetings/").status_code == 401


def test_staff_never_see_nor_revoke_anothers_token(db):
    staff = StaffFactory(username="clerk")
    other = UserFactory(username="someone")
    other_key = Token.objects.create(user=other).key
    client = logged_in(staff)
    assert other_key not in client.get(TOKENS).content.decode()
    for page in ("change/", "delete/"):
        response = client.get(f"{TOKENS}{other.pk}/{page}")
        assert response.status_code == 302  # "doesn't exist" for them: back to the index
    client.post(f"{TOKENS}{other.pk}/delete/", {"post": "yes"})
    assert Token.objects.filter(key=other_key).exists()
    # The add form has no user to choose: a staff member makes a token for themselves only.
    client.post(TOKENS + "add/", {"user": other.pk})
    assert Token.objects.get(user=other).key == other_key
    assert Token.objects.filter(user=staff).exists()


def test_members_cannot_open_the_token_admin(db):
    response = logged_in(UserFactory(username="reader")).get(TOKENS)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_superusers_manage_anyones_token(db):
    root = SuperuserFactory()
    other = UserFactory(username="someone")
    client = logged_in(root)
    response = client.post(TOKENS + "add/", {"user": other.pk})
    assert response.status_code == 302
    key = Token.objects.get(user=other).key
    assert key in client.get(TOKENS).content.decode()
    client.post(f"{TOKENS}{other.pk}/delete/", {"post": "yes"})
    assert not Token.objects.filter(user=other).exists()
