"""The agenda outline parser and writer: pure functions, table-driven."""

import pytest

from meetings.models import AgendaItem, AgendaItemLink
from meetings.outline import (
    TITLE_MAX_LENGTH,
    URL_MAX_LENGTH,
    OutlineError,
    OutlineItem,
    format_outline,
    numbered,
    outline_preview,
    parse_outline,
    read_outline,
)


def item(title: str, *children: OutlineItem, url: str = "") -> OutlineItem:
    return OutlineItem(title, url, tuple(children))


def shape(items) -> list:
    """A compact view of a tree: [title, [children...]] (url shown when set)."""
    out = []
    for node in items:
        label = f"{node.title} <{node.url}>" if node.url else node.title
        out.append([label, shape(node.children)] if node.children else label)
    return out


#: The 2 Feb 2017 row of the reference report's 2.4.2, exactly as printed (trailing spaces
#: and no indentation at all).
REFERENCE_2_FEB = (
    "1. Policy Topics\n"
    "a. IGF Community Public Consultation - ICANN Comment\n"
    "i. IGF Consultation Page\n"
    "ii. List of Comments received\n"
    "iii. ICANN Final Comment\n"
    "b. CSTD Intersessional meeting\n"
    "c. ITU EG-ITR \n"
    "d. CCWG Participation in WSIS Forum 2017\n"
    "2. Organisational Topics\n"
    "a. Proposal for Annual Review of Working Group activities \n"
    "i. Proposed table of contents / structure\n"
    "b. GNSO Council Request for CCWG-IG charter amendments \n"
    "i. Comparison table\n"
    "ii. Workspace with all documents\n"
    "iii. Process forward\n"
    "c. Forthcoming activities \n"
    "d. ICANN 58 Public Internet Governance and CCWG-IG F2F Session \n"
)
REFERENCE_2_FEB_TREE = [
    [
        "Policy Topics",
        [
            [
                "IGF Community Public Consultation - ICANN Comment",
                ["IGF Consultation Page", "List of Comments received", "ICANN Final Comment"],
            ],
            "CSTD Intersessional meeting",
            "ITU EG-ITR",
            "CCWG Participation in WSIS Forum 2017",
        ],
    ],
    [
        "Organisational Topics",
        [
            [
                "Proposal for Annual Review of Working Group activities",
                ["Proposed table of contents / structure"],
            ],
            [
                "GNSO Council Request for CCWG-IG charter amendments",
                ["Comparison table", "Workspace with all documents", "Process forward"],
            ],
            "Forthcoming activities",
            "ICANN 58 Public Internet Governance and CCWG-IG F2F Session",
        ],
    ],
]

NESTED = [["One", [["One A", ["One A i", "One A ii"]], "One B"]], "Two"]

