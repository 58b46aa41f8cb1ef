from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The core records; labelled `ccwg`, the name its tables and migrations carry."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ccwg.core"
    label = "ccwg"
    verbose_name = "Groups and organizations"

    def ready(self) -> None:
        # django-simple-history gives a history model the module `<app name>` instead of
        # `<app name>.models` when the app's label differs from its name (its issue #343),
        # though the class is set on the models module. Point `__module__` there, so what
        # imports models by it (`manage.py shell`'s automatic imports) finds them.
        for model in self.get_models():
            if model.__module__ == self.name:
                model.__module__ = self.models_module.__name__
