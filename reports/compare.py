"""What changed between two versions of a report, section by section: pure functions from
two Markdown texts (the documents `reports.renderers.markdown` writes) to a `Comparison`.

- `sections()` cuts a document into its numbered sections ("1.", "2.3.1", "Annex A", "A.1");
  the cover and the contents come before the first of them and are not compared.
- `compare()` matches the sections of two documents by number and title, then by title (a
  renumbered section), and within a matched pair diffs their sentences (`difflib` on
  normalised text): inserted, deleted, edited (with the changed words).
- `by_title=True` (a report against the previous year's) matches by title only, the year
  of each report in a title read as the same word.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db.models import TextChoices

#: A section's label at the start of a heading: "2.3.1", "4." , "Annex A.", "A.1" (not a
#: year: "2017 in review" is not section 2017).
_NUMBERED = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2})*|Annex [A-Z]|[A-Z](?:\.\d{1,2})+)\.?\s+(?P<title>.+)$"
)
_ATX = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*$")
_ANCHOR = re.compile(r"<a\s+(?:id|name)=\"[^\"]*\"\s*>\s*</a>|\{#[^}]*\}")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_LIST_MARK = re.compile(r"^(\s*)(?:[-+*]|\d+[.)])\s+")
_LINK = re.compile(r"!?\[((?:\\.|[^\]\\])*)\]\((?:[^()\s]|\([^()]*\))*\)")
_ESCAPE = re.compile(r"\\([\\`*_\[\]{}()<>#+\-.!|~&])")
_ESCAPED = re.compile(r"\x00(\d+)\x01")
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w\\])[*_]|[*_](?![\w]))")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’)]?\s+(?=[“\"‘(]?[A-Z0-9])")
_WORD = re.compile(r"\S+|\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})

#: How alike two sentences must be (0..1, `difflib` ratio) to be one sentence edited.
EDITED_MIN_RATIO = 0.5
#: How alike two titles must be for sections of one number to be one section retitled
#: (else their text must be as alike as an edited sentence).
RETITLED_MIN_RATIO = 0.6


@dataclass(frozen=True)
class Section:
    number: str  # "2.3.1", "Annex A", "A.1"
    title: str
    level: int  # the heading's level in the document (`##` is 2)
    sentences: tuple[str, ...]

    @property
    def heading(self) -> str:
        separator = "." if self.number.isdigit() or self.number.startswith("Annex") else ""
        return f"{self.number}{separator} {self.title}"


class ChangeKind(TextChoices):
    INSERTED = "inserted", "Inserted"
    DELETED = "deleted", "Deleted"
    EDITED = "edited", "Edited"


class Mark(TextChoices):
    """A word of an edited sentence: kept, inserted or deleted."""

    SAME = "same", "Kept"
    INS = "ins", "Inserted"
    DEL = "del", "Deleted"


@dataclass(frozen=True)
class Fragment:
    mark: Mark
    text: str


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    old: str = ""
    new: str = ""
    #: an edited sentence word by word: kept, inserted and deleted words
    fragments: tuple[Fragment, ...] = ()

    @property
    def label(self) -> str:
        return ChangeKind(self.kind).label


class SectionState(TextChoices):
    CHANGED = "changed", "changed"
    UNCHANGED = "unchanged", "unchanged"
    ADDED = "added", "added"
    REMOVED = "removed", "removed"


@dataclass(frozen=True)
class SectionChanges:
    old: Section | None
    new: Section | None
    changes: tuple[Change, ...] = ()
    #: matched with a title that differs (beyond the reports' years, between two years)
    retitled: bool = False

    @property
    def state(self) -> SectionState:
        if self.old is None:
            return SectionState.ADDED
        if self.new is None:
            return SectionState.REMOVED
        if self.changes or self.retitled:
            return SectionState.CHANGED
        return SectionState.UNCHANGED

    @property
    def section(self) -> Section:
        """The section as the newer document has it (the older's when removed)."""
        section = self.new or self.old
        assert section is not None
        return section

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.old.number != self.new.number)


@dataclass(frozen=True)
class Comparison:
    sections: tuple[SectionChanges, ...]

    def count(self, state: SectionState) -> int:
        return sum(1 for entry in self.sections if entry.state == state)

    def counts(self) -> list[tuple[str, int]]:
        """(state, number of sections) of every state: 'changed', 'unchanged', ..."""
        return [(state.label, self.count(state)) for state in SectionState]

    @property
    def identical(self) -> bool:
        return all(entry.state == SectionState.UNCHANGED for entry in self.sections)


# --- Reading a document ------------------------------------------------------------------


def plain(markdown: str) -> str:
    """Inline Markdown as the reader sees it: link text, no emphasis marks, no escapes."""
    # escaped characters are set aside first, so that an escaped `*` is not emphasis
    text = _ESCAPE.sub(lambda m: f"\x00{ord(m[1])}\x01", markdown)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = html.unescape(_ESCAPED.sub(lambda m: chr(int(m[1])), text))
    return " ".join(text.split())


