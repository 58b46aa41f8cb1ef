"""python manage.py import_archive ccwg-archive.json"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from ccwg.archive.archive import ArchiveError, import_archive
from ccwg.archive.progress import ProgressBar
from ccwg.core.commands import OneLineErrorsCommand


class Command(OneLineErrorsCommand):
    help = (
        "Load an archive written by export_archive into an empty database, primary keys "
        "kept, in one transaction: a damaged archive changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The archive to read.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Discard every record the database holds first (and API tokens, calendar "
            "links, sessions and the admin log, which refer to logins).",
        )

    def _progress_write(self, text: str) -> None:
        self.stderr.write(text, ending="")
        self.stderr.flush()

    def handle(self, *args: Any, file: str, replace: bool, **options: Any) -> None:
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise CommandError(f"Cannot read {path}: {reason}") from None
        bar = ProgressBar(None, "Importing", self._progress_write, enabled=options["verbosity"] > 0)
        try:
            counts = import_archive(text, replace=replace, progress=bar.update)
        except ArchiveError as error:
            raise CommandError(f"{path}: {error}. Nothing was changed.") from None
        bar.finish()
        if options["verbosity"] > 0:
            self.stdout.write(f"Imported {sum(counts.values())} records from {path}.")
