"""The Word document as Word and LibreOffice open it (issue #22, item 5): contents with the
page numbers of the PDF of the same report, the PDF's running header, `app.xml` written by
ccwg (no template values, no thumbnail), Word 2013's compatibility mode, and findings as
comments whose Markdown links are links."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx.oxml.ns import qn
from lxml import etree

from reports.assembly.data import FindingNote
from reports.drafts import assemble_for_report
from reports.renderers import render
from reports.renderers.docx import (
    COMPATIBILITY_MODE,
    DocxWriter,
    app_version,
    pages_of_pdf,
    pdf_pages,
)
from reports.walk import write_report
from tests.reports.helpers import docx_document, pdf_reader

pytestmark = pytest.mark.django_db

APP_NS = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
W_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@pytest.fixture(scope="module")
def package(sample_rendered) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(sample_rendered[1]["docx"]))


def _xml(package: zipfile.ZipFile, name: str):
    return etree.fromstring(package.read(name))


def test_app_xml_is_written_by_ccwg_with_counts_of_the_text(sample_rendered, package):
    app = _xml(package, "docProps/app.xml")
    value = {etree.QName(e).localname: e.text or "" for e in app}
    assert value["Application"] == "ccwg" and value["AppVersion"] == app_version()
    assert value["Template"] == "" and value["Company"] == ""
    assert "Microsoft" not in package.read("docProps/app.xml").decode()
    # Pages: the PDF's; words and paragraphs counted from the document's text.
    assert int(value["Pages"]) == len(pdf_reader(sample_rendered[1]["pdf"]).pages)
    body = _xml(package, "word/document.xml").find("w:body", W_NS)
    # What a reader sees: the text runs (field results included, field codes not).
    texts = ["".join(p.xpath(".//w:t/text()", namespaces=W_NS)) for p in body.iter(qn("w:p"))]
    texts = [t for t in texts if t.strip()]
    assert int(value["Paragraphs"]) == len(texts) > 100
    assert int(value["Words"]) == len("\n".join(texts).split()) > 1000
    assert int(value["CharactersWithSpaces"]) > int(value["Characters"]) > int(value["Words"])


def test_no_thumbnail_part_relationship_or_content_type(package):
    assert not [name for name in package.namelist() if "thumbnail" in name]
    assert "thumbnail" not in package.read("_rels/.rels").decode()
    types = package.read("[Content_Types].xml").decode()
    assert "thumbnail" not in types and "jpeg" not in types


def test_compatibility_mode_is_word_2013(package):
    settings = _xml(package, "word/settings.xml")
    modes = [
        s.get(qn("w:val"))
        for s in settings.iter(qn("w:compatSetting"))
        if s.get(qn("w:name")) == "compatibilityMode"
    ]
    assert modes == [str(COMPATIBILITY_MODE)] == ["15"]
    # Nothing makes Word ask to update fields on opening.
    assert settings.find("w:updateFields", W_NS) is None
    assert b'w:dirty="true"' not in package.read("word/document.xml")


def _pdf_header(page) -> str:
    """The text pypdf reads in the page's top margin (the running header)."""
    top = float(page.mediabox.top) - 2 * 72 / 2.54  # the @page top margin, 2 cm
    parts: list[str] = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # on the page, from its foot
        if text.strip() and y > top:
            parts.append(text)

    page.extract_text(visitor_text=visit)
    return " ".join(" ".join(parts).split())


def test_the_running_header_is_the_pdfs(sample_rendered):
    data, documents = sample_rendered
    pages = pdf_reader(documents["pdf"]).pages
    assert _pdf_header(pages[0]) == ""  # the cover has none, in either
    pdf_header = _pdf_header(pages[1])
    assert pdf_header and pdf_header == _pdf_header(pages[-1])
    section = docx_document(documents["docx"]).sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == pdf_header == data.cover.title
    assert not section.first_page_header.paragraphs[0].text


