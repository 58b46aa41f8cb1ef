"""The 2017 sample report is the group's report: sentence by sentence, its Markdown is the
hand-written reference's (`tests/reports/sentences.py`), but for the deliberate corrections
the sample lists (`ccwg.sample.report.DEPARTURES`); with every staff edit reverted, the
generator's own wording stays close to the group's house style."""

from __future__ import annotations

import pytest

from ccwg.sample import report as sample
from tests.reports.helpers import normalize
from tests.reports.sentences import compare, normalise

#: django_db: the module-scoped fixtures need the test database set up.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_with_staffs_edits_the_report_is_the_references_but_for_the_departures(sample_markdown):
    result = compare(sample_markdown["edited"])
    assert len(result.missing) <= 5, result.missing
    assert len(result.added) <= 10, result.added
    corrected = [normalise(reference.replace("…", "")) for reference, _, _ in sample.DEPARTURES]
    unexplained = [
        sentence
        for sentence in result.missing
        if not any(part in sentence or sentence in part for part in corrected)
    ]
    assert unexplained == [], "missing sentences that are no listed departure"


def test_every_departure_gives_its_reason():
    for reference, ours, reason in sample.DEPARTURES:
        assert reference != ours and reason.strip()


def test_with_every_edit_reverted_the_generated_words_keep_the_house_style(sample_markdown):
    result = compare(sample_markdown["generated"])
    assert len(result.missing) <= 12, result.missing
    assert len(result.added) <= 20, result.added


def test_the_edits_change_the_words(sample_markdown):
    assert sample_markdown["edited"] != sample_markdown["generated"]
    assert "(last month)" in sample_markdown["edited"]
    assert "(last month)" not in sample_markdown["generated"]


@pytest.mark.parametrize(
    "words",
    [new for _, new in sample.REWORDED],
    ids=[f"reworded-{n}" for n, _ in enumerate(sample.REWORDED, 1)],
)
def test_staffs_words_are_printed_in_every_format(sample_texts, words):
    for fmt, text in sample_texts.items():
        assert normalize(words) in text, fmt


@pytest.mark.parametrize("words", sample.LEFT_OUT)
def test_what_staff_left_out_is_in_no_format(sample_texts, words):
    for fmt, text in sample_texts.items():
        assert normalize(words) not in text, fmt


def test_the_sections_are_in_the_groups_order(sample_texts):
    for fmt, text in sample_texts.items():
        ott = text.index("Input on International Telecommunication Union (ITU) Council")
        itrs = text.index("Input on ITU Expert Group on International Telecommunication")
        assert ott < itrs, fmt


def test_the_statements_are_in_the_table_as_the_group_put_them(sample_markdown):
    row = next(
        line for line in sample_markdown["edited"].splitlines() if line.startswith("| 20 Jun")
    )
    assert "**From ccNSO:**" in row and "**From Donna Austin (GNSO):**" in row
    assert "Annex A" not in sample_markdown["edited"]
