from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The core records; labelled `ccwg`, the name its tables and migrations carry."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ccwg.core"
    label = "ccwg"
    verbose_name = "Groups and organizations"
