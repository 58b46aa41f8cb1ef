"""The content types of the models moved into the core app (`ccwg.0003`) move with them.

Each content type row keeps its id and only changes app label, so the permissions on it
(add/change/delete/view, e.g. those granted to the "Secretariat" group) and the admin's
log entries keep pointing at the right model. Should the new label already have a row
(made by the post-migrate signal of a `migrate` run that stopped between `ccwg.0003` and
this migration), that newer duplicate and its automatically created permissions are
dropped in favour of the original row, which holds the grants.
"""

from django.db import migrations

#: app label of origin -> names of the models that moved to the core app
MOVED = {
    "meetings": ["icannmeeting", "historicalicannmeeting"],
    "engagements": ["externalevent", "historicalexternalevent", "externaleventlink"],
}
CORE = "ccwg"


def _relabel(apps, schema_editor, *, forwards: bool) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias
    )
    for origin, names in MOVED.items():
        source, target = (origin, CORE) if forwards else (CORE, origin)
        for name in names:
            found = content_types.filter(app_label=source, model=name).first()
            if found is None:
                continue
            content_types.filter(app_label=target, model=name).delete()
            found.app_label = target
            found.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, forwards=True)


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("ccwg", "0003_icannmeeting_externalevent_to_core"),
        ("meetings", "0003_icannmeeting_to_core"),
        ("engagements", "0004_externalevent_to_core"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
