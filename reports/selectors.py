"""Reads of annual reports: which report a URL shows, to whom, its stored documents, and
the records one report is assembled from."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, Prefetch, QuerySet

from ccwg.core import prepared
from ccwg.core.models import Chartership, IcannMeeting, WorkingGroup
from engagements.models import ExternalProcess, ProcessInput, Threat
from meetings.models import Meeting, Statement
from reports.models import (
    FIRST_YEAR,
    LAST_YEAR,
    AnnualReport,
    PublishedDocument,
    ReportStatus,
    report_file_name,
)


def group_by_acronym(acronym: str) -> WorkingGroup | None:
    return WorkingGroup.objects.filter(acronym=acronym).first()


def reports_visible_to(*, user, working_group: WorkingGroup) -> QuerySet[AnnualReport]:
    """The group's reports the user may see, newest year and version first."""
    return (
        AnnualReport.objects.filter(working_group=working_group)
        .visible_to(user)
        .select_related("working_group__successor", "published_by")
        .order_by("-year", "-version")
    )


def report_versions_for_url(*, user, working_group: WorkingGroup, year: int) -> list[AnnualReport]:
    """The versions of the group's report on `year` the user may see, newest first: the
    reports `/reports/<acronym>/<year>/` chooses among and lists; each knows whether the
    group published a report the year before (`last_year_published`, in the same query)."""
    last_year = AnnualReport.objects.published().filter(working_group=working_group, year=year - 1)
    return list(
        reports_visible_to(user=user, working_group=working_group)
        .filter(year=year)
        .annotate(last_year_published=Exists(last_year))
    )


def report_for_url(versions: list[AnnualReport], version: int | None = None) -> AnnualReport | None:
    """The report `/reports/<acronym>/<year>/` shows, of the `versions` the user may see.

    Anonymous visitors see only published versions, so they get the latest published one;
    logged-in members and staff the latest version, draft included. `version` asks for one
    version. None when there is nothing to show.
    """
    return next((r for r in versions if version is None or r.version == version), None)


def documents_for_report(report: AnnualReport) -> dict[str, PublishedDocument]:
    """The stored documents of a published report, by format ({} for a draft)."""
    return {doc.format: doc for doc in PublishedDocument.objects.filter(report=report)}


def document_for_report(report: AnnualReport, fmt: str) -> PublishedDocument | None:
    """One stored document of a published report, its bytes not read (`reports.copies`
    gives them; reading `content` fetches them)."""
    return PublishedDocument.objects.filter(report=report, format=fmt).defer("content").first()


@dataclass(frozen=True)
class StoredDocument:
    """A published document as its download needs it; the bytes come from `reports.copies`
    (read by `pk`, checked against `sha256`)."""

    pk: int
    report_id: int
    format: str
    sha256: str
    file_name: str

    @classmethod
    def of(cls, document: PublishedDocument, report: AnnualReport) -> StoredDocument:
        return cls(
            pk=document.pk,
            report_id=report.pk,
            format=document.format,
            sha256=document.sha256,
            file_name=report.file_name(document.format),
        )


