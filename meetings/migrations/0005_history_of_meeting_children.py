"""History of everything on a meeting's page: speakers, outcomes, meeting links and agenda-item
links get their history tables; every history row carries the change set (one save) it was
written in. Rows that exist with no history yet get a first ("+") history row, dated at their
meeting's creation, so restoring an earlier version of a meeting keeps them."""

import uuid

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

#: The models of a meeting's page, and the path from a row to its meeting.
TRACKED = (
    ("Meeting", None),
    ("AgendaItem", "meeting"),
    ("AgendaItemLink", "agenda_item__meeting"),
    ("Attendance", "meeting"),
    ("Speaker", "meeting"),
    ("Statement", "meeting"),
    ("Outcome", "meeting"),
    ("ActionItem", "meeting"),
    ("MeetingLink", "meeting"),
)


def first_history_rows(apps, schema_editor):
    """A "+" history row for each row of the page that has none."""
    namespace = uuid.UUID("8c1f6f56-4c55-4a0e-9d0c-3f1b1bb0c0de")
    for name, to_meeting in TRACKED:
        model = apps.get_model("meetings", name)
        history = apps.get_model("meetings", f"Historical{name}")
        recorded = set(history.objects.values_list("id", flat=True).distinct())
        fields = [f for f in model._meta.concrete_fields]
        rows = []
        for row in model.objects.exclude(pk__in=recorded).iterator():
            meeting = row if to_meeting is None else None
            if meeting is None:
                meeting_id = (
                    row.meeting_id if to_meeting == "meeting" else row.agenda_item.meeting_id
                )
                meeting = apps.get_model("meetings", "Meeting").objects.get(pk=meeting_id)
            rows.append(
                history(
                    history_date=meeting.created_at,
                    history_type="+",
                    history_change_reason="Recorded when the history of this part began",
                    history_change_set=uuid.uuid5(namespace, str(meeting.pk)),
                    **{f.attname: getattr(row, f.attname) for f in fields},
                )
            )
        history.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('ccwg', '0004_moved_models_content_types'),
        ('meetings', '0004_meeting_attendance_complete'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalactionitem',
            name='history_change_set',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='history_change_set',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalattendance',
            name='history_change_set',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalmeeting',
            name='history_change_set',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalstatement',
            name='history_change_set',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.CreateModel(
            name='HistoricalAgendaItemLink',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300)),
                ('url', models.URLField(blank=True, max_length=1000, verbose_name='URL')),
                ('kind', models.CharField(choices=[('transcript', 'Transcript'), ('recording', 'Recording'), ('schedule', 'Schedule page'), ('wiki', 'Wiki page'), ('mailing_list', 'Mailing-list archive'), ('submission', 'Submission'), ('document', 'Document'), ('other', 'Other')], default='document', max_length=20)),
                ('position', models.PositiveSmallIntegerField(default=1)),
                ('history_change_set', models.UUIDField(blank=True, db_index=True, editable=False, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agenda_item', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.agendaitem')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical agenda item link',
                'verbose_name_plural': 'historical agenda item links',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMeetingLink',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=300)),
                ('url', models.URLField(blank=True, max_length=1000, verbose_name='URL')),
                ('kind', models.CharField(choices=[('transcript', 'Transcript'), ('recording', 'Recording'), ('schedule', 'Schedule page'), ('wiki', 'Wiki page'), ('mailing_list', 'Mailing-list archive'), ('submission', 'Submission'), ('document', 'Document'), ('other', 'Other')], default='document', max_length=20)),
                ('position', models.PositiveSmallIntegerField(default=1)),
                ('history_change_set', models.UUIDField(blank=True, db_index=True, editable=False, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting')),
            ],
            options={
                'verbose_name': 'historical meeting link',
                'verbose_name_plural': 'historical meeting links',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOutcome',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_change_set', models.UUIDField(blank=True, db_index=True, editable=False, null=True)),
                ('text', models.TextField()),
                ('position', models.PositiveSmallIntegerField(default=1)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting')),
            ],
            options={
                'verbose_name': 'historical outcome',
                'verbose_name_plural': 'historical outcomes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSpeaker',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('history_change_set', models.UUIDField(blank=True, db_index=True, editable=False, null=True)),
                ('name', models.CharField(help_text='As listed for this meeting.', max_length=200)),
                ('affiliation', models.CharField(blank=True, help_text='Title and affiliation at the time.', max_length=500)),
                ('position', models.PositiveSmallIntegerField(default=1)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.meeting')),
                ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='ccwg.person')),
            ],
            options={
                'verbose_name': 'historical speaker',
                'verbose_name_plural': 'historical speakers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(first_history_rows, migrations.RunPython.noop),
    ]
