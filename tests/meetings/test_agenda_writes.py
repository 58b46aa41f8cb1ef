"""The one agenda write path (`replace_agenda`, `save_agenda_outline`): items keep their
identity where plan_agenda keeps them, positions never clash, an unchanged tree writes nothing."""

import pytest
from django.core.exceptions import ValidationError

from meetings import admin_selectors
from meetings.agenda_services import replace_agenda, save_agenda_outline
from meetings.models import AgendaItem, AgendaItemLink, Meeting, Statement, agenda_tree
from meetings.outline import parse_outline
from meetings.services import update_meeting
from tests.factories import MeetingFactory, OrganizationFactory
from tests.meetings.test_outline import REFERENCE_2_FEB, REFERENCE_2_FEB_TREE

pytestmark = pytest.mark.django_db


def node(title: str, *children: dict) -> dict:
    return {"title": title, "children": list(children)}


def shape(meeting: Meeting) -> list:
    def walk(nodes):
        return [[n.item.title, walk(n.children)] if n.children else n.item.title for n in nodes]

    return walk(agenda_tree(meeting.agenda_items.all()))


def ids(meeting: Meeting) -> dict[str, int]:
    return {item.title: item.pk for item in meeting.agenda_items.all()}


def history_rows() -> int:
    return AgendaItem.history.count()


START = [node("Policy", node("IGF"), node("CSTD")), node("Organisation", node("Review"))]

#: (case, new tree, expected shape)
REWRITES = [
    ("swap top-level items",
     [node("Organisation", node("Review")), node("Policy", node("IGF"), node("CSTD"))],
     [["Organisation", ["Review"]], ["Policy", ["IGF", "CSTD"]]]),
    ("swap sub-items",
     [node("Policy", node("CSTD"), node("IGF")), node("Organisation", node("Review"))],
     [["Policy", ["CSTD", "IGF"]], ["Organisation", ["Review"]]]),
    ("move a sub-item to another parent",
     [node("Policy", node("IGF")), node("Organisation", node("CSTD"), node("Review"))],
     [["Policy", ["IGF"]], ["Organisation", ["CSTD", "Review"]]]),
    ("promote a sub-item and drop its old parent",
     [node("IGF"), node("Organisation", node("Review"), node("CSTD"))],
     ["IGF", ["Organisation", ["Review", "CSTD"]]]),
    ("nest a top-level item under the other",
     [node("Organisation", node("Review"), node("Policy", node("IGF"), node("CSTD")))],
     [["Organisation", ["Review", ["Policy", ["IGF", "CSTD"]]]]]),
    ("insert new items before kept ones",
     [node("New first"), node("Policy", node("New", node("Deep")), node("IGF"), node("CSTD")),
      node("Organisation", node("Review"))],
     ["New first", ["Policy", [["New", ["Deep"]], "IGF", "CSTD"]], ["Organisation", ["Review"]]]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "tree", "expected"), REWRITES, ids=[r[0] for r in REWRITES])
def test_rewrites_keep_items_by_title_and_never_clash(case, tree, expected):
    meeting = MeetingFactory()
    replace_agenda(meeting=meeting, agenda=START)
    before = ids(meeting)
    org = OrganizationFactory()
    on_igf = Statement.objects.create(
        meeting=meeting, agenda_item_id=before["IGF"], source=org, text="On IGF"
    )
    replace_agenda(meeting=meeting, agenda=tree)
    assert shape(meeting) == expected
    after = ids(meeting)
    for title, pk in after.items():
        if title in before:
            assert pk == before[title], title
    on_igf.refresh_from_db()
    assert on_igf.agenda_item_id == after.get("IGF")
    # The same tree again writes nothing.
    rows = history_rows()
    replace_agenda(meeting=meeting, agenda=tree)
    assert history_rows() == rows


def test_a_retitled_item_keeps_its_place_and_id():
    meeting = MeetingFactory()
    replace_agenda(meeting=meeting, agenda=START)
    before = ids(meeting)
    replace_agenda(
        meeting=meeting,
        agenda=[node("Policy", node("IGF 2017"), node("CSTD")), node("Organisation")],
    )
    after = ids(meeting)
    assert after["IGF 2017"] == before["IGF"]
    assert "Review" not in after


def test_notes_and_links_are_left_alone_when_not_given():
    meeting = MeetingFactory()
    replace_agenda(
        meeting=meeting,
        agenda=[
            {
                "title": "Policy",
                "notes": "Kept",
                "links": [{"title": "Page", "url": "https://example.org/p"}],
            }
        ],
    )
    replace_agenda(meeting=meeting, agenda=[node("Intro"), node("Policy")])
    item = meeting.agenda_items.get(title="Policy")
    assert item.notes == "Kept"
    assert [link.url for link in item.links.all()] == ["https://example.org/p"]
    replace_agenda(meeting=meeting, agenda=[{"title": "Policy", "notes": "", "links": []}])
    item.refresh_from_db()
    assert item.notes == "" and not item.links.exists()


def test_titles_are_checked_before_anything_is_written():
    meeting = MeetingFactory()
    replace_agenda(meeting=meeting, agenda=START)
    before = shape(meeting)
    with pytest.raises(ValidationError) as error:
        update_meeting(meeting=meeting, agenda=[node("Organisation"), node(" ")])
    assert error.value.message_dict["agenda"] == ["Item 2 needs a title."]
    assert shape(meeting) == before


# --- The outline -------------------------------------------------------------------------------


def test_the_reference_outline_becomes_the_tree_and_reads_back_unchanged():
    meeting = MeetingFactory()
    save_agenda_outline(meeting=meeting, outline=parse_outline(REFERENCE_2_FEB))
    assert shape(meeting) == REFERENCE_2_FEB_TREE
    text = admin_selectors.agenda_outline(meeting)
    assert text.splitlines()[:3] == [
        "1. Policy Topics",
        "    a. IGF Community Public Consultation - ICANN Comment",
        "        i. IGF Consultation Page",
    ]
    rows = history_rows()
    save_agenda_outline(meeting=meeting, outline=parse_outline(text))
    save_agenda_outline(meeting=meeting, outline=parse_outline(REFERENCE_2_FEB))
    assert history_rows() == rows


def test_a_line_s_link_is_the_item_s_first_link():
    meeting = MeetingFactory()
    save_agenda_outline(
        meeting=meeting,
        outline=parse_outline(
            "1. Policy\n    a. Consultation page <https://example.org/igf>\n2. AOB\n"
        ),
    )
    item = meeting.agenda_items.get(title="Consultation page")
    (link,) = item.links.all()
    assert (link.title, link.url) == ("Consultation page", "https://example.org/igf")
    AgendaItemLink.objects.create(
        agenda_item=item, position=2, title="Second", url="https://example.org/2"
    )
    text = admin_selectors.agenda_outline(meeting)
    assert "a. Consultation page <https://example.org/igf>" in text
    save_agenda_outline(meeting=meeting, outline=parse_outline(text))
    assert [(lk.position, lk.url) for lk in item.links.all()] == [
        (1, "https://example.org/igf"),
        (2, "https://example.org/2"),
    ]
    changed = text.replace("https://example.org/igf", "https://example.org/new")
    save_agenda_outline(meeting=meeting, outline=parse_outline(changed))
    assert [lk.url for lk in item.links.all()] == [
        "https://example.org/new",
        "https://example.org/2",
    ]
    assert item.links.get(position=1).title == "Consultation page"
    save_agenda_outline(
        meeting=meeting, outline=parse_outline(changed.replace(" <https://example.org/new>", ""))
    )
    assert [lk.url for lk in item.links.all()] == ["https://example.org/2"]
