"""Writes of the members' site: issuing and revoking personal calendar links and API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from ccwg.members.models import CalendarToken, new_key

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def issue_calendar_token(user: User) -> CalendarToken:
    """A new token for the user; the previous one, if any, stops working at once."""
    token, created = CalendarToken.objects.select_for_update().get_or_create(user=user)
    if not created:
        token.key = new_key()
        token.created_at = timezone.now()
        token.save(update_fields=["key", "created_at"])
    return token


def revoke_calendar_token(user: User) -> bool:
    """Delete the user's token; True when there was one."""
    deleted, _ = CalendarToken.objects.filter(user=user).delete()
    return bool(deleted)


@transaction.atomic
def create_api_token(*, user: User) -> Token:
    """A new API token for the user (DRF holds one per user): refused while one exists."""
    if Token.objects.select_for_update().filter(user=user).exists():
        raise ValidationError(
            {"user": f"{user.get_username()} already has an API token: revoke it first."}
        )
    token = Token(user=user)
    token.full_clean(exclude=["key"])
    token.save()
    return token


@transaction.atomic
def revoke_api_token(*, token: Token) -> None:
    """Delete the token: requests carrying it answer 401 from now on."""
    Token.objects.filter(key=token.key).delete()


@transaction.atomic
def replace_api_token(*, user: User) -> Token:
    """A new API token for the user, the previous one (if any) revoked at once."""
    for old in Token.objects.select_for_update().filter(user=user):
        revoke_api_token(token=old)
    return create_api_token(user=user)
