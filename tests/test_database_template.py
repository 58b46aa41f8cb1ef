"""The test databases are copies of a template migrated once (tests/database.py)."""

import sys

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.database import migrations_digest


@pytest.mark.django_db
def test_the_copy_has_every_migration_applied():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_a_changed_migration_file_names_another_template(tmp_path, settings, monkeypatch):
    package = tmp_path / "changed_app" / "migrations"
    package.mkdir(parents=True)
    (package.parent / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    migration = package / "0001_initial.py"
    migration.write_text("# one state\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    settings.MIGRATION_MODULES = {"members": "changed_app.migrations"}
    before = migrations_digest(connection)
    assert migrations_digest(connection) == before
    migration.write_text("# another state\n")
    assert migrations_digest(connection) != before
