"""Query counts of the main pages and API lists do not grow with the records (issue #11).

The same pages are read over one synthetic group-year, then again after adding four times its
meetings to that year and a hundred other group-years around it: every page makes the same
number of queries, at most 25, whether the drafts are rendered (cache empty) or read from
the cache. Counted, never timed (timings are `make bench`'s)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ccwg.core.output_cache import forget_local
from ccwg.synthetic.generator import generate
from reports.models import AnnualReport
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

GROUP = "SYN7-G1"
PAGES = (
    f"/?group={GROUP}",
    f"/?group={GROUP}&year=2017",
    f"/reports/{GROUP}/2017/",
    f"/reports/{GROUP}/2017.md",
    f"/reports/{GROUP}/2017.html",
    f"/meetings/?group={GROUP}&year=2017",
    "/meetings/",
    "/api/v1/meetings/",
    f"/api/v1/meetings/?working_group={GROUP}&year=2017",
    "/api/v1/process-inputs/",
    "/api/v1/reports/",
)
LIMIT = 25


def _statements(queries: CaptureQueriesContext) -> int:
    """SQL statements run, transaction control (SAVEPOINT, RELEASE) left out, and so is
    PostgreSQL's PREPARE, run once per database session rather than per request
    (`ccwg.core.prepared`): whichever test first uses the session pays it."""
    return sum(
        1
        for query in queries.captured_queries
        if not query["sql"].startswith(
            ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO", "PREPARE ")
        )
    )


def _counts(client: Client, *, cached: bool) -> dict[str, int]:
    counts = {}
    for path in PAGES:
        if not cached:
            cache.clear()
            forget_local()
        else:
            client.get(path)  # fill the cache first
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[path] = _statements(queries)
    return counts


@pytest.mark.slow
@pytest.mark.parametrize(
    "cached",
    [False, True],
    ids=["drafts-rendered", "drafts-cached"],
)
def test_query_counts_are_the_same_at_1x_and_with_far_more_records(cached):
    generate(groups=1, years=1, seed=7, first_year=2017)
    member = Client()
    member.force_login(UserFactory(username="counted-member"))
    small = _counts(member, cached=cached)

    generate(groups=1, years=1, seed=8, first_year=2017, scale=4, into=GROUP)
    generate(groups=10, years=10, seed=9, first_year=2010)
    assert AnnualReport.objects.count() == 101
    large = _counts(member, cached=cached)

    assert large == small
    assert max(small.values()) <= LIMIT, small


def test_the_staff_report_page_query_count_is_the_same_at_both_sizes():
    """Staff also see the consistency checks, which read the records once more."""
    generate(groups=1, years=1, seed=7, first_year=2017)
    staff = Client()
    staff.force_login(StaffFactory(username="counted-staff"))
    path = f"/reports/{GROUP}/2017/"
    with CaptureQueriesContext(connection) as small:
        assert staff.get(path).status_code == 200
    generate(groups=1, years=1, seed=8, first_year=2017, scale=4, into=GROUP)
    generate(groups=5, years=5, seed=9, first_year=2012)
    with CaptureQueriesContext(connection) as large:
        assert staff.get(path).status_code == 200
    assert _statements(large) == _statements(small)
