"""Every format of the 2017 sample report holds every fact of the reference, in its section."""

from __future__ import annotations

import re

import pytest
from docx.oxml.ns import qn

from meetings.numbering import LEVELS, item_label
from tests.reports.helpers import (
    docx_document,
    docx_text,
    html_text,
    md_agenda_lines,
    md_text,
    missing_facts,
    normalize,
    pdf_reader,
    pdf_text,
)

pytestmark = pytest.mark.django_db

TELECONFERENCES = [
    ("2 Feb 2017", "15 (17, inc. staff)"),
    ("16 Feb 2017", "11 (15, inc. staff)"),
    ("7 Mar 2017", "7 (12, inc. staff)"),
    ("4 Apr 2017", "11 (14, inc. staff)"),
    ("28 Apr 2017", "8 (11, inc. staff)"),
    ("20 Jun 2017", "13 (16, inc. staff)"),
    ("14 Jul 2017", "9 (13, inc. staff)"),
    ("11 Oct 2017", "11 (16, inc. staff)"),
    ("17 Oct 2017", "9"),
]


@pytest.mark.parametrize(
    ("fmt", "extract"),
    [("html", html_text), ("pdf", pdf_text), ("docx", docx_text), ("md", md_text)],
)
def test_every_fact_of_the_reference_is_in_its_section(sample_rendered, fmt, extract):
    _, documents = sample_rendered
    assert missing_facts(extract(documents[fmt])) == []


@pytest.mark.parametrize(
    ("fmt", "extract"),
    [("html", html_text), ("pdf", pdf_text), ("docx", docx_text), ("md", md_text)],
)
def test_the_reference_documents_mistakes_are_not_reproduced(sample_rendered, fmt, extract):
    _, documents = sample_rendered
    text = normalize(extract(documents[fmt]))
    assert "ICANN 55" not in text
    assert "ICANN 56" not in text
    assert "Report on the 2017 Activities of the Cross Community Working Group" in text


# --------------------------------------------------------------------------- HTML


def test_html_is_a_self_contained_document(sample_rendered):
    _, documents = sample_rendered
    page = documents["html"].decode()
    assert page.startswith("<!doctype html>")
    assert "<style>" in page
    assert "@media print" in page
    assert "<link" not in page and "<script" not in page
    assert "http://fonts" not in page and "https://fonts" not in page


def test_html_teleconference_table_has_nine_rows_with_the_counts(sample_rendered):
    _, documents = sample_rendered
    page = documents["html"].decode()
    table = re.search(r'<table class="teleconferences">.*?</table>', page, re.S).group(0)
    rows = re.findall(
        r'<td class="date">(.*?)</td>\s*<td class="attendance">(.*?)</td>', table, re.S
    )
    assert rows == TELECONFERENCES
    assert table.count("<thead>") == 1


# --------------------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def pdf(sample_rendered):
    return pdf_reader(sample_rendered[1]["pdf"])


def test_pdf_is_a4_with_page_numbers(pdf):
    assert len(pdf.pages) >= 6
    for page in pdf.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)
    for number in range(2, len(pdf.pages) + 1):
        lines = [line.strip() for line in pdf.pages[number - 1].extract_text().splitlines()]
        assert str(number) in lines, f"page {number} shows no page number"


def test_pdf_contents_list_the_sections_with_their_pages(sample_rendered, pdf):
    data, documents = sample_rendered
    contents = normalize(pdf.pages[1].extract_text())
    assert "Contents" in contents
    text = pdf_text(documents["pdf"])
    pages = text.split("\f")
    for heading in data.toc:
        match = re.search(re.escape(normalize(heading.text)) + r"[ .]*(\d+)", contents)
        assert match, f"{heading.text} is not in the contents"
        page = int(match.group(1))
        # (a text extractor may drop the hyphen of a word broken at the end of a line)
        wanted = normalize(heading.text).replace("-", "")
        assert wanted in normalize(pages[page - 1]).replace("-", ""), heading.text


def test_pdf_outline_has_the_numbered_sections(pdf):
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(pdf.outline)
    assert "1. Introduction" in titles
    assert "2.4.2 CCWG-IG teleconferences" in titles
    assert "4. Identified threats to ICANN Mission" in titles


