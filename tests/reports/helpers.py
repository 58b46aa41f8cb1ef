"""Reading rendered reports back: text of each format, cut into the report's sections."""

from __future__ import annotations

import html
import io
import re

import docx
from pypdf import PdfReader

#: Facts of the reference 2017 report, by the section they belong in. Each is looked for
#: (whitespace-normalised) in that section of every format.
FACTS: dict[str, list[str]] = {
    "1.": [
        "began in December 2013",
        "A Uniform Framework of Principles and Recommendations for Cross Community Working Groups",
        "did not include regular reporting",
        "new cross-community vehicle",
        "0.2 FTE",
    ],
    "2.1": [
        "ICANN 58, Copenhagen",
        "Internet Governance Public Session",
        "16 March 2017, 8:00–9:30 UTC",
        "Redouane Houssaini",
        "Head of United Nations Department, Ministry of Foreign Affairs and Cooperation",
        "Ambassador Benedicto Fonseca",
        "Peter Major",
        "Chengetai Masango",
        "Dr William Drake",
        "Patrik Fältström",
        "Ihsan Durdu",
        "Main outcomes on IG front during 2016",
        "Look ahead to main issues during 2017",
        "Global Commission on the Stability of Cyberspace (GCSC)",
        "taking account of the new global political agenda",
        "ICANN 59, Johannesburg",
        "ICANN 59 was a “Meeting B” format meeting",
    ],
    "2.2": [
        "World Summit on the Information Society (WSIS) Forum 2017",
        "12–16 June 2017, Geneva",
        "Capacity Building Programmes at ICANN and elsewhere",
        "held 15 June 2017",
        "Summer Schools on Internet Governance",
        "NetMission",
        "What is the funding model for these programmes?",
        "There needs to be enhanced coordination between these important but diverse initiatives",
        "driven by bottom-up demand",
        "It was a successful event.",
        "Internet Governance Forum (IGF) 2017",
        "18–21 December 2017, Geneva",
        "Multistakeholder governance of the Domain Name System, lessons learned for other "
        "IG issues",
        "accepted by the IGF Multistakeholder Advisory Group",
        "drafted by ICANN staff",
    ],
    "2.3": [
        "ICANN Global Engagement Team sought",
        "Working Group on Enhanced Cooperation (WGEC)",
        "in November 2016",
        "January 26-27 2017",
        "ICANN contributed this document",
        "community wiki page",
        "Over the Top (OTT)",
        "open June to September 2017",
        "In August,",
        "ICANN's submission to the consultation",
        "Expert Group on International Telecommunication Regulations (EG-ITRs)",
        "In January,",
        "mailing list",
    ],
    "2.4": [
        # the link's number follows "BWG-IG" on paper (footnote, Links annex)
        "Board Working Group on Internet Governance (BWG-IG",
        "face-to-face meetings in 2016",
        "ICANN 58, Copenhagen",
        "ICANN 59, Johannesburg",
        "15 March 2017, 12:45–14:00 UTC",
        "26–29 June 2017",  # ICANN 59's dates: the face-to-face meeting's day is unknown
        "Update on planning for Public Internet Governance Session",
        "Liaison with the BWG-IG – Update and discussion",
        "Working Group priorities for 2017",
        "Discussions with BWG-IG",
        "Brief look ahead to main activities/issues of interest to CCWG-IG",
        "Sched page",
        "2 Feb 2017",
        "15 (17, inc. staff)",
        "IGF Community Public Consultation – ICANN Comment",
        "Proposed table of contents / structure",
        "16 Feb 2017",
        "11 (15, inc. staff)",
        "7 Mar 2017",
        "7 (12, inc. staff)",
        "4 Apr 2017",
        "11 (14, inc. staff)",
        "IGF 2016 Workshop: A Post IANA Transition ICANN",
        "28 Apr 2017",
        "8 (11, inc. staff)",
        "ICANN Board in Geneva – IG and IGF",
        "20 Jun 2017",
        "13 (16, inc. staff)",
        "Reviewing questions from GNSO and CCNSO about the amended charter",
        # quoted in the table, under their item, as the group's report quotes them
        "From ccNSO:",
        "does the ccNSO need to invite more ccTLDs to participate",
        "From Donna Austin (GNSO):",
        "Perhaps this has already been done and I am just not familiar with it.",
        "14 Jul 2017",
        "9 (13, inc. staff)",
        "GNSO Motion CCWG-IG – 30 June 2017",
        "11 Oct 2017",
        "11 (16, inc. staff)",
        "UNESCO – Internet Identifiers",
        "17 Oct 2017",
        "Presentation of the draft proposal for new structure for cross-community group",
        "Action plan",
    ],
    "3.": [
        "After ICANN 59",
        "does not comply with the (recently) agreed criteria",
        "In August 2017, the GNSO Council resolved to withdraw",
        "ahead of ICANN 61",
        "How the new vehicle can be resourced from the ICANN Organisation.",
        "Cross Community Engagement Group",
        "at ICANN 60",
    ],
    "4.": [
        "open, single and interoperable Internet",
        "Working Group on Enhanced Cooperation (WGEC)",
        "naming and addressing",
        "ITU WTSA in 2016",
        "geographic names",
        "consensus based nature",
        "Plenipotentiary Conference",
        "PP-18",
        "Dubai",
        "Cybersecurity Treaty",
    ],
}

