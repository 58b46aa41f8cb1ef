"""Narrative Markdown: rendered to sanitized HTML, and to plain blocks for Word and Markdown.

Staff write the narrative parts of a report in Markdown. `rich()` turns one text into a
`RichText`: the sanitized HTML (markdown, then nh3 with an allowlist) and the same content
as blocks of runs (paragraphs, lists, quotes), so the DOCX and Markdown renderers emit real
paragraphs, list items and bold/italic runs without ever seeing raw Markdown or HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_HEADING_OPEN = re.compile(r"<h[1-6][^>]*>", re.IGNORECASE)
_HEADING_CLOSE = re.compile(r"</h[1-6]\s*>", re.IGNORECASE)
# Characters XML 1.0 (and so Word) cannot hold.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Drop control characters that XML (and so Word) cannot store."""
    return _XML_ILLEGAL.sub("", text or "")


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def markdown_to_html(text: str) -> str:
    """Markdown to HTML that is safe to insert in a page: headings become bold paragraphs
    (the report's own headings carry the structure), everything else off the allowlist goes."""
    if not text or not text.strip():
        return ""
    html = markdown_lib.markdown(
        xml_safe(text), extensions=["sane_lists", "smarty"], output_format="html"
    )
    html = _HEADING_OPEN.sub("<p><strong>", html)
    html = _HEADING_CLOSE.sub("</strong></p>", html)
    return sanitize_html(html).strip()


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str = ""


@dataclass(frozen=True)
class ListItem:
    runs: tuple[Run, ...]
    children: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Block:
    """A paragraph ("p"), a quote ("quote") or a list ("ul"/"ol" with `items`)."""

    kind: str
    runs: tuple[Run, ...] = ()
    items: tuple[ListItem, ...] = ()


@dataclass(frozen=True)
class RichText:
    source: str
    html: str
    blocks: tuple[Block, ...]

    def __bool__(self) -> bool:
        return bool(self.blocks)

    @property
    def plain(self) -> str:
        return "\n\n".join(block_text(block) for block in self.blocks)


def block_text(block: Block) -> str:
    if block.kind in ("ul", "ol"):
        return "\n".join(
            "".join(run.text for run in item.runs)
            + "".join("\n" + block_text(child) for child in item.children)
            for item in block.items
        )
    return "".join(run.text for run in block.runs)


@dataclass
class _ListFrame:
    kind: str
    items: list[ListItem] = field(default_factory=list)
    runs: list[Run] | None = None
    children: list[Block] = field(default_factory=list)


class _BlockParser(HTMLParser):
    """Turns the sanitized HTML (a small, known tag set) into blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.bold = 0
        self.italic = 0
        self.code = 0
        self.href: list[str] = []
        self.lists: list[_ListFrame] = []
        self.quote = 0

    # -- runs
    def _target(self) -> list[Run]:
        if self.lists and self.lists[-1].runs is not None:
            return self.lists[-1].runs
        return self.runs

    def handle_data(self, data: str) -> None:
        if not data:
            return
        target = self._target()
        if not target:
            data = data.lstrip()
            if not data:
                return
        data = re.sub(r"\s+", " ", data)
        target.append(
            Run(
                data,
                bold=self.bold > 0,
                italic=self.italic > 0,
                code=self.code > 0,
                href=self.href[-1] if self.href else "",
            )
        )

    def _flush_paragraph(self) -> None:
        runs = _trim(self.runs)
        self.runs = []
        if runs:
            self.blocks.append(Block("quote" if self.quote else "p", runs=runs))

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "code":
            self.code += 1
        elif tag == "a":
            self.href.append(dict(attrs).get("href") or "")
        elif tag == "br":
            self._target().append(Run("\n"))
        elif tag in ("p", "blockquote"):
            if not self.lists:
                self._flush_paragraph()
            if tag == "blockquote":
                self.quote += 1
        elif tag in ("ul", "ol"):
            if not self.lists:
                self._flush_paragraph()
            elif self.lists[-1].runs is not None:
                pass
            self.lists.append(_ListFrame(tag))
        elif tag == "li" and self.lists:
            frame = self.lists[-1]
            frame.runs = []
            frame.children = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "code":
            self.code = max(0, self.code - 1)
        elif tag == "a":
            if self.href:
                self.href.pop()
        elif tag in ("p", "blockquote"):
            if not self.lists:
                self._flush_paragraph()
            if tag == "blockquote":
                self.quote = max(0, self.quote - 1)
        elif tag == "li" and self.lists:
            frame = self.lists[-1]
            frame.items.append(ListItem(_trim(frame.runs or []), tuple(frame.children)))
            frame.runs = None
            frame.children = []
        elif tag in ("ul", "ol") and self.lists:
            frame = self.lists.pop()
            block = Block(frame.kind, items=tuple(frame.items))
            if self.lists:
                parent = self.lists[-1]
                if parent.runs is None:  # a list directly inside a list: attach to last item
                    if parent.items:
                        last = parent.items.pop()
                        parent.items.append(ListItem(last.runs, (*last.children, block)))
                else:
                    parent.children.append(block)
            else:
                self.blocks.append(block)

    def close(self) -> None:
        super().close()
        while self.lists:
            self.handle_endtag(self.lists[-1].kind)
        self._flush_paragraph()


def _trim(runs: list[Run]) -> tuple[Run, ...]:
    """Strip surrounding whitespace of a run list; merge neighbours of the same style."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].code, merged[-1].href) == (
            run.bold,
            run.italic,
            run.code,
            run.href,
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.code, run.href)
        else:
            merged.append(run)
    while merged and not merged[-1].text.strip():
        merged.pop()
    if merged:
        last = merged[-1]
        merged[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.code, last.href)
    while merged and not merged[0].text.strip():
        merged.pop(0)
    if merged:
        first = merged[0]
        merged[0] = Run(first.text.lstrip(), first.bold, first.italic, first.code, first.href)
    return tuple(merged)


def html_to_blocks(html: str) -> tuple[Block, ...]:
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return tuple(parser.blocks)


def rich(text: str | None) -> RichText:
    source = text or ""
    html = markdown_to_html(source)
    return RichText(source=source, html=html, blocks=html_to_blocks(html))


def plain_paragraphs(text: str | None) -> tuple[str, ...]:
    """Untrusted plain text (a quoted statement) split into paragraphs, whitespace tidied."""
    paragraphs = re.split(r"\n\s*\n", xml_safe(text or "").strip())
    return tuple(
        " ".join(line.strip() for line in paragraph.splitlines() if line.strip())
        for paragraph in paragraphs
        if paragraph.strip()
    )
