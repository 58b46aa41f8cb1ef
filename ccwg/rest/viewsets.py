"""The base viewset of every record resource."""

from rest_framework import viewsets

from ccwg.rest.concurrency import ConditionalWriteMixin
from ccwg.rest.pagination import Pagination


class RecordViewSet(ConditionalWriteMixin, viewsets.ModelViewSet):
    """CRUD on one kind of record: members read, staff write (see ccwg.rest.permissions);
    detail answers carry an `ETag`, and writes honour `If-Match` (ccwg.rest.concurrency)."""

    lookup_value_regex = "[0-9]+"
    pagination_class = Pagination
