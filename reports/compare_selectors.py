"""Reads of the changes page (`/reports/<acronym>/<year>/changes/`): which two versions the
query names, to whom they may be shown, and the Markdown of each (a published version's
stored document, a draft's current rendering without finding notes).

`?from=<version>&to=<version|draft>`; without them, the last published version against the
draft if there is one, else the previous published version against the latest (a first
version: against the previous year's report, as with `since`); `?since=last-year`
compares the previous year's last published version with this year's report (the draft for
members when there is one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from ccwg.core.models import WorkingGroup
from reports.drafts import assemble_with_findings
from reports.models import AnnualReport, DocumentFormat, PublishedDocument, report_file_stem
from reports.renderers import render
from reports.selectors import StoredDocument

#: The query parameters the page reads; any other answers 400 (a misspelt one never
#: silently compares something else).
PARAMETERS = frozenset({"from", "to", "since", "format"})
DRAFT = "draft"
LAST_YEAR = "last-year"
FORMATS = ("html", "md")


class InvalidComparison(Exception):
    """The query cannot name two versions (400): the message says why."""


class NothingToCompare(Exception):
    """A version, a draft or a previous year's report named or implied does not exist
    (404): the message says which."""


class LoginRequired(Exception):
    """A side is a draft and the visitor is anonymous: they log in first."""


@dataclass(frozen=True)
class Sides:
    """The two versions compared, older (`old`) first as asked, and how they are matched."""

    old: AnnualReport
    new: AnnualReport
    since_last_year: bool
    fmt: str
    #: the previous year's last published version (for the "since last year" link)
    last_year: AnnualReport | None
    #: the versions of the year the visitor may choose from, newest first
    versions: tuple[AnnualReport, ...] = ()

    @property
    def published(self) -> bool:
        return self.old.is_published and self.new.is_published

    @property
    def years(self) -> tuple[int, int] | None:
        return (self.old.year, self.new.year) if self.since_last_year else None

    def file_name(self) -> str:
        """`CCWG-IG-annual-report-2017-changes-v1-to-draft.md`,
        `...-2017-changes-since-2016-v1-to-draft.md`."""
        stem = report_file_stem(self.new.working_group.acronym, self.new.year)
        if self.since_last_year:
            return (
                f"{stem}-changes-since-{self.old.year}-v{self.old.version}-to-{_tag(self.new)}.md"
            )
        return f"{stem}-changes-{_tag(self.old)}-to-{_tag(self.new)}.md"


def _tag(report: AnnualReport) -> str:
    return f"v{report.version}" if report.is_published else DRAFT


def side_label(report: AnnualReport) -> str:
    """'version 1 of the 2017 report, published 3 March 2018'; 'the draft of the 2017
    report (version 2)'."""
    if report.is_published:
        when = report.published_at
        published = f", published {when.day} {when:%B %Y}" if when else ""
        return f"version {report.version} of the {report.year} report{published}"
    return f"the draft of the {report.year} report (version {report.version})"


