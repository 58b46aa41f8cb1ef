"""python manage.py annual_report CCWG-IG 2017 --format pdf --output report.pdf"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError

from ccwg.core.commands import OneLineErrorsCommand
from ccwg.core.selectors import group_by_acronym
from reports import selectors
from reports.assembly import assemble_for_year
from reports.checks import Finding, run_checks
from reports.drafts import assemble_for_report, report_findings
from reports.errors import RenderFailed
from reports.models import FIRST_YEAR, LAST_YEAR, AnnualReport, report_file_name
from reports.renderers import FORMATS, render


class Command(OneLineErrorsCommand):
    help = (
        "Write a group's annual report for a year as html, pdf, docx or md. A published "
        "report is written from its stored (frozen) documents; a draft, or a year without a "
        "report record, is assembled from the records now, and the open findings of the "
        "consistency checks are printed to standard error (and marked in the document). With "
        "--strict, an open error writes nothing and exits with status 1."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("acronym", help="The working group's acronym, e.g. CCWG-IG.")
        parser.add_argument("year", type=int)
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="pdf")
        parser.add_argument(
            "--output",
            "-o",
            help="File to write; '-' for standard output. Default: "
            "<ACRONYM>-annual-report-<YEAR>.<format> in the current directory.",
        )
        parser.add_argument(
            "--report-version",
            type=int,
            dest="report_version",
            help="Which version of the report (default: the latest).",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Exit with status 1, writing nothing, when the checks find an open error.",
        )
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="Assemble from the records now even when the report is published.",
        )

    def handle(self, *args, acronym: str, year: int, fmt: str, **options) -> None:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(
                f"The year must be between {FIRST_YEAR} and {LAST_YEAR}, not {year}."
            )
        group = group_by_acronym(acronym)
        if group is None:
            raise CommandError(f"No working group with the acronym {acronym!r}.")
        reports = AnnualReport.objects.filter(working_group=group, year=year).select_related(
            "working_group"
        )
        if options["report_version"]:
            reports = reports.filter(version=options["report_version"])
        report = reports.order_by("-version").first()
        if options["report_version"] and report is None:
            raise CommandError(f"{group} has no version {options['report_version']} for {year}.")

        content = None
        if report is not None and report.is_published and not options["fresh"]:
            document = selectors.document_for_report(report, fmt)
            if document is not None:
                content = bytes(document.content)
        if content is None:
            if report is not None:
                findings = [] if report.is_published else report_findings(report)
            else:
                self.stderr.write(
                    f"No {year} report record for {group}: assembling from the records, "
                    "without narrative."
                )
                start, end = AnnualReport.default_period(year)
                findings = run_checks(working_group=group, period_start=start, period_end=end)
            errors = self._report_findings(findings)
            if errors and options["strict"]:
                raise CommandError(
                    f"{errors} open error{'s' if errors != 1 else ''} in the {year} report of "
                    f"{group.acronym} (--strict): nothing written."
                )
            if report is not None:
                data = assemble_for_report(report)
            else:
                data = assemble_for_year(working_group=group, year=year)
            try:
                content = render(data, fmt)
            except RenderFailed as error:
                raise CommandError(error.message) from None

        output = options["output"]
        if output == "-":
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
            return
        if output:
            path = Path(output)
        elif report is not None:
            path = Path(report.file_name(fmt))
        else:
            path = Path(report_file_name(group.acronym, year, fmt))
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from error
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({len(content)} bytes)."))

    def _report_findings(self, findings: list[Finding]) -> int:
        """Print the open findings to standard error; the number of open errors."""
        open_findings = [f for f in findings if f.is_open]
        for finding in open_findings:
            self.stderr.write(
                f"{finding.severity.upper()}: {finding.record_label}: {finding.message}"
            )
        errors = sum(1 for f in open_findings if f.is_error)
        if open_findings:
            warnings = len(open_findings) - errors
            self.stderr.write(
                f"{errors} open error{'s' if errors != 1 else ''}, {warnings} open "
                f"warning{'s' if warnings != 1 else ''} (marked in the draft)."
            )
        return errors