CASES = {
    "reference style, 2 Feb 2017": (REFERENCE_2_FEB, REFERENCE_2_FEB_TREE),
    "reference style, 7 Mar 2017 (double space after the label)": (
        "1. Organisational Topics\n"
        "a. Proposal for Annual Review of Working Group activities \n"
        "b. GNSO Council Request for CCWG-IG charter amendments \n"
        "c. ICANN 58 CCWG-IG and F2F \n"
        "i. Public Session Agenda\n"
        "ii. F2F Meeting Agenda\n"
        "2. Policy Topics \n"
        "a.  ICANN CCWG-IG Workshop Submission for WSIS Forum 2017\n",
        [
            [
                "Organisational Topics",
                [
                    "Proposal for Annual Review of Working Group activities",
                    "GNSO Council Request for CCWG-IG charter amendments",
                    ["ICANN 58 CCWG-IG and F2F", ["Public Session Agenda", "F2F Meeting Agenda"]],
                ],
            ],
            ["Policy Topics", ["ICANN CCWG-IG Workshop Submission for WSIS Forum 2017"]],
        ],
    ),
    "indented with spaces, numbered": (
        "1. One\n   a. One A\n      i. One A i\n      ii. One A ii\n   b. One B\n2. Two\n",
        NESTED,
    ),
    "indented with tabs, no labels": (
        "One\n\tOne A\n\t\tOne A i\n\t\tOne A ii\n\tOne B\nTwo\n",
        NESTED,
    ),
    "markdown bullets": (
        "- One\n  - One A\n    * One A i\n    * One A ii\n  - One B\n- Two\n",
        NESTED,
    ),
    "markdown numbered list with bullets below": (
        "1. One\n    - One A\n        - One A i\n        - One A ii\n    - One B\n2. Two\n",
        NESTED,
    ),
    "mixed: indented labels and unindented labels": (
        "1. One\n  a. One A\n  i. One A i\n  ii. One A ii\n  b. One B\n2. Two\n",
        NESTED,
    ),
    "whole outline indented, blank lines, e-mail bullets": (
        "\n    • One\n        ◦ One A\n            ▪ One A i\n            ▪ One A ii\n"
        "        ◦ One B\n\n    • Two\n\n",
        NESTED,
    ),
    "'i.' after 'h.' is a letter": (
        "1. Topics\na. A\nb. B\nc. C\nd. D\ne. E\nf. F\ng. G\nh. H\ni. I\nj. J\n",
        [["Topics", ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]]],
    ),
    "'i.' under a letter item is a roman numeral, 'v.' after 'iv.' too": (
        "1. T\na. A\ni. one\nii. two\niii. three\niv. four\nv. five\nb. B\n",
        [["T", [["A", ["one", "two", "three", "four", "five"]], "B"]]],
    ),
    "parenthesised and closing-parenthesis labels": (
        "1) One\n(a) One A\n(b) One B\n2) Two\n",
        [["One", ["One A", "One B"]], "Two"],
    ),
    "deeper levels as the report numbers them": (
        "1. L1\na. L2\ni. L3\nA. L4\n(1) L5\n(a) L6\n",
        [["L1", [["L2", [["L3", [["L4", [["L5", ["L6"]]]]]]]]]]],
    ),
    "a link in angle brackets": (
        "1. Policy\na. IGF Consultation Page <https://www.intgovforum.org/consult>\n",
        [["Policy", ["IGF Consultation Page <https://www.intgovforum.org/consult>"]]],
    ),
    "a markdown link": (
        "- [Comparison table](https://community.icann.org/x/compare) \n",
        ["Comparison table <https://community.icann.org/x/compare>"],
    ),
    "a markdown link inside a title": (
        "- See the [wiki page](http://example.org/wiki) first\n",
        ["See the wiki page first <http://example.org/wiki>"],
    ),
    "a link alone gives the title": (
        "1. <https://example.org/minutes>\n",
        ["https://example.org/minutes <https://example.org/minutes>"],
    ),
    "titles that look like labels but are not": (
        "1. Misc. items\n2. e.g. this\n3. 2017 Call for Workshop Proposals\n"
        "4. ICANN Board in Geneva – IG and IGF\n",
        [
            "Misc. items",
            "e.g. this",
            "2017 Call for Workshop Proposals",
            "ICANN Board in Geneva – IG and IGF",
        ],
    ),
    "windows line ends and non-breaking spaces": (
        "1.\u00a0One\r\n\u00a0\u00a0\u00a0a. One A\r\n",
        [["One", ["One A"]]],
    ),
    "empty": ("", []),
    "blank lines only": ("\n   \n\t\n", []),
}


@pytest.mark.parametrize(("text", "expected"), list(CASES.values()), ids=list(CASES))
def test_parse_outline(text, expected):
    assert shape(parse_outline(text)) == expected


ERRORS = {
    "a label without a title": ("1. One\n2.\n", 2, "the item has no title"),
    "a javascript link": ("1. One\na. Click <javascript:alert(1)>\n", 2, "http:// or https://"),
    "a markdown data link": ("- [x](data:text/html,hi)\n", 1, "http:// or https://"),
    "a title too long": ("1. " + "x" * 501 + "\n", 1, "longer than 500 characters"),
    "a link too long": ("1. A <https://e.org/" + "x" * 1000 + ">\n", 1, "longer than 1000"),
}


@pytest.mark.parametrize(("text", "line", "message"), list(ERRORS.values()), ids=list(ERRORS))
def test_malformed_outlines_name_the_line(text, line, message):
    with pytest.raises(OutlineError) as error:
        parse_outline(text)
    assert error.value.line == line
    assert message in str(error.value)
    assert str(error.value).startswith(f"Line {line}: ")


def test_format_outline_numbers_and_indents_as_the_report():
    tree = parse_outline(REFERENCE_2_FEB)
    text = format_outline(tree)
    assert text.splitlines()[:6] == [
        "1. Policy Topics",
        "    a. IGF Community Public Consultation - ICANN Comment",
        "        i. IGF Consultation Page",
        "        ii. List of Comments received",
        "        iii. ICANN Final Comment",
        "    b. CSTD Intersessional meeting",
    ]
    assert text.endswith("    d. ICANN 58 Public Internet Governance and CCWG-IG F2F Session\n")


