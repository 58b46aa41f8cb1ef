"""The agenda rewrite plan: which stored items a new tree keeps (pure, table-driven)."""

import pytest

from meetings.agenda import StoredItem, plan_agenda, stored_paths


def node(title: str, *children: dict) -> dict:
    return {"title": title, "children": list(children)}


#: 1. Policy (1)  a. IGF (2)  b. CSTD (3)   2. Organisation (4)  a. Review (5)
STORED = [
    StoredItem(1, None, 1, "Policy"),
    StoredItem(2, 1, 1, "IGF"),
    StoredItem(3, 1, 2, "CSTD"),
    StoredItem(4, None, 2, "Organisation"),
    StoredItem(5, 4, 1, "Review"),
]
SAME = [node("Policy", node("IGF"), node("CSTD")), node("Organisation", node("Review"))]

CASES = {
    "unchanged keeps every item": (
        SAME,
        {(1,): 1, (1, 1): 2, (1, 2): 3, (2,): 4, (2, 1): 5},
        (),
    ),
    "swapping two top-level items keeps both": (
        [node("Organisation", node("Review")), node("Policy", node("IGF"), node("CSTD"))],
        {(1,): 4, (1, 1): 5, (2,): 1, (2, 1): 2, (2, 2): 3},
        (),
    ),
    "re-nesting an item under another parent keeps it": (
        [node("Policy", node("IGF")), node("Organisation", node("Review"), node("CSTD"))],
        {(1,): 1, (1, 1): 2, (2,): 4, (2, 1): 5, (2, 2): 3},
        (),
    ),
    "a retitled item at the same place keeps its identity": (
        [node("Policy", node("IGF 2017"), node("CSTD")), node("Organisation", node("Review"))],
        {(1,): 1, (1, 1): 2, (1, 2): 3, (2,): 4, (2, 1): 5},
        (),
    ),
    "title case and spacing do not matter": (
        [node("policy", node(" IGF "), node("CSTD")), node("ORGANISATION", node("Review"))],
        {(1,): 1, (1, 1): 2, (1, 2): 3, (2,): 4, (2, 1): 5},
        (),
    ),
    "a removed item is deleted, its later sibling kept": (
        [node("Policy", node("CSTD")), node("Organisation", node("Review"))],
        {(1,): 1, (1, 1): 3, (2,): 4, (2, 1): 5},
        (2,),
    ),
    "an inserted item is new and the others keep theirs": (
        [node("Welcome"), *SAME],
        {(2,): 1, (2, 1): 2, (2, 2): 3, (3,): 4, (3, 1): 5},
        (),
    ),
    "a new title at a place whose old title moved elsewhere is new": (
        [node("Policy", node("New topic"), node("IGF")), node("Organisation")],
        {(1,): 1, (1, 2): 2, (2,): 4},
        (3, 5),
    ),
    "everything replaced": ([node("A"), node("B")], {(1,): 1, (2,): 4}, (2, 3, 5)),
    "an empty agenda deletes all": ([], {}, (1, 2, 3, 4, 5)),
}


@pytest.mark.parametrize(("agenda", "kept", "deleted"), list(CASES.values()), ids=list(CASES))
def test_plan_agenda(agenda, kept, deleted):
    plan = plan_agenda(STORED, agenda)
    assert dict(plan.kept) == kept
    assert plan.deleted == deleted


def test_repeated_titles_prefer_the_item_under_the_kept_parent():
    stored = [
        StoredItem(1, None, 1, "Policy"),
        StoredItem(2, 1, 1, "Update"),
        StoredItem(3, None, 2, "Organisation"),
        StoredItem(4, 3, 1, "Update"),
    ]
    agenda = [node("Organisation", node("Update")), node("Policy", node("Update"))]
    assert dict(plan_agenda(stored, agenda).kept) == {(1,): 3, (1, 1): 4, (2,): 1, (2, 1): 2}


def test_stored_paths_rank_siblings_by_position_then_id():
    stored = [StoredItem(7, None, 3, "b"), StoredItem(3, None, 1, "a"), StoredItem(9, 7, 5, "c")]
    assert stored_paths(stored) == {3: (1,), 7: (2,), 9: (2, 1)}
