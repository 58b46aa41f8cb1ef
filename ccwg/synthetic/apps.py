from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    """Holds `generate_synthetic_data` (records at any volume for measurements); no models."""

    name = "ccwg.synthetic"
    label = "synthetic"
    verbose_name = "Synthetic records"
