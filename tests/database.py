"""Test databases cloned from a template migrated once per state of the migrations.

Migrating an empty database costs about 10 s (hundreds of operations, the project state
rendered after each); copying a migrated one costs a fraction of a second. The template is
named by a digest of every installed app's migration files (and Django's version), so
changing a migration builds a new one and drops the old. It is built with the migrations,
exactly as production is, then each test database is a copy of it, which Django's `migrate`
finds up to date. One process builds it at a time (a lock), so pytest-xdist's workers share it.

- SQLite: the template is a file under `var/test-templates/`; the in-memory test database is
  filled with SQLite's backup API (a file test database is a copy of the file).
- PostgreSQL: the template is a database beside the test database, and the test database is
  made with `CREATE DATABASE ... TEMPLATE` (Django's `TEST["TEMPLATE"]`).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib.util import find_spec
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader

#: Where the SQLite templates are kept (git ignores var/).
SQLITE_TEMPLATES = Path(settings.BASE_DIR) / "var" / "test-templates"
#: Any number unlikely to be used by another advisory lock on the server.
PG_LOCK = 2_117_021

#: Connections that keep each in-memory SQLite test database alive for the session.
_kept_open: list[sqlite3.Connection] = []


def migrations_digest(connection: BaseDatabaseWrapper) -> str:
    """A digest of what a migrated database's schema follows: Django's version, the database
    vendor, every installed app's migration files, the database cache tables."""
    digest = hashlib.sha256(f"{django.get_version()} {connection.vendor}".encode())
    for app in apps.get_app_configs():
        module, _ = MigrationLoader.migrations_module(app.label)
        try:
            spec = find_spec(module) if module else None
        except ModuleNotFoundError:
            spec = None
        for location in (spec.submodule_search_locations or []) if spec else []:
            for path in sorted(Path(location).glob("*.py")):
                digest.update(f"{module}.{path.name}\0".encode() + path.read_bytes())
    tables = sorted(
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"].endswith("DatabaseCache")
    )
    digest.update(repr(tables).encode())
    return digest.hexdigest()[:16]


@contextmanager
def _pointing_at(connection: BaseDatabaseWrapper, name: str) -> Iterator[None]:
    """The connection's alias opens database NAME meanwhile."""
    saved = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved


def _migrate(connection: BaseDatabaseWrapper, name: str) -> None:
    with _pointing_at(connection, name):
        call_command(
            "migrate",
            database=connection.alias,
            run_syncdb=True,
            interactive=False,
            verbosity=0,
        )
        call_command("createcachetable", database=connection.alias, verbosity=0)


# --- SQLite -------------------------------------------------------------------------------


def _sqlite_template(connection: BaseDatabaseWrapper) -> Path:
    SQLITE_TEMPLATES.mkdir(parents=True, exist_ok=True)
    template = SQLITE_TEMPLATES / f"{connection.alias}-{migrations_digest(connection)}.sqlite3"
    with open(SQLITE_TEMPLATES / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            building = template.with_suffix(f".{os.getpid()}.partial")
            building.unlink(missing_ok=True)
            _migrate(connection, str(building))
            building.replace(template)
            for old in SQLITE_TEMPLATES.glob(f"{connection.alias}-*.sqlite3"):
                if old != template:
                    old.unlink()
    return template


def _fill_sqlite(connection: BaseDatabaseWrapper, template: Path) -> None:
    creation = connection.creation
    create = creation._create_test_db

    def create_from_template(verbosity: int, autoclobber: bool, keepdb: bool = False) -> str:
        name = create(verbosity, autoclobber, keepdb)
        source = sqlite3.connect(template)
        try:
            if creation.is_in_memory_db(name):
                target = sqlite3.connect(name, uri=True)
                source.backup(target)
                _kept_open.append(target)
            elif not (keepdb and os.path.exists(name)):
                shutil.copyfile(template, name)
        finally:
            source.close()
        return name

    creation._create_test_db = create_from_template  # type: ignore[method-assign]


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_template(connection: BaseDatabaseWrapper) -> str:
    base = connection.settings_dict["NAME"][:40]
    template = f"{base}_tpl_{migrations_digest(connection)}"
    building = f"{template}_partial"
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [PG_LOCK])
        try:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{base}_tpl_%"]
            )
            existing = {name for (name,) in cursor.fetchall()}
            if template not in existing:
                if building in existing:
                    cursor.execute(f"DROP DATABASE {quote(building)}")
                cursor.execute(f"CREATE DATABASE {quote(building)}")
                _migrate(connection, building)
                cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
                for old in existing - {template, building}:
                    # One another run copies from now is dropped next time.
                    with suppress(DatabaseError):
                        cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [PG_LOCK])
    return template


def use_templates() -> None:
    """Make every test database a copy of its migrated template (built if missing)."""
    for connection in connections.all():
        if connection.vendor == "sqlite":
            _fill_sqlite(connection, _sqlite_template(connection))
        elif connection.vendor == "postgresql":
            connection.settings_dict["TEST"]["TEMPLATE"] = _pg_template(connection)
