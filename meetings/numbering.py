"""The one numbering of agenda trees: the report in every format, and the agenda outline.

Depth 0 ``1.``, depth 1 ``a.``, depth 2 ``i.``, then ``A.``, ``(1)``, ``(a)``, ``(i)``,
``I.``; deeper levels start the cycle again. The DOCX renderer builds Word's own list
levels from `LEVELS`, so Word shows exactly the labels this module computes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    style: str  # "decimal", "lowerLetter", "lowerRoman", "upperLetter", "upperRoman"
    pattern: str  # "{}." or "({})"


#: The levels, outermost first; the names of the styles are Word's `w:numFmt` values.
LEVELS: tuple[Level, ...] = (
    Level("decimal", "{}."),
    Level("lowerLetter", "{}."),
    Level("lowerRoman", "{}."),
    Level("upperLetter", "{}."),
    Level("decimal", "({})"),
    Level("lowerLetter", "({})"),
    Level("lowerRoman", "({})"),
    Level("upperRoman", "{}."),
)

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(number: int) -> str:
    """Lower-case roman numeral: 1 -> 'i', 4 -> 'iv', 14 -> 'xiv'."""
    if number < 1:
        raise ValueError("Roman numerals start at 1.")
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letters(number: int) -> str:
    """Letters as Word counts them: a..z, then aa, bb, ... zz, then aaa."""
    if number < 1:
        raise ValueError("Letters start at 1.")
    repeat, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def level_for_depth(depth: int) -> Level:
    if depth < 0:
        raise ValueError("Depth starts at 0.")
    return LEVELS[depth % len(LEVELS)]


def format_number(style: str, number: int) -> str:
    if style == "decimal":
        return str(number)
    if style == "lowerLetter":
        return letters(number)
    if style == "upperLetter":
        return letters(number).upper()
    if style == "lowerRoman":
        return roman(number)
    if style == "upperRoman":
        return roman(number).upper()
    raise ValueError(f"Unknown numbering style {style!r}.")


def item_label(depth: int, rank: int) -> str:
    """The label of the `rank`-th (1-based) item at `depth` (0 = top level): '1.', 'a.', 'i.'."""
    if rank < 1:
        raise ValueError("Ranks start at 1.")
    level = level_for_depth(depth)
    return level.pattern.format(format_number(level.style, rank))


def number_for_path(path: Sequence[int]) -> str:
    """The full number of the item at a 1-based path, as a reference to it reads:
    (1,) -> '1', (1, 2) -> '1.b', (2, 1, 3) -> '2.a.iii'."""
    if not path:
        raise ValueError("An agenda path has at least one position.")
    return ".".join(
        format_number(level_for_depth(depth).style, rank) for depth, rank in enumerate(path)
    )


def label_for_path(path: Sequence[int]) -> str:
    """The label of the item at a 1-based path such as (2, 1, 3) -> 'iii.'."""
    if not path:
        raise ValueError("An agenda path has at least one position.")
    return item_label(len(path) - 1, path[-1])
