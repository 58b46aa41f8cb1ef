"""The staff group ("Secretariat") and the permissions it holds in the admin."""

from django.contrib.auth.models import Permission
from django.db.models import QuerySet

from ccwg.core.apps import RECORD_APPS

SECRETARIAT_GROUP = "Secretariat"


def secretariat_permissions() -> QuerySet[Permission]:
    """Every permission on the records (not on users, groups or tokens)."""
    return Permission.objects.filter(content_type__app_label__in=RECORD_APPS)
