"""Small wording helpers shared by the apps' messages."""

from __future__ import annotations


def count_of(count: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: "1 item", "2 items", "0 records"."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