def test_pdf_teleconference_rows_are_not_split(sample_rendered):
    """Each row's date and its attendance are on the same page, as is its first topic."""
    data, documents = sample_rendered
    pages = [normalize(p) for p in pdf_text(documents["pdf"]).split("\f")]
    for row in data.teleconferences:
        holding = [i for i, page in enumerate(pages) if row.date_label in page]
        assert holding, row.date_label
        page = pages[holding[-1]]
        assert row.attendance in page
        first_topic = normalize(row.agenda[0].title)[:30]
        assert first_topic in page, (row.date_label, first_topic)


def test_pdf_has_clickable_links(pdf):
    uris = set()
    for page in pdf.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and action.get("/URI"):
                uris.add(action["/URI"])
    assert "https://icann58copenhagen2017.sched.com/" in uris


# --------------------------------------------------------------------------- DOCX


@pytest.fixture(scope="module")
def word(sample_rendered):
    return docx_document(sample_rendered[1]["docx"])


def test_docx_uses_word_heading_styles(word, sample_rendered):
    data, _ = sample_rendered
    headings = {p.text: p.style.name for p in word.paragraphs if p.style.name.startswith("Heading")}
    for heading in data.toc:
        assert headings.get(heading.text) == f"Heading {heading.level}", heading.text
    assert headings["1. Introduction"] == "Heading 1"
    assert headings["2.1 CCWG-IG engagement with wider ICANN Community"] == "Heading 2"
    assert headings["2.4.2 CCWG-IG teleconferences"] == "Heading 3"
    assert word.paragraphs[0].style.name in ("Normal", "Title")
    assert any(p.style.name == "Title" for p in word.paragraphs)


def test_docx_has_a_table_of_contents_field(sample_rendered):
    xml = _document_xml(sample_rendered[1]["docx"])
    assert 'TOC \\o "1-3"' in xml


def test_docx_teleconferences_are_a_real_table(word):
    assert len(word.tables) == 1
    table = word.tables[0]
    assert len(table.rows) == 10
    assert [c.text for c in table.rows[0].cells] == ["Date", "In attendance", "Topics discussed"]
    assert [(r.cells[0].text, r.cells[1].text) for r in table.rows[1:]] == TELECONFERENCES
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    # the statements of 20 June are quoted in the row, as in the group's report
    assert "From ccNSO:" in table.rows[6].cells[2].text
    assert "Annex A" not in table.rows[6].cells[2].text


def test_docx_agendas_are_numbered_lists_with_the_shared_labels(word, sample_rendered):
    data, _ = sample_rendered
    numbered = [
        p for p in _all_paragraphs(word) if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert len(numbered) > 50
    # Word's own level definitions give the labels of meetings.numbering
    numbering = word.part.numbering_part.element
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == "90"
    )
    for lvl in abstract.findall(qn("w:lvl"))[: len(LEVELS)]:
        ilvl = int(lvl.get(qn("w:ilvl")))
        assert lvl.find(qn("w:numFmt")).get(qn("w:val")) == LEVELS[ilvl].style
        assert lvl.find(qn("w:lvlText")).get(qn("w:val")) == LEVELS[ilvl].pattern.format(
            f"%{ilvl + 1}"
        )
    assert _docx_agenda_labels(word) == data.agenda_labels()


def test_docx_links_are_hyperlinks(sample_rendered):
    xml = _document_xml(sample_rendered[1]["docx"])
    assert "<w:hyperlink" in xml
    rels = _zip_member(sample_rendered[1]["docx"], "word/_rels/document.xml.rels")
    assert "https://icann58copenhagen2017.sched.com/" in rels


def test_docx_narrative_markdown_becomes_runs_and_list_items(word):
    text = "\n".join(p.text for p in word.paragraphs)
    assert "**" not in text and "](" not in text
    italic = [r.text for p in word.paragraphs for r in p.runs if r.italic]
    assert any("A Uniform Framework of Principles" in t for t in italic)
    bullets = [p.text for p in word.paragraphs if p.text.startswith("How the new vehicle")]
    assert len(bullets) == 2


# --------------------------------------------------------------------------- Markdown