#: The section headings that open each part, in document order (numbers as rendered).
SECTION_MARKERS = [
    "1. Introduction",
    "2. Events",
    "2.1 ",
    "2.2 ",
    "2.3 ",
    "2.4 ",
    "3. Work",
    "4. Identified",
]
SECTION_KEYS = {"1.": 0, "2.1": 2, "2.2": 3, "2.3": 4, "2.4": 5, "3.": 6, "4.": 7}


def normalize(text: str) -> str:
    text = html.unescape(text)
    text = text.replace("\u00ad", "").replace("\u00a0", " ")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text)  # line broken after a hyphen
    text = " ".join(text.split())
    return text.replace("'", "’").replace("’", "'")


def sections(text: str) -> dict[str, str]:
    """Cut a whole document's normalized text into the sections of FACTS, skipping the
    table of contents (the markers are searched after the last TOC entry)."""
    body_start = text.rfind(
        "4. Identified threats to ICANN Mission", 0, text.find("This report to")
    )
    position = max(body_start, 0)
    starts = []
    for marker in SECTION_MARKERS:
        found = text.find(marker, position)
        assert found != -1, f"section {marker!r} not found"
        starts.append(found)
        position = found + len(marker)
    starts.append(len(text))
    return {key: text[starts[i] : starts[i + 1]] for key, i in SECTION_KEYS.items()}


def missing_facts(text: str) -> list[str]:
    parts = sections(normalize(text))
    missing = []
    for key, facts in FACTS.items():
        for fact in facts:
            wanted = normalize(fact)
            if wanted in parts[key]:
                continue
            # a PDF text extractor may join a word broken at its hyphen at the end of a line
            if wanted.replace("-", "") in parts[key].replace("-", ""):
                continue
            missing.append(f"{key}: {fact}")
    return missing


def html_text(content: bytes) -> str:
    text = content.decode("utf-8")
    text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
    text = re.sub(r"<(br|/p|/li|/tr|/h\d|/td|/th|/div|/blockquote)\b[^>]*>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def pdf_text(content: bytes) -> str:
    """The PDF's text, pages separated by form feeds (read with pypdf: no system program)."""
    return "\f".join(page.extract_text() for page in pdf_reader(content).pages)


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def docx_document(content: bytes):
    return docx.Document(io.BytesIO(content))


def docx_text(content: bytes) -> str:
    document = docx_document(content)
    lines = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    lines.append(cell.text)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def md_text(content: bytes) -> str:
    text = content.decode("utf-8")
    text = text.replace("<br>", "\n").replace("&nbsp;", " ")
    text = re.sub(r'<a id="[^"]*"></a>|<!--.*?-->', "", text)  # anchors, the flavour line
    text = re.sub(r"\\([\\`*_\[\]<>|~#+\-=.!&()])", r"\1", text)
    text = re.sub(r"\*\*|(?<!\w)\*|\*(?!\w)", "", text)  # emphasis markers
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: keep the text
    return text


#: An agenda item as a reader sees it in the Markdown: its label, a space, its title.
_MD_AGENDA_LINE = re.compile(r"^(?:\d+|[a-z]+)\. \S")


def shown(children) -> str:
    """What a reader sees of inline markdown-it tokens: their text, tags left out."""
    parts = {"text": None, "code_inline": None, "softbreak": " "}
    return "".join(
        c.content if parts[c.type] is None else parts[c.type] for c in children if c.type in parts
    )


def shown_lines(children) -> list[str]:
    """A table cell's inline tokens as the lines a reader sees (split at `<br>`)."""
    lines, current = [], []
    for child in children:
        if child.type == "html_inline" and child.content == "<br>":
            lines.append(shown(current).strip())
            current = []
        else:
            current.append(child)
    return [*lines, shown(current).strip()]


def md_agenda_lines(text: str) -> list[str]:
    """The agenda items of a Markdown report as a CommonMark reader with tables shows them,
    in document order: list items and table-cell lines that start with a label (`1.`, `a.`,
    `i.`), each "label title" followed by whatever the item carries (notes, links)."""
    from markdown_it import MarkdownIt

    body = text[text.index('"></a>1. Introduction') :]
    lines: list[str] = []
    item = cell = False
    for token in MarkdownIt("commonmark").enable("table").parse(body):
        if token.type == "list_item_open":
            item = True
        elif token.type in ("td_open", "td_close"):
            cell = token.type == "td_open"
        elif token.type == "inline" and (item or cell):
            found = shown_lines(token.children) if cell else [shown(token.children)]
            lines += [line for line in found if _MD_AGENDA_LINE.match(line)]
            item = False
    return lines
