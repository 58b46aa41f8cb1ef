"""The one numbering of agenda trees."""

from __future__ import annotations

import pytest

from meetings.numbering import LEVELS, item_label, label_for_path, letters, roman


@pytest.mark.parametrize(
    ("depth", "rank", "label"),
    [
        (0, 1, "1."),
        (0, 12, "12."),
        (1, 1, "a."),
        (1, 4, "d."),
        (2, 1, "i."),
        (2, 3, "iii."),
        (2, 4, "iv."),
        (2, 9, "ix."),
        (3, 2, "B."),
        (4, 1, "(1)"),
        (5, 2, "(b)"),
        (6, 4, "(iv)"),
        (7, 3, "III."),
        (8, 2, "2."),  # the cycle starts again
        (9, 1, "a."),
    ],
)
def test_labels_by_depth(depth, rank, label):
    assert item_label(depth, rank) == label


def test_label_for_path_uses_the_last_rank_at_the_paths_depth():
    assert label_for_path((1,)) == "1."
    assert label_for_path((2, 1)) == "a."
    assert label_for_path((2, 2, 3)) == "iii."
    assert label_for_path((1, 1, 1, 1)) == "A."


def test_letters_continue_as_word_does():
    assert [letters(n) for n in (1, 26, 27, 28, 52, 53)] == ["a", "z", "aa", "bb", "zz", "aaa"]


def test_roman_numerals():
    assert [roman(n) for n in (1, 4, 5, 9, 14, 40, 90, 400, 1994)] == [
        "i", "iv", "v", "ix", "xiv", "xl", "xc", "cd", "mcmxciv",
    ]  # fmt: skip


def test_levels_match_the_reference_document():
    assert [level.style for level in LEVELS[:3]] == ["decimal", "lowerLetter", "lowerRoman"]


@pytest.mark.parametrize(("depth", "rank"), [(0, 0), (-1, 1), (2, 0)])
def test_invalid_input_is_refused(depth, rank):
    with pytest.raises(ValueError):
        item_label(depth, rank)


def test_an_empty_path_has_no_label():
    with pytest.raises(ValueError):
        label_for_path(())
