"""Compare versions (issue #22, deliverable 4): the pure diff of two Markdown texts
(`reports.compare`), and the changes page `/reports/<acronym>/<year>/changes/` with its
Markdown (`?format=md`): published -> draft, v1 -> v2, since last year, who may see which,
bad parameters, and its query count."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from markdown_it import MarkdownIt

from reports.compare import ChangeKind, Mark, SectionState, compare, sections, word_fragments
from reports.compare_markdown import comparison_markdown
from reports.models import AnnualReport, PublishedDocument
from reports.services import publish_report, start_new_version, update_report
from tests.browser import log_in
from tests.factories import (
    AgendaItemFactory,
    DraftReportFactory,
    PublishedReportFactory,
    StaffFactory,
    TeleconferenceFactory,
    WorkingGroupFactory,
)
from tests.security import test_csp_browser
from tests.security.test_csp_browser import visit

OLD = """# Report on 2017

**October 2017**

## Contents

- [1. Introduction](#1-introduction)

## 1. Introduction

The group met twice in 2017. It wrote a charter.

## 2. Events

### 2.1 Meetings

#### ICANN 58, Copenhagen

The group held a public session.

### 2.2 Old section

Text only the old version has.

## 3. Way forward

The group will report on its new structure.
"""

NEW = """# Report on 2017

**December 2017**

## Contents

- [1. Introduction](#1-introduction)

## 1. Introduction

The group met three times in 2017. It wrote a charter. It chose a chair.

## 2. Events

### 2.1 Meetings

#### ICANN 58, Copenhagen

The group held a public session.

## 3. New section

A section only the new version has.

## 4. Way forward

The group will report on its new structure.
"""


def _by_heading(comparison):
    return {entry.section.heading: entry for entry in comparison.sections}


def test_sections_skip_the_cover_and_contents_and_keep_unnumbered_headings_as_text():
    found = sections(OLD)
    assert [s.heading for s in found] == [
        "1. Introduction",
        "2. Events",
        "2.1 Meetings",
        "2.2 Old section",
        "3. Way forward",
    ]
    assert found[0].sentences == ("The group met twice in 2017.", "It wrote a charter.")
    assert found[2].sentences == ("ICANN 58, Copenhagen", "The group held a public session.")
    assert found[2].level == 3
    assert [s.heading for s in sections("## Annex A. Notes\n\n### 2017 in review\n\nText.\n")] == [
        "Annex A. Notes"
    ]


def test_inserted_deleted_and_edited_sentences():
    entries = _by_heading(compare(OLD, NEW))
    intro = entries["1. Introduction"]
    assert intro.state == SectionState.CHANGED
    kinds = [(c.kind, c.old, c.new) for c in intro.changes]
    assert kinds == [
        (ChangeKind.EDITED, "The group met twice in 2017.", "The group met three times in 2017."),
        (ChangeKind.INSERTED, "", "It chose a chair."),
    ]
    marks = [(f.mark, f.text) for f in intro.changes[0].fragments]
    assert (Mark.DEL, "twice") in marks
    assert (Mark.INS, "three times") in marks
    assert entries["2.1 Meetings"].state == SectionState.UNCHANGED
    assert entries["2. Events"].state == SectionState.UNCHANGED


def test_sections_added_removed_and_renumbered():
    comparison = compare(OLD, NEW)
    entries = _by_heading(comparison)
    assert entries["2.2 Old section"].state == SectionState.REMOVED
    assert entries["3. New section"].state == SectionState.ADDED
    forward = entries["4. Way forward"]
    assert forward.state == SectionState.UNCHANGED  # matched by title, text the same
    assert forward.renumbered and forward.old.number == "3"
    # the removed section is listed where it stood, before what followed it
    order = [entry.section.heading for entry in comparison.sections]
    assert order.index("2.2 Old section") == order.index("2.1 Meetings") + 1
    assert comparison.count(SectionState.UNCHANGED) == 3


def test_a_deleted_sentence_and_identical_texts():
    removed = NEW.replace(" It chose a chair.", "")
    intro = _by_heading(compare(NEW, removed))["1. Introduction"]
    assert [(c.kind, c.old) for c in intro.changes] == [(ChangeKind.DELETED, "It chose a chair.")]
    assert compare(NEW, NEW).identical


def test_a_retitled_section_keeps_its_number_and_matching_by_title_reads_years_alike():
    retitled = NEW.replace("## 2. Events", "## 2. Events and activities")
    events = _by_heading(compare(NEW, retitled))["2. Events and activities"]
    assert events.state == SectionState.CHANGED and events.retitled
    last = "## 1. Introduction\n\nOne.\n\n## 2. Events in 2017\n\nTwo.\n"
    this = "## 1. Events in 2018\n\nTwo.\n\n## 2. Introduction\n\nOne.\n"
    comparison = compare(last, this, by_title=True, years=(2017, 2018))
    assert [(e.state, e.renumbered) for e in comparison.sections] == [
        (SectionState.UNCHANGED, True),
        (SectionState.UNCHANGED, True),
    ]


def test_word_fragments_mark_words_not_spaces():
    fragments = word_fragments("the group met once", "the group met once more")
    assert [(f.mark, f.text) for f in fragments] == [
        (Mark.SAME, "the group met once "),
        (Mark.INS, "more"),
    ]


def test_markdown_escapes_and_tables_are_read_as_text():
    old = "## 1. Intro\n\n| Date | Topics |\n| --- | --- |\n| 2 Feb | 1. Policy \\*topics\\* |\n"
    new = old.replace("Policy", "Legal")
    (entry,) = compare(old, new).sections
    (change,) = entry.changes
    assert change.kind == ChangeKind.EDITED
    assert change.old == "2 Feb | 1. Policy *topics*"


def test_the_markdown_of_a_comparison_reads_back_as_commonmark():
    text = comparison_markdown(compare(OLD, NEW), title="Changes", old="v1", new="v2")
    tokens = _markdown_tokens(text)
    texts = _inline_texts(tokens)
    assert "Sections: 1 changed, 3 unchanged, 1 added, 1 removed." in texts
    assert "2. Events: unchanged" in texts  # one list item, not an ordered list
    assert "4. Way forward: unchanged (was 3. Way forward)" in texts
    # CommonMark leaves GFM's strikethrough as it is written; the inserted words are bold
    assert "Edited: The group met ~~twice~~+three times in 2017." in texts
    headings = [
        (token.tag, tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    assert headings == [
        ("h1", "Changes"),
        ("h2", "1. Introduction (changed)"),
        ("h3", "2.2 Old section (removed)"),
        ("h2", "3. New section (added)"),
    ]
    assert "- **Edited:** The group met ~~twice~~**+three times** in 2017." in text
    assert not any(token.type == "ordered_list_open" for token in tokens)


# --- The page ------------------------------------------------------------------------------

CHANGES = "/reports/CCWG-IG/2017/changes/"
NEW_INTRODUCTION = (
    "This report covers the group's work on *Internet governance* processes. "
    "The group chose a chair."
)


def _call(group, day: int, topic: str):
    call = TeleconferenceFactory(
        working_group=group,
        starts_at=dt.datetime(2017, 2, day, 14, tzinfo=dt.UTC),
        members_present=11,
        total_present=14,
    )
    AgendaItemFactory(meeting=call, title=topic, position=1)
    return call


@pytest.fixture
def version_1(db):
    """The CCWG-IG's 2017 report, published (version 1), over one teleconference."""
    group = WorkingGroupFactory(
        acronym="CCWG-IG", name="Cross Community Working Group on Internet Governance"
    )
    _call(group, 2, "IGF Community Public Consultation")
    return PublishedReportFactory(working_group=group, confirm_errors=True)


@pytest.fixture
def draft_2(version_1):
    """Version 2, a draft: its introduction gained a sentence and the records a call."""
    staff = StaffFactory(username="drafting-staff")
    draft = start_new_version(report=version_1, user=staff)
    update_report(report=draft, introduction=NEW_INTRODUCTION)
    _call(version_1.working_group, 16, "Charter amendments from the GNSO Council")
    return draft


@pytest.fixture
def version_2(draft_2):
    """Version 2 published."""
    return publish_report(report=draft_2, user=StaffFactory(), confirm_errors=True)


def _changes(response) -> str:
    """The changes listed on a page (its links aside)."""
    page = response.content.decode()
    return page[page.index('<p class="changes-summary">') :]


def _markdown_tokens(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


def _inline_texts(tokens) -> list[str]:
    return [
        "".join(child.content for child in token.children or [])
        for token in tokens
        if token.type == "inline"
    ]


def test_published_to_draft_by_default(draft_2, member_client):
    response = member_client.get(CHANGES)
    assert response.status_code == 200
    page = response.content.decode()
    assert "changes between versions" in page
    assert "version 1 of the 2017 report, published" in page
    assert "the draft of the 2017 report (version 2)" in page
    assert "<ins>The group chose a chair.</ins>" in page
    assert "Charter amendments from the GNSO Council" in page  # the new call's row, inserted
    assert "1. Introduction: unchanged" not in page
    assert "2.1 CCWG-IG engagement with wider ICANN Community: unchanged" in page
    assert "no-store" in response["Cache-Control"]
    assert 'href="/static/reports/changes.css"' in page
    assert "style=" not in page and "<script>" not in page  # the CSP allows neither
    # a form chooses the versions: published ones for 'from', the draft too for 'to'
    assert '<option value="1" selected>version 1 (published' in page
    assert '<option value="draft" selected>the draft (version 2)</option>' in page
    # the same when both are named
    again = member_client.get(f"{CHANGES}?from=1&to=draft")
    assert _changes(again) == _changes(response)


def test_the_markdown_of_published_to_draft(draft_2, member_client):
    response = member_client.get(f"{CHANGES}?format=md")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="CCWG-IG-annual-report-2017-changes-v1-to-draft.md"'
    )
    tokens = _markdown_tokens(response.content.decode())
    headings = [
        tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"
    ]
    assert headings[0] == "CCWG-IG annual report 2017: changes between versions"
    assert "1. Introduction (changed)" in headings
    assert "2.4.2 CCWG-IG teleconferences (changed)" in headings
    texts = _inline_texts(tokens)
    assert "Inserted: +The group chose a chair." in texts
    assert any(t.startswith("Inserted: +16 Feb 2017") and "Charter amendments" in t for t in texts)
    assert "1. Introduction: unchanged" not in texts
    strong = [
        child.content
        for token in tokens
        if token.type == "inline"
        for i, child in enumerate(token.children or [])
        if i and token.children[i - 1].type == "strong_open"
    ]
    assert "+The group chose a chair." in strong  # inserted words are bold, marked +


def test_an_edited_sentence_marks_its_words(draft_2, member_client):
    update_report(
        report=draft_2,
        introduction=NEW_INTRODUCTION.replace("Internet governance", "Internet policy"),
    )
    page = member_client.get(CHANGES).content.decode()
    assert "<del>governance</del><ins>policy</ins>" in page
    markdown = member_client.get(f"{CHANGES}?format=md").content.decode()
    assert "~~governance~~**+policy**" in markdown
    texts = _inline_texts(_markdown_tokens(markdown))
    assert any(t.startswith("Edited: This report covers") for t in texts)


def test_two_published_versions_for_everyone(version_2, client):
    response = client.get(f"{CHANGES}?from=1&to=2")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    page = response.content.decode()
    assert "<ins>The group chose a chair.</ins>" in page
    assert "version 2 of the 2017 report, published" in page
    # without parameters: the previous published version against the latest
    assert _changes(client.get(CHANGES)) == _changes(response)
    reverse = client.get(f"{CHANGES}?from=2&to=1").content.decode()
    assert "<del>The group chose a chair.</del>" in reverse
    markdown = client.get(f"{CHANGES}?from=1&to=2&format=md")
    assert markdown["Content-Disposition"].endswith('-2017-changes-v1-to-v2.md"')


def test_the_report_page_and_the_admin_link_to_the_changes(version_2, client, admin_client):
    page = client.get("/reports/CCWG-IG/2017/").content.decode()
    assert f'href="{CHANGES}">Compare versions</a>' in page
    assert "Changes since 2016" not in page
    admin = admin_client.get(f"/admin/reports/annualreport/{version_2.pk}/change/")
    assert f'href="{CHANGES}?to=2">Changes from the previous version</a>' in admin.content.decode()


def test_changes_since_last_year(version_1, member_client, client):
    group = version_1.working_group
    PublishedReportFactory(working_group=group, year=2016, confirm_errors=True)
    page = client.get("/reports/CCWG-IG/2017/").content.decode()
    assert f'href="{CHANGES}?since=last-year">Changes since 2016</a>' in page
    response = client.get(f"{CHANGES}?since=last-year")
    assert response.status_code == 200
    text = response.content.decode()
    assert "changes since 2016" in text
    assert "version 1 of the 2016 report" in text
    # matched by title, the year of each report read alike: "Events and activities in 2016"
    # is the same section as "... in 2017", not a section removed and another added
    markdown = client.get(f"{CHANGES}?since=last-year&format=md").content.decode()
    assert "2. Events and activities in 2017 (added)" not in markdown
    assert "2. Events and activities in 2016 (removed)" not in markdown
    assert "2.4.2 CCWG-IG teleconferences (changed)" in markdown
    assert "Inserted: +2 Feb 2017" in "\n".join(_inline_texts(_markdown_tokens(markdown)))
    # no report the year before 2016
    missing = client.get("/reports/CCWG-IG/2016/changes/?since=last-year")
    assert missing.status_code == 404
    assert "has no published report for 2015" in missing.content.decode()


def test_draft_sides_need_a_login(draft_2, client, member_client, staff_client):
    for query in ("", "?from=1&to=draft", "?to=2", "?format=md"):
        response = client.get(f"{CHANGES}{query}")
        assert response.status_code == 302, query
        assert response["Location"].startswith("/accounts/login/?next=")
        assert member_client.get(f"{CHANGES}{query}").status_code == 200, query
        assert staff_client.get(f"{CHANGES}{query}").status_code == 200, query
    # a first version, a draft, is compared with the previous year's report
    DraftReportFactory(working_group=draft_2.working_group, year=2018)
    assert client.get("/reports/CCWG-IG/2018/changes/").status_code == 302
    first = member_client.get("/reports/CCWG-IG/2018/changes/?format=md")
    assert first.status_code == 200
    assert first["Content-Disposition"].endswith('-2018-changes-since-2017-v1-to-draft.md"')
    # a draft alone, nothing published the year before: nothing to compare, whoever asks
    DraftReportFactory(working_group=draft_2.working_group, year=2020)
    assert client.get("/reports/CCWG-IG/2020/changes/").status_code == 404
    assert member_client.get("/reports/CCWG-IG/2020/changes/").status_code == 404


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("?from=abc", 400, "must be a version number"),
        ("?to=latest", 400, "must be a version number"),
        ("?from=0", 400, "must be a version number"),
        ("?from=9", 404, "has no version 9"),
        ("?from=2&to=draft", 400, "name the same version"),
        ("?from=1&to=1", 400, "name the same version"),
        ("?since=yesterday", 400, "can only be"),
        ("?since=last-year&from=1", 400, "not both"),
        ("?format=pdf", 400, "'format' can be"),
        ("?form=1", 400, "Unknown parameter form"),
        ("?since=last-year", 404, "has no published report for 2016"),
    ],
)
def test_bad_parameters_answer_400_or_404(draft_2, member_client, query, status, message):
    response = member_client.get(f"{CHANGES}{query}")
    assert response.status_code == status
    assert message in html.unescape(response.content.decode())


