"""REST API of the groups' meetings.

A meeting is written and read whole: its agenda tree, speakers, outcomes, statements
(attached to agenda items by `agenda_path`), links and actions travel with it. Each nested
list given in a POST, PUT or PATCH replaces what the meeting had (through
`meetings.services`, in one transaction); a list left out is kept as it is.

Attendance: where people are listed one by one (`attendance`, written whole like the other
parts, or in the admin), `members_present` and `total_present` are derived from the list.
They then read the derived counts, and a write of a different value is rejected with 400
(writing the derived value back, or null, is accepted and changes nothing), so a client may
PUT back what it read.

The serializers are in `meetings.serializers`, the querysets in `meetings.selectors`.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ccwg.core.mail_api import STAFF_READ_ERRORS, MessageSerializer
from ccwg.core.output_cache import CachedListMixin
from ccwg.rest.permissions import StaffOnly
from ccwg.rest.schema import (
    ETAG_HEADER,
    IF_NONE_MATCH,
    NOT_MODIFIED,
    WRITE_ERRORS,
    record_schema,
)
from ccwg.rest.viewsets import RecordViewSet
from meetings import notes_services, selectors
from meetings import services as meeting_services
from meetings.filters import MeetingFilter
from meetings.serializers import MeetingSerializer, SendNotesSerializer


@record_schema(MeetingSerializer)
class MeetingViewSet(CachedListMixin, RecordViewSet):
    """The groups' meetings, read and written whole with their nested parts.

    Filters: `?working_group=` (acronym) `?kind=` `?status=` `?year=` `?after=DATE`
    `?before=DATE` (inclusive) and `?search=` (title, notes, location, agenda items).
    """

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    services = meeting_services.MEETINGS

    def get_queryset(self):
        return selectors.meetings_for_api()

    def _reload(self, serializer) -> None:
        """Read the written meeting back with everything the answer shows."""
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_create(self, serializer) -> None:
        super().perform_create(serializer)
        self._reload(serializer)

    def perform_update(self, serializer) -> None:
        super().perform_update(serializer)
        self._reload(serializer)

    @extend_schema(
        request=SendNotesSerializer,
        responses={
            202: MessageSerializer,
            **WRITE_ERRORS,
            404: OpenApiResponse(description="No such meeting."),
            409: OpenApiResponse(
                description="The notes were sent before: send with `again` true to confirm."
            ),
        },
        description="Queue the notes and action items of the meeting, composed from its "
        "record (`subject` and `body` replace the composed ones), to its group's mailing "
        "list with Reply-To the list. Answers 202 with the queued message, whose status "
        "`GET /api/v1/messages/{id}/` reports; 400 when the group has no mailing list.",
    )
    @action(detail=True, methods=["post"], url_path="send-notes")
    def send_notes(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        options = SendNotesSerializer(data=request.data)
        options.is_valid(raise_exception=True)
        message = notes_services.send_notes(
            meeting=meeting,
            subject=options.validated_data.get("subject"),
            body=options.validated_data.get("body"),
            again=options.validated_data["again"],
            user=request.user,
        )
        return Response(MessageSerializer(message, context={"request": request}).data, status=202)

    @extend_schema(
        request=None,
        responses={
            200: MessageSerializer(many=True),
            **NOT_MODIFIED,
            **STAFF_READ_ERRORS,
            404: OpenApiResponse(description="No such meeting."),
        },
        parameters=[IF_NONE_MATCH, ETAG_HEADER],
        description="The notes mails queued for the meeting, newest first (staff).",
    )
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[StaffOnly],
        pagination_class=None,
        filter_backends=[],
    )
    def messages(self, request: Request, pk: str | None = None) -> Response:
        meeting = self.get_object()
        rows = selectors.notes_sent(meeting)
        return Response(MessageSerializer(rows, many=True, context={"request": request}).data)
