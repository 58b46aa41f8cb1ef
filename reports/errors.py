"""What the report services refuse (see `ccwg.errors` for how each kind is shown).

Each is also a Django `ValidationError`, as these refusals were before they had names of
their own: code that catches `ValidationError` around the report services (forms, scripts,
tests) keeps working. The API and the admin tell them apart by their domain type, which
they check first.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from ccwg.errors import Conflict, DomainError, Unavailable


class ReportError(DomainError, ValidationError):  # type: ignore[misc]  # both keep `message`
    """A step on an annual report that its present state refuses (API: 400)."""


class ReportFrozen(ReportError, Conflict):  # type: ignore[misc]
    """The report is published: its record and documents are frozen (API: 409)."""


class ReportAlreadyPublished(ReportError):
    """Publishing a report that is published already (API: 400, as it always answered)."""


class ReportIsDraft(ReportError):
    """A new version is started from a published report, not from a draft."""


class DraftExists(ReportError):
    """The group already has a draft of this report: edit that one."""


class RenderFailed(ReportError, Unavailable):  # type: ignore[misc]
    """A document of the report could not be rendered now (too slow, or the renderer
    failed): nothing was written (API: 503; downloads: a 503 page)."""
