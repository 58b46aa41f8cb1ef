"""The sign-in pages (`/accounts/`): Django's own views, with password reset offered only
when e-mail is configured (`settings.PASSWORD_RESET_ENABLED`): otherwise its pages answer
404 and the login page does not link to them, since no mail would ever arrive."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import urls as auth_urls
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path

RESET_VIEWS = frozenset(
    {"password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete"}
)


def reset_enabled() -> bool:
    return bool(getattr(settings, "PASSWORD_RESET_ENABLED", False))


def _only_with_email(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not reset_enabled():
            raise Http404("Password reset is not offered: no e-mail is configured.")
        return view(request, *args, **kwargs)

    return wrapped


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "password_reset_enabled": reset_enabled()}


def _pattern(pattern: URLPattern) -> URLPattern:
    if pattern.name == "login":
        return path("login/", LoginView.as_view(), name="login")
    if pattern.name in RESET_VIEWS:
        return URLPattern(pattern.pattern, _only_with_email(pattern.callback), name=pattern.name)
    return pattern


urlpatterns = [_pattern(p) for p in auth_urls.urlpatterns if isinstance(p, URLPattern)]
