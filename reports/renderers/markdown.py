"""The report as GitHub Flavored Markdown: CommonMark plus a GFM table for the teleconferences.

The file says so in its first line. Every piece of record text is escaped, so a title with
`*`, `[`, `|` or `<script>` stays text; narrative Markdown and the findings' text are
re-emitted from their sanitized blocks (links as links), never copied raw. CommonMark makes
no heading ids and its ordered lists only count: each numbered heading carries an explicit
`<a id>` (the HTML's id) the contents link to, and an agenda is a nested bullet list whose
items carry the labels the other formats print (`1.`, `a.`, `i.`). In a table cell the
agenda is one line per item, the same labels, separated by `<br>` (a GFM cell holds no
newline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
from reports.walk import write_report

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_MARK = re.compile(r"^([#>+\-=])")
_ORDERED_MARK = re.compile(r"^(\d+)([.)])")

#: The file's first line: which Markdown it is, for readers and tools.
FLAVOUR = "<!-- GitHub Flavored Markdown (CommonMark with GFM tables) -->"
#: Between the lines of a GFM table cell (which holds no newline): a space, so that a
#: reader that drops tags still sees words apart.
CELL_BREAK = " <br>"


def esc(text: str) -> str:
    """Markdown-escape inline text (not at the start of a line); newlines become spaces."""
    text = " ".join((text or "").split())
    text = _SPECIAL.sub(r"\\\1", text)
    return _ENTITY.sub(r"\\&", text)


def _line(escaped: str) -> str:
    """Make already escaped text safe at the start of a line or a list item."""
    escaped = _ORDERED_MARK.sub(r"\1\\\2", escaped)
    return _BLOCK_MARK.sub(r"\\\1", escaped)


def esc_line(text: str) -> str:
    """Escape text that starts a line or a list item: `1.`, `#`, `-`, `>` stay text."""
    return _line(esc(text))


def _url(url: str) -> str:
    return url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _run(run: Run) -> str:
    text = run.text.replace("\n", " ")
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()) :]
    core = esc(text.strip())
    if not core:
        return text and " "
    if run.code:
        core = f"`{text.strip().replace('`', '')}`"
    if run.italic:
        core = f"*{core}*"
    if run.bold:
        core = f"**{core}**"
    if run.href:
        core = f"[{core}]({_url(run.href)})"
    return f"{lead and ' '}{core}{tail and ' '}"


def _runs(runs: Iterable[Run]) -> str:
    return "".join(_run(run) for run in runs).strip()


def _block(block: Block, indent: str = "") -> list[str]:
    if block.kind in ("ul", "ol"):
        lines = []
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}." if block.kind == "ol" else "-"
            lines.append(f"{indent}{marker} {_line(_runs(item.runs))}")
            for child in item.children:
                lines += _block(child, indent + " " * (len(marker) + 1))
        return [*lines, ""]
    text = _line(_runs(block.runs))
    if block.kind == "quote":
        return [f"{indent}> {text}", ""]
    return [f"{indent}{text}", ""]


def _rich(rich: RichText) -> list[str]:
    lines: list[str] = []
    for block in rich.blocks:
        lines += _block(block)
    return lines


def _statement(statement: StatementData, indent: str = "") -> list[str]:
    lines = [f"{indent}**{esc(statement.lead)}**", ""]
    last = len(statement.paragraphs) - 1
    for i, paragraph in enumerate(statement.paragraphs):
        text = ("“" if i == 0 else "") + esc(paragraph) + ("”" if i == last else "")
        lines += [f"{indent}> {text}", f"{indent}>"]
    if lines[-1].strip() == ">":
        lines.pop()
    return [*lines, ""]


def _cell_statement(statement: StatementData) -> list[str]:
    """A statement in a table cell: its lead, then its paragraphs in quotation marks, a
    line each (a cell holds no blockquote)."""
    last = len(statement.paragraphs) - 1
    return [
        f"**{esc(statement.lead)}**",
        *(
            ("“" if i == 0 else "") + esc(paragraph) + ("”" if i == last else "")
            for i, paragraph in enumerate(statement.paragraphs)
        ),
    ]


def _findings(notes: Sequence[FindingNote]) -> list[str]:
    """A draft's open findings as blockquotes, the text's own Markdown rendered (a quoted
    narrative's links stay links)."""
    lines: list[str] = []
    for note in notes:
        body = [line for block in rich(note.text).blocks for line in _block(block)]
        while body and not body[-1]:
            body.pop()
        first = body[0] if body else ""
        lines.append(f"> **{esc(note.label)}:** {first}".rstrip())
        lines += [f"> {line}".rstrip() for line in body[1:]]
        lines.append("")
    return lines


def _labelled(entry: AgendaEntry) -> str:
    """An agenda item's label, as the other formats print it (`1.`, `a.`, `i.`), and title,
    escaped (at the start of a line, pass it through `_line`: `1\\.` starts no list)."""
    title = esc(entry.title)
    return f"{esc(entry.label)} {title}" if entry.label else title


class MarkdownWriter:
    """Collects the report as lines of Markdown; blank lines are tidied at the end."""

    def __init__(self, data: ReportData) -> None:
        self.words: Wording = data.wording
        self.lines: list[str] = [FLAVOUR, ""]

    def text(self) -> bytes:
        text = "\n".join(self.lines)
        text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
        return text.encode("utf-8")

    # -- parts of blocks
    def _links(self, links: Sequence[Link], indent: str = "") -> list[str]:
        words = self.words
        lines = []
        for link in links:
            if link.url:
                lines.append(f"{indent}- [{esc(link.title)}]({_url(link.url)})")
            else:
                lines.append(f"{indent}- {esc_line(link.title)} ({esc(words.link_missing)})")
        return [*lines, ""] if lines else []

    def _agenda(self, entries: Sequence[AgendaEntry], indent: str = "") -> list[str]:
        """A nested bullet list, each item carrying its label as the other formats print it
        (`1.`, `a.`, `i.`): CommonMark's ordered lists would number every level."""
        lines = []
        for entry in entries:
            lines.append(f"{indent}- {_line(_labelled(entry))}")
            inner = indent + "  "
            for note in entry.notes:
                lines += ["", f"{inner}{esc_line(note)}"]
            for statement in entry.statements:
                lines += ["", *_statement(statement, inner)]
            if entry.links:
                lines += ["", *self._links(entry.links, inner)]
            if entry.children:
                if entry.notes or entry.statements or entry.links:
                    lines.append("")
                lines += self._agenda(entry.children, inner)
        return lines

    def _cell_agenda(self, entries: Sequence[AgendaEntry]) -> list[str]:
        """A table cell's lines: each item with its label as the other formats' cells print
        it (`1.`, `a.`, `i.`), then its notes and links."""
        out = []
        for entry in entries:
            text = _labelled(entry)
            for note in entry.notes:
                text += f" – {esc(note)}"
            for link in entry.links:
                if link.url:
                    text += f" [{esc(link.title)}]({_url(link.url)})"
            out.append(text)
            for statement in entry.statements:
                out += _cell_statement(statement)
            out += self._cell_agenda(entry.children)
        return out

    # -- the blocks of the walk
    def cover(self, cover: Cover) -> None:
        self.lines += [f"# {esc(cover.title)}", ""]
        if cover.issued:
            self.lines += [f"**{esc(cover.issued)}**", ""]
        self.lines += [esc_line(f"{cover.issuer} · {cover.meta}") + "  ", ""]
        self.lines += [f"*{esc(cover.status)}*", ""]

    def contents(self, toc: Sequence[Heading]) -> None:
        """The contents as a nested list of links to the headings."""
        self.lines += [f"## {esc(self.words.contents)}", ""]
        for heading in toc:
            link = f"[{esc(heading.text)}](#{heading.anchor})"
            self.lines.append("  " * (heading.level - 1) + f"- {link}")
        self.lines.append("")

    def heading(self, heading: Heading) -> None:
        """A numbered heading with an explicit anchor (CommonMark makes no heading ids)."""
        hashes = "#" * (heading.level + 1)
        self.lines += [f'{hashes} <a id="{heading.anchor}"></a>{esc(heading.text)}', ""]

    def findings(self, notes: Sequence[FindingNote]) -> None:
        self.lines += _findings(notes)

    def narrative(self, text: RichText) -> None:
        self.lines += _rich(text)

    def paragraph(self, text: str) -> None:
        if text:
            self.lines += [esc_line(text), ""]

    def group(self, title: str) -> None:
        self.lines += [f"#### {esc(title)}", ""]

    def end_group(self) -> None:
        pass

    def dateline(self, text: str) -> None:
        self.lines += [f"*{esc(text)}*", ""]

    def session(self, session: Session, style: SessionStyle) -> None:
        words, lines = self.words, []
        if session.heading:
            level = "#####" if style.standalone else "####"
            lines += [f"{level} {esc(session.heading)}", ""]
        lines += _findings(session.findings)
        when = session.when if style.show_when else ""
        if style.show_title:
            status = "" if session.is_held else f" ({session.status_label.lower()})"
            lines += [f"**{esc(session.title)}**{esc(status)}", ""]
        if when:
            lines += [f"*{esc(when)}*", ""]
        if session.summary:
            lines += [esc_line(session.summary), ""]
        if session.speakers:
            lines += [f"**{esc(words.speakers_label(len(session.speakers)))}**", ""]
            lines += [f"- {esc_line(s.text)}" for s in session.speakers] + [""]
        if session.agenda:
            lines += [f"**{esc(style.agenda_label)}**", "", *self._agenda(session.agenda), ""]
        for statement in session.statements:
            lines += _statement(statement)
        if session.outcomes:
            lines += [f"**{esc(words.outcomes_label(len(session.outcomes)))}**", ""]
            lines += [f"- {esc_line(o)}" for o in session.outcomes] + [""]
        lines += _rich(session.notes)
        if session.links:
            lines += [f"**{esc(words.more_information)}**", "", *self._links(session.links)]
        self.lines += lines

    def end_list(self) -> None:
        pass

    def links(self, links: Sequence[Link]) -> None:
        self.lines += self._links(links)

    def process_description(self, text: RichText) -> None:
        self.lines += _rich(text)

    def process_input(self, item: InputEntry) -> None:
        self.lines += [esc_line(item.lead), "", *_rich(item.summary), *_rich(item.outcome)]
        self.lines += self._links(item.links)

    def attendance_chart(self, chart: AttendanceChart) -> None:
        """No drawing here: the teleconference table that follows holds the figures."""

    def teleconference_table(self, rows: Sequence[TeleconferenceRow]) -> None:
        columns = self.words.teleconference_columns
        self.lines.append("| " + " | ".join(esc(c) for c in columns) + " |")
        self.lines.append("|" + "|".join(" --- " for _ in columns) + "|")
        for row in rows:
            topics = self._cell_agenda(row.agenda)
            for statement in row.statements:
                topics += _cell_statement(statement)
            for link in row.links:
                if link.url:
                    topics.append(f"[{esc(link.title)}]({_url(link.url)})")
            cells = [esc(row.date_label), esc(row.attendance), CELL_BREAK.join(topics)]
            self.lines.append("| " + " | ".join(cells) + " |")
        self.lines.append("")
        for row in rows:  # a table cell cannot hold a blockquote: under the table
            self.lines += _findings(row.findings)

    def threat(self, threat: ThreatEntry) -> None:
        self.lines += _rich(threat.description)
        if threat.processes:
            self.lines += [
                f"**{esc(threat.processes_label)}** {esc('; '.join(threat.processes))}",
                "",
            ]
        if threat.milestone:
            self.lines += [f"**{esc(threat.milestone_label)}** {esc(threat.milestone)}", ""]

    def annex_statement(self, entry: AnnexStatement) -> None:
        self.lines += [f"**{esc(entry.number)}** *{esc(entry.context)}*", ""]
        self.lines += _statement(entry.statement)


def render(data: ReportData) -> bytes:
    writer = MarkdownWriter(data)
    write_report(data, writer)
    return writer.text()
