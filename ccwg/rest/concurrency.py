"""Concurrent writes: an `ETag` on every detail response, `If-Match` on PUT, PATCH and DELETE.

The entity tag is a digest of the record's representation, what `GET` returns with its
nested parts, so it changes whenever the record or anything written with it changes. A
write whose `If-Match` names no current tag answers 412 Precondition Failed and changes
nothing. While the tag is compared and the write made, the record's row is locked
(`SELECT ... FOR UPDATE`, inside the request's transaction), so of two writers holding the
same tag exactly one succeeds. Writes without `If-Match` proceed as before. `If-None-Match`
on a detail `GET` answers 304 when the client's copy is current.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

#: The methods `If-Match` guards.
GUARDED_METHODS = frozenset({"PUT", "PATCH", "DELETE"})
#: The viewset actions whose answer carries the record's `ETag`.
TAGGED_ACTIONS = frozenset({"retrieve", "create", "update", "partial_update"})


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The record has changed since you read it: If-Match does not match its current ETag. "
        "Read it again, re-apply your change and send the new ETag."
    )
    default_code = "precondition_failed"


def etag_of(representation: Any) -> str:
    """The strong entity tag of a representation (a quoted SHA-256 prefix)."""
    payload = json.dumps(
        representation,
        cls=DjangoJSONEncoder,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return '"' + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:40] + '"'


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def if_match_allows(header: str, etag: str) -> bool:
    """RFC 9110 `If-Match`: `*`, or one of the listed tags, compared strongly (a weak
    `W/"..."` tag never matches)."""
    tags = _tags(header)
    return "*" in tags or etag in tags


def if_none_match_hits(header: str, etag: str) -> bool:
    """RFC 9110 `If-None-Match`: `*`, or one of the listed tags, compared weakly."""
    tags = [tag.removeprefix("W/") for tag in _tags(header)]
    return "*" in tags or etag in tags


class ConditionalWriteMixin:
    """For a `ModelViewSet`: tags detail answers, checks `If-Match` before writes."""

    def current_etag(self) -> str:
        return etag_of(self.get_serializer(self.get_object()).data)  # type: ignore[attr-defined]

    def check_if_match(self, request: Request) -> None:
        """Lock the record, then refuse the write (412) when If-Match is stale."""
        header = request.headers.get("If-Match")
        if header is None:
            return
        instance = self.get_object()  # type: ignore[attr-defined]
        if connection.features.has_select_for_update:
            # Lock the row alone (the viewset's queryset may join or group), then read the
            # record again: what the tag is compared with is what the write will change.
            manager = type(instance)._default_manager
            list(manager.select_for_update().filter(pk=instance.pk).values_list("pk"))
        if not if_match_allows(header, self.current_etag()):
            raise PreconditionFailed()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)  # type: ignore[misc]
        header = request.headers.get("If-None-Match")
        etag = etag_of(response.data)
        if header is not None and if_none_match_hits(header, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return response

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_if_match(request)
        return super().update(request, *args, **kwargs)  # type: ignore[misc]

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_if_match(request)
        return super().destroy(request, *args, **kwargs)  # type: ignore[misc]

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if (
            getattr(self, "action", None) in TAGGED_ACTIONS
            and response.status_code in (status.HTTP_200_OK, status.HTTP_201_CREATED)
            and isinstance(getattr(response, "data", None), dict)
        ):
            response["ETag"] = etag_of(response.data)
        return response
