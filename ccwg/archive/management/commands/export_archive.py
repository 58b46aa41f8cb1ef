"""python manage.py export_archive ccwg-archive.json"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from ccwg.archive.archive import archived_models, export_archive
from ccwg.archive.progress import ProgressBar
from ccwg.core.commands import OneLineErrorsCommand


class Command(OneLineErrorsCommand):
    help = (
        "Write every record (logins, records, their history, published documents) to FILE "
        "as versioned JSON; '-' for standard output. import_archive reads it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The archive to write (replaced if it exists).")

    def _progress_write(self, text: str) -> None:
        self.stderr.write(text, ending="")
        self.stderr.flush()

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        total = sum(model._base_manager.count() for model in archived_models())
        bar = ProgressBar(
            total, "Exporting", self._progress_write, enabled=options["verbosity"] > 0
        )
        if file == "-":
            export_archive(self.stdout._out, progress=bar.update)  # type: ignore[arg-type]
            bar.finish()
            return
        path = Path(file)
        partial = path.with_name(path.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8") as stream:
                counts = export_archive(stream, progress=bar.update)
            os.replace(partial, path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Cannot write {path}: {error.strerror or error}") from None
        bar.finish()
        if options["verbosity"] > 0:
            self.stdout.write(f"Wrote {sum(counts.values())} records to {path}.")
