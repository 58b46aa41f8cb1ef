"""Reads of the members' site's own records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.authtoken.models import Token

from ccwg.members.models import CalendarToken

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def calendar_token_of(user: User) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


def user_for_calendar_token(key: str) -> User | None:
    """The active user a calendar token belongs to, or None."""
    if not key or len(key) > 64:
        return None
    token = (
        CalendarToken.objects.select_related("user").filter(key=key, user__is_active=True).first()
    )
    return token.user if token else None


def api_token_of(user: User) -> Token | None:
    """The user's API token (DRF keeps one per user), or None."""
    return Token.objects.filter(user=user).first()
