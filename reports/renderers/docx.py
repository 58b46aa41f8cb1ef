"""The report as a Word document (python-docx).

Real heading styles (Heading 1-4) so Word's navigation pane and table of contents work; a TOC
field Word fills in; agendas as real Word numbered lists whose levels come from
`reports.numbering.LEVELS` (so Word shows `1.`, `a.`, `i.` exactly as the other formats);
the teleconferences as a real table with a repeated header row.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reports.assembly.data import AgendaEntry, Heading, Link, ReportData, Session, StatementData
from reports.markup import Block, RichText, Run, xml_safe
from reports.numbering import LEVELS

AGENDA_ABSTRACT_ID = 90
BULLET_ABSTRACT_ID = 91
WORD_LEVELS = 9
INDENT_STEP = 360  # twentieths of a point per level


def _t(text: str) -> str:
    return xml_safe(text or "")


class _Lists:
    """Numbering definitions: one abstract list for agendas, one for bullets; a new
    instance (w:num) per list so each agenda restarts at 1."""

    def __init__(self, document) -> None:
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


def _number(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = min(level, WORD_LEVELS - 1)
    num_pr.get_or_add_numId().val = num_id


def _hyperlink(paragraph, text: str, url: str) -> None:
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
    t.text = _t(text)
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, TOC, ...) with the given placeholder result."""

    def char(kind: str):
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