def _heading(line: str) -> tuple[int, str] | None:
    match = _ATX.match(line)
    if match is None:
        return None
    return len(match["marks"]), plain(_ANCHOR.sub("", match["text"]))


def _blocks(lines: Sequence[str]) -> Iterator[tuple[str, bool]]:
    """A section's body as blocks of text, each (plain text, whether it is a table row):
    paragraphs, list items, quoted paragraphs, unnumbered headings, table rows."""
    paragraph: list[str] = []

    def flush() -> Iterator[tuple[str, bool]]:
        if paragraph:
            yield plain(" ".join(paragraph)), False
            paragraph.clear()

    for raw in lines:
        line = raw.rstrip()
        while line.lstrip().startswith(">"):
            line = line.lstrip()[1:]
            line = line[1:] if line.startswith(" ") else line
        stripped = line.strip()
        heading = _heading(stripped)
        if not stripped or heading is not None:
            yield from flush()
            if heading is not None:
                yield heading[1], False
        elif stripped.startswith("|"):
            yield from flush()
            if not _TABLE_RULE.match(stripped):
                cells = [plain(cell) for cell in stripped.strip("|").split(" | ")]
                yield " | ".join(cells), True
        elif _LIST_MARK.match(line):
            yield from flush()
            paragraph.append(_LIST_MARK.sub("", line, count=1))
        else:
            paragraph.append(stripped)
    yield from flush()


def split_sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _sentences(lines: Sequence[str]) -> tuple[str, ...]:
    found: list[str] = []
    for text, is_row in _blocks(lines):
        if text:
            found += [text] if is_row else split_sentences(text)
    return tuple(found)


def sections(markdown: str) -> list[Section]:
    """The numbered sections of a report's Markdown, in order; each holds the sentences
    up to the next numbered heading (unnumbered headings, such as a meeting's, are text of
    their section). Fenced code is not expected in a report and not treated specially."""
    found: list[Section] = []
    current: tuple[str, str, int] | None = None
    body: list[str] = []
    for line in markdown.splitlines():
        heading = _heading(line)
        match = _NUMBERED.match(heading[1]) if heading else None
        if heading is None or match is None:
            if current is not None:
                body.append(line)
            continue
        if current is not None:
            found.append(Section(*current, sentences=_sentences(body)))
        current, body = (match["number"], match["title"], heading[0]), []
    if current is not None:
        found.append(Section(*current, sentences=_sentences(body)))
    return found


# --- Comparing ---------------------------------------------------------------------------


def _key(text: str) -> str:
    """Text as compared: quotes, dashes, case and spacing normalised."""
    return " ".join(text.translate(_QUOTES).casefold().split())


def _title_key(section: Section, year: int | None) -> str:
    key = _key(section.title)
    return key.replace(str(year), "{year}") if year else key


def _pairs(
    old: Sequence[Section], new: Sequence[Section], *, by_title: bool, years: tuple[int, int] | None
) -> dict[int, int]:
    """new index -> old index of the matched sections."""
    old_year, new_year = years or (None, None)
    matched: dict[int, int] = {}
    taken: set[int] = set()

    def match(
        key_old: Callable[[Section], Hashable],
        key_new: Callable[[Section], Hashable],
        accept: Callable[[int, int], bool] = lambda i, j: True,
    ) -> None:
        by_key: dict[Hashable, list[int]] = {}
        for i, section in enumerate(old):
            if i not in taken:
                by_key.setdefault(key_old(section), []).append(i)
        for j, section in enumerate(new):
            if j in matched:
                continue
            candidates = [i for i in by_key.get(key_new(section), []) if i not in taken]
            chosen = next((i for i in candidates if accept(i, j)), None)
            if chosen is not None:
                matched[j] = chosen
                taken.add(chosen)

    if not by_title:
        match(lambda s: (s.number, _key(s.title)), lambda s: (s.number, _key(s.title)))
    match(lambda s: _title_key(s, old_year), lambda s: _title_key(s, new_year))
    if not by_title:  # the same number, its title edited
        match(lambda s: s.number, lambda s: s.number, lambda i, j: _alike(old[i], new[j]))
    return matched


