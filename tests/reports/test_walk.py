"""The report walk: one order of blocks for every format, and every word from the data."""

from __future__ import annotations

import dataclasses

import pytest

from reports.assembly import assemble_for_year
from reports.assembly.data import SessionStyle, Wording
from reports.renderers import render
from reports.renderers.docx import DocxWriter
from reports.renderers.html import HtmlWriter
from reports.renderers.markdown import MarkdownWriter
from reports.walk import ReportWriter, write_report
from tests.factories import WorkingGroupFactory
from tests.reports.helpers import docx_text

pytestmark = pytest.mark.django_db

BLOCKS = sorted(name for name in vars(ReportWriter) if not name.startswith("_"))


class Recorder:
    """A writer that notes every call of the walk."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def args(self, name: str) -> list[tuple]:
        return [args for called, args in self.calls if called == name]


def _recording(name: str):
    def record(self, *args):
        self.calls.append((name, args))

    return record


for _name in BLOCKS:
    setattr(Recorder, _name, _recording(_name))


def _walk(data) -> Recorder:
    recorder = Recorder()
    write_report(data, recorder)
    return recorder


@pytest.fixture
def data(sample_assembled):
    """The 2017 sample report's data (assembled once for the module)."""
    return sample_assembled


def test_the_writers_implement_the_protocol(data):
    for writer in (HtmlWriter(data), MarkdownWriter(data), DocxWriter(data), Recorder()):
        assert isinstance(writer, ReportWriter)
        assert all(callable(getattr(writer, name)) for name in BLOCKS)


def test_the_walk_visits_the_headings_of_the_contents_in_order(data):
    walk = _walk(data)
    assert walk.names()[:2] == ["cover", "contents"]
    assert walk.args("cover") == [(data.cover,)]
    assert [args[0] for args in walk.args("heading")] == list(data.toc)


def test_the_sample_report_uses_every_kind_of_block(data):
    # but Annex A: the group's report quotes the statements in the teleconference table
    # (`test_block_structure` prints a report with the annex)
    assert sorted(set(_walk(data).names())) == sorted(set(BLOCKS) - {"annex_statement"})


def test_sessions_are_shown_in_the_style_of_their_section(data):
    walk = _walk(data)
    words = data.wording
    styles = [(session.meeting_id, style) for session, style in walk.args("session")]
    expected = [
        (session.meeting_id, words.icann_sessions)
        for entry in data.icann_meetings
        for session in entry.sessions
    ]
    expected += [
        (session.meeting_id, words.event_sessions)
        for event in data.external_events
        for session in event.sessions
    ]
    expected += [(session.meeting_id, words.face_to_face_sessions) for session in data.face_to_face]
    assert styles == expected


def test_an_empty_period_says_so_in_each_section():
    data = assemble_for_year(working_group=WorkingGroupFactory(), year=2017)
    walk = _walk(data)
    words = data.wording
    assert [args[0] for args in walk.args("paragraph") if args[0]] == [
        words.no_icann_meetings,
        words.no_external_events,
        "No input into external processes is recorded for this period.",
        words.no_face_to_face,
        words.no_teleconferences,
        words.no_chartering_organizations,
    ]
    assert "teleconference_table" not in walk.names()
    assert "session" not in walk.names()
    # every list of entries is closed, also when empty: 2.1, 2.2, 2.3, 2.4.1 and 4
    assert walk.names().count("end_list") == 5


def _marked(value):
    """Every word of the wording, marked so it can be found in the output."""
    if isinstance(value, SessionStyle):
        return dataclasses.replace(value, agenda_label=f"⟨{value.agenda_label}⟩")
    if isinstance(value, tuple):
        return tuple(f"⟨{item}⟩" for item in value)
    return f"⟨{value}⟩"


