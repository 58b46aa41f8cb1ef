"""The sample load holds the facts of the 2017 reference report, and is idempotent."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command

from ccwg.core.models import (
    Chartership,
    CharterVersion,
    ExternalEvent,
    IcannMeeting,
    Organization,
    WorkingGroup,
)
from engagements.models import ExternalProcess, ProcessInput, Threat
from meetings.models import Meeting, MeetingStatus, agenda_tree
from reports.models import AnnualReport

pytestmark = pytest.mark.django_db

PERIOD = (dt.date(2017, 1, 1), dt.date(2017, 12, 31))


@pytest.fixture
def group(sample_data):
    return WorkingGroup.objects.get(acronym="CCWG-IG")


def meetings(group, kind):
    return Meeting.objects.for_group(group).of_kind(kind).in_period(*PERIOD).held()


def outline(meeting) -> list[str]:
    return [
        "  " * node.depth + node.item.title
        for root in agenda_tree(meeting.agenda_items.all())
        for node in root.walk()
    ]


def test_the_group(group):
    assert group.name == "Cross Community Working Group on Internet Governance"
    assert group.discussion_began_on == dt.date(2013, 12, 1)
    assert "0.2 FTE" in group.resources_note
    assert group.successor.name == "Cross Community Engagement Group on Internet Governance"


def test_counts_match_the_document(group):
    assert meetings(group, "teleconference").count() == 9
    assert meetings(group, "face_to_face").count() == 2
    assert meetings(group, "public_session").count() == 1
    assert meetings(group, "public_session").get().speakers.count() == 7
    held_workshops = meetings(group, "workshop")
    assert [m.title for m in held_workshops] == [
        "Capacity Building Programmes at ICANN and elsewhere"
    ]
    assert Meeting.objects.filter(working_group=group, kind="workshop").count() == 2
    sessions_at = ExternalEvent.objects.filter(group_sessions__working_group=group).distinct()
    assert {e.acronym for e in sessions_at} == {"WSIS Forum 2017", "IGF 2017"}
    assert ProcessInput.objects.filter(working_group=group).count() == 3
    # The OTT consultation has no acronym of its own (the reference names none).
    assert {i.process.acronym for i in ProcessInput.objects.filter(working_group=group)} == {
        "WGEC",
        "",
        "EG-ITRs",
    }
    # The reference does not say how input was sought: no channel is recorded.
    assert set(ProcessInput.objects.values_list("channel", flat=True)) == {""}
    assert Threat.objects.filter(working_group=group).count() == 3


def test_teleconference_attendance(group):
    rows = [
        (m.date, m.attendance_members, m.attendance_total)
        for m in meetings(group, "teleconference").with_attendance_counts().chronological()
    ]
    assert rows == [
        (dt.date(2017, 2, 2), 15, 17),
        (dt.date(2017, 2, 16), 11, 15),
        (dt.date(2017, 3, 7), 7, 12),
        (dt.date(2017, 4, 4), 11, 14),
        (dt.date(2017, 4, 28), 8, 11),
        (dt.date(2017, 6, 20), 13, 16),
        (dt.date(2017, 7, 14), 9, 13),
        (dt.date(2017, 10, 11), 11, 16),
        (dt.date(2017, 10, 17), 9, None),
    ]


def test_nested_agenda_three_levels_deep(group):
    february = Meeting.objects.get(working_group=group, starts_at__date=dt.date(2017, 2, 2))
    assert outline(february)[:5] == [
        "Policy Topics",
        "  IGF Community Public Consultation - ICANN Comment",
        "    IGF Consultation Page",
        "    List of Comments received",
        "    ICANN Final Comment",
    ]
    assert len(outline(february)) == 17


def test_public_session(group):
    session = meetings(group, "public_session").get()
    assert session.icann_meeting.number == 58
    assert session.starts_at == dt.datetime(2017, 3, 16, 8, tzinfo=dt.UTC)
    assert session.ends_at == dt.datetime(2017, 3, 16, 9, 30, tzinfo=dt.UTC)
    speakers = list(session.speakers.all())
    assert speakers[0].name == "Redouane Houssaini"
    assert speakers[1].name == "Ambassador Benedicto Fonseca"
    assert speakers[5].affiliation == "SSAC Chair"
    assert [line for line in outline(session) if not line.startswith(" ")] == [
        "Main outcomes on IG front during 2016",
        "Look ahead to main issues during 2017",
        "Internet Governance priorities for CCWG-IG and ICANN, taking account of the new "
        "global political agenda",
    ]
    assert len(outline(session)) == 10


def test_face_to_face_meetings_hold_the_facts_not_the_labels(group):
    f2f = {m.icann_meeting.number: m for m in meetings(group, "face_to_face")}
    assert set(f2f) == {58, 59}
    assert f2f[58].icann_meeting.city == "Copenhagen"
    assert f2f[59].icann_meeting.city == "Johannesburg"
    # The document's date for Johannesburg (15 March, a copy of Copenhagen's) is not
    # supported: the meeting is held during ICANN 59, its day unknown.
    assert f2f[59].starts_at is None and f2f[59].ends_at is None
    assert f2f[58].date == dt.date(2017, 3, 15)
    assert f2f[58].icann_meeting.covers(f2f[58].date)
    assert len(outline(f2f[58])) == 5 and len(outline(f2f[59])) == 4
    assert list(f2f[58].organizations_present.values_list("acronym", flat=True)) == ["BWG-IG"]
    assert f2f[58].links.get().kind == "schedule"


def test_icann_meetings_and_formats(sample_data):
    formats = dict(IcannMeeting.objects.values_list("number", "format"))
    assert formats == {58: "A", 59: "B", 60: "C", 61: "A"}
    assert IcannMeeting.objects.get(number=59).starts_on == dt.date(2017, 6, 26)


def test_statements_of_20_june(group):
    june = Meeting.objects.get(working_group=group, starts_at__date=dt.date(2017, 6, 20))
    statements = list(june.statements.select_related("agenda_item", "source"))
    assert [s.attribution for s in statements] == ["ccNSO", "Donna Austin (GNSO)"]
    assert all(s.agenda_item.title.startswith("Reviewing questions") for s in statements)
    assert "enough basis to stay involved as a chartering organization" in statements[0].text
    assert "overarching strategy on IG" in statements[1].text
    assert statements[0].concerns_charter.label == "Amended charter (2017)"


def test_workshops(group):
    wsis = Meeting.objects.get(working_group=group, kind="workshop", status="held")
    assert wsis.date == dt.date(2017, 6, 15)
    assert wsis.outcomes.count() == 3
    assert len(outline(wsis)) == 8
    igf = Meeting.objects.get(working_group=group, kind="workshop", status="accepted")
    assert igf.selected_by.acronym == "MAG"
    assert "Accepted" not in igf.notes  # the acceptance is the status, said once
    assert igf.external_event.starts_on == dt.date(2017, 12, 18)
    assert igf.starts_at is None


def test_inputs_and_processes(group):
    wgec = ProcessInput.objects.get(process__acronym="WGEC")
    assert wgec.requested_on == dt.date(2016, 11, 1)
    assert wgec.for_event.starts_on == dt.date(2017, 1, 26)
    in_2017 = ProcessInput.objects.filter(working_group=group).in_period(*PERIOD)
    assert in_2017.count() == 3  # the November 2016 request is for a January 2017 meeting
    ott = ExternalProcess.objects.get(name__contains="Open Consultation on Over the Top")
    assert (ott.opens_on, ott.closes_on) == (dt.date(2017, 6, 1), dt.date(2017, 9, 30))
    assert set(ExternalProcess.objects.open_on(dt.date(2017, 8, 15))) >= {ott}
    assert not ExternalProcess.objects.open_on(dt.date(2017, 10, 1)).filter(pk=ott.pk).exists()


def test_charterships_and_gnso_withdrawal(group):
    gnso = Chartership.objects.get(working_group=group, organization__acronym="GNSO")
    assert gnso.withdrawal_decided_on == dt.date(2017, 8, 1)
    assert gnso.withdrawal_effective_before.number == 61
    active = Chartership.objects.filter(working_group=group)
    before = {c.organization.acronym for c in active.active_on(dt.date(2017, 12, 31))}
    after = {c.organization.acronym for c in active.active_on(dt.date(2018, 3, 10))}
    assert before == {"GNSO", "ccNSO", "ALAC"}
    assert after == {"ccNSO", "ALAC"}
    assert CharterVersion.objects.filter(working_group=group.successor, status="draft").exists()


def test_threats(group):
    pp18 = Threat.objects.get(working_group=group, title="ITU work on domain name issues")
    assert pp18.next_milestone_event.acronym == "PP-18"
    assert pp18.next_milestone_on == dt.date(2018, 10, 29)
    assert "Dubai" in pp18.next_milestone
    wgec = Threat.objects.get(working_group=group, title__startswith="UN mechanisms")
    assert list(wgec.processes.values_list("acronym", flat=True)) == ["WGEC"]


def test_draft_report(group):
    report = AnnualReport.objects.get(working_group=group, year=2017)
    assert report.status == "draft"
    assert "began in December 2013" in report.introduction
    assert "in 2016" in report.internal_work_intro
    assert "Cross Community Engagement Group" in report.way_forward
    assert "open, single and interoperable Internet" in report.threats_intro


def test_organizations(sample_data):
    kinds = dict(Organization.objects.values_list("acronym", "kind"))
    assert kinds["GNSO"] == "so" and kinds["ALAC"] == "ac"
    assert kinds["BWG-IG"] == "icann" and kinds["ITU"] == "external"


def test_loading_twice_changes_nothing(sample_data):
    def snapshot():
        return {model._meta.label: model.objects.count() for model in apps.get_models()}

    meeting_ids = sorted(Meeting.objects.values_list("pk", flat=True))
    before = snapshot()
    call_command("load_sample_data", verbosity=0)
    assert snapshot() == before  # history tables included: nothing was re-saved
    assert sorted(Meeting.objects.values_list("pk", flat=True)) == meeting_ids


def test_cancelled_meetings_are_not_held(group):
    meeting = meetings(group, "teleconference").first()
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    assert meetings(group, "teleconference").count() == 8
