"""The generated text is true in any year and reads well with little data: the same records
built for 2017, 2018 and 2019 from the factories (an ICANN meeting where the group met only
face to face, on a day not recorded; a call without counts; one process; a threat whose
milestone falls in the year), and the findings that ask staff where they must decide."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from ccwg.core.models import DatePrecision, IcannMeeting
from engagements.models import InputChannel
from engagements.services import update_threat
from reports.checks import findings_for_report
from reports.drafts import assemble_for_report
from reports.renderers import FORMATS, render
from reports.services import acknowledge_finding
from tests.factories import (
    ChartershipFactory,
    DraftReportFactory,
    ExternalEventFactory,
    ExternalProcessFactory,
    FaceToFaceMeetingFactory,
    IcannBodyFactory,
    IcannMeetingFactory,
    ProcessInputFactory,
    PublishedReportFactory,
    StaffFactory,
    SupportingOrganizationFactory,
    TeleconferenceFactory,
    ThreatFactory,
    WorkingGroupFactory,
)
from tests.reports.helpers import docx_text, html_text, md_text, normalize, pdf_text

pytestmark = pytest.mark.django_db
UTC = dt.UTC
YEARS = (2017, 2018, 2019)
EXTRACT = {"html": html_text, "pdf": pdf_text, "docx": docx_text, "md": md_text}
#: The March ICANN meeting of each year, as the records of ICANN hold it.
MARCH_MEETING = {
    2017: (58, "Copenhagen", "Denmark", 11, 16),
    2018: (61, "San Juan", "Puerto Rico", 10, 15),
    2019: (64, "Kobe", "Japan", 9, 14),
}


def _call(group, day: dt.date, **counts):
    return TeleconferenceFactory(
        working_group=group,
        starts_at=dt.datetime(day.year, day.month, day.day, 14, tzinfo=UTC),
        **counts,
    )


def _records(group, year: int, *, process_count: int = 1):
    """A sparse year of the group: its face-to-face meeting at the March ICANN meeting (day
    not recorded, no public session), two calls (the second without counts), input sought at
    the first call on `process_count` processes, and a threat identified the year before
    whose next milestone is an event in October of the year."""
    number, city, country, first, last = MARCH_MEETING[year]
    icann = IcannMeetingFactory(
        number=number,
        city=city,
        country=country,
        starts_on=dt.date(year, 3, first),
        ends_on=dt.date(year, 3, last),
        format="A",
    )
    FaceToFaceMeetingFactory(working_group=group, icann_meeting=icann, starts_at=None)
    first_call = _call(group, dt.date(year, 2, 22))
    _call(group, dt.date(year, 4, 10), members_present=None, total_present=None)
    requester = IcannBodyFactory(acronym=f"GE-{year}", name="ICANN Global Engagement Team")
    for index in range(process_count):
        item = ProcessInputFactory(
            working_group=group,
            process=ExternalProcessFactory(name=f"Consultation {year}-{index + 1}"),
            requested_on=dt.date(year, 2, 20 + index),
            requested_by=requester,
            channel=InputChannel.TELECONFERENCE,
            summary="on the consultation’s questions",
        )
        item.discussed_at.set([first_call])
    conference = ExternalEventFactory(
        name=f"Plenipotentiary {year}",
        location="Dubai",
        starts_on=dt.date(year, 10, 29),
        ends_on=dt.date(year, 11, 16),
    )
    ThreatFactory(
        working_group=group,
        title="ITU work on domain names",
        description="Similar proposals will be debated at the Plenipotentiary.",
        identified_on=dt.date(year - 1, 10, 11),
        next_milestone_event=conference,
    )
    return icann


def _draft(year: int, issued_on: dt.date | None = None, **fields):
    group = WorkingGroupFactory(acronym=f"TWG-{year}")
    _records(group, year)
    return DraftReportFactory(
        working_group=group, year=year, issued_on=issued_on, way_forward="", **fields
    )


def _codes(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for finding in findings_for_report(report):
        out.setdefault(finding.code, []).append(finding)
    return out


# --------------------------------------------------------------------------- 2.1


@pytest.mark.parametrize("year", YEARS)
def test_an_icann_meeting_of_the_period_is_named_never_none(year):
    report = _draft(year)
    number, city, *_ = MARCH_MEETING[year]
    data = assemble_for_report(report)
    (entry,) = data.icann_meetings
    assert (entry.number, entry.label, entry.sessions) == (number, f"ICANN {number}, {city}", ())
    # what the records say: no public session, the face-to-face meeting held there
    assert entry.absence_note == (
        f"No public session of the TWG-{year} at ICANN {number} is recorded; the "
        f"TWG-{year} held its face-to-face meeting there."
    )
    text = md_text(render(data, "md"))
    assert f"ICANN {number}, {city}" in text and "No ICANN meeting" not in text
    # staff decide whether a session is missing from the records; the draft marks it there
    (finding,) = _codes(report)["icann_meeting_without_session"]
    icann = IcannMeeting.objects.get(number=number)
    assert finding.target == f"icann:{icann.pk}" and finding.severity == "warning"
    assert [n.text for n in entry.findings] and not data.other_findings


def test_an_icann_meeting_without_any_meeting_of_the_group_says_only_that():
    group = WorkingGroupFactory(acronym="TWG-X")
    IcannMeetingFactory(
        number=61,
        city="San Juan",
        starts_on=dt.date(2018, 3, 10),
        ends_on=dt.date(2018, 3, 15),
        format="A",
    )
    data = assemble_for_report(DraftReportFactory(working_group=group, year=2018))
    (entry,) = data.icann_meetings
    assert (
        entry.absence_note == "No session of the TWG-X at ICANN 61 (10–15 March 2018) is recorded."
    )


def test_none_is_said_only_when_the_records_hold_no_icann_meeting_held_by_the_date():
    group = WorkingGroupFactory(acronym="TWG-X")
    # begun, but not over, at the report's date: nothing known of it yet
    IcannMeetingFactory(
        number=63, starts_on=dt.date(2018, 10, 20), ends_on=dt.date(2018, 10, 25), format="A"
    )
    report = DraftReportFactory(working_group=group, year=2018, issued_on=dt.date(2018, 10, 22))
    data = assemble_for_report(report)
    assert data.icann_meetings == ()
    assert "No ICANN meeting is recorded as held in this period." in md_text(render(data, "md"))
    assert "icann_meeting_without_session" not in _codes(report)


# --------------------------------------------------------------------------- threats


@pytest.mark.parametrize("year", YEARS)
def test_a_milestone_over_by_the_report_s_date_is_past_and_a_finding(year):
    report = _draft(year, issued_on=dt.date(year, 12, 15))
    data = assemble_for_report(report)
    (threat,) = data.threats
    assert threat.milestone == f"Plenipotentiary {year}, Dubai, 29 October–16 November {year}"
    assert threat.milestone_label == "Past milestone:"
    text = md_text(render(data, "md"))
    assert "Next milestone" not in text and "Past milestone:" in text
    (finding,) = _codes(report)["threat_milestone_passed"]
    assert f"ended on 16 November {year}" in finding.message
    assert f"15 December {year}" in finding.message
    assert [n.text for n in threat.findings if "ended on" in n.text]


@pytest.mark.parametrize("year", YEARS)
def test_a_milestone_ahead_of_the_report_s_date_is_next(year):
    report = _draft(year, issued_on=dt.date(year, 10, 1))
    (threat,) = assemble_for_report(report).threats
    assert threat.milestone_label == "Next milestone:"
    assert "threat_milestone_passed" not in _codes(report)


@pytest.mark.parametrize("year", (2018, 2019))
def test_a_threat_unchanged_since_the_earlier_report_is_a_finding_naming_it(year):
    report = _draft(year, issued_on=dt.date(year, 6, 1))
    group = report.working_group
    earlier = PublishedReportFactory(working_group=group, year=year - 1, confirm_errors=True)
    (finding,) = _codes(report)["threat_carried_over"]
    published = f"{earlier.published_at.day} {earlier.published_at:%B %Y}"
    assert f"the {year - 1} report (version 1, published on {published})" in finding.message
    assert finding.record_label == "Threat “ITU work on domain names”"
    # the draft marks it on the threat: never repeated silently
    (threat,) = assemble_for_report(report).threats
    assert any("worded exactly as in" in n.text for n in threat.findings)
    # once staff bring it up to date, the finding goes
    update_threat(threat=group.threats.get(), description="The proposals were not adopted.")
    assert "threat_carried_over" not in _codes(report)


def test_staff_may_acknowledge_that_a_carried_over_threat_still_holds():
    report = _draft(2019, issued_on=dt.date(2019, 6, 1))
    DraftReportFactory(working_group=report.working_group, year=2018)
    (finding,) = _codes(report)["threat_carried_over"]
    acknowledge_finding(
        report=report, key=finding.key, reason="Still holds in 2019.", user=StaffFactory()
    )
    (again,) = _codes(report)["threat_carried_over"]
    assert again.is_acknowledged and not again.is_open
    (threat,) = assemble_for_report(report).threats
    assert not any("worded exactly" in n.text for n in threat.findings)  # no longer open


def test_a_threat_shown_by_an_earlier_draft_is_carried_over_too():
    report = _draft(2018)
    DraftReportFactory(working_group=report.working_group, year=2017)
    (finding,) = _codes(report)["threat_carried_over"]
    assert "the 2017 report (version 1, draft)" in finding.message


def test_no_earlier_report_nothing_carried_over():
    assert "threat_carried_over" not in _codes(_draft(2018))


# --------------------------------------------------------------------------- wording


@pytest.mark.parametrize("year", YEARS)
def test_one_process_reads_as_one_and_the_channel_names_its_call(year):
    data = assemble_for_report(_draft(year))
    assert data.inputs_intro == (
        f"The ICANN Global Engagement Team sought the TWG-{year}’s input on the following process:"
    )
    (process,) = data.processes
    assert process.inputs[0].lead == (
        f"On 20 February {year}, the ICANN Global Engagement Team sought input from the "
        f"members of the TWG-{year} at the teleconference of 22 February {year} on the "
        "consultation’s questions."
    )


def test_one_process_of_a_threat_is_one():
    group = WorkingGroupFactory(acronym="TWG-X")
    threat = ThreatFactory(working_group=group, identified_on=dt.date(2018, 1, 5))
    threat.processes.set([ExternalProcessFactory(name="Only Process")])
    two = ThreatFactory(working_group=group, identified_on=dt.date(2018, 1, 6))
    two.processes.set([ExternalProcessFactory(), ExternalProcessFactory()])
    data = assemble_for_report(DraftReportFactory(working_group=group, year=2018))
    assert [t.processes_label for t in data.threats] == ["Process:", "Processes:"]
    text = md_text(render(data, "md"))
    assert "Process: Only Process" in text.replace("*", "")


@pytest.mark.parametrize(
    ("opens_on", "closes_on", "dateline"),
    [
        (dt.date(2018, 6, 1), dt.date(2018, 9, 30), "Open June to September 2018"),
        (dt.date(2018, 6, 1), None, "Open from June 2018"),
        # not yet open at the report's date (31 July 2018): not stated as open
        (
            dt.date(2018, 10, 1),
            dt.date(2018, 11, 30),
            "To open in October 2018, to close in November 2018",
        ),
    ],
)
def test_a_process_is_open_only_as_of_the_report_s_date(opens_on, closes_on, dateline):
    group = WorkingGroupFactory(acronym="TWG-X")
    process = ExternalProcessFactory(
        opens_on=opens_on, closes_on=closes_on, dates_precision=DatePrecision.MONTH
    )
    ProcessInputFactory(working_group=group, process=process, requested_on=dt.date(2018, 5, 2))
    report = DraftReportFactory(working_group=group, year=2018, issued_on=dt.date(2018, 7, 31))
    (entry,) = assemble_for_report(report).processes
    assert entry.dateline == dateline


def test_two_processes_are_in_the_order_their_input_was_first_sought():
    group = WorkingGroupFactory(acronym="TWG-X")
    _records(group, 2018, process_count=2)
    data = assemble_for_report(DraftReportFactory(working_group=group, year=2018))
    assert data.inputs_intro.endswith("input on the following processes:")
    titles = [p.heading.title for p in data.processes]
    assert [t.split(" of ")[0] for t in titles] == ["Consultation 2018-1", "Consultation 2018-2"]


@pytest.mark.parametrize(
    ("channel", "discussed", "words"),
    [
        (InputChannel.TELECONFERENCE, True, " at the teleconference of 22 February 2018 "),
        (InputChannel.TELECONFERENCE, False, " by teleconference "),
        (InputChannel.MAILING_LIST, False, " on the mailing list "),
        (InputChannel.OTHER, False, " of the TWG-X on "),
        (InputChannel.NOT_RECORDED, False, " of the TWG-X on "),
    ],
)
def test_the_channel_is_worded_with_its_meeting_or_not_at_all(channel, discussed, words):
    group = WorkingGroupFactory(acronym="TWG-X")
    call = _call(group, dt.date(2018, 2, 22))
    item = ProcessInputFactory(
        working_group=group,
        requested_on=dt.date(2018, 2, 1),
        channel=channel,
        summary="on the questions",
    )
    if discussed:
        item.discussed_at.set([call])
    (process,) = assemble_for_report(DraftReportFactory(working_group=group, year=2018)).processes
    assert words in process.inputs[0].lead
    assert "through the" not in process.inputs[0].lead


@pytest.mark.parametrize("year", YEARS)
def test_section_3_is_headed_by_what_it_holds(year):
    report = _draft(year)
    data = assemble_for_report(report)
    assert data.headings["way_forward"].title == "Chartering organizations"
    # nothing recorded: said so, not an empty section
    assert "No chartering organization is recorded for this period." in md_text(render(data, "md"))
    ChartershipFactory(
        working_group=report.working_group,
        organization=SupportingOrganizationFactory(acronym=f"SO-{year}"),
    )
    data = assemble_for_report(report)
    assert data.chartering_organizations == (f"SO-{year}",)
    assert data.chartering_note == f"Chartering organization at the end of the period: SO-{year}."
    assert "No chartering organization" not in md_text(render(data, "md"))
    report.way_forward = "The group is drafting a new charter."
    heading = assemble_for_report(report).headings["way_forward"]
    assert heading.title == "Work on developing a way forward"
    report.way_forward_heading = "Towards a new group"
    assert assemble_for_report(report).headings["way_forward"].title == "Towards a new group"


def test_section_3_names_the_successor_it_states():
    successor = WorkingGroupFactory(acronym="NEW-X", established_on=dt.date(2018, 3, 1))
    group = WorkingGroupFactory(acronym="TWG-X", successor=successor)
    data = assemble_for_report(DraftReportFactory(working_group=group, year=2018, way_forward=""))
    assert data.headings["way_forward"].title == "Chartering organizations and successor"
    assert data.successor.startswith("The TWG-X’s work continues in its successor")


@pytest.mark.parametrize("year", YEARS)
def test_the_chart_caption_names_the_call_it_leaves_out(year):
    data = assemble_for_report(_draft(year))
    chart = data.attendance_chart
    assert [p.day for p in chart.points] == [dt.date(year, 2, 22)]
    assert chart.caption.endswith(
        f"The teleconference of 10 April {year} is left out: its attendance is not recorded."
    )
    assert normalize(chart.caption) in normalize(html_text(render(data, "html")))


@pytest.mark.parametrize("year", YEARS)
def test_a_day_not_recorded_is_neither_invented_nor_implied(year):
    data = assemble_for_report(_draft(year))
    number, city, _, first, last = MARCH_MEETING[year]
    (meeting,) = data.face_to_face
    assert meeting.heading == f"ICANN {number}, {city}"
    assert meeting.when == f"{first}–{last} March {year}"
    lines = md_text(render(data, "md")).splitlines()
    text = normalize("\n".join(line for line in lines if not line.startswith(">")))  # notes
    assert normalize(f"ICANN {number}, {city} {first}–{last} March {year}") in text
    assert "day unknown" not in text


# --------------------------------------------------------------------------- the case


def test_a_2018_draft_of_the_sample_names_icann_61_and_does_not_present_pp_18_as_ahead(
    sample_report,
):
    """The 2018 draft of the issue: ICANN 61 in the records, the 2017 threats unchanged, dated
    15 December 2018 (after PP-18)."""
    draft = DraftReportFactory(
        working_group=sample_report.working_group, year=2018, issued_on=dt.date(2018, 12, 15)
    )
    data = assemble_for_report(draft)
    assert [(e.number, e.absence_note) for e in data.icann_meetings] == [
        (61, "No session of the CCWG-IG at ICANN 61 (10–15 March 2018) is recorded.")
    ]
    pp18 = next(t for t in data.threats if "PP-18" in t.milestone)
    assert pp18.milestone_label == "Past milestone:"
    for fmt in FORMATS:  # the same in every format, the findings marked where they occur
        content = render(data, fmt)
        text = normalize(EXTRACT[fmt](content))
        if fmt == "docx":  # the findings are Word comments
            with zipfile.ZipFile(io.BytesIO(content)) as docx:
                text += normalize(docx.read("word/comments.xml").decode())
        assert "ICANN 61, San Juan No session of the CCWG-IG at ICANN 61" in text, fmt
        assert "No ICANN meeting" not in text and "Next milestone: ITU Plenipotentiary" not in text
        assert "Past milestone: ITU Plenipotentiary Conference (PP-18)" in text, fmt
        assert text.count("is worded exactly as in the 2017 report") == len(data.threats), fmt
    codes = _codes(draft)
    assert len(codes["threat_carried_over"]) == len(data.threats)
    assert all(
        "the 2017 report (version 1, draft)" in f.message for f in codes["threat_carried_over"]
    )
    (passed,) = codes["threat_milestone_passed"]
    assert "16 November 2018" in passed.message
    assert [f.record_label for f in codes["icann_meeting_without_session"]] == [
        "ICANN 61, San Juan"
    ]
