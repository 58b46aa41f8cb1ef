"""The report as a Word document (python-docx).

Real heading styles (Heading 1-4, in the house style, one level at a time) so Word's navigation
pane and table of contents work; the PDF's running header (the report's title) and page numbers
from the second page on (none on the cover); labels kept with what they introduce; every link
followed by a number that refers to the "Links" annex, which prints the addresses; document
properties from the report (each cut to Word's 255 characters) and an `app.xml` counted from
the text; Word 2013's compatibility mode; a contents field whose stored result carries the page
numbers of the PDF of the same report (see `contents`); findings as comments with their
Markdown (links as links); agendas as real Word numbered lists whose levels come from
`meetings.numbering.LEVELS` (so Word shows `1.`, `a.`, `i.` exactly as the other formats); the
teleconferences as a real table with a repeated header row. The raw XML for these is in
`reports.renderers.ooxml`.
"""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from multiprocessing.connection import Connection

from django.conf import settings
from docx import Document
from docx.comments import Comment
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from reports.assembly.data import (
    AgendaEntry,
    AnnexStatement,
    AttendanceChart,
    Cover,
    FindingNote,
    Heading,
    InputEntry,
    Link,
    ReportData,
    Session,
    SessionStyle,
    StatementData,
    TeleconferenceRow,
    ThreatEntry,
    Wording,
)
from reports.markup import Block, RichText, Run, rich
from reports.renderers import ooxml
from reports.renderers.ooxml import safe_text as _t
from reports.walk import write_report

#: Word keeps at most 255 characters in a document property (title, subject, keywords...).
PROPERTY_LIMIT = 255
HOUSE_BLUE = RGBColor(0x0B, 0x3D, 0x6E)
#: Word 2013 and later (14 is Word 2010).
COMPATIBILITY_MODE = 15
PAGE_WIDTH, PAGE_HEIGHT, SIDE_MARGIN = Cm(21.0), Cm(29.7), Cm(2.2)


@dataclass(frozen=True)
class PdfPages:
    """Where the PDF of the same report puts its headings: page (from 1) by anchor."""

    count: int
    of_anchor: dict[str, int] = field(default_factory=dict)


def pdf_pages(data: ReportData) -> PdfPages | None:
    """The PDF's pages for the report's headings (its layout, without writing the PDF),
    within the render budget (`settings.REPORT_RENDER_TIMEOUT`); None if the layout fails
    or runs out of time (the contents then show no page numbers)."""
    timeout = float(getattr(settings, "REPORT_RENDER_TIMEOUT", 0) or 0)
    if timeout <= 0 or multiprocessing.current_process().daemon:
        try:
            return _lay_out(data)
        except Exception:
            return None
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_lay_out_child, args=(sender, data), daemon=True)
    child.start()
    sender.close()
    try:
        return receiver.recv() if receiver.poll(timeout) else None
    except EOFError:
        return None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)


def pages_of_pdf(pdf: bytes) -> PdfPages | None:
    """Where a PDF already written for the same report puts its headings (its named
    destinations, one per anchor): no second layout when both formats are made."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(pdf))
        of_anchor = {}
        for name, destination in reader.named_destinations.items():
            number = reader.get_destination_page_number(destination)
            if number is not None:
                of_anchor[str(name)] = number + 1
        return PdfPages(count=len(reader.pages), of_anchor=of_anchor)
    except Exception:  # a PDF pypdf cannot read: the contents show no page numbers
        return None


def _lay_out(data: ReportData) -> PdfPages:
    from weasyprint import HTML

    from reports.renderers.html import render_document
    from reports.renderers.pdf import _no_fetch, soft_breaks

    document = soft_breaks(render_document(data, for_pdf=True))
    laid_out = HTML(string=document, base_url=None, url_fetcher=_no_fetch).render()
    of_anchor: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages, start=1):
        for anchor in page.anchors:
            of_anchor.setdefault(anchor, number)
    return PdfPages(count=len(laid_out.pages), of_anchor=of_anchor)


def _lay_out_child(sender: Connection, data: ReportData) -> None:
    try:
        result: PdfPages | None = _lay_out(data)
    except Exception:  # the parent writes the contents without page numbers
        result = None
    sender.send(result)
    sender.close()


def app_version() -> str:
    """ccwg's version as Office writes AppVersion ("00.0001" for 0.1.x)."""
    try:
        parts = [int(p) for p in package_version("ccwg").split(".")[:2] if p.isdigit()]
    except PackageNotFoundError:
        parts = []
    major, minor = [*parts, 0, 0][:2]
    return f"{major:02d}.{minor:04d}"


