"""The report as one self-contained HTML document (styles inline, no external resource).

A draft's open findings never change its layout: where a finding occurs the text carries a
numbered mark (in the PDF, in the page's margin, out of the flow), and the notes themselves
are listed after the annexes under "Open findings", so a draft's pages are the pages of the
report once published.

`HtmlWriter` writes each block of the report walk with its template under
`templates/reports/includes/` (or, for a one-line block, `format_html`); the templates hold
markup only: the order of the blocks is `reports.walk`'s and the words are the data's.
Every block keeps the line breaks the page has always had, so stored documents and fresh
renderings stay byte for byte the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from meetings.charts import attendance_svg
from reports.assembly.data import (
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
    TeleconferenceRow,
    ThreatEntry,
)
from reports.markup import RichText, markdown_to_html
from reports.walk import write_report

BODY_START = "<!-- report-body-start -->"
BODY_END = "<!-- report-body-end -->"

_INCLUDES = "reports/includes"

#: The heading of a draft's endnotes (after the annexes; never in a published report).
OPEN_FINDINGS = "Open findings"
OPEN_FINDINGS_ANCHOR = "open-findings"
FINDING_MARK = "Finding"  # "Finding 1": the mark where a finding occurs
_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)


@dataclass(frozen=True)
class NumberedNote:
    """An open finding as the HTML prints it: its number (its mark in the text, its place in
    "Open findings") and its text with the Markdown it quotes rendered (links as links)."""

    number: int
    severity: str
    label: str
    html: SafeString

    @property
    def anchor(self) -> str:
        return f"open-finding-{self.number}"

    @property
    def mark(self) -> str:
        return f"{FINDING_MARK} {self.number}"


def note_html(text: str) -> SafeString:
    """A finding's text as inline HTML: its Markdown rendered and sanitized, one paragraph
    unwrapped (a note is a sentence or two, printed after its label)."""
    html = markdown_to_html(text)
    single = _PARAGRAPH.match(html)
    if single and "<p>" not in single.group(1):
        html = single.group(1)
    return mark_safe(html)


class HtmlWriter:
    """Collects the report body as HTML fragments, one or more per block."""

    def __init__(self, data: ReportData) -> None:
        self.words = data.wording
        self.draft = data.is_draft
        self.parts: list[str] = []
        self.chapter_open = False
        self.level = 0  # of the last heading
        self.notes: list[NumberedNote] = []  # the draft's open findings, in document order

    def _add(self, html: str) -> None:
        self.parts.append(html)

    def _template(self, name: str, **context: object) -> None:
        self._add(render_to_string(f"{_INCLUDES}/{name}", {"words": self.words, **context}))

    def _number(self, notes: Sequence[FindingNote]) -> list[NumberedNote]:
        """Number the notes met here (their marks), keeping them for "Open findings"."""
        numbered = [
            NumberedNote(len(self.notes) + index, note.severity, note.label, note_html(note.text))
            for index, note in enumerate(notes, start=1)
        ]
        self.notes.extend(numbered)
        return numbered

    def body(self) -> SafeString:
        """The report body, from the start to the end marker (see `extract_body`)."""
        self._close_chapter()
        if self.notes:
            self._template(
                "_open_findings.html",
                notes=self.notes,
                heading=OPEN_FINDINGS,
                anchor=OPEN_FINDINGS_ANCHOR,
            )
        # Our own template output: autoescaped, with the narrative sanitized.
        blocks = mark_safe("".join(self.parts))
        return mark_safe(
            render_to_string(
                f"{_INCLUDES}/_report_body.html", {"blocks": blocks, "draft": self.draft}
            )
        )

    def _close_chapter(self) -> None:
        if self.chapter_open:
            self._add("</section>\n\n")
            self.chapter_open = False

    # -- the blocks of the walk
    def cover(self, cover: Cover) -> None:
        self._template("_cover.html", cover=cover)

    def contents(self, toc: Sequence[Heading]) -> None:
        self._template("_contents.html", toc=toc)

    def heading(self, heading: Heading) -> None:
        """Level 1 opens a chapter (<section>, <h2>); levels 2 and 3 are <h3> and <h4>."""
        self.level = heading.level
        tag = f"h{heading.level + 1}"
        if heading.level == 1:
            self._close_chapter()
            self._add('<section class="chapter">\n')
            self.chapter_open = True
        else:
            self._add("\n")
        self._add(format_html('<{} id="{}">{}</{}>\n', tag, heading.anchor, heading.text, tag))

    def findings(self, notes: Sequence[FindingNote]) -> None:
        if notes:
            self._template("_finding_marks.html", marks=self._number(notes))

    def narrative(self, text: RichText) -> None:
        """A chapter always has its narrative block, even empty; a section only when written."""
        if text or self.level == 1:
            self._add(format_html('<div class="narrative">{}</div>', mark_safe(text.html)))
        self._add("\n")

    def paragraph(self, text: str) -> None:
        if text:
            self._add(format_html("<p>{}</p>", text))
        self._add("\n")

    def group(self, title: str) -> None:
        """One level under the section's heading (an <h4> under 2.1's <h3>)."""
        tag = f"h{self.level + 2}"
        self._add(
            format_html(
                '\n<div class="icann-meeting">\n<{} class="session-heading">{}</{}>\n',
                tag,
                title,
                tag,
            )
        )

    def end_group(self) -> None:
        self._add("</div>\n")

    def dateline(self, text: str) -> None:
        self._add(format_html('<p class="when">{}</p>\n', text))

    def session(self, session: Session, style: SessionStyle) -> None:
        tag = f"h{self.level + 2}"
        self._template(
            "_session.html",
            session=session,
            style=style,
            heading_tag=tag,
            marks=self._number(session.findings),
            speakers_label=self.words.speakers_label(len(session.speakers)),
            outcomes_label=self.words.outcomes_label(len(session.outcomes)),
        )
        if style.standalone:
            self._add("\n")

    def end_list(self) -> None:
        self._add("\n")

    def links(self, links: Sequence[Link]) -> None:
        if links:
            self._template("_links.html", links=links)
        self._add("\n")

    def process_description(self, text: RichText) -> None:
        if text:
            self._add(
                format_html(
                    '<div class="narrative process-description">{}</div>', mark_safe(text.html)
                )
            )
        self._add("\n")

    def process_input(self, item: InputEntry) -> None:
        self._template("_input.html", input=item)

    def attendance_chart(self, chart: AttendanceChart) -> None:
        svg = attendance_svg(chart.points, title=chart.title, id_prefix="report-attendance")
        self._template("_attendance_chart.html", chart=chart, svg=mark_safe(svg))

    def teleconference_table(self, rows: Sequence[TeleconferenceRow]) -> None:
        marked = [(row, self._number(row.findings)) for row in rows]
        self._template("_teleconferences.html", rows=marked)

    def threat(self, threat: ThreatEntry) -> None:
        self._template("_threat.html", threat=threat)

    def annex_statement(self, entry: AnnexStatement) -> None:
        self._template("_annex_statement.html", entry=entry)


@cache
def stylesheet(name: str) -> str:
    """The text of a stylesheet under static/reports/ (read once per process)."""
    found = finders.find(f"reports/{name}")
    path = Path(found) if isinstance(found, str) else None
    if path is None:  # pragma: no cover - the file ships with the project
        path = Path(settings.BASE_DIR) / "static" / "reports" / name
    return path.read_text(encoding="utf-8")


_TAG = re.compile(r"(<[^>]+>)")
#: An acronym with a hyphen (CCWG-IG, EG-ITRs, PP-18): never broken at its hyphen.
_HYPHENATED_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Za-z]*(?:-[A-Z0-9][A-Za-z0-9]*)+)(?![\w-])")
_LINK = re.compile(r'(<a href="(https?://[^"]+)"[^>]*>.*?</a>)', re.S)


def _text_nodes(html: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the text between tags (not inside an SVG drawing, nor a heading,
    whose text is also the PDF's bookmark)."""
    out, in_svg, in_heading = [], False, False
    for part in _TAG.split(html):
        if part.startswith("<"):
            lowered = part[:5].lower()
            in_svg = in_svg or lowered.startswith("<svg")
            if lowered.startswith("</svg"):
                in_svg = False
            if re.match(r"<h\d\b", lowered):
                in_heading = True
            elif re.match(r"</h\d\b", lowered):
                in_heading = False
            out.append(part)
        else:
            skip = in_svg or in_heading or not part.strip()
            out.append(part if skip else change(part))
    return "".join(out)


