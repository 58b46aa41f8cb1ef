from django.apps import AppConfig


class CcwgConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ccwg"
    verbose_name = "Groups and organizations"
