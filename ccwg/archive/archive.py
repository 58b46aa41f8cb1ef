"""Every record out to one JSON file, and back into an empty database.

The file is an envelope around Django's own serialization of each model (`"python"` format,
primary keys kept), so a model added later is archived without code here:

    {"format": "ccwg-archive", "format_version": 1, "app_version": "0.1.0",
     "created_at": "...", "migrations": {"meetings": "0007_...", ...},
     "counts": {"meetings.meeting": 33, ...}, "records": [{"model": ..., "pk": ..., "fields": ...}]}

Archived: the logins and their groups (password hashes included: keep the file as safe as a
database dump), every model of the record apps with its history tables; published
documents are records like the others (their bytes in base64, with the SHA-256 checked on
the way in). Not archived: `EXEMPT` (with the reason), and what `migrate` makes itself
(content types, permissions). An import is one transaction: a malformed, truncated or
foreign archive changes nothing and says why (`ArchiveError`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from importlib import metadata
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache, caches
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.loader import MigrationLoader

from ccwg.core.apps import RECORD_APPS

FORMAT = "ccwg-archive"
FORMAT_VERSION = 1

#: The apps whose every model is archived unless exempt: the records' and the members'.
ARCHIVED_APPS = (*RECORD_APPS, "members")
#: Logins: history rows, reports and people refer to them.
AUTH_MODELS = ("auth.group", "auth.user")
#: Models of the record apps left out, and why.
EXEMPT = {
    "members.calendartoken": "the secret keys of personal calendar links; members make new "
    "ones on their profile page",
}

Progress = Callable[[int, str], None]


class ArchiveError(Exception):
    """An archive that cannot be imported (nothing was changed), or a refused import."""


def app_version() -> str:
    try:
        return metadata.version("ccwg")
    except metadata.PackageNotFoundError:
        return "unknown"


def archived_models() -> list[type[models.Model]]:
    """Every model the archive holds, in a fixed order (logins first)."""
    found = [apps.get_model(label) for label in AUTH_MODELS]
    for app_label in ARCHIVED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label_lower not in EXEMPT and not model._meta.proxy:
                found.append(model)
    return found


def _latest_migrations() -> dict[str, str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    latest: dict[str, str] = {}
    for app_label, name in sorted(loader.disk_migrations):
        if app_label in ARCHIVED_APPS or app_label == "auth":
            latest[app_label] = max(latest.get(app_label, ""), name)
    return latest


def _known_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


# --- Out -------------------------------------------------------------------------------------


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Django's JSON encoder, without its rounding of times to milliseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def export_archive(stream: IO[str], *, progress: Progress | None = None) -> dict[str, int]:
    """Write the archive to `stream`; answer the number of records of each model."""
    chosen = archived_models()
    counts = {model._meta.label_lower: model._base_manager.count() for model in chosen}
    records: list[dict[str, Any]] = []
    for model in chosen:
        queryset = model._base_manager.order_by("pk")
        # Logins refer to groups and permissions by name (ids differ between databases);
        # records refer to each other by primary key, which the archive keeps.
        natural = model._meta.app_label == "auth"
        records.extend(
            serializers.serialize(
                "python", queryset.iterator(chunk_size=500), use_natural_foreign_keys=natural
            )
        )
        if progress:
            progress(len(records), model._meta.label_lower)
    envelope = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "migrations": _latest_migrations(),
        "counts": counts,
        "records": records,
    }
    json.dump(envelope, stream, cls=_ExactJSONEncoder, ensure_ascii=False)
    return counts


# --- In --------------------------------------------------------------------------------------


def read_envelope(text: str) -> dict[str, Any]:
    """The archive's envelope, checked; `ArchiveError` says what is wrong with it."""
    try:
        envelope = json.loads(text)
    except json.JSONDecodeError as error:
        raise ArchiveError(
            f"not a complete JSON document (truncated or damaged?): {error.msg} at line "
            f"{error.lineno}, column {error.colno}"
        ) from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise ArchiveError(f'not a ccwg archive (no "format": "{FORMAT}")')
    version = envelope.get("format_version")
    if version != FORMAT_VERSION:
        raise ArchiveError(
            f"archive format version {version!r} is not supported; this ccwg "
            f"({app_version()}) reads version {FORMAT_VERSION}"
        )
    records, counts = envelope.get("records"), envelope.get("counts")
    if not isinstance(records, list) or not isinstance(counts, dict):
        raise ArchiveError('the archive has no "records" list or no "counts"')
    migrations = envelope.get("migrations")
    if not isinstance(migrations, dict):
        raise ArchiveError("the archive does not say which migrations made it")
    known = _known_migrations()
    for app_label, name in migrations.items():
        if (app_label, name) not in known:
            raise ArchiveError(
                f"made by another version of ccwg ({envelope.get('app_version')}): "
                f"migration {app_label}.{name} is unknown here"
            )
    found: dict[str, int] = {}
    for record in records:
        if not isinstance(record, dict) or not isinstance(record.get("model"), str):
            raise ArchiveError('a record has no "model"')
        found[record["model"]] = found.get(record["model"], 0) + 1
    for label, expected in counts.items():
        if found.get(label, 0) != expected:
            raise ArchiveError(
                f"the archive holds {found.get(label, 0)} records of {label} where its index "
                f"says {expected} (truncated or edited?)"
            )
    allowed = {model._meta.label_lower for model in archived_models()}
    for label in found:
        if label not in allowed or label not in counts:
            raise ArchiveError(f"the archive holds records of {label}, which are not archived")
    return envelope


