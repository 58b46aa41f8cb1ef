"""Rows of a meeting's page that exist with no history yet get a first ("+") history row,
dated at their meeting's creation, so restoring an earlier version of a meeting keeps them.
Apart from 0005, whose indexes PostgreSQL creates at the end of its transaction."""

import uuid

from django.db import migrations

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
        ("meetings", "0005_history_of_meeting_children"),
    ]

    operations = [
        migrations.RunPython(first_history_rows, migrations.RunPython.noop),
    ]