def _alike(old: Section, new: Section) -> bool:
    """Whether two sections of one number are one section retitled: alike titles, or
    alike text."""
    if _ratio(_key(old.title), _key(new.title)) >= RETITLED_MIN_RATIO:
        return True
    text = [_key(" ".join(section.sentences)) for section in (old, new)]
    return _ratio(*text) >= EDITED_MIN_RATIO


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _likeness(a: str, b: str) -> float:
    """`_ratio`, or 0 when its quick upper bounds show two sentences too unlike to be one
    edited (most pairs in a long run of changes)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < EDITED_MIN_RATIO or matcher.quick_ratio() < EDITED_MIN_RATIO:
        return 0.0
    return matcher.ratio()


def word_fragments(old: str, new: str) -> tuple[Fragment, ...]:
    """`new` against `old` word by word: kept words, and runs of inserted and deleted words
    (the spaces between changed words kept with them)."""
    old_words, new_words = _WORD.findall(old), _WORD.findall(new)
    matcher = difflib.SequenceMatcher(
        None, [_key(w) or " " for w in old_words], [_key(w) or " " for w in new_words], False
    )
    fragments: list[Fragment] = []

    def add(mark: Mark, words: Iterable[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if fragments and fragments[-1].mark == mark:
            fragments[-1] = Fragment(mark, fragments[-1].text + text)
        else:
            fragments.append(Fragment(mark, text))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add(Mark.SAME, new_words[j1:j2])
        else:
            add(Mark.DEL, old_words[i1:i2])
            add(Mark.INS, new_words[j1:j2])
    return tuple(_tidy(fragments))


def _tidy(fragments: list[Fragment]) -> Iterator[Fragment]:
    """Marked runs without leading or trailing spaces (the spaces become plain text), so
    that `<ins>`, `**+…**` and `~~…~~` mark words, not gaps."""
    pieces: list[Fragment] = []
    for fragment in fragments:
        core = fragment.text.strip()
        if fragment.mark == Mark.SAME or not core:
            pieces.append(Fragment(Mark.SAME, fragment.text))
            continue
        lead = fragment.text[: len(fragment.text) - len(fragment.text.lstrip())]
        tail = fragment.text[len(fragment.text.rstrip()) :]
        pieces += [Fragment(Mark.SAME, lead), Fragment(fragment.mark, core)]
        pieces.append(Fragment(Mark.SAME, tail))
    merged: list[Fragment] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and merged[-1].mark == piece.mark == Mark.SAME:
            merged[-1] = Fragment(Mark.SAME, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return iter(merged)


def _replaced(old: Sequence[str], new: Sequence[str]) -> Iterator[Change]:
    """A run of old sentences replaced by a run of new ones: each old sentence paired, in
    order, with the most alike new one still ahead (edited), or deleted; new sentences
    left over are inserted."""
    start = 0
    new_keys = [_key(candidate) for candidate in new]
    for sentence in old:
        key = _key(sentence)
        scored = [(_likeness(key, new_keys[j]), j) for j in range(start, len(new))]
        best = max(scored, default=(0.0, -1))
        if best[0] < EDITED_MIN_RATIO:
            yield Change(ChangeKind.DELETED, old=sentence)
            continue
        for skipped in new[start : best[1]]:
            yield Change(ChangeKind.INSERTED, new=skipped)
        edited = new[best[1]]
        yield Change(
            ChangeKind.EDITED, old=sentence, new=edited, fragments=word_fragments(sentence, edited)
        )
        start = best[1] + 1
    for left in new[start:]:
        yield Change(ChangeKind.INSERTED, new=left)


def sentence_changes(old: Sequence[str], new: Sequence[str]) -> tuple[Change, ...]:
    """What changed from the sentences `old` to `new`, in the order of the document."""
    matcher = difflib.SequenceMatcher(
        None, [_key(s) for s in old], [_key(s) for s in new], autojunk=False
    )
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "delete":
            changes += [Change(ChangeKind.DELETED, old=s) for s in old[i1:i2]]
        elif op == "insert":
            changes += [Change(ChangeKind.INSERTED, new=s) for s in new[j1:j2]]
        elif op == "replace":
            changes += _replaced(old[i1:i2], new[j1:j2])
    return tuple(changes)


def compare_sections(
    old: Sequence[Section],
    new: Sequence[Section],
    *,
    by_title: bool = False,
    years: tuple[int, int] | None = None,
) -> Comparison:
    """The sections of `new` in order, each with what changed from its match in `old`; a
    section only in `old` is listed (removed) after the section it followed."""
    matched = _pairs(old, new, by_title=by_title, years=years)
    old_year, new_year = years or (None, None)
    matched_old = set(matched.values())
    entries: list[SectionChanges] = []
    shown: set[int] = set()

    def removed_from(start: int) -> None:
        """The sections removed from `start` up to the next section kept."""
        for i in range(start, len(old)):
            if i in matched_old:
                return
            if i not in shown:
                entries.append(SectionChanges(old=old[i], new=None))
                shown.add(i)

    removed_from(0)
    for j, section in enumerate(new):
        i = matched.get(j)
        if i is None:
            entries.append(SectionChanges(old=None, new=section))
            continue
        entries.append(
            SectionChanges(
                old=old[i],
                new=section,
                changes=sentence_changes(old[i].sentences, section.sentences),
                retitled=_title_key(old[i], old_year) != _title_key(section, new_year),
            )
        )
        removed_from(i + 1)
    return Comparison(tuple(entries))


def compare(
    old_markdown: str,
    new_markdown: str,
    *,
    by_title: bool = False,
    years: tuple[int, int] | None = None,
) -> Comparison:
    """What changed from one report's Markdown to another's, section by section.
    `years` (old, new): the years of the two reports, read as one word in titles."""
    return compare_sections(
        sections(old_markdown), sections(new_markdown), by_title=by_title, years=years
    )