def fit_property(value: str, limit: int = PROPERTY_LIMIT) -> str:
    """`value` on one line, cut to `limit` characters (ending in "…" when cut)."""
    text = " ".join(_t(value).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


#: Where paragraphs are added: the document's body, a table cell, or a comment.
Container = WordDocument | _Cell | Comment


class DocxWriter:
    """Builds the Word document block by block."""

    def __init__(self, data: ReportData, pages: PdfPages | None = None) -> None:
        self.words: Wording = data.wording
        self.pages = pages
        # The bookmark of each heading in the contents, for its entry's link and PAGEREF.
        self.bookmarks = {
            heading.anchor: f"_Toc{index:06d}" for index, heading in enumerate(data.toc, start=1)
        }
        self.bookmarks_written: set[str] = set()
        self.doc = Document()
        self.lists = ooxml.Lists(self.doc)
        self.level = 0  # of the last numbered heading
        self.link_numbers: dict[str, int] = {}
        self.link_titles: dict[str, str] = {}
        self._setup(data)

    def _setup(self, data: ReportData) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        # The house heading style: the same blue, upright, bold, at every level.
        for level, size in ((1, 16), (2, 13), (3, 12), (4, 11)):
            style = styles[f"Heading {level}"]
            style.font.size = Pt(size)
            style.font.color.rgb = HOUSE_BLUE
            style.font.italic = False
            style.font.bold = True
            style.font.name = "Calibri"
            style.paragraph_format.keep_with_next = True
        styles["Title"].font.color.rgb = HOUSE_BLUE
        section = self.doc.sections[0]
        section.page_height, section.page_width = PAGE_HEIGHT, PAGE_WIDTH
        for side in ("left_margin", "right_margin"):
            setattr(section, side, SIDE_MARGIN)
        section.top_margin = section.bottom_margin = Cm(2.0)
        # The cover has its own (empty) header and footer: no running title, no "1".
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        running = header.add_run(_t(self.running_title(data)))
        running.font.size = Pt(8)
        running.font.color.rgb = RGBColor(0x5B, 0x65, 0x70)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ooxml.field(footer, "PAGE", "2")
        self._properties(data)

    @staticmethod
    def running_title(data: ReportData) -> str:
        """The header of every page but the cover, as the PDF's: the report's title (the
        cover's, which the PDF's `@page` header repeats as `string(report-title)`)."""
        return fit_property(data.cover.title)

    def _properties(self, data: ReportData) -> None:
        """Word's document properties from the report (none left from the template)."""
        props = self.doc.core_properties
        props.title = fit_property(data.title)
        props.author = fit_property(data.cover.issuer)
        props.subject = fit_property(
            f"Annual report of the {data.group_name} ({data.group_acronym}), {data.period_label}"
        )
        props.keywords = fit_property(
            f"{data.group_acronym}; annual report; {data.period_phrase}; ICANN"
        )
        props.category = fit_property("Annual report")
        props.comments = fit_property(data.cover.status)
        props.last_modified_by = fit_property(data.cover.issuer)
        props.language = "en"
        props.revision = max(1, data.version)
        props.identifier = fit_property(data.file_stem)
        props.version = fit_property(str(data.version))
        moment = data.published_at or dt.datetime.combine(data.as_of, dt.time(12, 0), tzinfo=dt.UTC)
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
        props.created = props.modified = props.last_printed = moment

    def comment(self, paragraph: Paragraph, notes: Sequence[FindingNote]) -> None:
        """A draft's open findings as Word comments on `paragraph` (never in a published
        report: the assembly gives a published one no findings)."""
        if not notes:
            return
        if not paragraph.runs:
            paragraph.add_run("")
        for note in notes:
            comment = self.doc.add_comment(
                paragraph.runs, author="ccwg consistency checks", initials="CK"
            )
            # The note's Markdown as runs (links as links), led by its label.
            first = comment.paragraphs[0]
            first.add_run(_t(f"{note.label}: ")).bold = True
            blocks = rich(note.text).blocks
            for index, block in enumerate(blocks):
                if index == 0 and block.kind == "p":
                    self.runs(first, block.runs, numbered=False)
                else:
                    self.block(block, container=comment, numbered_links=False)

    def app_properties(self) -> dict[str, str]:
        """`docProps/app.xml`: this application, the counts of the document's text, the
        pages of the PDF of the same report when known, nothing from the template."""
        texts = [
            "".join(t.text or "" for t in p.iter(qn("w:t")))
            for p in self.doc.element.body.iter(qn("w:p"))
        ]
        texts = [text for text in texts if text.strip()]
        values = {"Template": "", "TotalTime": "0"}
        if self.pages is not None:
            values["Pages"] = str(self.pages.count)
        joined = "\n".join(texts)
        values.update(
            Words=str(len(joined.split())),
            Characters=str(sum(not c.isspace() for c in joined)),
            Application="ccwg",
            DocSecurity="0",
            Paragraphs=str(len(texts)),
            ScaleCrop="false",
            Company="",
            LinksUpToDate="false",
            CharactersWithSpaces=str(sum(len(text) for text in texts)),
            SharedDoc="false",
            HyperlinksChanged="false",
            AppVersion=app_version(),
        )
        return values

    def document(self) -> bytes:
        ooxml.app_properties(self.doc, self.app_properties())
        ooxml.drop_thumbnail(self.doc)
        ooxml.compatibility_mode(self.doc, COMPATIBILITY_MODE)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    # -- parts of blocks
    def minor_heading(self, text: str) -> Paragraph:
        """A heading one level under the last numbered one (never skipping a level)."""
        return self.doc.add_heading(_t(text), level=min(self.level + 1, 9))

    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        container: Container | None = None,
        style: str | None = None,
    ) -> Paragraph:
        target = container if container is not None else self.doc
        paragraph = target.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(_t(text))
            run.bold = bold or None
            run.italic = italic or None
        if bold:  # a label: kept on the page of what it introduces
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def link(self, paragraph: Paragraph, title: str, url: str) -> None:
        """The link's title as a hyperlink, then its number in the Links annex, which
        prints the address (a printed page keeps it)."""
        ooxml.hyperlink(paragraph, title, url)
        number = self.link_numbers.setdefault(url, len(self.link_numbers) + 1)
        self.link_titles.setdefault(url, title)
        ref = paragraph.add_run(f"\u00a0[{number}]")
        ref.font.size = Pt(8)

    def links_annex(self) -> None:
        """Every address the document links to, by number."""
        if not self.link_numbers:
            return
        self.doc.add_heading(_t(self.words.links_annex), level=1)
        self.para(self.words.links_annex_intro)
        for url, number in self.link_numbers.items():
            paragraph = self.doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(1)
            paragraph.paragraph_format.first_line_indent = Cm(-1)
            paragraph.paragraph_format.space_after = Pt(3)
            paragraph.add_run(f"[{number}]\t")
            paragraph.add_run(_t(self.link_titles[url]) + ": ")
            ooxml.hyperlink(paragraph, url, url)

    def labelled(self, label: str, text: str) -> None:
        """A paragraph led by a bold label: 'Processes: ...'."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(f"{label} ").bold = True
        paragraph.add_run(_t(text))

    def runs(self, paragraph: Paragraph, runs: Iterable[Run], *, numbered: bool = True) -> None:
        """`runs` into `paragraph`; web links numbered into the Links annex unless not
        `numbered` (a comment's: the annex lists what the report itself links to)."""
        for run in runs:
            if run.href:
                if numbered and run.href.startswith(("http://", "https://")):
                    self.link(paragraph, run.text, run.href)
                else:
                    ooxml.hyperlink(paragraph, run.text, run.href)
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

    def rich(self, rich: RichText, container: Container | None = None) -> None:
        for block in rich.blocks:
            self.block(block, container=container)

    def block(
        self,
        block: Block,
        *,
        container: Container | None = None,
        level: int = 0,
        num_id: int | None = None,
        numbered_links: bool = True,
    ) -> None:
        target = container if container is not None else self.doc
        if block.kind in ("ul", "ol"):
            num_id = num_id if num_id is not None else self.lists.new(bullet=block.kind == "ul")
            for item in block.items:
                paragraph = target.add_paragraph(style="List Paragraph")
                ooxml.number(paragraph, num_id, level)
                self.runs(paragraph, item.runs, numbered=numbered_links)
                for child in item.children:
                    child_id = num_id if child.kind == block.kind else None
                    self.block(
                        child,
                        container=container,
                        level=level + 1,
                        num_id=child_id,
                        numbered_links=numbered_links,
                    )
            return
        paragraph = target.add_paragraph()
        self.runs(paragraph, block.runs, numbered=numbered_links)
        if block.kind == "quote":
            paragraph.paragraph_format.left_indent = Cm(1)
            for run in paragraph.runs:
                run.italic = True

    def bullets(self, texts: Iterable[str], container: Container | None = None) -> None:
        target = container if container is not None else self.doc
        num_id = self.lists.new(bullet=True)
        for text in texts:
            paragraph = target.add_paragraph(_t(text), style="List Paragraph")
            ooxml.number(paragraph, num_id, 0)

    def link_list(self, links: Sequence[Link], container: Container | None = None) -> None:
        if not links:
            return
        words = self.words
        target = container if container is not None else self.doc
        num_id = self.lists.new(bullet=True)
        for link in links:
            paragraph = target.add_paragraph(style="List Paragraph")
            ooxml.number(paragraph, num_id, 0)
            if link.url:
                self.link(paragraph, link.title, link.url)
            else:
                paragraph.add_run(_t(f"{link.title} ({words.link_missing})."))

    def statement(
        self, statement: StatementData, container: Container | None = None, level: int = 0
    ) -> None:
        indent = Cm(0.63 * (level + 1))
        lead = self.para(statement.lead, bold=True, container=container)
        lead.paragraph_format.left_indent = indent
        last = len(statement.paragraphs) - 1
        for index, text in enumerate(statement.paragraphs):
            quoted = ("“" if index == 0 else "") + text + ("”" if index == last else "")
            paragraph = self.para(quoted, italic=True, container=container)
            paragraph.paragraph_format.left_indent = indent + Cm(0.5)

    def agenda(self, entries: Sequence[AgendaEntry], container: Container | None = None) -> None:
        if not entries:
            return
        num_id = self.lists.new()
        target = container if container is not None else self.doc

        def write(entry: AgendaEntry) -> None:
            paragraph = target.add_paragraph(_t(entry.title), style="List Paragraph")
            paragraph.paragraph_format.space_after = Pt(0)
            ooxml.number(paragraph, num_id, entry.depth)
            for note in entry.notes:
                note_p = self.para(note, container=container)
                note_p.paragraph_format.left_indent = Cm(0.63 * (entry.depth + 1))
            for statement in entry.statements:
                self.statement(statement, container=container, level=entry.depth)
            self.link_list(entry.links, container=container)
            for child in entry.children:
                write(child)

        for entry in entries:
            write(entry)

    # -- the blocks of the walk
    def cover(self, cover: Cover) -> None:
        issuer = self.para(cover.issuer, bold=True)
        issuer.paragraph_format.space_before = Pt(120)
        self.doc.add_heading(_t(cover.title), level=0)
        if cover.issued:
            self.para(cover.issued, bold=True)
        self.para(cover.meta)
        if cover.published:
            self.para(cover.status, italic=True)
        else:
            self.para(cover.status, bold=True)
        self.doc.add_page_break()

    def contents(self, toc: Sequence[Heading]) -> None:
        """A TOC field whose stored result is the contents as Word would write them: each
        entry a link to its heading's bookmark, a dot leader to the right margin and a
        PAGEREF field holding the page the PDF of the same report gives the heading.

        Word and LibreOffice show a field's stored result as it is, without asking;
        `w:updateFields` (or a dirty field) would make Word ask on every opening. Word's
        own pages may differ a little from the PDF's: updating the field recomputes them.
        """
        self.para(self.words.contents, bold=True).runs[0].font.size = Pt(14)
        right = PAGE_WIDTH - 2 * SIDE_MARGIN
        lines = []
        for heading in toc:
            line = self.doc.add_paragraph()
            form = line.paragraph_format
            form.left_indent = Cm(0.6 * (heading.level - 1))
            form.space_after = Pt(0)
            form.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            page = self.pages.of_anchor.get(heading.anchor) if self.pages else None
            ooxml.toc_entry(line, _t(heading.text), self.bookmarks[heading.anchor], page)
            lines.append(line)
        if lines:
            for run in reversed(ooxml.field_start('TOC \\o "1-3" \\h \\z \\u')):
                lines[0]._p.get_or_add_pPr().addnext(run)
            lines[-1]._p.append(ooxml.field_end())
        self.doc.add_page_break()

    def heading(self, heading: Heading) -> None:
        self.level = heading.level
        paragraph = self.doc.add_heading(_t(heading.text), level=heading.level)
        name = self.bookmarks.get(heading.anchor)
        if name is not None and name not in self.bookmarks_written:
            ooxml.bookmark(paragraph, name, len(self.bookmarks_written))
            self.bookmarks_written.add(name)

    def findings(self, notes: Sequence[FindingNote]) -> None:
        if notes:
            last = self.doc.paragraphs[-1] if self.doc.paragraphs else self.para()
            self.comment(last, notes)

    def narrative(self, text: RichText) -> None:
        self.rich(text)

    def paragraph(self, text: str) -> None:
        if text:
            self.para(text)

    def group(self, title: str) -> None:
        self.minor_heading(title)

    def end_group(self) -> None:
        pass

    def dateline(self, text: str) -> None:
        self.para(text, italic=True).paragraph_format.keep_with_next = True

    def session(self, session: Session, style: SessionStyle) -> None:
        words = self.words
        anchor = None
        if session.heading:
            anchor = self.minor_heading(session.heading)
        if style.show_title:
            status = "" if session.is_held else f" ({session.status_label.lower()})"
            anchor = self.para(session.title + status, bold=True)
        if style.show_when and session.when:
            when = self.para(session.when, italic=True)
            when.paragraph_format.keep_with_next = True
            anchor = anchor or when
        self.comment(anchor if anchor is not None else self.doc.paragraphs[-1], session.findings)
        if session.summary:
            self.para(session.summary)
        if session.speakers:
            self.para(words.speakers_label(len(session.speakers)), bold=True)
            self.bullets(s.text for s in session.speakers)
        if session.agenda:
            self.para(style.agenda_label, bold=True)
            self.agenda(session.agenda)
        for statement in session.statements:
            self.statement(statement)
        if session.outcomes:
            self.para(words.outcomes_label(len(session.outcomes)), bold=True)
            self.bullets(session.outcomes)
        self.rich(session.notes)
        if session.links:
            self.para(words.more_information, bold=True)
            self.link_list(session.links)

    def end_list(self) -> None:
        pass

    def links(self, links: Sequence[Link]) -> None:
        self.link_list(links)

    def process_description(self, text: RichText) -> None:
        self.rich(text)

    def process_input(self, item: InputEntry) -> None:
        self.para(item.lead)
        self.rich(item.summary)
        self.rich(item.outcome)
        self.link_list(item.links)

    def attendance_chart(self, chart: AttendanceChart) -> None:
        """No drawing here: the teleconference table that follows holds the figures."""

    def teleconference_table(self, rows: Sequence[TeleconferenceRow]) -> None:
        table = self.doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        header = table.rows[0]
        ooxml.row_property(header, "w:tblHeader")
        for cell, text in zip(header.cells, self.words.teleconference_columns, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(_t(row.date_label))
            ooxml.cell_no_wrap(cells[0])
            self.comment(cells[0].paragraphs[0], row.findings)
            cells[1].paragraphs[0].add_run(_t(row.attendance))
            topics = cells[2]
            first = topics.paragraphs[0]
            self.agenda(row.agenda, container=topics)
            for statement in row.statements:
                self.statement(statement, container=topics)
            self.link_list(row.links, container=topics)
            if len(topics.paragraphs) > 1 and not first.text:
                first._p.getparent().remove(first._p)
            if not row.quotes:
                ooxml.row_property(table.rows[-1], "w:cantSplit")
        widths = (Cm(2.6), Cm(3.1), Cm(10.9))
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for table_row in table.rows:
            for cell, width in zip(table_row.cells, widths, strict=True):
                cell.width = width

    def threat(self, threat: ThreatEntry) -> None:
        self.rich(threat.description)
        if threat.processes:
            self.labelled(threat.processes_label, "; ".join(threat.processes))
        if threat.milestone:
            self.labelled(threat.milestone_label, threat.milestone)

    def annex_statement(self, entry: AnnexStatement) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(f"{entry.number} ").bold = True
        paragraph.add_run(_t(entry.context)).italic = True
        paragraph.paragraph_format.keep_with_next = True
        self.statement(entry.statement)


def render(data: ReportData, pdf: bytes | None = None) -> bytes:
    """The Word document; its contents take their page numbers from `pdf` (the same
    report's PDF) when given, else from a layout of the PDF made for them."""
    pages = pages_of_pdf(pdf) if pdf is not None else pdf_pages(data)
    writer = DocxWriter(data, pages)
    write_report(data, writer)
    writer.links_annex()
    return writer.document()