def _toc_entries(package: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """(text, bookmark, page) of each entry in the TOC field's stored result."""
    body = _xml(package, "word/document.xml").find("w:body", W_NS)
    entries, inside = [], False
    for paragraph in body.iter(qn("w:p")):
        instructions = "".join(paragraph.xpath(".//w:instrText/text()", namespaces=W_NS))
        inside = inside or instructions.strip().startswith("TOC ")
        if not inside:
            continue
        for link in paragraph.findall("w:hyperlink", W_NS):
            runs = link.findall("w:r", W_NS)
            text = "".join(runs[0].itertext())
            # The runs after the PAGEREF's "separate" hold its stored result.
            kinds = [r.find("w:fldChar", W_NS) for r in runs]
            separates = [
                i
                for i, k in enumerate(kinds)
                if k is not None and k.get(qn("w:fldCharType")) == "separate"
            ]
            page = "".join(runs[separates[0] + 1].itertext()) if separates else ""
            ref = "".join(link.xpath(".//w:instrText/text()", namespaces=W_NS)).split()
            assert ref[:2] == (["PAGEREF", link.get(qn("w:anchor"))] if page else [])
            entries.append((text, link.get(qn("w:anchor")), page))
        ends = paragraph.xpath("./w:r/w:fldChar[@w:fldCharType='end']", namespaces=W_NS)
        if ends:
            break
    return entries


def _pdf_outline_pages(reader) -> dict[str, int]:
    """The PDF's bookmarks (its headings) and the page (from 1) each points to."""
    pages: dict[str, int] = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                pages[" ".join(item.title.split())] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    return pages


def test_the_contents_carry_the_pdfs_page_numbers(sample_rendered, package):
    data, documents = sample_rendered
    entries = _toc_entries(package)
    assert [text for text, _, _ in entries] == [h.text for h in data.toc]
    outline = _pdf_outline_pages(pdf_reader(documents["pdf"]))
    compared = [(text, int(page), outline[text]) for text, _, page in entries if text in outline]
    assert len(compared) == len(entries)
    assert all(word_page == pdf_page for _, word_page, pdf_page in compared), compared
    assert len({page for _, page, _ in compared}) > 3  # not one number for all
    # Each entry links to a bookmark around its heading.
    body = _xml(package, "word/document.xml")
    marks = {
        b.get(qn("w:name")): "".join(b.getparent().itertext())
        for b in body.iter(qn("w:bookmarkStart"))
    }
    assert [marks[bookmark] for _, bookmark, _ in entries] == [h.text for h in data.toc]


def test_comments_render_their_markdown_with_links(draft_report):
    data = assemble_for_report(draft_report)
    writer = DocxWriter(data)
    write_report(data, writer)
    note = FindingNote(
        severity="warning",
        label="Open warning (draft)",
        text="Ask the [BWG-IG](https://example.org/bwg-ig) about **Geneva**.",
    )
    writer.comment(writer.doc.paragraphs[-1], [note])
    content = writer.document()
    comments = docx_document(content).comments
    texts = [c.text for c in comments]
    assert texts == ["Open warning (draft): Ask the BWG-IG about Geneva."]
    package = zipfile.ZipFile(io.BytesIO(content))
    xml = _xml(package, "word/comments.xml")
    links = xml.findall(".//w:hyperlink", W_NS)
    assert ["".join(link.itertext()) for link in links] == ["BWG-IG"]
    rels = _xml(package, "word/_rels/comments.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    assert targets[links[0].get(R_ID)] == "https://example.org/bwg-ig"
    # A comment's link is not numbered into the report's Links annex.
    assert "example.org/bwg-ig" not in package.read("word/document.xml").decode()


@pytest.mark.slow
def test_the_pdf_layout_keeps_to_the_render_budget(draft_report, settings):
    """Within the budget the layout runs in a child and gives the same pages; past it, the
    contents are written without page numbers rather than holding the worker."""
    data = assemble_for_report(draft_report)
    settings.REPORT_RENDER_TIMEOUT = 0
    in_process = pdf_pages(data)
    assert in_process is not None and in_process.count >= 3
    assert in_process.of_anchor[data.toc[0].anchor] == 3  # cover, contents, then section 1
    settings.REPORT_RENDER_TIMEOUT = 60
    assert pdf_pages(data) == in_process
    settings.REPORT_RENDER_TIMEOUT = 0.001
    assert pdf_pages(data) is None
    entries = _toc_entries(zipfile.ZipFile(io.BytesIO(render(data, "docx"))))
    assert [text for text, _, _ in entries] == [h.text for h in data.toc]
    assert all(page == "" for _, _, page in entries)


def test_the_pdf_already_made_gives_word_its_page_numbers(sample_rendered):
    """Publishing writes both formats: Word reads the pages of the PDF's headings from it
    instead of laying the PDF out a second time, and finds the same ones."""
    data, documents = sample_rendered
    from_pdf = pages_of_pdf(documents["pdf"])
    laid_out = pdf_pages(data)
    assert from_pdf is not None and laid_out is not None
    assert from_pdf.count == laid_out.count
    for heading in data.toc:
        assert from_pdf.of_anchor[heading.anchor] == laid_out.of_anchor[heading.anchor]


def test_rendering_all_formats_lays_the_pdf_out_once(draft_report, monkeypatch):
    from reports.renderers import docx as docx_renderer
    from reports.renderers import render_all

    def refuse(data):
        raise AssertionError("a second layout of the PDF")

    monkeypatch.setattr(docx_renderer, "pdf_pages", refuse)
    data = assemble_for_report(draft_report)
    documents = render_all(data)
    assert list(documents) == ["html", "pdf", "docx", "md"]
    package = zipfile.ZipFile(io.BytesIO(documents["docx"]))
    outline = _pdf_outline_pages(pdf_reader(documents["pdf"]))
    entries = _toc_entries(package)
    assert [text for text, _, _ in entries] == [h.text for h in data.toc]
    assert all(int(page) == outline[text] for text, _, page in entries if text in outline)
