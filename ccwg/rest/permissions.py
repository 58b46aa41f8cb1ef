"""Who may do what through the API (README, "The REST API"; the OpenAPI schema at /api/schema/).

Anonymous clients read only what a view opens to them (published reports): anything else
answers 401. Authenticated members read everything; writes need `is_staff` (else 403).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.permissions import SAFE_METHODS, BasePermission

if TYPE_CHECKING:  # DRF's views import the permissions named in the settings: no cycle
    from rest_framework.request import Request
    from rest_framework.views import APIView


class ReadMembersWriteStaff(BasePermission):
    """Members read, staff write; anonymous reads only where `view.anonymous_read` is set."""

    message = "Only staff users may create, change or delete records."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return bool(getattr(view, "anonymous_read", False)) and request.method in SAFE_METHODS
        if request.method in SAFE_METHODS:
            return True
        return bool(user.is_staff)


class StaffOnly(BasePermission):
    """Staff only, reads too (the mails the site sends): anonymous 401, members 403."""

    message = "Only staff users may see the mails the site sends."

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff)
