from django.apps import AppConfig

#: The apps whose models are the groups' records (by label): the core's groups,
#: organizations, people and calendar, the meetings, the engagements and the reports. What
#: staff edit, what the cached output is made from, what the archive and the secretariat's
#: permissions cover (the archive adds the members' app).
RECORD_APPS = ("ccwg", "meetings", "engagements", "reports")


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
        # Every history row written in one save carries that save's change set.
        from simple_history.signals import pre_create_historical_record

        from ccwg.core.change_sets import tag_history_row

        pre_create_historical_record.connect(tag_history_row, dispatch_uid="ccwg_change_set")
