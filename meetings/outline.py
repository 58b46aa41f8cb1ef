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

from meetings.numbering import format_number, item_label, number_for_path

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
#: What looks like a list marker but is none of the labels read: `1.1`, `1.2.3`, `***`, `##`.
_UNKNOWN_MARKER = re.compile(r"^(?:\d+(?:\.\d+)+\.?|[*#=~_>+•-]{2,})(?=\s|$)")


#: The styles of sub-items: a top-level item numbered so comes before any numbered item.
_SUB_STYLES = {"lowerLetter", "lowerRoman"}


def _first_of(style: str, number: int = 1) -> str:
    """A number written in one of the parser's styles ("bare-lowerLetter", 1 -> "a")."""
    return format_number(style.partition("-")[2], number)


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


def numbered(items: Iterable[OutlineItem]) -> list[tuple[str, tuple[int, ...], OutlineItem]]:
    """Every item of a tree in the agenda's order (1., 1.a., 1.a.i., 2.), with its full
    number ("1.a.i") and its 1-based path."""
    return [
        (number_for_path(path), path, item)
        for rank, root in enumerate(items, start=1)
        for path, item in root.walk((rank,))
    ]


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


def _place_by_label(
    levels: list[_Level], readings: list[tuple[str, int]]
) -> tuple[int, str, int, str]:
    """Where a labelled line goes among the open levels that share its indentation.

    Returns the index of the level it continues (len(levels) for a new sub-level under the
    last item), the numbering style, the number it reads as, and what is wrong with its
    number ("" when it follows: the next of its level, or the first of a new one).
    """
    # 1. the next number of an open level, innermost first
    for index in range(len(levels) - 1, -1, -1):
        for style, number in readings:
            if levels[index].style == style and number == levels[index].number + 1:
                return index, style, number, ""
    # 2. the first number of a new sub-level, in a style no open level uses
    for style, number in readings:
        if number == 1 and all(level.style != style for level in levels):
            return len(levels), style, number, ""
    # 3. an open level of the same style, its numbering skipped or repeated
    for index in range(len(levels) - 1, -1, -1):
        for style, number in readings:
            if levels[index].style == style:
                expected = _first_of(style, levels[index].number + 1)
                wrong = "repeats" if number <= levels[index].number else "skips to"
                return index, style, number, f"{wrong} this number: {expected} expected here"
    # 4. anything else opens a sub-level, not at its first number ('c.' reads as a letter)
    style, number = next((r for r in readings if "Letter" in r[0]), readings[0])
    first = _first_of(style)
    return len(levels), style, number, f"starts a sub-level but not at {first}"


@dataclass(frozen=True)
class Outline:
    """An outline as read: its tree, and the lines whose numbering does not follow (the
    tree reads them as best it can; staff confirm that reading or correct the lines)."""

    items: tuple[OutlineItem, ...]
    problems: tuple[OutlineError, ...] = ()


def parse_outline(text: str) -> tuple[OutlineItem, ...]:
    """The agenda tree an outline describes, its numbering problems aside (`read_outline`);
    `OutlineError` names the first line that cannot be read at all."""
    return read_outline(text).items


def _marker_problem(raw: str, readings: list[tuple[str, int]]) -> str:
    stripped = raw.strip()
    unknown = None if readings else _UNKNOWN_MARKER.match(stripped)
    if unknown:
        return (
            f"“{unknown.group(0).strip()}” is not a numbering this page reads: number items "
            "1. a. i., indent them, or use - bullets."
        )
    return ""


def read_outline(text: str) -> Outline:
    """The agenda tree an outline describes, and the lines whose numbering does not follow
    (a sub-item before any item, a number or letter skipped or repeated, a sub-level that
    does not start at its first number, a marker that is not one); `OutlineError` names
    the first line that cannot be read at all."""
    problems: list[OutlineError] = []
    decimal_seen = False
    top_letter: OutlineError | None = None  # a top-level a. or i.: a problem if 1. follows
    roots: list[_Node] = []
    levels: list[_Level] = []  # the open levels, outermost first
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        indent, readings, rest = _split_line(raw)
        title, url = _title_and_url(rest, number)
        marker = _marker_problem(raw, readings)
        if marker:
            problems.append(OutlineError(number, marker))
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
            style, value = (starts or readings)[0]
            levels[-1].style, levels[-1].number = style, value
            if not starts:
                problems.append(
                    OutlineError(number, f"the first item is not numbered {_first_of(style)}.")
                )
            if len(levels) == 1 and style.partition("-")[2] in _SUB_STYLES:
                top_letter = top_letter or _top_letter(number, raw)
        elif readings:
            shared = len(levels) - 1  # the first open level of the same indentation
            while shared > 0 and levels[shared - 1].indent == levels[-1].indent:
                shared -= 1
            index, style, value, wrong = _place_by_label(levels[shared:], readings)
            if wrong:
                problems.append(OutlineError(number, f"“{_label_text(raw)}” {wrong}."))
            if shared + index == len(levels):
                levels.append(_Level(levels[-1].indent, levels[-1].items[-1].children))
            else:
                del levels[shared + index + 1 :]
            levels[-1].style, levels[-1].number = style, value
        decimal_seen = decimal_seen or any(style.endswith("decimal") for style, _ in readings)
        levels[-1].items.append(_Node(title, url))
    if top_letter is not None and decimal_seen:
        problems.append(top_letter)
    items = tuple(root.freeze() for root in roots)
    return Outline(items, tuple(sorted(problems, key=lambda problem: problem.line)))


def _label_text(raw: str) -> str:
    label = _LABEL.match(raw.replace("\u00a0", " ").strip())
    return label.group(0).strip() if label else raw.strip()


def _top_letter(number: int, raw: str) -> OutlineError:
    return OutlineError(
        number,
        f"“{_label_text(raw)}” comes before any numbered item: number the items 1. 2. …, "
        "their sub-items a. b. …",
    )


def outline_preview(text: str) -> dict[str, object]:
    """The outline as the page's live preview shows it (plain data for JSON): each item with
    its full number and depth in the agenda's order, the numbering problems, or the line
    that cannot be read."""
    try:
        outline = read_outline(text)
    except OutlineError as error:
        return {"items": [], "problems": [], "error": {"line": error.line, "message": str(error)}}
    return {
        "items": [
            {"number": number, "depth": len(path) - 1, "title": item.title, "url": item.url}
            for number, path, item in numbered(outline.items)
        ],
        "problems": [{"line": p.line, "message": str(p)} for p in outline.problems],
        "error": None,
    }


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