def test_markdown_teleconference_table(sample_rendered):
    text = sample_rendered[1]["md"].decode()
    rows = re.findall(r"^\| (\d+ \w{3} \d{4}) \| ([^|]+) \|", text, re.M)
    assert rows == TELECONFERENCES
    assert "| Date | In attendance | Topics discussed |" in text


def test_markdown_agenda_labels_match(sample_rendered):
    data, documents = sample_rendered
    assert _md_labels_are(documents["md"].decode(), data.agenda_labels())


def test_markdown_renders_to_the_same_structure(sample_rendered):
    from markdown_it import MarkdownIt

    data = sample_rendered[0]
    source = sample_rendered[1]["md"].decode()
    parser = MarkdownIt("commonmark").enable("table")
    rendered = parser.render(source)
    assert rendered.count("<h2>") == 5  # contents + 4 chapters
    assert "<table>" in rendered
    # agendas are nested lists whose items carry the labels (CommonMark would renumber "a.")
    assert re.search(r"<li>\d+\. [^<]*<ul>\s*<li>[a-z]+\. ", rendered)
    # the table's cells hold text, line breaks, links and a statement's bold lead only
    assert "&nbsp;" not in source
    cells = re.findall(r"<td>(.*?)</td>", rendered, re.S)
    assert {tag for cell in cells for tag in re.findall(r"<(\w+)", cell)} <= {"br", "a", "strong"}
    # the contents link to the explicit anchors of the headings
    contents = re.findall(r"\]\(#([^)]+)\)", source[: source.index("</a>1. Introduction")])
    anchors = re.findall(r'<h\d><a id="([^"]+)"></a>', rendered)
    assert len(contents) == len(data.toc) and set(contents) <= set(anchors)


# --------------------------------------------------------------------------- numbering


def test_numbering_is_identical_in_html_pdf_docx_and_md(sample_rendered, word):
    data, documents = sample_rendered
    expected = data.agenda_labels()
    html_labels = [
        (
            re.sub(r"<[^>]+>", "", label),
            __import__("html").unescape(title),
        )
        for label, title in re.findall(
            r'<span class="num">(.*?)</span> <span class="item-title">(.*?)</span>',
            documents["html"].decode(),
        )
    ]
    assert html_labels == expected
    assert _md_labels_are(documents["md"].decode(), expected)
    assert _docx_agenda_labels(word) == expected
    # PDF: every "label title" appears, in document order
    text = normalize(pdf_text(documents["pdf"]))
    position = 0
    for label, title in expected:
        needle = normalize(f"{label} {title}")[:40]
        found = text.find(needle, position)
        assert found != -1, needle
        position = found
    assert expected[:4] == [
        ("1.", "Main outcomes on IG front during 2016"),
        ("2.", "Look ahead to main issues during 2017"),
        (
            "a.",
            "Working Group of Enhanced Cooperation (a Working Group of UN Commission of "
            "Science and Technology for Development)",
        ),
        ("b.", "WSIS Forum 2017"),
    ]
    assert ("iii.", "ICANN Final Comment") in expected


# --------------------------------------------------------------------------- helpers


def _zip_member(content: bytes, name: str) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name).decode("utf-8")


def _document_xml(content: bytes) -> str:
    return _zip_member(content, "word/document.xml")


def _all_paragraphs(document):
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield block


def _docx_agenda_labels(document) -> list[tuple[str, str]]:
    """Labels as Word computes them: one counter per level of each list instance."""
    labels = []
    counters: dict[str, list[int]] = {}
    for paragraph in _all_paragraphs(document):
        ppr = paragraph._p.pPr
        if ppr is None or ppr.numPr is None:
            continue
        num_id = ppr.numPr.numId.val
        ilvl = ppr.numPr.ilvl.val
        if paragraph.style.name != "List Paragraph" or not _is_agenda(document, num_id):
            continue
        counts = counters.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        labels.append((item_label(ilvl, counts[ilvl]), paragraph.text))
    return labels


def _is_agenda(document, num_id: int) -> bool:
    numbering = document.part.numbering_part.element
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(num_id):
            return num.find(qn("w:abstractNumId")).get(qn("w:val")) == "90"
    return False