def _dependents(chosen: Iterable[type[models.Model]]) -> list[type[models.Model]]:
    """`chosen`, their many-to-many tables, and every model that refers to one of them (API
    tokens, sessions' users, admin log): what `--replace` empties."""
    targets = set(chosen)
    targets.add(apps.get_model("sessions", "session"))
    every = apps.get_models(include_auto_created=True)
    changed = True
    while changed:
        changed = False
        for model in every:
            if model in targets:
                continue
            if any(
                field.related_model in targets
                for field in model._meta.concrete_fields
                if field.is_relation and field.many_to_one
            ):
                targets.add(model)
                changed = True
    return [model for model in every if model in targets]


def _record_count(chosen: Iterable[type[models.Model]]) -> int:
    return sum(model._base_manager.count() for model in chosen)


def _check_document(obj: models.Model) -> None:
    content = bytes(getattr(obj, "content", b""))
    if hashlib.sha256(content).hexdigest() != getattr(obj, "sha256", None):
        raise ArchiveError(
            f"published document {obj.pk} ({getattr(obj, 'format', '?')}) does not match its "
            "SHA-256: the archive is damaged"
        )


def import_archive(
    text: str, *, replace: bool = False, progress: Progress | None = None
) -> dict[str, int]:
    """Load an archive into an empty database (or, with `replace`, instead of what it
    holds), in one transaction; answer the number of records of each model."""
    envelope = read_envelope(text)
    chosen = archived_models()
    document_model = apps.get_model("reports", "publisheddocument")
    counts: dict[str, int] = {}
    try:
        with transaction.atomic():
            present = _record_count(chosen)
            if present:
                if not replace:
                    raise ArchiveError(
                        f"the database already holds {present} records; import into an empty "
                        "database, or give --replace to discard them"
                    )
                for model in reversed(_dependents(chosen)):
                    model._base_manager.all()._raw_delete(connection.alias)
                # The shared caches too, in the same transaction: the copies of the sessions
                # just discarded, and pages keyed by a fingerprint of the records that the
                # new records could repeat.
                caches[settings.SESSION_CACHE_ALIAS].clear()
                cache.clear()
            objects = serializers.deserialize("python", envelope["records"])
            for index, item in enumerate(objects, start=1):
                if isinstance(item.object, document_model):
                    _check_document(item.object)
                # The archive holds the history: writing a many-to-many adds none.
                item.object.skip_history_when_saving = True  # type: ignore[attr-defined]
                item.save()
                label = item.object._meta.label_lower
                counts[label] = counts.get(label, 0) + 1
                if progress and index % 500 == 0:
                    progress(index, label)
            if progress:
                progress(sum(counts.values()), "done")
            connection.check_constraints(table_names=[m._meta.db_table for m in chosen])
            for model in chosen:
                label = model._meta.label_lower
                stored = model._base_manager.count()
                if stored != envelope["counts"].get(label, 0):
                    raise ArchiveError(
                        f"{label}: {stored} records after the import, where the archive has "
                        f"{envelope['counts'].get(label, 0)}"
                    )
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), chosen):
                    cursor.execute(statement)
    except ArchiveError:
        raise
    except (DeserializationError, DatabaseError, ValueError, TypeError, LookupError) as error:
        raise ArchiveError(f"a record could not be loaded: {_one_line(error)}") from None
    return counts


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 300 else text[:297] + "..."
