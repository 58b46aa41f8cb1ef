"""Assembly: one data object with every section, from the records of a group and a period."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from meetings.attendance import attendance_label
from meetings.models import Meeting, MeetingStatus
from reports.assembly import (
    Narrative,
    ReportData,
    assemble_report,
)
from reports.assembly.text import format_range, meeting_when
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ExternalEventFactory,
    FaceToFaceMeetingFactory,
    IcannMeetingFactory,
    MeetingFactory,
    MeetingLinkFactory,
    OrganizationFactory,
    OutcomeFactory,
    ProcessInputFactory,
    PublicSessionFactory,
    SpeakerFactory,
    StatementFactory,
    TeleconferenceFactory,
    ThreatFactory,
    WithdrawingChartershipFactory,
    WorkingGroupFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC


@pytest.fixture
def data(sample_assembled) -> ReportData:
    """The 2017 sample report's data (assembled once for the module)."""
    return sample_assembled


def test_the_data_object_is_frozen(data):
    assert dataclasses.is_dataclass(data)
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.title = "changed"


def test_sections_and_numbers(data):
    assert [h.text for h in data.toc[:4]] == [
        "1. Introduction",
        "2. Events and activities in 2017",
        "2.1 CCWG-IG engagement with wider ICANN Community",
        "2.2 CCWG-IG participation in external events during 2017",
    ]
    assert data.headings["teleconferences"].text == "2.4.2 CCWG-IG teleconferences"
    assert data.title == (
        "Report on the 2017 Activities of the Cross Community Working Group on Internet "
        "Governance (CCWG-IG)"
    )
    assert data.file_stem == "CCWG-IG-annual-report-2017"


WGEC_HEADING = (
    "Working Group on Enhanced Cooperation (WGEC) of the United Nations Commission on Science "
    "and Technology for Development (CSTD)"
)


def test_introduction_and_resources(data):
    assert "began in December 2013" in data.introduction.html
    assert "<em>A Uniform Framework" in data.introduction.html
    assert "0.2 FTE" in data.resources_note


def test_icann_meetings_of_the_period_with_public_session_or_reason(data):
    entries = {entry.number: entry for entry in data.icann_meetings}
    # ICANN 61 (March 2018) is outside 2017; ICANN 60 (no session recorded, after the
    # report's date) is not reported from an absence of records.
    assert sorted(entries) == [58, 59]
    session = entries[58].sessions[0]
    assert entries[58].label == "ICANN 58, Copenhagen"
    assert session.when == "16 March 2017, 8:00–9:30 UTC"
    assert len(session.speakers) == 7
    assert session.speakers[1].text.startswith("Ambassador Benedicto Fonseca, Director")
    assert [(e.label, e.title[:20]) for e in session.agenda_entries()][:3] == [
        ("1.", "Main outcomes on IG "),
        ("2.", "Look ahead to main i"),
        ("a.", "Working Group of Enh"),
    ]
    assert len(session.agenda[1].children) == 7
    assert entries[59].sessions == ()
    assert entries[59].absence_note == (
        "No public meeting on Internet governance as ICANN 59 was a “Meeting B” format meeting."
    )


def test_external_events(data):
    wsis, igf = data.external_events
    assert wsis.heading.text == "2.2.1 World Summit on the Information Society (WSIS) Forum 2017"
    assert wsis.dates_place == "12–16 June 2017, Geneva"
    workshop = wsis.sessions[0]
    assert "held 15 June 2017" in workshop.summary
    assert len(workshop.outcomes) == 3
    assert workshop.links[0].url.startswith("https://community.icann.org/")
    assert "is available [here](https://community.icann.org/" in workshop.notes.source
    assert igf.dates_place == "18–21 December 2017, Geneva"
    accepted = igf.sessions[0]
    assert accepted.status == MeetingStatus.ACCEPTED
    assert accepted.summary == (
        "The CCWG-IG developed a workshop proposal, Multistakeholder governance of the Domain "
        "Name System, lessons learned for other IG issues, which has been accepted by the IGF "
        "Multistakeholder Advisory Group (MAG) for inclusion in the December program of IGF "
        "2017."
    )
    # said once: the notes no longer repeat the acceptance
    assert "Accepted" not in accepted.notes.plain and "program" not in accepted.notes.plain


def test_inputs_include_one_requested_before_the_period_for_a_meeting_in_it(data):
    titles = [p.heading.title for p in data.processes]
    assert titles[0] == WGEC_HEADING
    assert len(titles) == 3
    wgec = data.processes[0].inputs[0]
    assert wgec.lead == (
        "In November 2016, the ICANN Global Engagement Team sought input from the members of "
        "the CCWG-IG for the call for contributions to the WGEC’s meeting of 26–27 January 2017."
    )
    assert not wgec.summary  # the summary completes the lead: not repeated
    # no channel is stated where the records do not hold one
    assert all("mailing list" not in i.lead for p in data.processes for i in p.inputs)
    ott = data.processes[2]
    assert ott.heading.title.startswith("ITU Council Working Group on International")
    assert ott.dateline == "Open June to September 2017"
    assert data.inputs_intro.startswith("The ICANN Global Engagement Team sought")


