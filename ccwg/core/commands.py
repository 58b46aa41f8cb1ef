"""The base of our management commands: a bad argument is one line on standard error and a
non-zero exit, never a usage block or a traceback."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser


class OneLineErrorsCommand(BaseCommand):
    """A command whose argument errors read `manage.py CMD: error: ... (see --help)`, exit 2.

    (Django prints argparse's usage block first; errors the command itself raises are
    `CommandError`s, which Django already prints as one line and exits 1.)
    """

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        original_error = parser.error

        def error(message: str) -> NoReturn:
            if not parser.called_from_command_line:
                original_error(message)  # raises CommandError for call_command
            sys.stderr.write(f"{parser.prog}: error: {' '.join(message.split())} (see --help)\n")
            sys.exit(2)

        parser.error = error  # type: ignore[method-assign]
        return parser
