"""Rules of attendance lists that are no single row's constraint: one function each, used by
the services, the API's serializers, the admin's forms and the querysets."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from meetings.models.choices import AttendanceRole, AttendanceStatus


def members_among(roles: Iterable[str]) -> int:
    """How many of the people listed (by their roles) count as members: all but staff."""
    return sum(1 for role in roles if role != AttendanceRole.STAFF)


Entry = TypeVar("Entry", bound=Mapping[str, Any])


def present_entries(entries: Iterable[Entry]) -> list[Entry]:
    """The entries of an attendance list (`{"status", ...}`, present when unsaid) naming
    people present: those who sent apologies or were absent are never counted."""
    present = AttendanceStatus.PRESENT
    return [e for e in entries if (e.get("status") or present) == present]


def list_is_complete(*, marked: bool, listed: int) -> bool:
    """Whether an attendance list of `listed` people, `marked` complete, names everyone
    present (the counts then derive from it): an empty list never does."""
    return marked and listed > 0


def first_repeat(keys: Iterable[Hashable]) -> tuple[int, int] | None:
    """A person is listed once: the first 1-based position whose key an earlier entry had,
    with that earlier position; None when every key is listed once."""
    seen: dict[Hashable, int] = {}
    for position, key in enumerate(keys, start=1):
        if key in seen:
            return position, seen[key]
        seen[key] = position
    return None


def listed_twice(people: Sequence[Any]) -> str | None:
    """The error of an attendance list naming one person twice ("item 3: Ann Lee is listed
    twice."), or None."""
    repeat = first_repeat(person.pk for person in people)
    if repeat is None:
        return None
    position = repeat[0]
    return f"item {position}: {people[position - 1]} is listed twice."
