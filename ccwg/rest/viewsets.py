"""The base viewset of every record resource."""

from rest_framework import viewsets

from ccwg.rest.pagination import Pagination


class RecordViewSet(viewsets.ModelViewSet):
    """CRUD on one kind of record: members read, staff write (see ccwg.rest.permissions)."""

    lookup_value_regex = "[0-9]+"
    pagination_class = Pagination
