"""Writes of the members' site: issuing and revoking personal calendar links."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ccwg.members.models import CalendarToken, new_key


@transaction.atomic
def issue_calendar_token(user) -> CalendarToken:
    """A new token for the user; the previous one, if any, stops working at once."""
    token, created = CalendarToken.objects.select_for_update().get_or_create(user=user)
    if not created:
        token.key = new_key()
        token.created_at = timezone.now()
        token.save(update_fields=["key", "created_at"])
    return token


def revoke_calendar_token(user) -> bool:
    """Delete the user's token; True when there was one."""
    deleted, _ = CalendarToken.objects.filter(user=user).delete()
    return bool(deleted)
