"""Raw Office Open XML for the Word renderer: what python-docx has no API for.

Numbering definitions (agenda and bullet lists, with the levels of `meetings.numbering`),
list membership of a paragraph, hyperlinks, bookmarks, fields (PAGE, TOC, PAGEREF) with their
stored results, table row properties, the compatibility mode, and the package's `app.xml`.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

from meetings.numbering import LEVELS
from reports.markup import xml_safe

AGENDA_ABSTRACT_ID = 90
BULLET_ABSTRACT_ID = 91
WORD_LEVELS = 9
INDENT_STEP = 360  # twentieths of a point per level


def safe_text(value: str) -> str:
    """Text Word can store (no XML-illegal control characters)."""
    return xml_safe(value or "")


class Lists:
    """Numbering definitions: one abstract list for agendas, one for bullets; a new
    instance (w:num) per list so each agenda restarts at 1."""

    def __init__(self, document: Document) -> None:
        self.numbering = document.part.numbering_part.element
        self.next_id = 1000
        self._add_abstract(AGENDA_ABSTRACT_ID, bullet=False)
        self._add_abstract(BULLET_ABSTRACT_ID, bullet=True)

    def _add_abstract(self, abstract_id: int, *, bullet: bool) -> None:
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "multilevel")
        abstract.append(multi)
        for ilvl in range(WORD_LEVELS):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(ilvl))
            start = OxmlElement("w:start")
            start.set(qn("w:val"), "1")
            fmt = OxmlElement("w:numFmt")
            text = OxmlElement("w:lvlText")
            if bullet:
                fmt.set(qn("w:val"), "bullet")
                text.set(qn("w:val"), "•" if ilvl % 2 == 0 else "◦")
            else:
                level = LEVELS[ilvl % len(LEVELS)]
                fmt.set(qn("w:val"), level.style)
                text.set(qn("w:val"), level.pattern.format(f"%{ilvl + 1}"))
            jc = OxmlElement("w:lvlJc")
            jc.set(qn("w:val"), "left")
            ppr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(INDENT_STEP * (ilvl + 1) + (0 if bullet else 120)))
            ind.set(qn("w:hanging"), str(INDENT_STEP if bullet else INDENT_STEP + 120))
            ppr.append(ind)
            for child in (start, fmt, text, jc, ppr):
                lvl.append(child)
            abstract.append(lvl)
        # abstractNum elements precede every w:num in numbering.xml
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)

    def new(self, *, bullet: bool = False) -> int:
        self.next_id += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.next_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(BULLET_ABSTRACT_ID if bullet else AGENDA_ABSTRACT_ID))
        num.append(ref)
        for ilvl in range(WORD_LEVELS):
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), str(ilvl))
            start = OxmlElement("w:startOverride")
            start.set(qn("w:val"), "1")
            override.append(start)
            num.append(override)
        self.numbering.append(num)
        return self.next_id


def number(paragraph: Paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = min(level, WORD_LEVELS - 1)
    num_pr.get_or_add_numId().val = num_id


def hyperlink(paragraph: Paragraph, text: str, url: str) -> None:
    part = paragraph.part
    r_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0B5394")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    for child in (style, color, underline):
        rpr.append(child)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = safe_text(text)
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _run(child: BaseOxmlElement) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    run.append(child)
    return run


def _field_char(kind: str) -> BaseOxmlElement:
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    return _run(fld)


def _text_run(text: str) -> BaseOxmlElement:
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = safe_text(text)
    return _run(t)


def field_start(instruction: str) -> list[BaseOxmlElement]:
    """The runs that open a field and its result: begin, instruction, separate.

    Never marked dirty: Word asks before updating a dirty field on opening, so the stored
    result is what a reader sees (Word recomputes PAGE itself).
    """
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    return [_field_char("begin"), _run(instr), _field_char("separate")]


def field_end() -> BaseOxmlElement:
    return _field_char("end")


def field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, ...) with the given result stored."""
    for run in field_start(instruction):
        paragraph._p.append(run)
    if placeholder:
        paragraph._p.append(_text_run(placeholder))
    paragraph._p.append(field_end())


def bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """A bookmark around the paragraph's content (a heading the contents refer to)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def toc_entry(paragraph: Paragraph, text: str, target: str, page: int | None) -> None:
    """One line of the contents' stored result, as Word writes it: a link to the heading's
    bookmark holding the text, a tab (right-aligned, dot leader, set on the paragraph) and
    a PAGEREF field whose result is `page`."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), target)
    link.set(qn("w:history"), "1")
    link.append(_text_run(text))
    if page is not None:
        link.append(_run(OxmlElement("w:tab")))
        for run in field_start(f"PAGEREF {target} \\h"):
            link.append(run)
        link.append(_text_run(str(page)))
        link.append(field_end())
    paragraph._p.append(link)


def compatibility_mode(document: Document, mode: int) -> None:
    """Word's compatibility mode (15: Word 2013 and later), in `w:compat` of settings."""
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), str(mode))
            return
    setting = OxmlElement("w:compatSetting")
    setting.set(qn("w:name"), "compatibilityMode")
    setting.set(qn("w:uri"), "http://schemas.microsoft.com/office/word")
    setting.set(qn("w:val"), str(mode))
    compat.append(setting)


def row_property(row: _Row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def cell_no_wrap(cell: _Cell) -> None:
    """Keep a table cell's text on one line (the teleconference table's dates)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(OxmlElement("w:noWrap"))


_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_APP_PART = "/docProps/app.xml"


def app_properties(document: Document, values: dict[str, str]) -> None:
    """`docProps/app.xml` holding only `values` (Application, Words, ...), in place of the
    template's ("Microsoft Macintosh Word", Pages 1, Words 0)."""
    root = etree.Element(f"{{{_APP_NS}}}Properties", nsmap={None: _APP_NS})
    for name, value in values.items():
        etree.SubElement(root, f"{{{_APP_NS}}}{name}").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for part in document.part.package.iter_parts():
        if part.partname == _APP_PART:
            part._blob = blob  # a plain Part: python-docx writes its blob as it is


def drop_thumbnail(document: Document) -> None:
    """Leave out the template's blank `docProps/thumbnail.jpeg`: without its relationship
    the part is not written, nor its content type."""
    rels = document.part.package.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
        del rels[r_id]
