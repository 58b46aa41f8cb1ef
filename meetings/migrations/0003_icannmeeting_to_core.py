"""ICANN meetings are now a core record (`ccwg.0003`): state only, the tables stay.

The meetings' foreign keys point at `ccwg.IcannMeeting` and `ccwg.ExternalEvent` (the same
tables as before), and the old `IcannMeeting` model is dropped from this app's state.
"""

import django.db.models.deletion
from django.db import migrations, models

ICANN_MEETING_HELP = "The ICANN public meeting this meeting was held at."
EXTERNAL_EVENT_HELP = "The external event this session (e.g. a workshop) is part of."

STATE_OPERATIONS = [
    migrations.AlterField(
        model_name="meeting",
        name="icann_meeting",
        field=models.ForeignKey(
            blank=True,
            help_text=ICANN_MEETING_HELP,
            null=True,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="group_meetings",
            to="ccwg.icannmeeting",
        ),
    ),
    migrations.AlterField(
        model_name="historicalmeeting",
        name="icann_meeting",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            help_text=ICANN_MEETING_HELP,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="ccwg.icannmeeting",
        ),
    ),
    migrations.AlterField(
        model_name="meeting",
        name="external_event",
        field=models.ForeignKey(
            blank=True,
            help_text=EXTERNAL_EVENT_HELP,
            null=True,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="group_sessions",
            to="ccwg.externalevent",
        ),
    ),
    migrations.AlterField(
        model_name="historicalmeeting",
        name="external_event",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            help_text=EXTERNAL_EVENT_HELP,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="ccwg.externalevent",
        ),
    ),
    migrations.DeleteModel(name="HistoricalIcannMeeting"),
    migrations.DeleteModel(name="IcannMeeting"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("ccwg", "0003_icannmeeting_externalevent_to_core"),
        ("meetings", "0002_statement_outlives_agenda_item"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE_OPERATIONS),
    ]
