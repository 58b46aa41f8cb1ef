"""The Markdown report read back as a CommonMark reader with tables reads it (markdown-it-py,
`commonmark` plus `table`): its flavour stated, the teleconference table a table, the
contents linked to anchors in the file, the agenda labelled as the HTML labels it (in lists
and in table cells), and the findings' links as links. On the 2017 sample and on small
reports built here (issue #22, deliverable 5)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reports.assembly.data import FindingNote
from reports.drafts import assemble_for_report
from reports.renderers import render
from reports.renderers.markdown import FLAVOUR, _findings
from tests.factories import (
    AgendaItemFactory,
    DraftReportFactory,
    TeleconferenceFactory,
    WorkingGroupFactory,
)
from tests.reports.helpers import md_agenda_lines, shown, shown_lines

pytestmark = pytest.mark.django_db

#: An agenda item's label and title in the HTML writer's output.
_HTML_ITEM = re.compile(r'<span class="num">(.*?)</span> <span class="item-title">(.*?)</span>')


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


@pytest.fixture(scope="module")
def sample(sample_assembled):
    """(data, Markdown text, its tokens, HTML text) of the 2017 sample report."""
    markdown = render(sample_assembled, "md").decode()
    return sample_assembled, markdown, parse(markdown), render(sample_assembled, "html").decode()


def _cells(tokens: list[Token], tag: str) -> list[list[Token]]:
    """The inline tokens of each `th`/`td`, in order."""
    found, inside = [], False
    for token in tokens:
        if token.type == f"{tag}_open":
            inside = True
        elif token.type == f"{tag}_close":
            inside = False
        elif inside and token.type == "inline":
            found.append(token)
    return found


def test_the_file_states_its_flavour(sample):
    _, markdown, tokens, _ = sample
    assert markdown.splitlines()[0] == FLAVOUR
    assert tokens[0].type == "html_block" and "GitHub Flavored Markdown" in tokens[0].content
    # the comment is not shown: the first visible block is the title
    assert tokens[1].type == "heading_open" and tokens[1].tag == "h1"


def test_the_teleconference_table_is_a_table(sample):
    data, _, tokens, _ = sample
    assert [t.type for t in tokens].count("table_open") == 1
    header = [shown(c.children) for c in _cells(tokens, "th")]
    assert header == list(data.wording.teleconference_columns)
    cells = _cells(tokens, "td")
    assert len(cells) == 3 * len(data.teleconferences)
    rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    assert [(shown(d.children), shown(a.children)) for d, a, _ in rows] == [
        (row.date_label, row.attendance) for row in data.teleconferences
    ]
    assert shown(rows[0][1].children) == "15 (17, inc. staff)"


def test_every_contents_link_resolves_to_an_anchor_in_the_file(sample):
    data, markdown, tokens, _ = sample
    anchors = re.findall(r'<a id="([^"]+)"></a>', markdown)
    assert len(anchors) == len(set(anchors))  # each id once
    contents_end = next(
        i for i, t in enumerate(tokens) if t.type == "bullet_list_close" and t.level == 0
    )
    targets = [
        child.attrs["href"]
        for token in tokens[:contents_end]
        if token.type == "inline"
        for child in token.children
        if child.type == "link_open"
    ]
    assert len(targets) == len(data.toc)
    assert all(target.startswith("#") for target in targets)
    assert {target[1:] for target in targets} <= set(anchors)
    # each anchor opens its heading (an html_inline token of the heading's text)
    heading_anchors = {}
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            first = tokens[i + 1].children[0]
            if first.type == "html_inline":
                heading_anchors[re.search(r'id="([^"]+)"', first.content)[1]] = shown(
                    tokens[i + 1].children
                )
    assert heading_anchors == {heading.anchor: heading.text for heading in data.toc}


def test_agenda_labels_are_the_ones_the_html_prints(sample):
    data, markdown, _, page = sample
    from_html = [
        (html.unescape(label), html.unescape(title)) for label, title in _HTML_ITEM.findall(page)
    ]
    lines = md_agenda_lines(markdown)
    assert len(lines) == len(from_html) == len(data.agenda_labels())
    for (label, title), line in zip(from_html, lines, strict=True):
        assert line.startswith(f"{label} {title}"), (label, title, line)
    labels = [label for label, _ in from_html]
    assert {"1.", "a.", "i.", "iii."} <= set(labels)


def test_lettered_items_are_not_numbered_by_the_reader(sample):
    """A CommonMark ordered list would number `a.` as `1.`: the agenda has none, its items
    carry their labels, nested as the other formats nest them."""
    markdown = sample[1]
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<li>1. Policy Topics" not in rendered  # it is in a table cell
    assert re.search(r"<li>2\. Look ahead to main issues during 2017\s*<ul>\s*<li>a\. ", rendered)
    assert "<li>a. Working Group of Enhanced Cooperation" in rendered
    assert "<li>i. IGF Consultation Page" not in rendered


_ITEM_LINE = re.compile(r"^(?:\d+|[a-z]+)\. ")


def test_table_cells_label_items_as_the_html_cells_do(sample):
    data, _, tokens, page = sample
    html_cells = re.findall(r'<td class="topics">(.*?)</td>', page, re.S)
    md_cells = _cells(tokens, "td")[2::3]
    assert len(md_cells) == len(html_cells) == len(data.teleconferences)
    for html_cell, md_cell in zip(html_cells, md_cells, strict=True):
        expected = [
            f"{html.unescape(label)} {html.unescape(title)}"
            for label, title in _HTML_ITEM.findall(html_cell)
        ]
        # the items, not the statements quoted under them (the 20 June row)
        lines = [line for line in shown_lines(md_cell.children) if _ITEM_LINE.match(line)]
        assert len(lines) == len(expected)
        assert all(line.startswith(want) for line, want in zip(lines, expected, strict=True))
    first = shown_lines(md_cells[0].children)
    assert first[:3] == [
        "1. Policy Topics",
        "a. IGF Community Public Consultation – ICANN Comment",
        "i. IGF Consultation Page",
    ]
    assert not any(re.match(r"\d+\.[a-z]", line) for line in first)  # no "1.a" paths


def test_finding_notes_render_their_links(sample):
    _, markdown, tokens, _ = sample
    assert r"\[BWG-IG\]" not in markdown
    quote, found = False, []
    for token in tokens:
        if token.type == "blockquote_open":
            quote = True
        elif token.type == "blockquote_close":
            quote = False
        elif quote and token.type == "inline" and "Open warning" in token.content:
            found += [c.attrs["href"] for c in token.children if c.type == "link_open"]
    assert "https://features.icann.org/" in found


def test_a_finding_note_is_markdown_but_its_label_is_text():
    note = FindingNote(
        severity="warning",
        label="Open *warning*",
        text="See [the page](https://example.org/a) and *this*.\n\nSecond paragraph.",
    )
    tokens = parse("\n".join(_findings([note])))
    assert tokens[0].type == "blockquote_open"
    inlines = [t for t in tokens if t.type == "inline"]
    assert inlines[0].content.startswith(r"**Open \*warning\*:**")
    hrefs = [c.attrs["href"] for t in inlines for c in t.children if c.type == "link_open"]
    assert hrefs == ["https://example.org/a"]
    assert any(c.type == "em_open" for c in inlines[0].children)
    assert shown(inlines[-1].children) == "Second paragraph."
    assert [t.type for t in tokens].count("blockquote_open") == 1  # one note, one quote


def test_pipes_and_line_breaks_stay_inside_their_cell():
    group = WorkingGroupFactory(acronym="CCWG-P", name="Pipes | Group")
    call = TeleconferenceFactory(
        working_group=group, starts_at=dt.datetime(2017, 5, 3, 14, tzinfo=dt.UTC)
    )
    top = AgendaItemFactory(meeting=call, title="Budget | plan\nsecond line", position=1)
    AgendaItemFactory(meeting=call, parent=top, title="a | b \\| c", position=1)
    data = assemble_for_report(DraftReportFactory(working_group=group))
    tokens = parse(render(data, "md").decode())
    cells = _cells(tokens, "td")
    assert len(cells) == 3  # one row, three cells: no pipe opened a fourth
    assert shown_lines(cells[2].children) == [
        "1. Budget | plan second line",
        "a. a | b \\| c",
    ]
