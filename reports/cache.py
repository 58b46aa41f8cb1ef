"""Draft documents kept in Django's cache framework until a record they are made from changes
(`ccwg.core.cache`: the key holds a fingerprint of all the records).

Rendering a draft costs a full assembly and, for the PDF, about a second of WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from ccwg.core.cache import cached, records_fingerprint

__all__ = ["cached_draft", "draft_key", "records_fingerprint"]


def draft_key(report: models.Model, part: str) -> str:
    return f"draft:{report.pk}:{part}"


def cached_draft(report: models.Model, part: str, build: Callable[[], bytes]) -> bytes:
    """The bytes of `part` (a format, or the page's body) of a draft report: from the cache
    when no record changed since they were rendered, else rendered by `build` and kept."""
    return bytes(cached(draft_key(report, part), build))
