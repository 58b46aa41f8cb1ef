from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "ccwg.members"
    label = "members"
    verbose_name = "Members' site"
    default_auto_field = "django.db.models.BigAutoField"
