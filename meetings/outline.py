"""Agenda outlines: a meeting's agenda tree as the text staff paste and read back.

`parse_outline` reads an agenda as it comes in a call's e-mail or as the annual report prints
it: numbered `1.` / `a.` / `i.` with no indentation at all, indented with spaces or tabs,
Markdown bullets, or a mix. `format_outline` writes a tree back in one canonical form, which
`parse_outline` reads back to the same tree. Both are pure functions; saving a tree to the
database is the services' job.

How a line finds its place:

- deeper indentation than the item before makes a sub-item; shallower closes levels until
  one with that indentation;
- at the same indentation, a numbering label decides: a label that continues an open level
  (`b.` after `a.`, `2.` after `1.`, `ii.` after `i.`) is the next item of that level; a
  label that starts a sequence (`a.`, `i.`, `1.`, `A.`) under an item of another style opens
  its sub-level. `i.` after `h.` is a letter; under a letter item it is a roman numeral.
- a line may carry its link: `Title <https://…>` or Markdown `[Title](https://…)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from meetings.numbering import item_label

#: Width of one indentation level in `format_outline`, and of a tab when parsing.
INDENT = 4
TITLE_MAX_LENGTH = 500
URL_MAX_LENGTH = 1000

_BULLET = re.compile(r"^[-*+•·◦▪‣–]\s+")
_LABEL = re.compile(
    r"^(?:\((?P<paren>[0-9]{1,3}|[A-Za-z]{1,6})\)|(?P<bare>[0-9]{1,3}|[A-Za-z]{1,6})[.)])(?:\s+|$)"
)
_ANGLE_LINK = re.compile(r"\s*<(?P<url>[^<>\s]+)>\s*$")
_MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?P<url>[^()\s]+)\)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ROMAN = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass(frozen=True)
class OutlineItem:
    """One agenda item of an outline: its title, its link (may be blank), its sub-items."""

    title: str
    url: str = ""
    children: tuple[OutlineItem, ...] = ()

    def walk(self, path: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], OutlineItem]]:
        yield path, self
        for rank, child in enumerate(self.children, start=1):
            yield from child.walk((*path, rank))


class OutlineError(ValueError):
    """A line of the outline that cannot be read; `line` is 1-based."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"Line {line}: {message}")


# --------------------------------------------------------------------------- labels


def _roman_value(token: str) -> int:
    total = 0
    for current, following in zip(token, [*token[1:], ""], strict=True):
        value = _ROMAN_VALUES[current]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def _readings(token: str, parenthesised: bool) -> list[tuple[str, int]]:
    """Every (style, number) a label token may mean: 'i' is letter 9 or roman 1."""
    kind = "paren" if parenthesised else "bare"
    if token.isdigit():
        return [(f"{kind}-decimal", int(token))] if int(token) >= 1 else []
    readings = []
    lower = token.lower()
    case = "lower" if token.islower() else "upper" if token.isupper() else ""
    if not case:
        return []
    if _ROMAN.match(lower):
        readings.append((f"{kind}-{case}Roman", _roman_value(lower)))
    if len(set(lower)) == 1 and len(lower) <= 3:
        readings.append(
            (f"{kind}-{case}Letter", (ord(lower[0]) - ord("a") + 1) + 26 * (len(lower) - 1))
        )
    return readings


@dataclass
class _Level:
    """An open level while parsing: its indentation, numbering style and last number."""

    indent: int
    items: list[_Node]
    style: str | None = None
    number: int = 0


@dataclass
class _Node:
    title: str
    url: str
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> OutlineItem:
        return OutlineItem(self.title, self.url, tuple(child.freeze() for child in self.children))


# --------------------------------------------------------------------------- parsing


def _split_line(text: str) -> tuple[int, list[tuple[str, int]], str]:
    """(indentation, the readings of its numbering label, if any, the rest of the line)."""
    expanded = text.replace("\u00a0", " ").expandtabs(INDENT)
    stripped = expanded.lstrip(" ")
    indent = len(expanded) - len(stripped)
    stripped = stripped.rstrip()
    label = _LABEL.match(stripped)
    if label:
        paren = label.group("paren")
        readings = _readings(paren or label.group("bare"), parenthesised=bool(paren))
        if readings:
            return indent, readings, stripped[label.end() :]
    bullet = _BULLET.match(stripped)
    return indent, [], stripped[bullet.end() :] if bullet else stripped


