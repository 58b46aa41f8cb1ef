from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "engagements"

    def ready(self) -> None:
        # External events are core records; what engagements knows of them (the process an
        # event is a meeting of) is contributed to their services and API.
        from engagements import event_process

        event_process.contribute()
