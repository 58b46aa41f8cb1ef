"""Counts in messages take the right number: "Restored 1 item", never "1 item(s)"."""

import pytest

from ccwg.core.text import count_of


@pytest.mark.parametrize(
    ("count", "noun", "plural", "expected"),
    [
        (1, "item", None, "1 item"),
        (2, "item", None, "2 items"),
        (0, "record", None, "0 records"),
        (1, "other record", None, "1 other record"),
        (3, "person", "people", "3 people"),
    ],
)
def test_count_of(count, noun, plural, expected):
    assert count_of(count, noun, plural) == expected
