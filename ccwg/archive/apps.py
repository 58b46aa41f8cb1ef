from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "ccwg.archive"
    label = "archive"
    verbose_name = "Archive"