def test_face_to_face_meetings_are_labelled_from_their_icann_meeting(data):
    headings = [s.heading for s in data.face_to_face]
    # the meeting planned at ICANN 60 is the narrative's to announce: 2.4.1 reports the held
    assert headings == ["ICANN 58, Copenhagen", "ICANN 59, Johannesburg"]
    assert data.face_to_face[0].when == "15 March 2017, 12:45–14:00 UTC"
    # a day not recorded: the dates of the ICANN meeting the heading names, no day invented
    assert data.face_to_face[1].when == "26–29 June 2017"
    assert data.face_to_face[1].agenda[0].title == "Discussions with BWG-IG"


def test_teleconference_table(data):
    rows = [(r.date_label, r.attendance) for r in data.teleconferences]
    assert rows == [
        ("2 Feb 2017", "15 (17, inc. staff)"),
        ("16 Feb 2017", "11 (15, inc. staff)"),
        ("7 Mar 2017", "7 (12, inc. staff)"),
        ("4 Apr 2017", "11 (14, inc. staff)"),
        ("28 Apr 2017", "8 (11, inc. staff)"),
        ("20 Jun 2017", "13 (16, inc. staff)"),
        ("14 Jul 2017", "9 (13, inc. staff)"),
        ("11 Oct 2017", "11 (16, inc. staff)"),
        ("17 Oct 2017", "9"),
    ]
    june = data.teleconferences[5]
    item = june.agenda[0]
    # the group's report quotes them in the table (the report's `statements_placement`)
    assert [s.lead for s in item.statements] == ["From ccNSO:", "From Donna Austin (GNSO):"]
    assert len(item.statements[0].paragraphs) == 5
    assert item.notes == ()
    assert data.annex_statements == () and data.statements_annex is None
    labels = [(e.label, e.title) for e in data.teleconferences[0].agenda_entries()]
    assert labels[:4] == [
        ("1.", "Policy Topics"),
        ("a.", "IGF Community Public Consultation – ICANN Comment"),
        ("i.", "IGF Consultation Page"),
        ("ii.", "List of Comments received"),
    ]


def test_way_forward_with_the_chartership_change_and_successor(data):
    assert data.chartership_changes == (
        "In August 2017, the GNSO Council resolved to withdraw as a chartered member of "
        "CCWG-IG ahead of ICANN 61.",
    )
    assert "GNSO (withdrawal decided)" in data.chartering_organizations
    # The successor is proposed, not established by October 2017: not stated as a fact.
    assert data.successor == ""
    assert data.chartering_note.startswith("Chartering organizations in October 2017:")
    assert "<li>How the new vehicle can be resourced" in data.way_forward.html


def test_threats(data):
    assert [t.heading.number for t in data.threats] == ["4.1", "4.2", "4.3"]
    itu = data.threats[1]
    # its description names PP-18, still ahead on the report's date: not said twice
    assert "(PP-18)" in itu.description.plain and itu.milestone == ""
    # the WGEC, named in the first threat's description, is not listed under it again
    assert data.threats[0].processes == ()
    assert "open, single and interoperable Internet" in data.threats_intro.html


def test_another_year_has_other_items(sample_data):
    from ccwg.core.models import WorkingGroup

    group = WorkingGroup.objects.get(acronym="CCWG-IG")
    data = assemble_report(
        working_group=group, period_start=dt.date(2016, 1, 1), period_end=dt.date(2016, 12, 31)
    )
    assert data.teleconferences == ()
    assert data.headings["events"].title == "Events and activities in 2016"
    # requested in November 2016: in the 2016 report too
    assert [p.heading.title for p in data.processes] == [WGEC_HEADING]
    assert data.chartership_changes == ()


# --------------------------------------------------------------------------- rules on records


def test_cancelled_meetings_are_not_counted_as_held():
    group = WorkingGroupFactory()
    MeetingFactory(working_group=group, starts_at=dt.datetime(2017, 3, 1, 14, tzinfo=UTC))
    MeetingFactory(
        working_group=group, cancelled=True, starts_at=dt.datetime(2017, 4, 1, 14, tzinfo=UTC)
    )
    data = _year(group)
    assert [r.date_label for r in data.teleconferences] == ["1 Mar 2017"]


def test_listed_attendance_gives_the_counts():
    group = WorkingGroupFactory()
    meeting = MeetingFactory(working_group=group, members_present=None, total_present=None)
    AttendanceFactory.create_batch(3, meeting=meeting)
    AttendanceFactory(meeting=meeting, role="staff")
    data = _year(group)
    assert data.teleconferences[0].attendance == "3 (4, inc. staff)"


