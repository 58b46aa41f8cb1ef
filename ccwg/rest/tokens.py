"""`POST /api/token/`: an API token for a username and password (DRF's ObtainAuthToken).

Sign-in protection applies as on the login pages: django-axes counts the failures per account
and per address and, past the limit, `AxesMiddleware` answers 429 JSON (`ccwg.members.lockout`);
the `token` throttle scope bounds the rate of attempts as well. The password goes to
`authenticate()` with the Django request itself (not DRF's wrapper), so the lock-out flag axes
sets reaches the middleware.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from ccwg.rest.errors import JSONParser

_DETAIL = inline_serializer("TokenError", {"detail": serializers.CharField()})


class ObtainTokenView(ObtainAuthToken):
    parser_classes = (JSONParser, FormParser)
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "token"

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["request"] = self.request._request
        return context

    @extend_schema(
        operation_id="token_create",
        summary="An API token for a username and password",
        description=(
            "Answers the user's token (made on first use). Failed attempts count towards the "
            "sign-in lock-out: past the limit for the account or the address, 429."
        ),
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Wrong or missing username or password."),
            429: OpenApiResponse(_DETAIL, description="Locked out or throttled."),
        },
        auth=[],
        tags=["token"],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # Answered, not raised: DRF rolls back the request's transaction on a raised
            # error, and axes' record of the failed attempt would go with it.
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
