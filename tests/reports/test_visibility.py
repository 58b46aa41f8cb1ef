"""Who may see which report is defined once (`reports.models.visible_condition`): the ORM's
choice of the report a URL shows and the published-download lookup's SQL, compiled from the
same condition, always agree, for draft, published and superseded versions and for
anonymous visitors, members and staff."""

from __future__ import annotations

import hashlib
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from reports import selectors
from reports.models import AnnualReport, PublishedDocument, ReportStatus
from tests.factories import AnnualReportFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

FORMATS = ("html", "md")


def _stored(report: AnnualReport) -> None:
    """The report published with documents in FORMATS (written as the publishing service
    leaves them, without rendering)."""
    for fmt in FORMATS:
        content = f"{report} {fmt}".encode()
        PublishedDocument.objects.create(
            report=report,
            format=fmt,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )
    AnnualReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.PUBLISHED, published_at=timezone.now()
    )


@pytest.fixture
def reports():
    """2017: v1 published and superseded by v2, published; v3 a draft. 2018: a draft only.
    2019: v1 published, the latest."""
    group = WorkingGroupFactory(acronym="VIS-WG")
    for year, version, published in [
        (2017, 1, True),
        (2017, 2, True),
        (2017, 3, False),
        (2018, 1, False),
        (2019, 1, True),
    ]:
        report = AnnualReportFactory(working_group=group, year=year, version=version)
        if published:
            _stored(report)
    return group


def _chosen_by_the_orm(user, group, year, version, fmt) -> int | None:
    """The general way: the report the URL shows to `user`, then its stored document."""
    versions = selectors.report_versions_for_url(user=user, acronym=group.acronym, year=year)
    report = selectors.report_for_url(versions, version)
    if report is None or not report.is_published:
        return None
    document = selectors.document_for_report(report, fmt)
    return None if document is None else document.pk


def test_the_download_lookup_and_the_orm_agree(reports, member, staff):
    users = {"anonymous": AnonymousUser(), "member": member, "staff": staff}
    fast_answers = 0
    for (who, user), year, version, fmt in itertools.product(
        users.items(), (2017, 2018, 2019, 2020), (None, 1, 2, 3, 4), FORMATS
    ):
        case = f"{who} {year} v{version} {fmt}"
        expected = _chosen_by_the_orm(user, reports, year, version, fmt)
        stored = selectors.stored_document_for_url(
            user=user, acronym="VIS-WG", year=year, version=version, fmt=fmt
        )
        orm_rows = list(
            selectors.stored_documents(
                user=user, acronym="VIS-WG", year=year, fmt=fmt, version=version
            )[:1]
        )
        if version is None and user.is_authenticated:
            # A signed-in reader without ?version= (who may see drafts): the lookup leaves
            # that choice to the general way (the latest published version, else the draft).
            assert stored is None, case
            continue
        assert (stored.pk if stored else None) == expected, case
        assert [row[0] for row in orm_rows] == ([expected] if expected else []), case
        if stored is not None:
            fast_answers += 1
            assert stored.file_name == AnnualReport.objects.get(pk=stored.report_id).file_name(
                fmt
            ), case
    assert fast_answers > 0


def test_anonymous_visitors_see_only_published_versions(reports, member):
    anonymous = AnnualReport.objects.filter(working_group=reports).visible_to(AnonymousUser())
    signed_in = AnnualReport.objects.filter(working_group=reports).visible_to(member)
    assert {(r.year, r.version) for r in anonymous} == {(2017, 1), (2017, 2), (2019, 1)}
    assert signed_in.count() == 5
