"""Reads of the core records."""

from django.db.models import Count, QuerySet

from ccwg.core.models import WorkingGroup


def groups_overview() -> QuerySet[WorkingGroup]:
    """Every group with its number of meetings, for the home page."""
    return WorkingGroup.objects.select_related("successor").annotate(
        meeting_count=Count("meetings", distinct=True)
    )