def _number(value: str, name: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 10000:
        raise InvalidComparison(f"'{name}' must be a version number (1, 2, …), not {value!r}.")
    return int(value)


def _parse(params: Mapping[str, str]) -> tuple[int | None, int | str | None, bool, str]:
    unknown = sorted(set(params) - PARAMETERS)
    if unknown:
        raise InvalidComparison(
            f"Unknown parameter {', '.join(unknown)}: use from, to, since or format."
        )
    since = params.get("since")
    if since is not None and since != LAST_YEAR:
        raise InvalidComparison(f"'since' can only be '{LAST_YEAR}', not {since!r}.")
    if since is not None and "from" in params:
        raise InvalidComparison("Give either 'from' or 'since', not both.")
    old = _number(params["from"], "from") if "from" in params else None
    to = params.get("to")
    new: int | str | None = to if to in (None, DRAFT) else _number(to or "", "to")
    fmt = params.get("format", "html")
    if fmt not in FORMATS:
        raise InvalidComparison(f"'format' can be 'md' (Markdown), not {fmt!r}.")
    return old, new, since is not None, fmt


def _version(reports: list[AnnualReport], wanted: int | str, year: int) -> AnnualReport:
    for report in reports:
        if (wanted == DRAFT and not report.is_published) or report.version == wanted:
            return report
    what = "no draft" if wanted == DRAFT else f"no version {wanted}"
    raise NothingToCompare(f"The {year} report has {what}.")


def _defaults(
    reports: list[AnnualReport], new: int | str | None, old: int | None, year: int
) -> tuple[AnnualReport, AnnualReport | None]:
    """The newer side (asked, else the draft, else the latest published version) and the
    older (asked, else the latest published version before the newer); `reports` newest
    first."""
    if new is not None:
        newer = _version(reports, new, year)
    else:
        newer = next((r for r in reports if not r.is_published), reports[0])
    if old is not None:
        return newer, _version(reports, old, year)
    older = next((r for r in reports if r.is_published and r.version < newer.version), None)
    return newer, older


@dataclass(frozen=True)
class _Asked:
    old: int | None
    new: int | str | None
    since: bool
    year: int
    acronym: str


def _pair(
    reports: list[AnnualReport], asked: _Asked, last_year: AnnualReport | None
) -> tuple[AnnualReport, AnnualReport, bool]:
    """(older, newer, whether older is last year's) among `reports` (newest first) as
    `asked`. Without `from`, a first version is compared with last year's report."""
    if not reports:
        raise NothingToCompare(f"The {asked.acronym} has no report for {asked.year}.")
    newer, older = _defaults(reports, asked.new, asked.old, asked.year)
    if asked.since or (older is None and asked.old is None and last_year is not None):
        if last_year is None:
            raise NothingToCompare(
                f"The {asked.acronym} has no published report for {asked.year - 1}."
            )
        return last_year, newer, True
    if older is None:
        raise NothingToCompare(
            f"Version {newer.version} of the {asked.year} report has no earlier published "
            "version to compare it with."
        )
    if older.pk == newer.pk:
        raise InvalidComparison("'from' and 'to' name the same version: choose two.")
    return older, newer, False


def comparison_sides(
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    working_group: WorkingGroup,
    year: int,
    params: Mapping[str, str],
) -> Sides:
    """The two versions `params` name (see the module), in one query; `InvalidComparison`,
    `NothingToCompare` or `LoginRequired` (a draft side, an anonymous visitor) when they
    cannot be shown."""
    old, new, since, fmt = _parse(params)
    asked = _Asked(old=old, new=new, since=since, year=year, acronym=working_group.acronym)
    both_years = list(
        AnnualReport.objects.filter(working_group=working_group, year__in=(year - 1, year))
        .select_related("working_group")
        .order_by("-version")
    )
    reports = [r for r in both_years if r.year == year]
    last_year = next((r for r in both_years if r.year == year - 1 and r.is_published), None)
    signed_in = user is not None and user.is_authenticated
    visible = reports if signed_in else [r for r in reports if r.is_published]
    try:
        older, newer, since = _pair(visible, asked, last_year)
    except (NothingToCompare, InvalidComparison):
        if signed_in:
            raise
        _pair(reports, asked, last_year)  # what a member would be told, if not shown
        raise LoginRequired from None
    return Sides(
        old=older,
        new=newer,
        since_last_year=since,
        fmt=fmt,
        last_year=last_year,
        versions=tuple(visible),
    )


def stored_markdown(sides: Sides) -> dict[int, StoredDocument]:
    """The stored Markdown of each published side, by report id (its bytes not read), in
    one query."""
    published = {r.pk: r for r in (sides.old, sides.new) if r.is_published}
    if not published:
        return {}
    documents = PublishedDocument.objects.filter(
        report_id__in=published, format=DocumentFormat.MD
    ).defer("content")
    return {d.report_id: StoredDocument.of(d, published[d.report_id]) for d in documents}


def rendered_markdown(report: AnnualReport) -> str:
    """A report's Markdown as it would be rendered now, without a draft's finding notes
    (the text the group approves, not the checks' remarks)."""
    data, _ = assemble_with_findings(report, findings_marked=False)
    return render(data, "md").decode("utf-8")