@pytest.mark.parametrize("text", [case[0] for case in CASES.values()], ids=list(CASES))
def test_format_then_parse_gives_the_same_tree(text):
    tree = parse_outline(text)
    assert parse_outline(format_outline(tree)) == tree
    assert format_outline(parse_outline(format_outline(tree))) == format_outline(tree)


def test_format_outline_writes_links_in_angle_brackets():
    tree = (item("Policy", item("Page", url="https://example.org/p")),)
    assert format_outline(tree) == "1. Policy\n    a. Page <https://example.org/p>\n"
    assert format_outline(()) == ""


def test_a_long_outline_past_twenty_six_and_deep_roman_numerals():
    children = tuple(item(f"Item {n}") for n in range(1, 31))
    tree = (item("Top", item("Sub", *children)),)
    text = format_outline(tree)
    assert "        xxx. Item 30" in text
    assert parse_outline(text) == tree
    letters = (item("Top", *(item(f"L{n}") for n in range(1, 29))),)
    assert "    bb. L28" in format_outline(letters)
    assert parse_outline(format_outline(letters)) == letters


def test_the_limits_are_the_records_limits():
    assert AgendaItem._meta.get_field("title").max_length == TITLE_MAX_LENGTH
    assert AgendaItemLink._meta.get_field("url").max_length == URL_MAX_LENGTH


# --- numbering that does not follow: never silently re-read ---------------------------------

#: (outline, the line reported, part of its message)
PROBLEMS = {
    "a sub-item before any item": ("a. Intro\n1. Policy\na. IGF\n", 1,
                                   "“a.” comes before any numbered item"),
    "a repeated number": ("1. One\n1. Two\n", 2, "“1.” repeats this number: 2 expected"),
    "a skipped number": ("1. One\n2. Two\n4. Four\n", 3, "“4.” skips to this number: 3"),
    "a skipped letter": ("1. One\na. A\nc. C\n", 3, "“c.” skips to this number: b expected"),
    "a letter after a number at the wrong level": ("1. One\na. A\nb. B\n2. Two\nc. C\n", 5,
                                                   "“c.” starts a sub-level but not at a."),
    "a dotted number": ("1. One\n1.1 Dotted\n", 2, "“1.1” is not a numbering this page reads"),
    "stars": ("1. One\n***\n2. Two\n", 2, "“***” is not a numbering"),
    "a first item not at 1": ("3. Three\n4. Four\n", 1, "the first item is not numbered 1"),
}  # fmt: skip


@pytest.mark.parametrize(("text", "line", "message"), list(PROBLEMS.values()), ids=list(PROBLEMS))
def test_numbering_that_does_not_follow_is_reported_on_its_line(text, line, message):
    outline = read_outline(text)
    assert [problem.line for problem in outline.problems][:1] == [line]
    assert message in str(outline.problems[0])
    assert str(outline.problems[0]).startswith(f"Line {line}: ")
    assert outline.items == parse_outline(text)  # the reading the person may confirm


def test_the_reference_and_every_well_formed_outline_have_no_problems():
    for text, _ in CASES.values():
        assert read_outline(text).problems == (), text
    assert read_outline(REFERENCE_2_FEB).problems == ()
    assert read_outline("A. Part one\n1. Item\n2. Item\nB. Part two\n").problems == ()


def test_numbered_lists_the_items_in_the_agenda_order_with_their_full_numbers():
    tree = parse_outline("1. Policy\na. IGF\ni. Page\nb. CSTD\n2. AOB\n")
    assert [(number, path) for number, path, _ in numbered(tree)] == [
        ("1", (1,)),
        ("1.a", (1, 1)),
        ("1.a.i", (1, 1, 1)),
        ("1.b", (1, 2)),
        ("2", (2,)),
    ]


def test_the_preview_is_the_parser_s_reading_as_plain_data():
    preview = outline_preview("1. Policy <https://e.org/p>\na. IGF\n1. Again\n")
    assert preview["items"][:2] == [
        {"number": "1", "depth": 0, "title": "Policy", "url": "https://e.org/p"},
        {"number": "1.a", "depth": 1, "title": "IGF", "url": ""},
    ]
    assert preview["problems"][0]["line"] == 3 and preview["error"] is None
    broken = outline_preview("1. One\n2.\n")
    assert broken["items"] == [] and broken["error"]["line"] == 2
