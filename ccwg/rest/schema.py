"""The documented answers of the record viewsets (drf-spectacular)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers

#: Documented error answers of every write.
WRITE_ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description='Invalid input: `{"field": [...]}`.'),
    401: OpenApiResponse(description="Not authenticated."),
    403: OpenApiResponse(description="Authenticated, but not staff."),
}
DELETE_RESPONSES = {
    204: OpenApiResponse(description="Deleted."),
    401: OpenApiResponse(description="Not authenticated."),
    403: OpenApiResponse(description="Authenticated, but not staff."),
    404: OpenApiResponse(description="Not found."),
    409: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description='Other records still refer to this one (`{"detail": ...}`); '
        "delete or change them first.",
    ),
}


def record_schema(serializer: type[serializers.Serializer], *, frozen_when: str = ""):
    """The documented answers of a record viewset's operations.

    `frozen_when` documents a 409 on updates (e.g. "the report is published").
    """
    conflict = {}
    if frozen_when:
        conflict = {
            409: OpenApiResponse(
                OpenApiTypes.OBJECT, description=f'Refused when {frozen_when}: `{{"detail"}}`.'
            )
        }

    def with_errors(status: int) -> dict:
        return {status: serializer, **WRITE_ERRORS}

    def changed() -> dict:
        return {**with_errors(200), 404: OpenApiResponse(description="Not found."), **conflict}

    return extend_schema_view(
        create=extend_schema(responses=with_errors(201)),
        update=extend_schema(responses=changed()),
        partial_update=extend_schema(responses=changed()),
        destroy=extend_schema(responses=DELETE_RESPONSES),
    )