def test_attendance_labels():
    assert attendance_label(15, 17) == "15 (17, inc. staff)"
    assert attendance_label(9, None) == "9"
    assert attendance_label(None, 12) == "12 (inc. staff)"
    assert attendance_label(None, None) == ""


def test_dates():
    assert format_range(dt.date(2017, 6, 12), dt.date(2017, 6, 16)) == "12–16 June 2017"
    assert format_range(dt.date(2017, 10, 28), dt.date(2017, 11, 3)) == (
        "28 October–3 November 2017"
    )
    assert format_range(dt.date(2017, 12, 30), dt.date(2018, 1, 2)) == (
        "30 December 2017–2 January 2018"
    )
    meeting = Meeting(
        starts_at=dt.datetime(2017, 2, 2, 14, tzinfo=UTC),
        ends_at=dt.datetime(2017, 2, 2, 15, 30, tzinfo=UTC),
        time_is_known=False,
    )
    assert meeting_when(meeting) == "2 February 2017"
    meeting.time_is_known = True
    assert meeting_when(meeting) == "2 February 2017, 14:00–15:30 UTC"


def test_a_planned_public_session_is_listed_as_planned():
    group = WorkingGroupFactory()
    icann = IcannMeetingFactory(
        number=160, starts_on=dt.date(2017, 10, 28), ends_on=dt.date(2017, 11, 3)
    )
    PublicSessionFactory(
        working_group=group, planned=True, icann_meeting=icann, title="IG public session"
    )
    data = _year(group)
    (entry,) = data.icann_meetings
    assert entry.absence_note == ""
    assert entry.sessions[0].status_label == "Planned"


def test_narrative_markdown_is_sanitized():
    group = WorkingGroupFactory()
    data = assemble_report(
        working_group=group,
        period_start=dt.date(2017, 1, 1),
        period_end=dt.date(2017, 12, 31),
        narrative=Narrative(
            introduction="Hello <script>alert(1)</script> **bold** [x](javascript:alert(1)) "
            '<img src=x onerror="alert(2)">'
        ),
    )
    html = data.introduction.html
    assert "<script" not in html and "alert(1)" not in html.replace("javascript", "")
    assert "javascript:" not in html and "onerror" not in html and "<img" not in html
    assert "<strong>bold</strong>" in html


# --------------------------------------------------------------------------- query count


def _records(group, factor: int) -> None:
    """`factor` times: every kind of record the report reads, nested agendas, statements."""
    org = OrganizationFactory()
    for index in range(factor):
        icann = IcannMeetingFactory(
            number=300 + index + 10 * factor,
            starts_on=dt.date(2017, 3, 1 + index),
            ends_on=dt.date(2017, 3, 5 + index),
            format="B" if index % 2 else "A",
        )
        day = dt.datetime(2017, 2, 1, 14, tzinfo=UTC) + dt.timedelta(days=7 * index)
        for meeting in (
            TeleconferenceFactory(working_group=group, starts_at=day),
            FaceToFaceMeetingFactory(working_group=group, icann_meeting=icann),
        ):
            root = AgendaItemFactory(meeting=meeting, position=1)
            child = AgendaItemFactory(meeting=meeting, parent=root, position=1)
            AgendaItemFactory(meeting=meeting, parent=child, position=1)
            StatementFactory(meeting=meeting, agenda_item=root, source=org)
            MeetingLinkFactory(meeting=meeting)
            AttendanceFactory(meeting=meeting)
        session = PublicSessionFactory(working_group=group, icann_meeting=icann)
        SpeakerFactory(meeting=session)
        AgendaItemFactory(meeting=session, position=1)
        event = ExternalEventFactory(organizer=org)
        workshop = WorkshopFactory(working_group=group, external_event=event, selected_by=org)
        OutcomeFactory(meeting=workshop)
        process_input = ProcessInputFactory(working_group=group, requested_by=org, for_event=event)
        threat = ThreatFactory(working_group=group, next_milestone_event=event)
        threat.processes.add(process_input.process)
        WithdrawingChartershipFactory(working_group=group, withdrawal_effective_before=icann)


def _year(group) -> ReportData:
    return assemble_report(
        working_group=group,
        period_start=dt.date(2017, 1, 1),
        period_end=dt.date(2017, 12, 31),
        narrative=Narrative(introduction="Intro"),
    )


def _count_queries(group) -> tuple[int, ReportData]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        data = _year(group)
    return len(captured.captured_queries), data


def test_assembly_issues_the_same_number_of_queries_for_1x_and_5x_the_records(
    django_assert_max_num_queries,
):
    small, large = WorkingGroupFactory(), WorkingGroupFactory()
    _records(small, 1)
    _records(large, 5)
    small_count, small_data = _count_queries(small)
    large_count, large_data = _count_queries(large)
    assert len(large_data.teleconferences) == 5 * len(small_data.teleconferences) == 5
    assert len(large_data.external_events) == 5
    assert len(large_data.threats) == 5
    assert large_count == small_count
    with django_assert_max_num_queries(small_count):
        _year(large)
