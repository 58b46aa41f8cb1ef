"""Reads of the core records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Count, F, Max, Prefetch, QuerySet

from ccwg.core.models import (
    Chartership,
    CharterVersion,
    ExternalEvent,
    Organization,
    Person,
    Role,
    WorkingGroup,
)

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


def groups_overview() -> QuerySet[WorkingGroup]:
    """Every group with its number of meetings, for the home page."""
    return WorkingGroup.objects.select_related("successor").annotate(
        meeting_count=Count("meetings", distinct=True)
    )


# --------------------------------------------------------------------------- members' site


def groups_of_user(
    user: AbstractBaseUser | AnonymousUser, *, today: dt.date
) -> QuerySet[WorkingGroup]:
    """The groups the user has a role in today (through the person linked to the login),
    the group with the latest meeting first; none for a login without such roles."""
    if not getattr(user, "is_authenticated", False):
        return WorkingGroup.objects.none()
    roles = Role.objects.active_on(today).filter(person__user=user)
    return (
        WorkingGroup.objects.filter(pk__in=roles.values("working_group_id"))
        .annotate(latest_meeting=Max("meetings__starts_at"))
        .order_by(F("latest_meeting").desc(nulls_last=True), "acronym")
    )


def groups_for_picker() -> QuerySet[WorkingGroup]:
    """Every group, the one with the latest meeting first (the default pick)."""
    return WorkingGroup.objects.annotate(latest_meeting=Max("meetings__starts_at")).order_by(
        F("latest_meeting").desc(nulls_last=True), "acronym"
    )


def group_by_acronym(acronym: str) -> WorkingGroup | None:
    return WorkingGroup.objects.select_related("successor").filter(acronym=acronym).first()


def chartering_organizations(group: WorkingGroup, *, today: dt.date) -> list[Chartership]:
    """The charterships in force today, by organization."""
    return list(
        Chartership.objects.filter(working_group=group)
        .active_on(today)
        .select_related("organization", "withdrawal_effective_before")
        .order_by("organization__acronym")
    )


def group_page(acronym: str) -> WorkingGroup | None:
    """A group with its charterships over time, charter versions, roles, successor and
    predecessors, in a fixed number of queries."""
    return (
        WorkingGroup.objects.filter(acronym=acronym)
        .select_related("successor")
        .prefetch_related(
            Prefetch(
                "charterships",
                queryset=Chartership.objects.select_related(
                    "organization", "withdrawal_effective_before"
                ).order_by(F("joined_on").asc(nulls_first=True), "organization__acronym"),
            ),
            Prefetch(
                "charter_versions",
                queryset=CharterVersion.objects.order_by(
                    F("adopted_on").asc(nulls_last=True), F("drafted_on").asc(nulls_last=True), "id"
                ),
            ),
            Prefetch(
                "roles",
                queryset=Role.objects.select_related("person", "organization").order_by(
                    "kind", "person__full_name", "started_on"
                ),
            ),
            Prefetch("predecessors", queryset=WorkingGroup.objects.order_by("acronym")),
        )
        .first()
    )


def organization_page(acronym: str) -> Organization | None:
    """An organization with the groups it charters (over time), the people who represent it
    and the events it organizes, in a fixed number of queries."""
    return (
        Organization.objects.filter(acronym=acronym)
        .prefetch_related(
            Prefetch(
                "charterships",
                queryset=Chartership.objects.select_related(
                    "working_group", "withdrawal_effective_before"
                ).order_by("working_group__acronym", "joined_on"),
            ),
            Prefetch(
                "roles",
                queryset=Role.objects.select_related("person", "working_group").order_by(
                    "working_group__acronym", "kind", "person__full_name"
                ),
            ),
            Prefetch("events", queryset=ExternalEvent.objects.order_by("-starts_on")),
        )
        .first()
    )


def person_of(user: AbstractBaseUser | AnonymousUser | None) -> Person | None:
    """The person on record a login belongs to (staff link them), or None."""
    if user is None or not user.is_authenticated:
        return None
    return Person.objects.filter(user_id=user.pk).first()
