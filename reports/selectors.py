"""Reads of annual reports: which report a URL shows, to whom, its stored documents, and
the records one report is assembled from."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from ccwg.core import prepared
from ccwg.core.models import Chartership, IcannMeeting, WorkingGroup
from engagements.models import ExternalProcess, ProcessInput, Threat
from meetings.models import Meeting
from meetings.parts import prefetches, report_parts
from reports.models import (
    FIRST_YEAR,
    LAST_YEAR,
    AnnualReport,
    PublishedDocument,
    ReportBlockEdit,
    ReportStatus,
    report_file_name,
    visible_condition,
)


def reports_visible_to(*, user, working_group: WorkingGroup) -> QuerySet[AnnualReport]:
    """The group's reports the user may see, newest year and version first."""
    return (
        AnnualReport.objects.filter(working_group=working_group)
        .visible_to(user)
        .select_related("working_group__successor", "published_by")
        .order_by("-year", "-version")
    )


def report_versions_for_url(*, user, acronym: str, year: int) -> list[AnnualReport]:
    """The versions of the group's report on `year` the user may see, newest first: the
    reports `/reports/<acronym>/<year>/` chooses among and lists, each with its group (read
    in the same query, so a page or download that finds its report does not look the group up
    first); each knows whether the group published a report the year before
    (`last_year_published`, in the same query), and whether staff edited its words
    (`has_block_edits`: a draft without edits reads none)."""
    last_year = AnnualReport.objects.published().filter(
        working_group=OuterRef("working_group"), year=year - 1
    )
    return list(
        AnnualReport.objects.filter(working_group__acronym=acronym, year=year)
        .visible_to(user)
        .select_related("working_group__successor", "published_by")
        .order_by("-version")
        .annotate(
            last_year_published=Exists(last_year),
            has_block_edits=Exists(ReportBlockEdit.objects.filter(report=OuterRef("pk"))),
        )
    )


def report_for_url(versions: list[AnnualReport], version: int | None = None) -> AnnualReport | None:
    """The report `/reports/<acronym>/<year>/` shows, of the `versions` the user may see
    (newest first): the version asked for; else, for everyone alike, the latest published
    version, or the draft when nothing is published yet (to those who may see drafts).
    None when there is nothing to show.
    """
    if version is not None:
        return next((r for r in versions if r.version == version), None)
    return next((r for r in versions if r.is_published), versions[0] if versions else None)


def newer_draft(versions: list[AnnualReport], shown: AnnualReport) -> AnnualReport | None:
    """The draft of a later version than the one shown, among the `versions` the user may see
    (newest first): the page links to it."""
    latest = versions[0] if versions else None
    if latest is None or latest.is_published or latest.version <= shown.version:
        return None
    return latest


def documents_for_report(report: AnnualReport) -> dict[str, PublishedDocument]:
    """The stored documents of a published report, by format ({} for a draft)."""
    return {doc.format: doc for doc in PublishedDocument.objects.filter(report=report)}


def document_for_report(report: AnnualReport, fmt: str) -> PublishedDocument | None:
    """One stored document of a published report, its bytes not read (`reports.published_bytes`
    gives them; reading `content` fetches them)."""
    return PublishedDocument.objects.filter(report=report, format=fmt).defer("content").first()


@dataclass(frozen=True)
class StoredDocument:
    """A published document as its download needs it; the bytes come from `reports.published_bytes`
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


def stored_documents(
    *, user: Any, acronym: str, year: int, fmt: str, version: int | None = None
) -> QuerySet[PublishedDocument, tuple[int, int, str, int]]:
    """The stored documents in `fmt` of the group's report versions on `year` that `user`
    may see (`reports.models.visible_condition`), newest version first, as the download
    reads them: (document id, report id, digest, version). The published-download lookup
    runs this query's SQL (`stored_document_for_url`)."""
    rows = PublishedDocument.objects.filter(
        visible_condition(user, through="report__"),
        report__working_group__acronym=acronym,
        report__year=year,
        format=fmt,
    )
    if version is not None:
        rows = rows.filter(report__version=version)
    return rows.order_by("-report__version").values_list(
        "id", "report_id", "sha256", "report__version"
    )


def stored_document_for_url(
    *, user: Any, acronym: str, year: int, version: int | None, fmt: str
) -> StoredDocument | None:
    """The stored document `/reports/<acronym>/<year>.<fmt>` serves, in one plain query,
    when the report `report_for_url` would choose is published: the version asked for, or
    for anonymous visitors the latest published one. None when the choice is not that
    simple (a member without `?version=`, whose choice the general way makes, drafts
    considered; a former acronym; nothing published): the general way decides.

    The busiest read of all (every download of a published report), run as SQL: the ORM's
    compiling of this three-table join cost more than the rest of the request, so the SQL
    of `stored_documents` is compiled once per process (`_stored_document_sql`); on
    PostgreSQL it is prepared once per session (planning it took longer than running it).
    """
    if (version is None and user.is_authenticated) or not FIRST_YEAR <= year <= LAST_YEAR:
        return None  # (no report is for a year outside these: the general way says 404)
    member = bool(user.is_authenticated)
    sql, template = _stored_document_sql(member=member, with_version=version is not None)
    given = {_ACRONYM: acronym, _YEAR: year, _FORMAT: fmt, _VERSION: version}
    params = [given.get(value, value) for value in template]
    with connection.cursor() as cursor:
        prepared.execute(
            cursor,
            name="ccwg_stored_document"
            + ("_member" if member else "")
            + ("_version" if version is not None else ""),
            sql=sql,
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


#: What `_stored_document_sql` compiles the query with, to find where each given value goes
#: among its parameters (values no real request uses; the numbers within the columns' range).
_ACRONYM, _FORMAT, _YEAR, _VERSION = "\x00acronym", "\x00format", 32101, 32102


@functools.cache
def _stored_document_sql(*, member: bool, with_version: bool) -> tuple[str, tuple[object, ...]]:
    """`stored_documents`' SQL and its parameters, with the request's values left as the
    slots above; compiled once per process (the hot path runs it on every download)."""
    user = _SignedIn() if member else AnonymousUser()
    rows = stored_documents(
        user=user,
        acronym=_ACRONYM,
        year=_YEAR,
        fmt=_FORMAT,
        version=_VERSION if with_version else None,
    )[:1]
    sql, params = rows.query.sql_with_params()
    return sql, tuple(params)


class _SignedIn:
    """Any signed-in user, as `visible_condition` tells them apart."""

    is_authenticated = True


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
    meetings = list(
        Meeting.objects.filter(working_group=working_group)
        .in_period(period_start, period_end)
        .with_attendance_counts()
        .select_related("icann_meeting", "external_event", "selected_by")
        .prefetch_related(*prefetches(report_parts()), "external_event__links")
        .chronological()
    )
    icann_meetings = list(IcannMeeting.objects.in_period(period_start, period_end))
    inputs = list(
        ProcessInput.objects.filter(working_group=working_group)
        .in_period(period_start, period_end)
        .select_related("process", "process__body", "requested_by", "for_event")
        .prefetch_related("links", "process__links", "discussed_at")
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
