"""Reads of annual reports: which report a URL shows, to whom, and its stored documents."""

from __future__ import annotations

from django.db.models import QuerySet

from ccwg.core.models import WorkingGroup
from reports.models import AnnualReport, PublishedDocument, ReportStatus


def group_by_acronym(acronym: str) -> WorkingGroup | None:
    return WorkingGroup.objects.filter(acronym=acronym).first()


def reports_visible_to(*, user, working_group: WorkingGroup) -> QuerySet[AnnualReport]:
    """The group's reports the user may see, newest year and version first."""
    return (
        AnnualReport.objects.filter(working_group=working_group)
        .visible_to(user)
        .select_related("working_group", "published_by")
        .order_by("-year", "-version")
    )


def report_for_url(
    *, user, working_group: WorkingGroup, year: int, version: int | None = None
) -> AnnualReport | None:
    """The report `/reports/<acronym>/<year>/` shows.

    Anonymous visitors get the latest published version; logged-in members and staff the
    latest version, draft included. `version` asks for one version (still subject to
    visibility). None when there is nothing the user may see.
    """
    reports = reports_visible_to(user=user, working_group=working_group).filter(year=year)
    if version is not None:
        reports = reports.filter(version=version)
    return reports.first()


def documents_for_report(report: AnnualReport) -> dict[str, PublishedDocument]:
    """The stored documents of a published report, by format ({} for a draft)."""
    return {doc.format: doc for doc in PublishedDocument.objects.filter(report=report)}


def document_for_report(report: AnnualReport, fmt: str) -> PublishedDocument | None:
    return PublishedDocument.objects.filter(report=report, format=fmt).first()


def draft_exists(*, working_group: WorkingGroup, year: int) -> bool:
    return AnnualReport.objects.filter(
        working_group=working_group, year=year, status=ReportStatus.DRAFT
    ).exists()
