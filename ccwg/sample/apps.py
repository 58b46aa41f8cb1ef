from django.apps import AppConfig


class SampleConfig(AppConfig):
    """Holds the management commands of the sample records and demo logins; no models."""

    name = "ccwg.sample"
    label = "sample"
    verbose_name = "Sample records"
