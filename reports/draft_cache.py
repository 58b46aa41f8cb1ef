"""Draft documents kept in Django's cache framework until a record they are made from changes
(`ccwg.core.output_cache`: the key holds a fingerprint of all the records).

Rendering a draft costs a full assembly and, for the PDF, about a second of WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import models
from django.utils import timezone

from ccwg.core.output_cache import cached, records_fingerprint

__all__ = ["cached_draft", "cached_value", "draft_key", "records_fingerprint"]

T = TypeVar("T")


def draft_key(report: models.Model, part: str) -> str:
    """A draft's part; the day too, since the checks marked in a draft read today's date."""
    return f"draft:{report.pk}:{part}:{timezone.localdate().isoformat()}"


def cached_value(report: models.Model, part: str, build: Callable[[], T]) -> T:
    """`part` of a draft report (any picklable value) while no record changed."""
    return cached(draft_key(report, part), build)


def cached_draft(report: models.Model, part: str, build: Callable[[], bytes]) -> bytes:
    """The bytes of `part` (a format, or the page's body) of a draft report: from the cache
    when no record changed since they were rendered, else rendered by `build` and kept."""
    return bytes(cached(draft_key(report, part), build))