WORD_JOINER = "\u2060"


def keep_acronyms(html: str) -> str:
    """Join hyphenated acronyms with a word joiner after the hyphen, so a line never breaks
    them ("CCWG-/IG"); the joiner has no glyph, so the PDF's text still reads "CCWG-IG"."""
    return _text_nodes(
        html,
        lambda text: _HYPHENATED_ACRONYM.sub(
            lambda match: match.group(1).replace("-", "-" + WORD_JOINER), text
        ),
    )


def url_footnotes(html: str) -> str:
    """On paper every link keeps its address: a footnote after the link (the PDF lays
    `.url-footnote` out as a footnote, `float: footnote`)."""
    return _LINK.sub(r'\1<span class="url-footnote">\2</span>', html)


def render_body(data: ReportData) -> SafeString:
    """The report body (what the report page shows inside the site's layout)."""
    writer = HtmlWriter(data)
    write_report(data, writer)
    return writer.body()


def render_document(data: ReportData, *, for_pdf: bool = False) -> str:
    css = stylesheet("report.css")
    if for_pdf:
        css += "\n" + stylesheet("report-pdf.css")
    body = render_body(data)
    if for_pdf:  # paper: acronyms kept whole on a line, addresses as footnotes
        body = mark_safe(url_footnotes(keep_acronyms(body)))
    context = {"data": data, "body": body, "css": css, "for_pdf": for_pdf}
    return render_to_string("reports/document.html", context)


def render(data: ReportData) -> bytes:
    return render_document(data).encode("utf-8")


def extract_body(document: bytes | str) -> str:
    """The report body of a stored HTML document, to show a frozen report inside a page."""
    text = document.decode("utf-8") if isinstance(document, bytes) else document
    start = text.find(BODY_START)
    end = text.find(BODY_END)
    if start == -1 or end == -1 or end < start:
        return ""
    return text[start : end + len(BODY_END)]
