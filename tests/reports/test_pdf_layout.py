"""The PDF's layout: a draft has the pages of the published report (its open findings are
marks in the margin and notes after the annexes, with their Markdown rendered), the table's
header cells are tagged with their scope, quotations are set at a readable size, a finding
in a table cell stays on the page, and a caption is never left at the foot of a page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from pypdf import PdfReader

from reports.assembly.data import FindingNote
from reports.drafts import assemble_for_report
from reports.models import AnnualReport
from reports.renderers import render
from reports.renderers.html import OPEN_FINDINGS, stylesheet
from reports.renderers.pdf import write_pdf

pytestmark = pytest.mark.django_db

PUBLISHED_AT = dt.datetime(2018, 3, 1, 12, tzinfo=dt.UTC)
BODY_SIZE = 10.0  # points: `.report` in report-pdf.css
#: What a finding adds to a draft's pages: its mark in the margin ("Finding 1").
_MARK = re.compile(r"Finding \d+\n?")


#: A finding on a teleconference's row, quoting Markdown as the checks do.
ROW_NOTE = FindingNote(
    "error", "Open error (draft)", "The call quotes [BWG-IG](https://features.icann.org/)."
)


def _with_row_note(data):
    """The draft with one more open finding, on the first row of the teleconference table
    (the sample's own findings come and go with its records)."""
    first, *rest = data.teleconferences
    marked = dataclasses.replace(first, findings=(*first.findings, ROW_NOTE))
    return dataclasses.replace(data, teleconferences=(marked, *rest))


@pytest.fixture(scope="module")
def draft_and_published(django_db_setup, django_db_blocker):
    """The 2017 sample draft (with a finding in the table) and the same records published:
    (draft data, draft PDF, published PDF); the records are rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_sample_data", verbosity=0)
        report = AnnualReport.objects.get(working_group__acronym="CCWG-IG", year=2017)
        draft = _with_row_note(assemble_for_report(report))
        published = assemble_for_report(report, published_at=PUBLISHED_AT)
        documents = (draft, render(draft, "pdf"), render(published, "pdf"))
        transaction.set_rollback(True)
    return documents


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    """Every bookmark as (title, page number from 1), in document order."""
    found: list[tuple[str, int]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


@pytest.mark.slow
def test_the_draft_has_the_pages_of_the_published_report(draft_and_published):
    data, draft_pdf, published_pdf = draft_and_published
    assert data.is_draft
    draft, published = PdfReader(io.BytesIO(draft_pdf)), PdfReader(io.BytesIO(published_pdf))
    published_outline = _outline(published)
    draft_outline = _outline(draft)
    # Every heading on the same page; the draft's only addition is "Open findings" at the end.
    assert draft_outline[:-1] == published_outline
    title, first_notes_page = draft_outline[-1]
    assert title == OPEN_FINDINGS
    assert first_notes_page == len(published.pages) + 1
    # Page for page the same text, the cover's status and the margin marks aside.
    for number in range(2, len(published.pages) + 1):
        draft_text = _MARK.sub("", draft.pages[number - 1].extract_text())
        assert draft_text == published.pages[number - 1].extract_text(), number
    assert "Finding 1" in "".join(page.extract_text() for page in draft.pages[:-1])


@pytest.mark.slow
def test_the_open_findings_render_their_markdown(draft_and_published):
    data, draft_pdf, _published = draft_and_published
    html = render(data, "html").decode()
    start = html.index('<section class="open-findings"')
    notes = html[start:]
    assert start > html.index(f'id="{data.toc[-1].anchor}"')  # after the last section
    assert '<a href="https://features.icann.org/"' in notes  # a link, as written
    assert "[BWG-IG](" not in html
    # Each mark links to its note, and the note back to its mark.
    marks = re.findall(r'<a class="finding-mark finding-\w+" id="(open-finding-\d+)-mark"', html)
    assert marks and marks == re.findall(r'<aside class="finding-note [^"]*" id="([^"]+)"', notes)
    for anchor in marks:
        assert f'href="#{anchor}"' in html and f'href="#{anchor}-mark"' in notes
    row = html[html.index('<td class="date">') : html.index('<td class="attendance">')]
    assert 'class="finding-mark finding-error"' in row and "quotes" not in row
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(draft_pdf)).pages)
    assert "](http" not in text and "[BWG-IG]" not in text
    assert "https://features.icann.org/" in text  # the link's address, as a footnote


@pytest.mark.slow
def test_a_published_report_has_no_marks_nor_open_findings(draft_and_published):
    _data, _draft, published_pdf = draft_and_published
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(published_pdf)).pages)
    assert "Finding 1" not in text and OPEN_FINDINGS not in text


def _structure(reader: PdfReader):
    """Every structure element of the PDF's tag tree, depth first."""

    def walk(node):
        node = node.get_object()
        if "/S" in node:
            yield node
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                yield from walk(kid)

    yield from walk(reader.trailer["/Root"]["/StructTreeRoot"])


@pytest.mark.slow
def test_every_part_of_the_split_table_has_its_header_row_with_scope(draft_and_published):
    _data, _draft, published_pdf = draft_and_published
    reader = PdfReader(io.BytesIO(published_pdf))
    elements = list(_structure(reader))
    tables = [element for element in elements if element["/S"] == "/Table"]
    assert len(tables) > 1  # WeasyPrint tags one /Table per page of a split table
    for table in tables:
        parts = {kid.get_object()["/S"] for kid in table["/K"]}
        assert "/THead" in parts
    headers = [element for element in elements if element["/S"] == "/TH"]
    assert len(headers) == 3 * len(tables)
    assert {str(element["/A"]["/Scope"]) for element in headers} == {"/Column"}
    # the header row repeats on every page the table runs over
    pages = [page.extract_text() for page in reader.pages]
    with_table = [text for text in pages if "(17, inc. staff)" in text or "13 (16, inc." in text]
    assert with_table and all("Topics discussed" in text for text in with_table)


def _sizes_of(reader: PdfReader, needle: str) -> set[float]:
    """The font sizes (in points) of the text runs that contain `needle`."""
    sizes: set[float] = set()

    def visit(text, cm, tm, font, size):
        if needle in text:
            sizes.add(round(size * (tm[0] if tm[0] else 1) * (cm[0] if cm[0] else 1), 1))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.slow
def test_quotations_are_set_one_point_under_the_body(draft_and_published):
    data, _draft, published_pdf = draft_and_published
    reader = PdfReader(io.BytesIO(published_pdf))
    statements = [
        s for row in data.teleconferences for e in row.agenda_entries() for s in e.statements
    ] + [entry.statement for entry in data.annex_statements]
    assert statements
    body = _sizes_of(reader, " ".join(data.introduction.plain.split()[:3]))
    quoted = _sizes_of(reader, " ".join(statements[0].paragraphs[0].split()[:3]))
    assert BODY_SIZE in body and quoted  # the body's size, measured as the stylesheet sets it
    assert min(quoted) >= BODY_SIZE - 1.0


@pytest.mark.slow
def test_a_finding_in_a_table_cell_stays_on_the_page(draft_report):
    data = assemble_for_report(draft_report)
    note = FindingNote("error", "Open error (draft)", "See [the call](https://example.org/x). " * 8)
    (row,) = data.teleconferences
    data = dataclasses.replace(data, teleconferences=(dataclasses.replace(row, findings=(note,)),))
    html = render(data, "html").decode()
    cell = html[html.index('<td class="date">') : html.index('<td class="attendance">')]
    assert 'class="finding-mark finding-error"' in cell and "the call" not in cell
    reader = PdfReader(io.BytesIO(render(data, "pdf")))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        for annotation in page.get("/Annots") or []:
            x1, y1, x2, y2 = (float(value) for value in annotation.get_object()["/Rect"])
            assert min(x1, x2) >= 0 and max(x1, x2) <= width
            assert min(y1, y2) >= 0 and max(y1, y2) <= height
    *report_pages, notes_page = (page.extract_text() for page in reader.pages)
    assert "Finding 1" in "".join(report_pages)
    assert OPEN_FINDINGS in notes_page and "the call" in notes_page


@pytest.mark.slow
def test_an_annex_caption_is_never_left_at_the_foot_of_a_page():
    """Filler pushes the caption "A.2" down a line at a time over the foot of the first page:
    the caption is always on the page where its statement starts."""
    css = stylesheet("report.css") + stylesheet("report-pdf.css")
    caption_pages = set()
    for lines in range(22, 40):
        filler = "".join(f"<p>Line {n}.</p>" for n in range(lines))
        body = (
            f'<article class="report" lang="en">{filler}<div class="annex-statement">'
            '<p class="annex-context"><strong>A.2</strong> <em>The caption</em></p>'
            '<div class="statement"><p class="from">From the ccNSO:</p>'
            "<blockquote><p>“The quoted words.”</p></blockquote></div></div></article>"
        )
        document = (
            f'<html lang="en"><head><title>t</title><style>{css}</style></head>'
            f'<body class="report-document pdf">{body}</body></html>'
        )
        reader = PdfReader(io.BytesIO(write_pdf(document, "caption-test")))
        texts = [page.extract_text() for page in reader.pages]
        (caption,) = [n for n, text in enumerate(texts) if "A.2" in text]
        assert "From the ccNSO" in texts[caption] and "The quoted words" in texts[caption]
        caption_pages.add(caption)
    assert caption_pages == {0, 1}  # the sweep crossed the foot of the page
