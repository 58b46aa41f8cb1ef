"""A report is true as of its date; open findings are marked in drafts only; the annual_report
command prints them and, with --strict, refuses. On the 2017 sample and on a 2019 report built
here from factories (a second year with other records)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from ccwg.core.models import DatePrecision
from engagements.models import InputChannel
from meetings.models import MeetingStatus
from reports.drafts import assemble_for_report
from reports.renderers import FORMATS, render
from reports.services import publish_report
from tests.factories import (
    AgendaItemFactory,
    ChartershipFactory,
    DraftReportFactory,
    ExternalEventFactory,
    ExternalProcessFactory,
    FaceToFaceMeetingFactory,
    IcannMeetingFactory,
    MeetingFactory,
    ProcessInputFactory,
    StaffFactory,
    SupportingOrganizationFactory,
    TeleconferenceFactory,
    ThreatFactory,
    WorkingGroupFactory,
    WorkshopFactory,
)
from tests.reports.helpers import docx_document, docx_text, html_text, md_text, normalize, pdf_text

pytestmark = pytest.mark.django_db
UTC = dt.UTC
EXTRACT = {"html": html_text, "pdf": pdf_text, "docx": docx_text, "md": md_text}


def _texts(data) -> dict[str, str]:
    return {fmt: normalize(EXTRACT[fmt](render(data, fmt))) for fmt in FORMATS}


# --------------------------------------------------------------------------- the sample


@pytest.mark.slow
def test_the_sample_is_dated_october_2017_on_every_cover(sample_rendered):
    data, documents = sample_rendered
    assert data.cover.issued == "October 2017"
    assert data.as_of == dt.date(2017, 10, 31)
    for fmt in FORMATS:
        text = normalize(EXTRACT[fmt](documents[fmt]))
        cover = text[: text.find("Contents")]
        assert "October 2017" in cover, fmt


@pytest.mark.slow
def test_the_sample_states_no_fact_its_records_do_not_hold(sample_rendered):
    _, documents = sample_rendered
    for fmt in FORMATS:
        text = normalize(EXTRACT[fmt](documents[fmt]))
        # ICANN 60 had no session recorded: no sentence made from the absence
        assert "is recorded" not in text.replace("No teleconference is recorded", ""), fmt
        assert "ICANN 60, Abu Dhabi No public" not in text, fmt
        # the channel of the inputs is not in the records
        assert "through the mailing list" not in text, fmt
        # the successor is a first draft under discussion, not a decision
        assert "is to continue in its successor" not in text, fmt
        assert "Cross Community Engagement Group on Internet Governance (CCEG-IG)" not in text
        # no invented acronym, the group's words for the program, the acceptance said once
        assert "CWG-Internet OTT" not in text, fmt
        assert text.count("for inclusion in the December program of IGF 2017") == 1, fmt
        assert normalize("accepted by the IGF Multistakeholder Advisory Group (MAG)") in text
        assert text.count("accepted by the IGF") == 1, fmt
        # the Johannesburg meeting's day is unknown: none invented, and none implied (the
        # reference's heading, "ICANN 59, Johannesburg", with the ICANN meeting's dates)
        assert normalize("ICANN 59, Johannesburg 26–29 June 2017 Topics discussed") in text, fmt
        assert "day unknown" not in text, fmt
        # ranges take an en dash; apostrophes are curly
        assert "12-16 June" not in text and "08:00-09:30" not in text, fmt


def test_section_3_keeps_its_whole_title(sample_assembled):
    assert sample_assembled.headings["way_forward"].text == (
        "3. Work on developing a way forward for ICANN cross-community work on Internet governance"
    )


@pytest.mark.slow
def test_the_sample_draft_marks_its_open_warning_where_it_occurs(sample_rendered):
    data, documents = sample_rendered
    (note,) = data.narrative_findings["internal_work_intro"]
    assert note.label == "Open warning (draft)" and "2016" in note.text
    assert '<aside class="finding-note finding-warning"' in documents["html"].decode()
    assert "> **Open warning (draft):**" in documents["md"].decode()
    comments = docx_document(documents["docx"]).comments
    assert [c.text.split(":")[0] for c in comments] == ["Open warning (draft)"]
    assert "Open warning (draft)" in pdf_text(documents["pdf"])


# --------------------------------------------------------------------------- a second year


@pytest.fixture
def year_2019():
    """The 2019 report of another group, dated 15 June 2019 (day precision): records on
    both sides of that date."""
    group = WorkingGroupFactory(acronym="TWG-X", name="Test Working Group X")
    gnso = SupportingOrganizationFactory(acronym="GNSO-X", name="Names Organization X")
    alac = SupportingOrganizationFactory(acronym="ALAC-X", name="At-Large X")
    ChartershipFactory(working_group=group, organization=alac)
    # decided after the report's date: not yet a fact on 15 June
    ChartershipFactory(
        working_group=group,
        organization=gnso,
        withdrawal_decided_on=dt.date(2019, 8, 1),
        withdrawal_decided_precision=DatePrecision.DAY,
        withdrew_on=dt.date(2019, 12, 1),
    )
    before = TeleconferenceFactory(
        working_group=group,
        starts_at=dt.datetime(2019, 3, 5, 14, tzinfo=UTC),
        members_present=8,
        total_present=10,
    )
    AgendaItemFactory(meeting=before, title="Charter review", position=1)
    after = TeleconferenceFactory(
        working_group=group,
        starts_at=dt.datetime(2019, 9, 9, 14, tzinfo=UTC),
        members_present=6,
        total_present=7,
    )
    AgendaItemFactory(meeting=after, title="Autumn business", position=1)
    # an ICANN meeting after the date, with a face-to-face meeting planned there
    montreal = IcannMeetingFactory(
        number=166,
        city="Montréal",
        country="Canada",
        starts_on=dt.date(2019, 11, 2),
        ends_on=dt.date(2019, 11, 7),
        format="C",
    )
    MeetingFactory(
        working_group=group,
        kind="face_to_face",
        planned=True,
        icann_meeting=montreal,
        title="Face-to-face meeting",
    )
    # an ICANN meeting before the date with no session recorded: named, saying only that
    IcannMeetingFactory(
        number=164,
        city="Kobe",
        country="Japan",
        starts_on=dt.date(2019, 3, 9),
        ends_on=dt.date(2019, 3, 14),
        format="A",
    )
    # a workshop recorded as held after the date: not in a report of 15 June
    WorkshopFactory(
        working_group=group,
        external_event=ExternalEventFactory(
            name="Autumn Forum 2019", starts_on=dt.date(2019, 10, 1), ends_on=dt.date(2019, 10, 3)
        ),
        title="Autumn workshop",
    )
    process = ExternalProcessFactory(name="Spring Consultation X", acronym="SCX")
    ProcessInputFactory(
        working_group=group,
        process=process,
        requested_on=dt.date(2019, 4, 1),
        requested_on_precision=DatePrecision.MONTH,
        channel=InputChannel.NOT_RECORDED,
        summary="on the consultation’s questions",
    )
    ProcessInputFactory(
        working_group=group,
        process=ExternalProcessFactory(name="Late Consultation X"),
        requested_on=dt.date(2019, 10, 1),
        summary="Input sought late.",
    )
    ThreatFactory(working_group=group, title="Late threat", identified_on=dt.date(2019, 11, 1))
    ThreatFactory(working_group=group, title="Early threat", identified_on=dt.date(2019, 2, 1))
    return DraftReportFactory(
        working_group=group,
        year=2019,
        issued_on=dt.date(2019, 6, 15),
        issued_on_precision=DatePrecision.DAY,
    )


@pytest.mark.slow
def test_records_after_the_issue_date_are_not_stated(year_2019):
    data = assemble_for_report(year_2019)
    assert data.cover.issued == "15 June 2019"
    assert [row.date_label for row in data.teleconferences] == ["5 Mar 2019"]
    # Kobe was held by the date: named, never "no ICANN meeting"; Montréal was not yet
    (kobe,) = data.icann_meetings
    assert (kobe.number, kobe.sessions) == (164, ())
    assert (
        kobe.absence_note == "No session of the TWG-X at ICANN 164 (9–14 March 2019) is recorded."
    )
    assert data.external_events == ()
    assert [p.heading.title for p in data.processes] == ["Spring Consultation X (SCX)"]
    assert data.processes[0].inputs[0].lead == (
        "In April 2019, ICANN sought input from the members of the TWG-X on the "
        "consultation’s questions."
    )
    assert [t.heading.title for t in data.threats] == ["Early threat"]
    assert data.chartership_changes == ()  # the withdrawal was decided in August
    assert "GNSO-X (withdrawal decided)" not in data.chartering_organizations
    assert data.chartering_note == "Chartering organizations on 15 June 2019: ALAC-X, GNSO-X."
    # the meeting planned at Montréal is not reported as one of the group's meetings (the
    # narrative may announce it)
    assert data.face_to_face == ()
    for fmt, text in _texts(data).items():
        assert "15 June 2019" in text[: text.find("Contents")], fmt
        for later in ("9 Sep 2019", "Autumn business", "Autumn workshop", "Late threat"):
            assert later not in text, (fmt, later)
        assert "Late Consultation X" not in text and "ICANN 166, Montréal\n" not in text, fmt
        assert "ICANN 164, Kobe" in text and "No ICANN meeting" not in text, fmt
        assert "ICANN 166, Montréal (planned)" not in text, fmt


def test_without_an_issue_date_the_whole_period_is_stated(year_2019):
    year_2019.issued_on = None
    data = assemble_for_report(year_2019)
    assert data.cover.issued == ""
    assert [row.date_label for row in data.teleconferences] == ["5 Mar 2019", "9 Sep 2019"]
    assert "In August 2019, " not in " ".join(data.chartership_changes)
    assert data.chartership_changes[0].startswith("On 1 August 2019, the GNSO-X Council")


@pytest.mark.slow
def test_a_published_report_is_dated_by_its_publication_and_unmarked(year_2019):
    year_2019.issued_on = None
    year_2019.save()
    FaceToFaceMeetingFactory(  # an open error: dated 15 March, tied to ICANN 166
        working_group=year_2019.working_group,
        icann_meeting=IcannMeetingFactory(number=166),
        starts_at=dt.datetime(2019, 3, 15, 12, 45, tzinfo=UTC),
    )
    draft = assemble_for_report(year_2019)
    (note,) = [n for s in draft.face_to_face for n in s.findings if n.severity == "error"]
    assert "dated 15 March 2019" in note.text and "2–7 November" in note.text
    published = publish_report(report=year_2019, user=StaffFactory(), confirm_errors=True)
    documents = {d.format: bytes(d.content) for d in published.documents.all()}
    label = f"{published.published_at.day} {published.published_at:%B %Y}"
    for fmt, content in documents.items():
        text = normalize(EXTRACT[fmt](content))
        assert "Open error" not in text and "Open warning" not in text, fmt
        assert label in text[: text.find("Contents")], fmt
    assert "<aside" not in documents["html"].decode()
    assert not docx_document(documents["docx"]).comments


# --------------------------------------------------------------------------- the command


def test_the_command_prints_the_open_findings_and_strict_refuses(
    report_with_open_error, tmp_path, capsys
):
    target = tmp_path / "draft.md"
    call_command("annual_report", "CCWG-IG", "2017", "--format", "md", "-o", str(target))
    err = capsys.readouterr().err
    assert "ERROR: Face-to-face meeting" in err and "26–29 June 2017" in err
    assert "WARNING: Annual report, Internal work" in err
    assert "1 open error, 1 open warning" in err
    # the draft marks the error where it occurs
    assert "> **Open error (draft):** Face-to-face meeting" in target.read_text()

    strict = tmp_path / "strict.md"
    with pytest.raises(CommandError, match=r"1 open error .*--strict.*nothing written"):
        call_command(
            "annual_report", "CCWG-IG", "2017", "--format", "md", "-o", str(strict), "--strict"
        )
    assert not strict.exists()


def test_strict_passes_when_no_error_is_open(draft_report, tmp_path, capsys):
    target = tmp_path / "ok.md"
    call_command(
        "annual_report", "CCWG-IG", "2017", "--format", "md", "-o", str(target), "--strict"
    )
    assert target.exists()
    assert capsys.readouterr().err == ""


def test_strict_checks_a_year_without_a_report_record(report_with_open_error, tmp_path):
    report_with_open_error.delete()
    with pytest.raises(CommandError, match="open error"):
        call_command(
            "annual_report",
            "CCWG-IG",
            "2017",
            "-o",
            str(tmp_path / "x.md"),
            "--strict",
            "--format",
            "md",
        )


@pytest.mark.slow
def test_the_draft_marks_an_open_error_in_every_format(report_with_open_error):
    data = assemble_for_report(report_with_open_error)
    (session,) = data.face_to_face
    assert [n.label for n in session.findings] == ["Open error (draft)"]
    html = render(data, "html").decode()
    assert html.index('<aside class="finding-note finding-error"') > html.index("ICANN 59")
    md = render(data, "md").decode()
    assert md.index("> **Open error (draft):**") > md.index("##### ICANN 59")
    comments = docx_document(render(data, "docx")).comments
    assert sorted(c.text.split(":")[0] for c in comments) == [
        "Open error (draft)",
        "Open warning (draft)",
    ]
    assert "Open error (draft)" in pdf_text(render(data, "pdf"))
    assert data.face_to_face[0].status == MeetingStatus.HELD