def test_every_fixed_word_comes_from_the_data(data):
    marked = Wording(
        **{f.name: _marked(getattr(data.wording, f.name)) for f in dataclasses.fields(Wording)}
    )
    empty = assemble_for_year(working_group=WorkingGroupFactory(), year=2017)
    texts = {}
    # a threat's labels are chosen by what it holds ("Process:" for one, "Past milestone:");
    # the sample's threats name their process and milestone in their text: given here
    threats = tuple(
        dataclasses.replace(
            t,
            processes=t.processes or ("A process",),
            milestone=t.milestone or "A milestone",
            processes_label=_marked(t.processes_label),
            milestone_label=_marked(t.milestone_label),
        )
        for t in data.threats
    )
    for name, report in (("sample", data), ("empty", empty)):
        report = dataclasses.replace(report, wording=marked)
        if name == "sample":
            report = dataclasses.replace(report, threats=threats)
        texts[name] = {
            "md": render(report, "md").decode(),
            "html": render(report, "html").decode(),
            "docx": docx_text(render(report, "docx")),
        }
    for fmt in ("md", "html", "docx"):
        both = texts["sample"][fmt] + texts["empty"][fmt]
        for value in (
            data.wording.contents,
            data.wording.no_face_to_face,
            data.wording.no_teleconferences,
            data.wording.no_chartering_organizations,
            data.wording.no_external_events,
            data.wording.speakers,
            data.wording.outcomes,
            data.wording.more_information,
            data.wording.process,
            data.wording.next_milestone,
            data.wording.event_sessions.agenda_label,
            data.wording.face_to_face_sessions.agenda_label,
            *data.wording.teleconference_columns,
        ):
            assert f"⟨{value}⟩" in both, (fmt, value)
        assert "For more information:" not in both.replace("⟨For more information:⟩", "")
        assert "Conclusions from the discussion" not in both.replace(
            "⟨Conclusions from the discussion in the session:⟩", ""
        )


def test_the_cover_names_the_version_and_the_status():
    import datetime as dt

    from reports.assembly import wording

    draft = wording.cover(
        title="T", period_label="2017", version=1, published_at=None, issued="October 2017"
    )
    assert (draft.issuer, draft.title, draft.meta) == ("ICANN", "T", "Period: 2017")
    assert draft.issued == "October 2017"
    assert (draft.status, draft.published) == ("Draft: not yet published", False)
    published = wording.cover(
        title="T",
        period_label="1 July 2017–30 June 2018",
        version=2,
        published_at=dt.datetime(2018, 3, 1, 12, tzinfo=dt.UTC),
    )
    assert published.meta == "Period: 1 July 2017–30 June 2018 · Version 2"
    assert (published.status, published.published) == ("Published on 1 March 2018", True)


def test_the_notes_of_section_3():
    from reports.assembly import wording

    assert wording.chartering_note(()) == ""
    assert wording.chartering_note(("ALAC", "GNSO (withdrawal decided)")) == (
        "Chartering organizations at the end of the period: ALAC, GNSO (withdrawal decided)."
    )
    assert wording.successor_note("CCWG-IG", None) == ""
    successor = WorkingGroupFactory.build(acronym="IG-WG", name="Internet Governance WG")
    assert wording.successor_note("CCWG-IG", successor) == (
        "The CCWG-IG’s work continues in its successor, the Internet Governance WG (IG-WG)."
    )
    assert wording.chartering_note(("ALAC",), "October 2017") == (
        "Chartering organization in October 2017: ALAC."  # one reads as one
    )


def test_section_headings_name_the_period():
    from reports.assembly import wording

    year = wording.section_headings("X", "2017")
    assert year["events"].text == "2. Events and activities in 2017"
    fiscal = wording.section_headings("X", "1 July 2017-30 June 2018")
    assert fiscal["internal"].text == "2.4 X internal work in the period 1 July 2017-30 June 2018"
    assert [h.number for h in year.values()] == [
        "1",
        "2",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "2.4.1",
        "2.4.2",
        "3",
        "4",
    ]