def _title_and_url(text: str, number: int) -> tuple[str, str]:
    url = ""
    angle = _ANGLE_LINK.search(text)
    if angle:
        url = angle.group("url")
        text = text[: angle.start()]
    else:
        markdown = _MARKDOWN_LINK.search(text)
        if markdown:
            url = markdown.group("url")
            text = text[: markdown.start()] + markdown.group("text") + text[markdown.end() :]
    title = " ".join(text.split())
    if url:
        if not url.lower().startswith(("http://", "https://")):
            scheme = _SCHEME.match(url)
            shown = scheme.group(0) if scheme else url
            raise OutlineError(number, f"links must start with http:// or https://, not {shown!r}.")
        if len(url) > URL_MAX_LENGTH:
            raise OutlineError(number, f"the link is longer than {URL_MAX_LENGTH} characters.")
        if not title:
            title = url
    if not title:
        raise OutlineError(number, "the item has no title.")
    if len(title) > TITLE_MAX_LENGTH:
        raise OutlineError(
            number, f"the title is longer than {TITLE_MAX_LENGTH} characters ({len(title)})."
        )
    return title, url


def _place_by_label(levels: list[_Level], readings: list[tuple[str, int]]) -> tuple[int, str, int]:
    """Where a labelled line goes among the open levels that share its indentation.

    Returns the index of the level it continues (len(levels) for a new sub-level under the
    last item), the numbering style and the number it reads as.
    """
    # 1. the next number of an open level, innermost first
    for index in range(len(levels) - 1, -1, -1):
        for style, number in readings:
            if levels[index].style == style and number == levels[index].number + 1:
                return index, style, number
    # 2. the first number of a new sub-level, in a style the current level does not use
    for style, number in readings:
        if number == 1 and style != levels[-1].style:
            return len(levels), style, number
    # 3. an open level of the same style, its numbering skipped or repeated
    for index in range(len(levels) - 1, -1, -1):
        for style, number in readings:
            if levels[index].style == style:
                return index, style, number
    # 4. anything else opens a sub-level
    style, number = readings[0]
    return len(levels), style, number


def parse_outline(text: str) -> tuple[OutlineItem, ...]:
    """The agenda tree an outline describes; `OutlineError` names the first bad line."""
    roots: list[_Node] = []
    levels: list[_Level] = []  # the open levels, outermost first
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        indent, readings, rest = _split_line(raw)
        title, url = _title_and_url(rest, number)
        if not levels:
            levels.append(_Level(indent, roots))
        elif indent > levels[-1].indent:
            levels.append(_Level(indent, levels[-1].items[-1].children))
        else:
            while len(levels) > 1 and levels[-1].indent > indent:
                levels.pop()
        if readings and not levels[-1].items:
            # the first item of a level sets its style: 'i.' there starts roman numerals
            starts = [reading for reading in readings if reading[1] == 1]
            levels[-1].style, levels[-1].number = (starts or readings)[0]
        elif readings:
            first = len(levels) - 1
            while first > 0 and levels[first - 1].indent == levels[-1].indent:
                first -= 1
            index, style, value = _place_by_label(levels[first:], readings)
            if first + index == len(levels):
                levels.append(_Level(levels[-1].indent, levels[-1].items[-1].children))
            else:
                del levels[first + index + 1 :]
            levels[-1].style, levels[-1].number = style, value
        levels[-1].items.append(_Node(title, url))
    return tuple(root.freeze() for root in roots)


# --------------------------------------------------------------------------- writing


def format_outline(items: Iterable[OutlineItem]) -> str:
    """The canonical outline of a tree: numbered as the report numbers it, indented by
    level, one item a line, the link in angle brackets; `parse_outline` reads it back."""
    lines: list[str] = []

    def write(nodes: Iterable[OutlineItem], depth: int) -> None:
        for rank, node in enumerate(nodes, start=1):
            link = f" <{node.url}>" if node.url else ""
            lines.append(f"{' ' * INDENT * depth}{item_label(depth, rank)} {node.title}{link}")
            write(node.children, depth + 1)

    write(items, 0)
    return "\n".join(lines) + ("\n" if lines else "")
