"""Consistency checks: the reference document's real mistakes are flagged (on the 2017
sample); keys, acknowledgements and each rule on small records built from factories."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Meeting, MeetingKind, MeetingStatus
from reports.checks import ERROR, WARNING, findings_for_report, run_checks
from reports.models import CheckAcknowledgement
from reports.services import acknowledge_finding
from tests.factories import (
    AgendaItemFactory,
    AnnualReportFactory,
    ExternalEventFactory,
    MeetingFactory,
    MeetingLinkFactory,
    WorkingGroupFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def test_sample_flags_the_2016_sentence_and_holds_johannesburg_undated(sample_report):
    """The sample no longer copies the reference's wrong date onto the Johannesburg meeting
    (held during ICANN 59, day unknown): only the reference's "in 2016" is flagged."""
    findings = findings_for_report(sample_report)
    by_code = {}
    for finding in findings:
        by_code.setdefault(finding.code, []).append(finding)
    assert set(by_code) == {"narrative_other_year"}
    meeting = Meeting.objects.get(
        kind=MeetingKind.FACE_TO_FACE, icann_meeting__number=59, status=MeetingStatus.HELD
    )
    assert meeting.starts_at is None

    (sentence,) = by_code["narrative_other_year"]
    assert sentence.severity == WARNING
    assert "face-to-face meetings in 2016" in sentence.message
    assert "internal work" in sentence.message.lower()
    assert sentence.admin_url == f"/admin/reports/annualreport/{sample_report.pk}/change/"
    # history is not flagged: "began in December 2013"
    assert not any("2013" in f.message for f in findings)


def test_report_with_open_error_has_one_error_and_one_warning(report_with_open_error):
    """The fixture the other tests use in place of the sample: one error, one warning."""
    findings = findings_for_report(report_with_open_error)
    assert [(f.code, f.severity) for f in findings] == [
        ("meeting_outside_icann_meeting", ERROR),
        ("narrative_other_year", WARNING),
    ]
    assert "26–29 June 2017" in findings[0].message
    assert "ICANN 59, Johannesburg" in findings[0].record_label


def test_keys_are_stable(report_with_open_error):
    first = [f.key for f in findings_for_report(report_with_open_error)]
    assert first == [f.key for f in findings_for_report(report_with_open_error)]
    assert len(set(first)) == len(first)


def test_acknowledging_a_warning_keeps_it_visible(report_with_open_error, staff):
    warning = next(f for f in findings_for_report(report_with_open_error) if f.severity == WARNING)
    acknowledge_finding(
        report=report_with_open_error,
        key=warning.key,
        reason="Written before the typo was fixed.",
        user=staff,
    )
    again = next(f for f in findings_for_report(report_with_open_error) if f.key == warning.key)
    assert again.is_acknowledged
    assert again.acknowledged_reason == "Written before the typo was fixed."
    assert again.acknowledged_by == "staff"
    assert CheckAcknowledgement.objects.filter(report=report_with_open_error).count() == 1
    # acknowledging again updates the reason, once
    acknowledge_finding(
        report=report_with_open_error, key=warning.key, reason="Better reason", user=staff
    )
    assert CheckAcknowledgement.objects.get(report=report_with_open_error).reason == "Better reason"


def test_errors_cannot_be_acknowledged_and_a_reason_is_needed(report_with_open_error, staff):
    findings = findings_for_report(report_with_open_error)
    error = next(f for f in findings if f.severity == ERROR)
    with pytest.raises(ValidationError):
        acknowledge_finding(report=report_with_open_error, key=error.key, reason="fine", user=staff)
    warning = next(f for f in findings if f.severity == WARNING)
    with pytest.raises(ValidationError):
        acknowledge_finding(report=report_with_open_error, key=warning.key, reason="  ", user=staff)
    with pytest.raises(ValidationError):
        acknowledge_finding(
            report=report_with_open_error, key="no-such-key", reason="x", user=staff
        )


def _check(group, **kwargs):
    return run_checks(
        working_group=group,
        period_start=dt.date(2017, 1, 1),
        period_end=dt.date(2017, 12, 31),
        **kwargs,
    )


def test_teleconference_without_attendance_and_meeting_without_agenda():
    group = WorkingGroupFactory()
    meeting = MeetingFactory(working_group=group, members_present=None, total_present=None)
    codes = {(f.code, f.severity) for f in _check(group)}
    assert codes == {
        ("teleconference_without_attendance", ERROR),
        ("meeting_without_agenda", WARNING),
    }
    AgendaItemFactory(meeting=meeting)
    meeting.members_present = 4
    meeting.save()
    assert _check(group) == []


def test_link_without_url():
    group = WorkingGroupFactory()
    meeting = MeetingFactory(working_group=group)
    AgendaItemFactory(meeting=meeting)
    MeetingLinkFactory(meeting=meeting, title="Transcript", url="")
    (finding,) = _check(group)
    assert finding.code == "link_without_url"
    assert finding.severity == ERROR
    assert "Transcript" in finding.message
    assert finding.admin_url.endswith(f"/meetings/meeting/{meeting.pk}/change/")


def test_workshop_still_proposed_after_its_date():
    group = WorkingGroupFactory()
    event = ExternalEventFactory(starts_on=dt.date(2017, 6, 12), ends_on=dt.date(2017, 6, 16))
    WorkshopFactory(working_group=group, proposed=True, external_event=event)
    (finding,) = _check(group, today=dt.date(2017, 7, 1))
    assert finding.code == "proposal_past_its_date"
    assert finding.severity == WARNING
    assert _check(group, today=dt.date(2017, 6, 1)) == []


def test_narrative_years():
    from reports.assembly import Narrative

    group = WorkingGroupFactory(acronym="CCWG-XY", name="Cross Community Working Group XY")
    narrative = Narrative(
        introduction="Discussion on the establishment of the CCWG-XY began in December 2013.",
        way_forward="The CCWG-XY held three teleconferences in 2015. ITU met in 2016.",
        threats_intro="The CCWG-XY will meet at PP-18 in 2018.",
    )
    findings = _check(group, narrative=narrative)
    assert [f.code for f in findings] == ["narrative_other_year"]
    assert "in 2015" in findings[0].message
    assert findings[0].key.startswith("narrative_other_year:way_forward:")


def test_report_findings_on_a_report_without_problems():
    group = WorkingGroupFactory()
    report = AnnualReportFactory(working_group=group)
    assert findings_for_report(report) == []
