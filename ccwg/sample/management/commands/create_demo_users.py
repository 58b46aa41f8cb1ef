from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import CommandError
from django.db import transaction

from ccwg.core.commands import OneLineErrorsCommand
from ccwg.sample.secretariat import SECRETARIAT_GROUP, secretariat_permissions

DEMO_USERS = [
    # username, password, staff
    ("demo-staff", "demo-staff-pass", True),
    ("demo-member", "demo-member-pass", False),
]


class Command(OneLineErrorsCommand):
    help = "Create the local demo logins (a staff user and a member). For development only."

    def handle(self, *args, **options):
        # The passwords are published in the README: never in production.
        if not getattr(settings, "DEMO_USERS_ALLOWED", False):
            raise CommandError(
                "create_demo_users is for development only: set DJANGO_DEBUG=1 to run it."
            )
        self.create(verbosity=options["verbosity"])

    @transaction.atomic
    def create(self, *, verbosity):
        secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
        wanted = set(secretariat_permissions().values_list("pk", flat=True))
        if set(secretariat.permissions.values_list("pk", flat=True)) != wanted:
            secretariat.permissions.set(Permission.objects.filter(pk__in=wanted))
        users = get_user_model()
        for username, password, staff in DEMO_USERS:
            user, created = users.objects.get_or_create(username=username)
            if created or not user.check_password(password) or user.is_staff != staff:
                user.set_password(password)
                user.is_staff = staff
                user.save()
            if staff:
                user.groups.add(secretariat)
            if verbosity >= 1:
                role = "staff" if staff else "member"
                self.stdout.write(f"Demo {role} login: {username} / {password}")
