"""Raw Office Open XML for the Word renderer: what python-docx has no API for.

Numbering definitions (agenda and bullet lists, with the levels of `meetings.numbering`),
list membership of a paragraph, hyperlinks, fields (PAGE, TOC), table row properties, and the
setting that makes Word update fields on opening.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

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


def field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, TOC, ...) with the given placeholder result."""

    def char(kind: str) -> BaseOxmlElement:
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fld.set(qn("w:dirty"), "true")
        run.append(fld)
        return run

    paragraph._p.append(char("begin"))
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    paragraph._p.append(run)
    paragraph._p.append(char("separate"))
    if placeholder:
        paragraph.add_run(placeholder)
    paragraph._p.append(char("end"))


def row_property(row: _Row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def update_fields_on_open(document: Document) -> None:
    """Ask Word to update the fields (the table of contents' page numbers) on opening."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def move_field_end(field_paragraph: Paragraph, last_paragraph: Paragraph) -> None:
    """End the field begun in `field_paragraph` at the end of `last_paragraph`, so the
    paragraphs between them are the field's result."""
    end = field_paragraph._p[-1]
    field_paragraph._p.remove(end)
    last_paragraph._p.append(end)


def cell_no_wrap(cell: _Cell) -> None:
    """Keep a table cell's text on one line (the teleconference table's dates)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(OxmlElement("w:noWrap"))
