"""The 2017 report, sentence by sentence, against the hand-written reference
(`tests/reports/data/ccwg-ig-2017-annual-report.txt`, a copy of the group's report as
sent in October 2017).

Both texts are cut into sentences (paragraphs, list items and table cells first) and each
sentence normalised: quotes, dashes, case, white space, leading numbering ("2.3.1",
"1.", "a.", "i.", bullets), Markdown markup and a trailing stop or colon. The cover, the
contents and the lists of links are left out of the comparison. What is compared is the
set of sentences: a sentence in the reference and not in the report is *missing*, one in
the report and not in the reference is *added*.

Run as a script to see the differences:
`python -m tests.reports.sentences REPORT.md [tests/reports/data/….txt]`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

REFERENCE = Path(__file__).parent / "data" / "ccwg-ig-2017-annual-report.txt"

#: Where the reference's cover begins (printed after its last section in the text export).
_REFERENCE_COVER = "\nICANN\nOctober. 2017"

_TRANSLATE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
        "·": " ",
    }
)
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.|\d+(?:\.\d+)+|[a-h]\.|[ivx]+\.|[-*+])\s+")
_SENTENCE_END = re.compile(r"(?<=[.?!])[\"']?\s+(?=[\"'(]?[A-Z])")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAGS = re.compile(r"<[^>]+>")


def normalise(sentence: str) -> str:
    text = sentence.translate(_TRANSLATE)
    text = _LINK.sub(r"\1", text)
    text = _TAGS.sub(" ", text)
    text = text.replace("\\", "").replace("**", "").replace("*", "").replace("`", "")
    text = re.sub(r"\s+", " ", text).strip().lower()
    text = re.sub(r"\s*-\s+|\s+-\s*", " - ", text)  # a dash, however spaced
    while True:
        stripped = _NUMBERING.sub("", text)
        if stripped == text:
            break
        text = stripped
    text = text.strip(" \"'")
    return text.rstrip(" .:;,").strip(" \"'")


def _sentences(pieces: list[str]) -> list[str]:
    out = []
    for piece in pieces:
        piece = piece.replace("\\", "").strip()
        while _NUMBERING.match(piece):
            piece = _NUMBERING.sub("", piece)
        for sentence in _SENTENCE_END.split(piece):
            norm = normalise(sentence)
            if norm and re.search(r"[a-z0-9]", norm):
                out.append(norm)
    return out


def reference_sentences(text: str | None = None) -> list[str]:
    """The reference's sentences, in order."""
    if text is None:
        text = REFERENCE.read_text(encoding="utf-8")
    text = text.split(_REFERENCE_COVER)[0]
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    text = text.replace("[features.icann.org]", ")")
    pieces: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        # A table cell's second line, "(17, inc. staff)", belongs to the count above it.
        if re.fullmatch(r"\(\d+, inc\. staff\)", line) and pieces and pieces[-1].isdigit():
            pieces[-1] += " " + line
            continue
        pieces.append(line)
    return _sentences(pieces)


def _is_link_list_item(line: str) -> bool:
    return bool(re.fullmatch(r"[-*]\s+\[[^\]]*\]\([^)]*\)\s*", line))


def markdown_sentences(markdown: str) -> list[str]:
    """The sentences of a report's Markdown, in order: the cover (before the first
    heading after the title), the contents and the lists of links left out."""
    pieces: list[str] = []
    lines = markdown.splitlines()
    in_cover = True
    in_contents = False
    for raw in lines:
        line = raw.strip()
        if line.startswith("## "):
            in_cover = False
            in_contents = line == "## Contents"
        if in_cover or in_contents or not line or line.startswith("<!--"):
            continue
        if line.startswith("| ---") or re.fullmatch(r"[|\s:-]+", line):
            continue
        if _is_link_list_item(line):
            continue
        if line.strip("*:") == "For more information":
            continue
        if line.startswith("> **Open"):  # a draft's finding, not the report's text
            continue
        line = re.sub(r"^#+\s*(<a id=\"[^\"]*\"></a>)?", "", line)
        line = re.sub(r"^>\s*", "", line)
        if line.startswith("|"):
            for cell in line.strip("|").split("|"):
                pieces.extend(part for part in re.split(r"<br\s*/?>", cell))
            continue
        pieces.append(line)
    return _sentences(pieces)


@dataclass(frozen=True)
class Comparison:
    missing: list[str]  # in the reference, not in the report
    added: list[str]  # in the report, not in the reference


def compare(markdown: str, reference: str | None = None) -> Comparison:
    ours = markdown_sentences(markdown)
    theirs = reference_sentences(reference)
    ours_set, theirs_set = set(ours), set(theirs)
    missing = [s for s in dict.fromkeys(theirs) if s not in ours_set]
    added = [s for s in dict.fromkeys(ours) if s not in theirs_set]
    return Comparison(missing=missing, added=added)


def main(argv: list[str]) -> None:
    markdown = Path(argv[1]).read_text(encoding="utf-8")
    reference = Path(argv[2]).read_text(encoding="utf-8") if len(argv) > 2 else None
    result = compare(markdown, reference)
    print(f"missing {len(result.missing)} of {len(set(reference_sentences(reference)))}:")
    for sentence in result.missing:
        print("  -", sentence)
    print(f"added {len(result.added)} of {len(set(markdown_sentences(markdown)))}:")
    for sentence in result.added:
        print("  +", sentence)


if __name__ == "__main__":
    main(sys.argv)
