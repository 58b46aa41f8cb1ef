"""A member's personal calendar link: calendar programs cannot log in, so they fetch the
feeds with this token in the URL. Issuing a new token revokes the old one."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


def new_key() -> str:
    """43 URL-safe characters (256 random bits)."""
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    key = models.CharField(max_length=64, unique=True, default=new_key)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "calendar token"

    def __str__(self) -> str:
        return f"Calendar link of {self.user}"
