"""Which admin tables the index lists: the ones staff open on their own.

A table edited only inside its owner's page (a meeting's links, attendances, agenda items;
a group's charterships and roles ...) mixes in `ChildTableAdmin`: it leaves the index and the
app pages but keeps its URLs, so links to its rows (from the consistency checks, the history)
still work.
"""

from __future__ import annotations

from django.http import HttpRequest


class ChildTableAdmin:
    """Mixin for a ModelAdmin of a table edited inside its owner's page."""

    def get_model_perms(self, request: HttpRequest) -> dict[str, bool]:
        return {}
