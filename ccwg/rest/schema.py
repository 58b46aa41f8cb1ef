"""The documented answers of the record viewsets (drf-spectacular)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
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
        description='Other records still refer to this one (`{"detail": ..., '
        '"referred_to_by": [{"kind", "label", "id", "url", "admin_url"}]}`); change or '
        "delete them first, or name a replacement with `?replace_with=`.",
    ),
}
REPLACE_WITH = OpenApiParameter(
    "replace_with",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description="The record (its lookup value, as in its URL, or its `id`) that the records "
    "referring to this one should refer to instead; they are changed, then this one is "
    "deleted. Without it, a record still referred to is not deleted (409).",
)


#: Concurrent writes (see `ccwg.rest.concurrency`).
ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201, 304],
    description="Entity tag of the record as returned, nested parts included; send it back "
    "in `If-Match` to write only if nobody changed the record meanwhile.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Write only if the record's current `ETag` is one of these (or `*`); "
    "otherwise 412 and nothing changes. Without it, the write proceeds.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Answer 304 Not Modified, with no body, when the record's `ETag` is one of these.",
)
PRECONDITION_FAILED = {
    412: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description='`If-Match` no longer matches the record\'s `ETag` (`{"detail"}`): someone '
        "changed it since you read it; nothing was written.",
    )
}
NOT_MODIFIED = {
    304: OpenApiResponse(description="Not modified: your copy (`If-None-Match`) is current.")
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
        return {
            **with_errors(200),
            404: OpenApiResponse(description="Not found."),
            **conflict,
            **PRECONDITION_FAILED,
        }

    return extend_schema_view(
        retrieve=extend_schema(
            parameters=[IF_NONE_MATCH, ETAG_HEADER],
            responses={200: serializer, **NOT_MODIFIED},
        ),
        create=extend_schema(parameters=[ETAG_HEADER], responses=with_errors(201)),
        update=extend_schema(parameters=[IF_MATCH, ETAG_HEADER], responses=changed()),
        partial_update=extend_schema(parameters=[IF_MATCH, ETAG_HEADER], responses=changed()),
        destroy=extend_schema(
            parameters=[IF_MATCH, REPLACE_WITH],
            responses={**DELETE_RESPONSES, **PRECONDITION_FAILED},
        ),
    )