class _Writer:
    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.doc = Document()
        self.lists = _Lists(self.doc)
        self._styles()

    # -- setup
    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
            styles[name].font.size = Pt(size)
            styles[name].font.color.rgb = RGBColor(0x0B, 0x3D, 0x6E)
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2.2))
        section.top_margin = section.bottom_margin = Cm(2.0)
        footer = section.footer.paragraphs[0]
        footer.alignment = 1
        _field(footer, "PAGE", "1")
        props = self.doc.core_properties
        props.title = _t(self.data.title)
        props.author = "ICANN"
        props.subject = _t(f"{self.data.group_acronym} annual report {self.data.period_label}")
        props.comments = "Published" if self.data.published_at else "Draft"

    # -- blocks
    def heading(self, heading: Heading) -> None:
        self.doc.add_heading(_t(heading.text), level=heading.level)

    def minor_heading(self, text: str) -> None:
        self.doc.add_heading(_t(text), level=4)

    def para(self, text: str = "", *, bold=False, italic=False, container=None, style=None):
        target = container if container is not None else self.doc
        paragraph = target.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(_t(text))
            run.bold = bold or None
            run.italic = italic or None
        return paragraph

    def runs(self, paragraph, runs: Iterable[Run]) -> None:
        for run in runs:
            if run.href:
                _hyperlink(paragraph, run.text, run.href)
                continue
            parts = _t(run.text).split("\n")
            for index, part in enumerate(parts):
                if index:
                    paragraph.add_run().add_break(WD_BREAK.LINE)
                if not part:
                    continue
                out = paragraph.add_run(part)
                out.bold = run.bold or None
                out.italic = run.italic or None
                if run.code:
                    out.font.name = "Consolas"

    def rich(self, rich: RichText, container=None) -> None:
        for block in rich.blocks:
            self.block(block, container=container)

    def block(self, block: Block, *, container=None, level: int = 0, num_id=None) -> None:
        target = container if container is not None else self.doc
        if block.kind in ("ul", "ol"):
            num_id = num_id if num_id is not None else self.lists.new(bullet=block.kind == "ul")
            for item in block.items:
                paragraph = target.add_paragraph(style="List Paragraph")
                _number(paragraph, num_id, level)
                self.runs(paragraph, item.runs)
                for child in item.children:
                    child_id = num_id if child.kind == block.kind else None
                    self.block(child, container=container, level=level + 1, num_id=child_id)
            return
        paragraph = target.add_paragraph()
        self.runs(paragraph, block.runs)
        if block.kind == "quote":
            paragraph.paragraph_format.left_indent = Cm(1)
            for run in paragraph.runs:
                run.italic = True

    def bullets(self, texts: Iterable[str], container=None) -> None:
        target = container if container is not None else self.doc
        num_id = self.lists.new(bullet=True)
        for text in texts:
            paragraph = target.add_paragraph(_t(text), style="List Paragraph")
            _number(paragraph, num_id, 0)

    def links(self, links: tuple[Link, ...], container=None) -> None:
        if not links:
            return
        target = container if container is not None else self.doc
        num_id = self.lists.new(bullet=True)
        for link in links:
            paragraph = target.add_paragraph(style="List Paragraph")
            _number(paragraph, num_id, 0)
            if link.url:
                paragraph.add_run(_t(f"{link.title}: available "))
                _hyperlink(paragraph, "here", link.url)
                paragraph.add_run(".")
            else:
                paragraph.add_run(_t(f"{link.title} (link to be added)."))

    def statement(self, statement: StatementData, container=None, level: int = 0) -> None:
        indent = Cm(0.63 * (level + 1))
        lead = self.para(statement.lead, bold=True, container=container)
        lead.paragraph_format.left_indent = indent
        last = len(statement.paragraphs) - 1
        for index, text in enumerate(statement.paragraphs):
            quoted = ("“" if index == 0 else "") + text + ("”" if index == last else "")
            paragraph = self.para(quoted, italic=True, container=container)
            paragraph.paragraph_format.left_indent = indent + Cm(0.5)

    def agenda(self, entries: tuple[AgendaEntry, ...], container=None) -> None:
        if not entries:
            return
        num_id = self.lists.new()
        target = container if container is not None else self.doc

        def write(entry: AgendaEntry) -> None:
            paragraph = target.add_paragraph(_t(entry.title), style="List Paragraph")
            paragraph.paragraph_format.space_after = Pt(0)
            _number(paragraph, num_id, entry.depth)
            for note in entry.notes:
                note_p = self.para(note, container=container)
                note_p.paragraph_format.left_indent = Cm(0.63 * (entry.depth + 1))
            for statement in entry.statements:
                self.statement(statement, container=container, level=entry.depth)
            self.links(entry.links, container=container)
            for child in entry.children:
                write(child)

        for entry in entries:
            write(entry)

    def session(self, session: Session, *, show_title=False, agenda_label="Agenda:") -> None:
        if session.heading:
            self.minor_heading(session.heading)
        if show_title:
            status = "" if session.is_held else f" ({session.status_label.lower()})"
            self.para(session.title + status, bold=True)
        self.para(session.when, italic=True)
        if session.summary:
            self.para(session.summary)
        if session.speakers:
            self.para("Speakers:", bold=True)
            self.bullets(s.text for s in session.speakers)
        if session.agenda:
            self.para(agenda_label, bold=True)
            self.agenda(session.agenda)
        for statement in session.statements:
            self.statement(statement)
        if session.outcomes:
            self.para("Conclusions from the discussion in the session:", bold=True)
            self.bullets(session.outcomes)
        self.rich(session.notes)
        if session.links:
            self.para("For more information:", bold=True)
            self.links(session.links)

    # -- the document
    def cover(self) -> None:
        data = self.data
        issuer = self.para("ICANN", bold=True)
        issuer.paragraph_format.space_before = Pt(120)
        self.doc.add_heading(_t(data.title), level=0)
        meta = f"Period: {data.period_label}"
        if data.version > 1:
            meta += f" · Version {data.version}"
        self.para(meta)
        if data.published_at:
            self.para(f"Published on {data.published_label}", italic=True)
        else:
            self.para("Draft: not yet published", bold=True)
        self.doc.add_page_break()

    def contents(self) -> None:
        self.para("Contents", bold=True).runs[0].font.size = Pt(14)
        paragraph = self.doc.add_paragraph()
        # Word fills in the page numbers (it offers to update fields on opening).
        _field(paragraph, 'TOC \\o "1-3" \\h \\z \\u')
        placeholder = paragraph
        for heading in self.data.toc:
            line = self.doc.add_paragraph(_t(heading.text))
            line.paragraph_format.left_indent = Cm(0.6 * (heading.level - 1))
            line.paragraph_format.space_after = Pt(0)
        # Keep the static list of sections inside the field result, so readers that do not
        # update fields still show the contents.
        end = placeholder._p[-1]
        placeholder._p.remove(end)
        last = self.doc.paragraphs[-1]
        last._p.append(end)
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
        self.doc.add_page_break()

    def teleconferences(self) -> None:
        rows = self.data.teleconferences
        table = self.doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        header = table.rows[0]
        _row_property(header, "w:tblHeader")
        for cell, text in zip(
            header.cells, ("Date", "In attendance", "Topics discussed"), strict=True
        ):
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(_t(row.date_label))
            cells[1].paragraphs[0].add_run(_t(row.attendance))
            topics = cells[2]
            first = topics.paragraphs[0]
            self.agenda(row.agenda, container=topics)
            for statement in row.statements:
                self.statement(statement, container=topics)
            self.links(row.links, container=topics)
            if len(topics.paragraphs) > 1 and not first.text:
                first._p.getparent().remove(first._p)
            if not any(e.statements for e in row.agenda_entries()) and not row.statements:
                _row_property(table.rows[-1], "w:cantSplit")
        widths = (Cm(2.4), Cm(3.3), Cm(10.9))
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for table_row in table.rows:
            for cell, width in zip(table_row.cells, widths, strict=True):
                cell.width = width

    def build(self) -> bytes:
        data, h = self.data, self.data.headings
        self.cover()
        self.contents()

        self.heading(h["introduction"])
        self.rich(data.introduction)
        if data.resources_note:
            paragraph = self.doc.add_paragraph()
            paragraph.add_run("Resources. ").bold = True
            paragraph.add_run(_t(data.resources_note))

        self.heading(h["events"])
        self.heading(h["icann"])
        for entry in data.icann_meetings:
            self.minor_heading(entry.label)
            for session in entry.sessions:
                self.session(session, show_title=True)
            if entry.absence_note:
                self.para(entry.absence_note)
        if not data.icann_meetings:
            self.para("No ICANN meeting took place in this period.")

        self.heading(h["external"])
        for event in data.external_events:
            self.heading(event.heading)
            self.para(event.dates_place, italic=True)
            for session in event.sessions:
                self.session(session, agenda_label="Agenda overview:")
            self.links(event.links)
        if not data.external_events:
            self.para("No participation in external events is recorded for this period.")

        self.heading(h["inputs"])
        self.para(data.inputs_intro)
        for process in data.processes:
            self.heading(process.heading)
            self.rich(process.description)
            for item in process.inputs:
                self.para(item.lead)
                self.rich(item.summary)
                self.rich(item.outcome)
                self.links(item.links)
            self.links(process.links)

        self.heading(h["internal"])
        self.rich(data.internal_work_intro)
        self.heading(h["face_to_face"])
        for session in data.face_to_face:
            self.session(session, agenda_label="Topics discussed:")
        if not data.face_to_face:
            self.para("No face-to-face meeting is recorded for this period.")
        self.heading(h["teleconferences"])
        if data.teleconferences:
            self.teleconferences()
        else:
            self.para("No teleconference is recorded for this period.")

        self.heading(h["way_forward"])
        self.rich(data.way_forward)
        if data.chartership_changes:
            self.para("Changes to the chartering organizations:", bold=True)
            self.bullets(data.chartership_changes)
        if data.chartering_organizations:
            names = ", ".join(data.chartering_organizations)
            self.para(f"Chartering organizations at the end of the period: {names}.")
        if data.successor:
            self.para(data.successor)

        self.heading(h["threats"])
        self.rich(data.threats_intro)
        for threat in data.threats:
            self.heading(threat.heading)
            self.rich(threat.description)
            if threat.processes:
                paragraph = self.doc.add_paragraph()
                paragraph.add_run("Processes: ").bold = True
                paragraph.add_run(_t("; ".join(threat.processes)))
            if threat.milestone:
                paragraph = self.doc.add_paragraph()
                paragraph.add_run("Next milestone: ").bold = True
                paragraph.add_run(_t(threat.milestone))

        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _row_property(row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def render(data: ReportData) -> bytes:
    return _Writer(data).build()