def stored_document_for_url(
    *, user, acronym: str, year: int, version: int | None, fmt: str
) -> StoredDocument | None:
    """The stored document `/reports/<acronym>/<year>.<fmt>` serves, in one plain query,
    when the report `report_for_url` would choose is published: the version asked for, or
    for anonymous visitors the latest published one. None when the choice is not that
    simple (a member without `?version=` reads the latest version, which may be a draft; a
    former acronym; nothing published): the general way decides.

    The busiest read of all (every download of a published report), written as SQL: the
    ORM's compiling of this three-table join cost more than the rest of the request; on
    PostgreSQL it is prepared once per session (planning it took longer than running it).
    """
    if (version is None and user.is_authenticated) or not FIRST_YEAR <= year <= LAST_YEAR:
        return None  # (no report is for a year outside these: the general way says 404)
    params: list[str | int] = [acronym, year, ReportStatus.PUBLISHED.value, fmt]
    if version is not None:
        params.append(version)
    with connection.cursor() as cursor:
        prepared.execute(
            cursor,
            name=f"ccwg_stored_document{'_version' if version is not None else ''}",
            sql=_stored_document_sql(with_version=version is not None),
            params=params,
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, report_id, sha256, found_version = row
    return StoredDocument(
        pk=pk,
        report_id=report_id,
        format=fmt,
        sha256=sha256,
        file_name=report_file_name(acronym, year, fmt, found_version),
    )


@functools.cache
def _stored_document_sql(*, with_version: bool) -> str:
    """Built once per process (the hot path runs it on every download)."""
    quote = connection.ops.quote_name
    document, report, group = PublishedDocument._meta, AnnualReport._meta, WorkingGroup._meta

    def column(meta, name: str) -> str:
        return quote(meta.get_field(name).column)

    return (
        f"SELECT d.{column(document, 'id')}, d.{column(document, 'report')}, "
        f"d.{column(document, 'sha256')}, r.{column(report, 'version')} "
        f"FROM {quote(document.db_table)} d "
        f"JOIN {quote(report.db_table)} r ON r.{column(report, 'id')} = "
        f"d.{column(document, 'report')} "
        f"JOIN {quote(group.db_table)} g ON g.{column(group, 'id')} = "
        f"r.{column(report, 'working_group')} "
        f"WHERE g.{column(group, 'acronym')} = %s AND r.{column(report, 'year')} = %s "
        f"AND r.{column(report, 'status')} = %s AND d.{column(document, 'format')} = %s"
        + (f" AND r.{column(report, 'version')} = %s" if with_version else "")
        + f" ORDER BY r.{column(report, 'version')} DESC LIMIT 1"
    )


def draft_exists(*, working_group: WorkingGroup, year: int) -> bool:
    return AnnualReport.objects.filter(
        working_group=working_group, year=year, status=ReportStatus.DRAFT
    ).exists()


@dataclass
class Records:
    """The rows a report of one group and period is made from, fetched in a fixed number
    of queries. The consistency checks read the same rows."""

    working_group: WorkingGroup
    period_start: dt.date
    period_end: dt.date
    icann_meetings: list[IcannMeeting]
    meetings: list[Meeting]
    inputs: list[ProcessInput]
    threats: list[Threat]
    charterships: list[Chartership]
    successor: WorkingGroup | None


def fetch_records(
    *, working_group: WorkingGroup, period_start: dt.date, period_end: dt.date
) -> Records:
    """Every row the report of the group for the period reads, in date order."""
    statements = Statement.objects.select_related("source", "author").order_by("position", "id")
    meetings = list(
        Meeting.objects.filter(working_group=working_group)
        .in_period(period_start, period_end)
        .with_attendance_counts()
        .select_related("icann_meeting", "external_event", "selected_by")
        .prefetch_related(
            "agenda_items",
            "agenda_items__links",
            Prefetch("statements", queryset=statements),
            "speakers",
            "outcomes",
            "links",
            "external_event__links",
        )
        .chronological()
    )
    icann_meetings = list(IcannMeeting.objects.in_period(period_start, period_end))
    inputs = list(
        ProcessInput.objects.filter(working_group=working_group)
        .in_period(period_start, period_end)
        .select_related("process", "process__body", "requested_by", "for_event")
        .prefetch_related("links", "process__links")
        .order_by("requested_on", "id")
    )
    threats = list(
        Threat.objects.filter(working_group=working_group, identified_on__lte=period_end)
        .select_related("next_milestone_event")
        .prefetch_related(
            Prefetch("processes", queryset=ExternalProcess.objects.select_related("body"))
        )
        .order_by("position", "identified_on", "id")
    )
    charterships = list(
        Chartership.objects.filter(working_group=working_group)
        .select_related("organization", "withdrawal_effective_before")
        .order_by("organization__acronym", "joined_on")
    )
    # The successor the group was read with (`reports_visible_to` joins it), else always
    # one query, with or without a successor.
    if WorkingGroup.successor.is_cached(working_group):
        successor = working_group.successor
    else:
        successor = WorkingGroup.objects.filter(pk=working_group.successor_id).first()
    return Records(
        working_group=working_group,
        period_start=period_start,
        period_end=period_end,
        icann_meetings=icann_meetings,
        meetings=meetings,
        inputs=inputs,
        threats=threats,
        charterships=charterships,
        successor=successor,
    )


def published_reports_by_group() -> dict[int, list[AnnualReport]]:
    """Every group's published reports, the latest version of each year, newest year first,
    by group id, in one query."""
    by_group: dict[int, list[AnnualReport]] = {}
    reports = AnnualReport.objects.published().order_by("working_group_id", "-year", "-version")
    for report in reports:
        years = by_group.setdefault(report.working_group_id, [])
        if not years or years[-1].year != report.year:
            years.append(report)
    return by_group


def draft_reports() -> QuerySet[AnnualReport]:
    """The reports still being drafted, newest year first."""
    return (
        AnnualReport.objects.filter(status=ReportStatus.DRAFT)
        .select_related("working_group")
        .order_by("-year", "working_group__acronym")
    )
