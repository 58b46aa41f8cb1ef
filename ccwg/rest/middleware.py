"""Middleware of the API.

`ApiNotFoundMiddleware`: under /api/, a path that names no resource answers 404 in JSON, as
the API's own 404s do. Django answers an unmatched URL with its HTML page (in development,
the technical one); an API client, and the OpenAPI schema, expect `{"detail": "Not found."}`
(e.g. `/api/v1/meetings//`, a detail route with an empty id). DRF's own answers pass through
as they are. (The site-wide middleware is in `ccwg.site`.)
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from rest_framework.response import Response

API_PREFIX = "/api/"


class ApiNotFoundMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith(API_PREFIX)
            and not isinstance(response, Response)
        ):
            return JsonResponse({"detail": "Not found."}, status=404)
        return response
