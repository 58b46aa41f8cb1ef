"""ICANN meetings and external events (with their links) become records of the core app.

State only: the models come from `meetings` and `engagements`, whose tables they keep
(`db_table`, and `table_name` of the history tables), so the database does not change.
`meetings.0003` and `engagements.0004` point the foreign keys here and drop the old models;
`ccwg.0004` moves their content types (and so the permissions granted on them).
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

LINK_KINDS = [
    ("transcript", "Transcript"),
    ("recording", "Recording"),
    ("schedule", "Schedule page"),
    ("wiki", "Wiki page"),
    ("mailing_list", "Mailing-list archive"),
    ("submission", "Submission"),
    ("document", "Document"),
    ("other", "Other"),
]
ICANN_MEETING_FORMATS = [
    ("A", "Meeting A (Community Forum)"),
    ("B", "Meeting B (Policy Forum)"),
    ("C", "Meeting C (Annual General Meeting)"),
]
HISTORY_TYPES = [("+", "Created"), ("~", "Changed"), ("-", "Deleted")]
HISTORY_OPTIONS = {
    "ordering": ("-history_date", "-history_id"),
    "get_latest_by": ("history_date", "history_id"),
}


def history_fields():
    return [
        ("history_id", models.AutoField(primary_key=True, serialize=False)),
        ("history_date", models.DateTimeField(db_index=True)),
        ("history_change_reason", models.CharField(max_length=100, null=True)),
        ("history_type", models.CharField(choices=HISTORY_TYPES, max_length=1)),
        (
            "history_user",
            models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]


def icann_meeting_fields(history: bool):
    return [
        (
            "id",
            models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")
            if history
            else models.BigAutoField(
                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
            ),
        ),
        (
            "number",
            models.PositiveSmallIntegerField(db_index=True)
            if history
            else models.PositiveSmallIntegerField(unique=True),
        ),
        ("city", models.CharField(max_length=100)),
        ("country", models.CharField(blank=True, max_length=100)),
        ("starts_on", models.DateField()),
        ("ends_on", models.DateField()),
        (
            "format",
            models.CharField(blank=True, choices=ICANN_MEETING_FORMATS, max_length=1),
        ),
        ("url", models.URLField(blank=True, max_length=500, verbose_name="URL")),
    ]


def external_event_fields(history: bool):
    fk = {"db_constraint": False, "on_delete": django.db.models.deletion.DO_NOTHING}
    return [
        (
            "id",
            models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")
            if history
            else models.BigAutoField(
                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
            ),
        ),
        ("name", models.CharField(max_length=300)),
        ("acronym", models.CharField(blank=True, max_length=40)),
        ("location", models.CharField(blank=True, max_length=200)),
        ("starts_on", models.DateField()),
        ("ends_on", models.DateField()),
        ("url", models.URLField(blank=True, max_length=500, verbose_name="URL")),
        ("description", models.TextField(blank=True)),
        (
            "organizer",
            models.ForeignKey(
                blank=True, null=True, related_name="+", to="ccwg.organization", **fk
            )
            if history
            else models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="events",
                to="ccwg.organization",
            ),
        ),
        (
            "process",
            models.ForeignKey(
                blank=True,
                help_text="The process this event is a meeting of, if any.",
                null=True,
                related_name="+",
                to="engagements.externalprocess",
                **fk,
            )
            if history
            else models.ForeignKey(
                blank=True,
                help_text="The process this event is a meeting of, if any.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="events",
                to="engagements.externalprocess",
            ),
        ),
    ]


STATE_OPERATIONS = [
    migrations.CreateModel(
        name="IcannMeeting",
        fields=icann_meeting_fields(history=False),
        options={
            "verbose_name": "ICANN meeting",
            "db_table": "meetings_icannmeeting",
            "ordering": ["number"],
            "constraints": [
                models.CheckConstraint(
                    condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                    name="icann_meeting_ends_after_start",
                    violation_error_message="An ICANN meeting cannot end before it starts.",
                ),
                models.CheckConstraint(
                    condition=models.Q(("format__in", ["A", "B", "C", ""])),
                    name="icann_meeting_format_valid",
                ),
                models.CheckConstraint(
                    condition=models.Q(("number__gt", 0)), name="icann_meeting_number_positive"
                ),
            ],
        },
    ),
    migrations.CreateModel(
        name="HistoricalIcannMeeting",
        fields=icann_meeting_fields(history=True) + history_fields(),
        options={
            "verbose_name": "historical ICANN meeting",
            "verbose_name_plural": "historical ICANN meetings",
            "db_table": "meetings_historicalicannmeeting",
            **HISTORY_OPTIONS,
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="ExternalEvent",
        fields=external_event_fields(history=False),
        options={
            "db_table": "engagements_externalevent",
            "ordering": ["starts_on", "name"],
            "constraints": [
                models.CheckConstraint(
                    condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                    name="external_event_ends_after_start",
                    violation_error_message="An event cannot end before it starts.",
                ),
                models.UniqueConstraint(
                    fields=("name", "starts_on"),
                    name="external_event_unique_name_start",
                    violation_error_message="An event with this name already starts on that "
                    "date.",
                ),
            ],
        },
    ),
    migrations.CreateModel(
        name="HistoricalExternalEvent",
        fields=external_event_fields(history=True) + history_fields(),
        options={
            "verbose_name": "historical external event",
            "verbose_name_plural": "historical external events",
            "db_table": "engagements_historicalexternalevent",
            **HISTORY_OPTIONS,
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="ExternalEventLink",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("title", models.CharField(max_length=300)),
            ("url", models.URLField(blank=True, max_length=1000, verbose_name="URL")),
            ("kind", models.CharField(choices=LINK_KINDS, default="document", max_length=20)),
            ("position", models.PositiveSmallIntegerField(default=1)),
            (
                "event",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="links",
                    to="ccwg.externalevent",
                ),
            ),
        ],
        options={
            "db_table": "engagements_externaleventlink",
            "ordering": ["position", "id"],
            "abstract": False,
            "constraints": [
                models.UniqueConstraint(fields=("event", "position"), name="event_link_position"),
            ],
        },
    ),
    migrations.AlterField(
        model_name="chartership",
        name="withdrawal_effective_before",
        field=models.ForeignKey(
            blank=True,
            help_text="The ICANN meeting the withdrawal takes effect ahead of (e.g. ICANN 61).",
            null=True,
            on_delete=django.db.models.deletion.PROTECT,
            related_name="+",
            to="ccwg.icannmeeting",
        ),
    ),
    migrations.AlterField(
        model_name="historicalchartership",
        name="withdrawal_effective_before",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            help_text="The ICANN meeting the withdrawal takes effect ahead of (e.g. ICANN 61).",
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="ccwg.icannmeeting",
        ),
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("ccwg", "0002_initial"),
        ("meetings", "0002_statement_outlives_agenda_item"),
        ("engagements", "0003_process_dates_help"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE_OPERATIONS),
    ]