def _md_labels_are(text: str, expected: list[tuple[str, str]]) -> bool:
    """Whether the Markdown, as a CommonMark reader shows it, prints every agenda item as
    "label title" (a cell's line may go on with the item's notes and links)."""
    lines = md_agenda_lines(text)
    return len(lines) == len(expected) and all(
        line.startswith(f"{label} {title}")
        for line, (label, title) in zip(lines, expected, strict=True)
    )


# --------------------------------------------------------------------------- hostile text


def test_untrusted_text_cannot_break_any_format():
    import datetime as dt

    from reports.assembly import Narrative, assemble_report
    from reports.renderers import render
    from tests.factories import (
        AgendaItemFactory,
        OrganizationFactory,
        StatementFactory,
        TeleconferenceFactory,
        WorkingGroupFactory,
    )

    group = WorkingGroupFactory(acronym="CCWG-H", name="Hostile <b>Group</b> | *x*")
    hostile = "Evil | pipe *star* _u_ [x](javascript:alert(1)) <script>alert(1)</script>\x07 # 1. "
    for day in (1, 2):
        meeting = TeleconferenceFactory(
            working_group=group,
            starts_at=dt.datetime(2017, 5, day, 14, tzinfo=dt.UTC),
            title=hostile,
        )
        item = AgendaItemFactory(meeting=meeting, title=hostile, position=1)
        StatementFactory(
            meeting=meeting, agenda_item=item, source=OrganizationFactory(), text=hostile
        )
    data = assemble_report(
        working_group=group,
        period_start=dt.date(2017, 1, 1),
        period_end=dt.date(2017, 12, 31),
        narrative=Narrative(introduction=hostile + "\n\n- **ok**"),
    )
    page = render(data, "html").decode()
    assert "<script>alert" not in page and 'href="javascript' not in page
    md = render(data, "md").decode()
    assert "<script>" not in md
    assert len(re.findall(r"^\| \d+ May 2017 \|", md, re.M)) == 2
    for line in md.splitlines():
        if line.startswith("| 1 May 2017"):
            assert line.count(" | ") == 2  # the pipes in the text are escaped
    document = docx_document(render(data, "docx"))
    table = document.tables[0]
    assert len(table.rows) == 3
    assert "Evil | pipe *star*" in table.rows[1].cells[2].text
    assert "\x07" not in table.rows[1].cells[2].text
    assert render(data, "pdf").startswith(b"%PDF")


def test_the_attendance_chart_is_drawn_under_2_4_2_in_html_and_pdf(sample_rendered, pdf):
    """The chart of the nine teleconferences, from the same figures as the table."""
    import xml.etree.ElementTree as ET

    data, documents = sample_rendered
    chart = data.attendance_chart
    assert [(p.day.isoformat(), p.members, p.total) for p in chart.points][:2] == [
        ("2017-02-02", 15, 17),
        ("2017-02-16", 11, 15),
    ]
    assert len(chart.points) == len(TELECONFERENCES)
    assert chart.points[-1].total is None  # 17 Oct: members only, as the table says
    page = documents["html"].decode()
    heading = page.index("2.4.2 CCWG-IG teleconferences")
    figure = page.index('<figure class="attendance-chart">')
    assert heading < figure < page.index('<table class="teleconferences">')
    svg = page[page.index("<svg", figure) : page.index("</svg>", figure) + len("</svg>")]
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == chart.title
    bar_titles = [t.text for t in root.iter(f"{ns}title")][1:]
    assert any(t.startswith("2 Feb 2017") and "15 members" in t for t in bar_titles)
    assert chart.caption in page
    # WeasyPrint draws it: the bars' figures are text on the 2.4.2 page of the PDF
    pages = [normalize(p) for p in pdf_text(documents["pdf"]).split("\f")]
    page_242 = next(
        p for p in pages if "2.4.2 CCWG-IG teleconferences" in p and "Contents" not in p
    )
    assert "Members" in page_242 and "Total, including staff" in page_242
    assert normalize(chart.caption) in page_242


def test_formats_that_cannot_draw_carry_the_figures_in_the_table_only(sample_rendered):
    data, documents = sample_rendered
    assert data.attendance_chart.title not in documents["md"].decode()
    assert data.attendance_chart.title not in docx_text(documents["docx"])
