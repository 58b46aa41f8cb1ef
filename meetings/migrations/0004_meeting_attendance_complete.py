"""Meeting.attendance_complete: the counts derive from the attendance list only when staff
mark the list complete. Lists recorded before this field existed were read as complete, so
they are marked complete here and no report's figures change."""

from django.db import migrations, models


def mark_existing_lists_complete(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting.objects.filter(attendances__isnull=False).distinct().update(attendance_complete=True)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_icannmeeting_to_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="attendance_complete",
            field=models.BooleanField(
                default=False,
                help_text="The attendance list names everyone present: the counts are derived "
                "from it. A list not marked complete leaves the counts as entered.",
            ),
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="attendance_complete",
            field=models.BooleanField(
                default=False,
                help_text="The attendance list names everyone present: the counts are derived "
                "from it. A list not marked complete leaves the counts as entered.",
            ),
        ),
        migrations.RunPython(mark_existing_lists_complete, migrations.RunPython.noop),
    ]
