"""`manage.py generate_synthetic_data --groups N --years M --seed S`: see ccwg.synthetic."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError

from ccwg.core.commands import OneLineErrorsCommand
from ccwg.synthetic.generator import Arguments, generate, iter_rows


class Command(OneLineErrorsCommand):
    help = (
        "Write realistic synthetic records (meetings with nested agendas, attendance, "
        "statements, sessions with speakers, events, processes, inputs, threats, draft "
        "reports) for N groups over M years, deterministic for a seed, with bulk inserts."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--groups", type=int, required=True, help="new groups (N)")
        parser.add_argument("--years", type=int, required=True, help="years per group (M)")
        parser.add_argument("--seed", type=int, required=True, help="random seed (S)")
        parser.add_argument(
            "--first-year", type=int, default=None, help="first year (default: ending in 2017)"
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="meetings per group-year, times the 2017 sample's (default 1)",
        )
        parser.add_argument(
            "--into", default=None, help="add to this existing group (with --groups 1)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        show = options["verbosity"] >= 1
        started = time.monotonic()

        def bar(done: int, total: int) -> None:
            width = 30
            filled = width * done // total
            self.stderr.write(
                f"\rgroup-years [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                ending="\n" if done == total else "",
            )
            self.stderr.flush()

        try:
            counts = generate(
                groups=options["groups"],
                years=options["years"],
                seed=options["seed"],
                first_year=options["first_year"],
                scale=options["scale"],
                into=options["into"],
                progress=bar if show else None,
            )
        except Arguments as error:
            raise CommandError(str(error)) from error
        if show:
            seconds = time.monotonic() - started
            self.stdout.write(
                self.style.SUCCESS(f"Wrote in {seconds:.1f} s: {', '.join(iter_rows(counts))}.")
            )
