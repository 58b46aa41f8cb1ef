"""The Content-Security-Policy header of every response: django-csp's middleware, with the
settings' policy built once."""

from __future__ import annotations

from collections.abc import Callable

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

#: What a view sets on its response to change or drop the policy (django-csp's decorators,
#: `reports.views`, `ccwg.rest.renderers`).
_PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, except that the policy of a response that changes nothing in
    it (no nonce used, no per-view policy: nearly every response) is the settings' policy
    built once, not on every request. Building it took a fifth of a published download's
    time. Everything else (nonces, per-view policies, report-only, excluded prefixes, the
    debug pages) takes django-csp's own way."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        super().__init__(get_response)
        #: (the settings' policy object, the header built from it)
        self._built: tuple[object, str] | None = None

    def _settings_policy(self) -> str | None:
        """The header of the settings' policy; None when django-csp must decide."""
        config = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        if (
            not config
            or config.get("EXCLUDE_URL_PREFIXES")
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        ):
            return None
        if self._built is None or self._built[0] is not config:
            self._built = (config, build_policy())
        return self._built[1]

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        policy = None
        if (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in _PER_RESPONSE)
            and HEADER not in response
            and HEADER_REPORT_ONLY not in response
            and not (settings.DEBUG and response.status_code in (404, 500))
        ):
            policy = self._settings_policy()
        if policy is None:
            return super().process_response(request, response)
        response[HEADER] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
