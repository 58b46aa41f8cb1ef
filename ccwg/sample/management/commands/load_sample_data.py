from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from ccwg.core.commands import OneLineErrorsCommand
from ccwg.core.models import ExternalEvent, IcannMeeting, Organization, WorkingGroup
from ccwg.sample import loader
from engagements.models import ExternalProcess, ProcessInput, Threat
from meetings.models import AgendaItem, Meeting


class Command(OneLineErrorsCommand):
    help = (
        "Load the records behind the CCWG-IG 2017 annual report (idempotent: running it "
        "again changes nothing)."
    )

    def handle(self, *args, **options):
        try:
            group = loader.load()
        except ValidationError as error:
            raise CommandError(f"The sample records did not validate: {error}") from error
        if options["verbosity"] >= 1:
            counts = {
                "working groups": WorkingGroup.objects.count(),
                "organizations": Organization.objects.count(),
                "ICANN meetings": IcannMeeting.objects.count(),
                "meetings": Meeting.objects.filter(working_group=group).count(),
                "agenda items": AgendaItem.objects.filter(meeting__working_group=group).count(),
                "external events": ExternalEvent.objects.count(),
                "external processes": ExternalProcess.objects.count(),
                "process inputs": ProcessInput.objects.filter(working_group=group).count(),
                "threats": Threat.objects.filter(working_group=group).count(),
            }
            summary = ", ".join(f"{value} {name}" for name, value in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Sample records for {group.acronym}: {summary}."))
