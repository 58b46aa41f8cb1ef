"""Domain errors: what the services refuse, said in the records' own terms.

This module imports nothing, so every layer may raise or catch these. Each kind is given a
meaning for people once, where it is shown:

- the API: `ccwg.rest.errors.exception_handler` (a `Conflict` answers 409 `{"detail": ...}`,
  any other `DomainError` 400 `{"non_field_errors": [...]}`);
- the admin: `ccwg.core.admin_writes.WriteThroughServicesAdmin` (an error message).

Apps define their own kinds next to their services (e.g. `reports.errors`).
"""

from __future__ import annotations


class DomainError(Exception):
    """A write the rules of the records refuse; `message` says why, for people."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Conflict(DomainError):
    """The write conflicts with the present state of the records (a frozen record, a record
    others still refer to): retrying the same request cannot succeed until that changes."""


class RecordInUse(Conflict):
    """A record cannot be deleted: other records still refer to it (`referrers`, the
    records themselves, which the API lists with links and the admin with its pages)."""

    def __init__(self, message: str, referrers: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.referrers = tuple(referrers)


class Unavailable(DomainError):
    """What the request needs cannot be done now (a render over its time budget, ...);
    the same request may succeed later (API: 503)."""
