"""The database cache's table (settings.CACHES): drafts are cached there so that every app
server shares them. `createcachetable` is idempotent; `make run`, `make serve` and the test
database run it too."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