def test_a_year_or_group_without_a_report_answers_404(version_1, member_client):
    response = member_client.get("/reports/CCWG-IG/2015/changes/")
    assert response.status_code == 404
    assert "has no report for 2015" in response.content.decode()
    assert member_client.get("/reports/NOPE/2017/changes/").status_code == 404
    # one published version, nothing before it
    alone = member_client.get(CHANGES)
    assert alone.status_code == 404
    assert "no earlier published version" in alone.content.decode()


def test_a_tampered_published_side_is_not_compared(draft_2, member_client):
    PublishedDocument.objects.filter(report__version=1, format="md").update(
        content=b"# Something else entirely\n"
    )
    response = member_client.get(CHANGES)
    assert response.status_code == 503
    assert "failed its integrity check" in response.content.decode()


def _statements(queries: CaptureQueriesContext) -> int:
    return sum(
        1 for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    )


def test_the_query_count_does_not_grow_with_the_records(draft_2, member_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get(CHANGES).status_code == 200
        return _statements(queries)

    member_client.get(CHANGES)  # the session, the content types: read once
    small = count()
    group = draft_2.working_group
    for day in range(3, 13):
        call = _call(group, day, f"Topic of {day} February")
        AgendaItemFactory(meeting=call, title="A second topic", position=2)
    assert count() == small


#: Chromium watching for violations of the Content-Security-Policy (a fixture).
watched = test_csp_browser.watched


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_changes_page_runs_without_csp_violations(watched, live_records):
    """The 2017 sample published, then a new version drafted: the page, its form and its
    stylesheet run in Chromium with no violation of the Content-Security-Policy."""
    page, errors = watched
    staff = User.objects.get(username="demo-staff")
    report = AnnualReport.objects.get(working_group__acronym="CCWG-IG", year=2017)
    start_new_version(
        report=publish_report(report=report, user=staff, confirm_errors=True), user=staff
    )
    log_in(page, "demo-member", "demo-member-pass", path="/accounts/login/")
    page.wait_for_url("**/")
    visit(page, errors, CHANGES)
    assert page.locator(".changes-summary").inner_text().startswith("Sections:")
    page.select_option("#changes-to", "draft")
    page.click(".changes-choose button")
    page.wait_for_url("**/changes/?from=1&to=draft")
    assert page.locator("h1").inner_text() == "CCWG-IG annual report 2017: changes between versions"
