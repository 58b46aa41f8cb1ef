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

from ccwg.core.output_cache import CachedListMixin
from ccwg.rest.schema import record_schema
from ccwg.rest.viewsets import RecordViewSet
from meetings import selectors
from meetings import services as meeting_services
from meetings.filters import MeetingFilter
from meetings.serializers import MeetingSerializer


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
