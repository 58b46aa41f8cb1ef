"""API tokens in the admin: staff create and revoke their own; superusers anyone's.

Replaces DRF's token admin (which shows every token to whoever may view tokens). A staff
member sees only their own token, creates one for themselves with one click (the key is shown
on the token's page) and revokes it by deleting it; tokens are never edited. Writes go through
`ccwg.members.services`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import Token, TokenProxy

from ccwg.members import services

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _is_staff(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_staff)


class OwnTokenForm(forms.ModelForm):
    """The user is the one asking, unless a superuser picks someone."""

    request: HttpRequest

    class Meta:
        model = TokenProxy
        fields: list[str] = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user = cleaned.get("user") or cast("User", self.request.user)
        if Token.objects.filter(user=user).exists():
            raise ValidationError(
                f"{user.get_username()} already has an API token: revoke it first."
            )
        return cleaned


if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class ApiTokenAdmin(TokenAdmin):
    form = OwnTokenForm
    list_display = ("user", "key", "created")
    readonly_fields = ("key", "created")

    def get_queryset(self, request: HttpRequest) -> QuerySet[TokenProxy]:
        tokens = super().get_queryset(request).select_related("user")
        if request.user.is_superuser:
            return tokens
        return tokens.filter(user_id=request.user.pk)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            return ["user", "key", "created"]
        return ["user"] if request.user.is_superuser else []

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["user", "key", "created"] if obj is not None else []

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form: Any = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        return form

    def get_list_filter(self, request: HttpRequest) -> Any:
        return ["created"] if request.user.is_superuser else []

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        return list(self.search_fields) if request.user.is_superuser else []

    # Every active staff member may manage their own token, without a model permission.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_staff(request) and self._own(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_staff(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_staff(request) and self._own(request, obj)

    @staticmethod
    def _own(request: HttpRequest, obj: Any) -> bool:
        return obj is None or request.user.is_superuser or obj.user_id == request.user.pk

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        user = obj.user if request.user.is_superuser and obj.user_id else cast("User", request.user)
        token = services.create_api_token(user=user)
        obj.key = token.key
        obj.created = token.created
        obj.user = user

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.revoke_api_token(token=obj)
