"""The changes page: what changed between two versions of a report, or since the previous
year's (`reports.compare`), as a page or as Markdown (`?format=md`). Thin: the selector
chooses the versions, `reports.compare` compares their Markdown."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ccwg.core.selectors import group_by_acronym
from reports import compare_selectors
from reports.compare import compare
from reports.compare_markdown import comparison_markdown
from reports.compare_selectors import Sides, side_label
from reports.models import AnnualReport
from reports.renderers import CONTENT_TYPES
from reports.responses import cache_headers, verified_content, with_login


def _markdown_of(sides: Sides) -> tuple[str, str]:
    """The Markdown of the two sides: a published one's stored document (checked against
    its SHA-256), else the report rendered now."""
    stored = compare_selectors.stored_markdown(sides)

    def text(report: AnnualReport) -> str:
        if report.pk in stored:
            return verified_content(stored[report.pk]).decode("utf-8")
        return compare_selectors.rendered_markdown(report)

    return text(sides.old), text(sides.new)


def _title(sides: Sides) -> str:
    report = sides.new
    what = f"since {sides.old.year}" if sides.since_last_year else "between versions"
    return f"{report.working_group.acronym} annual report {report.year}: changes {what}"


def _invalid(request: HttpRequest, message: str, status: int) -> HttpResponse:
    response = render(request, "reports/changes_invalid.html", {"message": message}, status=status)
    return cache_headers(response, published=False)


@transaction.non_atomic_requests  # reads only
@require_safe
@with_login
def report_changes(request: HttpRequest, acronym: str, year: int) -> HttpResponse:
    group = group_by_acronym(acronym)
    if group is None:
        raise Http404("No such working group.")
    try:
        sides = compare_selectors.comparison_sides(
            user=request.user, working_group=group, year=year, params=request.GET
        )
    except compare_selectors.LoginRequired:
        return redirect_to_login(request.get_full_path(), login_url=reverse("login"))
    except compare_selectors.InvalidComparison as invalid:
        return _invalid(request, str(invalid), 400)
    except compare_selectors.NothingToCompare as missing:
        return _invalid(request, str(missing), 404)
    old_text, new_text = _markdown_of(sides)
    comparison = compare(old_text, new_text, by_title=sides.since_last_year, years=sides.years)
    old_label, new_label = side_label(sides.old), side_label(sides.new)
    if sides.fmt == "md":
        content = comparison_markdown(comparison, title=_title(sides), old=old_label, new=new_label)
        response = HttpResponse(content.encode("utf-8"), content_type=CONTENT_TYPES["md"])
        response["Content-Disposition"] = f'attachment; filename="{sides.file_name()}"'
    else:
        context = {
            "title": _title(sides),
            "sides": sides,
            "old_label": old_label,
            "new_label": new_label,
            "comparison": comparison,
            "markdown_query": _with_format(request, "md"),
        }
        response = render(request, "reports/changes.html", context)
    return cache_headers(response, published=sides.published)


def _with_format(request: HttpRequest, fmt: str) -> str:
    query = request.GET.copy()
    query["format"] = fmt
    return query.urlencode()
