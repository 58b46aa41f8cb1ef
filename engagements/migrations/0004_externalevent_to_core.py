"""External events and their links are now core records (`ccwg.0003`): state only, the
tables stay.

The inputs' and threats' foreign keys point at `ccwg.ExternalEvent` (the same table as
before), and the old `ExternalEvent` and `ExternalEventLink` models are dropped from this
app's state, after `meetings.0003` has pointed the meetings' foreign key away from them.
"""

import django.db.models.deletion
from django.db import migrations, models

FOR_EVENT_HELP = "The meeting of the process the input was sought for."
MILESTONE_EVENT_HELP = "The coming event where the threat may be decided (e.g. PP-18)."

STATE_OPERATIONS = [
    migrations.AlterField(
        model_name="processinput",
        name="for_event",
        field=models.ForeignKey(
            blank=True,
            help_text=FOR_EVENT_HELP,
            null=True,
            on_delete=django.db.models.deletion.SET_NULL,
            related_name="inputs",
            to="ccwg.externalevent",
        ),
    ),
    migrations.AlterField(
        model_name="historicalprocessinput",
        name="for_event",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            help_text=FOR_EVENT_HELP,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="ccwg.externalevent",
        ),
    ),
    migrations.AlterField(
        model_name="threat",
        name="next_milestone_event",
        field=models.ForeignKey(
            blank=True,
            help_text=MILESTONE_EVENT_HELP,
            null=True,
            on_delete=django.db.models.deletion.SET_NULL,
            related_name="threats",
            to="ccwg.externalevent",
        ),
    ),
    migrations.AlterField(
        model_name="historicalthreat",
        name="next_milestone_event",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            help_text=MILESTONE_EVENT_HELP,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="ccwg.externalevent",
        ),
    ),
    migrations.DeleteModel(name="HistoricalExternalEvent"),
    migrations.DeleteModel(name="ExternalEventLink"),
    migrations.DeleteModel(name="ExternalEvent"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("ccwg", "0003_icannmeeting_externalevent_to_core"),
        ("engagements", "0003_process_dates_help"),
        ("meetings", "0003_icannmeeting_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE_OPERATIONS),
    ]
