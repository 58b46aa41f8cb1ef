"""The API of outgoing mail (issue 24; staff only): `GET /api/v1/messages/{id}/` reports
what became of a queued mail (queued, sending, sent, failed with the error)."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from ccwg.core.mail_models import Message
from ccwg.rest.permissions import StaffOnly
from ccwg.rest.schema import ETAG_HEADER, IF_NONE_MATCH, NOT_MODIFIED

STAFF_READ_ERRORS = {
    401: OpenApiResponse(description="Not authenticated."),
    403: OpenApiResponse(description="Authenticated, but not staff."),
}


class MessageSerializer(serializers.ModelSerializer):
    """One mail as queued and what became of it; `error` the last attempt's failure."""

    to = serializers.ListField(child=serializers.EmailField(), read_only=True)
    reply_to = serializers.ListField(child=serializers.EmailField(), read_only=True)
    error = serializers.CharField(source="last_error", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api-message-detail")

    class Meta:
        model = Message
        fields = [
            "id",
            "url",
            "to",
            "reply_to",
            "subject",
            "status",
            "queued_at",
            "sent_at",
            "attempts",
            "error",
            "message_id",
        ]
        read_only_fields = fields


@extend_schema_view(
    retrieve=extend_schema(
        responses={
            200: MessageSerializer,
            **NOT_MODIFIED,
            **STAFF_READ_ERRORS,
            404: OpenApiResponse(description="Not found."),
        },
        parameters=[IF_NONE_MATCH, ETAG_HEADER],
        description="A mail the site queued, and its status: `queued`, `sending`, `sent` "
        "(with `sent_at`) or `failed` (with `error`).",
    )
)
class MessageViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = MessageSerializer
    permission_classes = [StaffOnly]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Message]:
        return Message.objects.all()
