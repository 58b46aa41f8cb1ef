"""Consistency checks of a report's records, shown to staff on the draft and before publishing.

Each finding names the record it is about and links to its admin page. Errors are facts
that contradict each other (a meeting dated outside the ICANN meeting it was held at);
warnings are likely mistakes staff may acknowledge with a reason. A finding's `key` is
stable while the record is unchanged, so an acknowledgement survives re-running the checks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db import models
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ccwg.core.models import format_date
from engagements.models import Threat
from meetings.attendance import attendance_label
from meetings.models import Meeting, MeetingKind, MeetingStatus
from reports.assembly import engagement, sections
from reports.assembly.as_of import report_as_of
from reports.assembly.data import Narrative, narrative_of
from reports.assembly.text import format_range
from reports.blocks import Block, is_stale
from reports.models import AnnualReport, ReportBlockEdit
from reports.selectors import Records, fetch_records

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    record_label: str
    admin_url: str
    key: str
    #: Where the report shows the record: "meeting:<id>", "input:<id>", "process:<id>",
    #: "event:<id>" or "narrative:<field>"; drafts mark the finding there.
    target: str = ""
    acknowledged_reason: str = ""
    acknowledged_by: str = ""
    acknowledged_at: dt.datetime | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_acknowledged(self) -> bool:
        return bool(self.acknowledged_reason)

    @property
    def is_open(self) -> bool:
        return not self.is_acknowledged


def admin_url(instance: models.Model) -> str:
    """The record's change page in the admin; '' when its model has none."""
    meta = instance._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk])
    except NoReverseMatch:
        return ""


def _key(code: str, instance: models.Model, extra: str = "") -> str:
    meta = instance._meta
    key = f"{code}:{meta.app_label}.{meta.model_name}:{instance.pk}"
    return f"{key}:{extra}" if extra else key


_TARGETS = {
    "meetings.meeting": "meeting",
    "engagements.processinput": "input",
    "engagements.externalprocess": "process",
    "ccwg.externalevent": "event",
}


def _target(instance: models.Model) -> str:
    """Where the report shows a record (see `Finding.target`)."""
    meta = instance._meta
    kind = _TARGETS.get(f"{meta.app_label}.{meta.model_name}", meta.model_name)
    return f"{kind}:{instance.pk}"


def _meeting_label(meeting: Meeting) -> str:
    kind = meeting.get_kind_display().lower()
    day = format_date(meeting.date) if meeting.date else "undated"
    where = f" at {meeting.icann_meeting}" if meeting.icann_meeting_id else ""
    title = (meeting.title or "").strip()
    named = f" “{title}”" if title else ""
    return f"{kind[0].upper()}{kind[1:]}{named}{where} ({day})"


# --------------------------------------------------------------------------- the checks


def _meetings_outside_icann_dates(records: Records) -> Iterable[Finding]:
    for meeting in records.meetings:
        icann = meeting.icann_meeting
        if icann is None or meeting.date is None or icann.covers(meeting.date):
            continue
        yield Finding(
            code="meeting_outside_icann_meeting",
            severity=ERROR,
            message=(
                f"This meeting is dated {format_date(meeting.date)}, but it is tied to "
                f"{icann}, which was held {format_range(icann.starts_on, icann.ends_on)}. "
                "Correct the date or the ICANN meeting."
            ),
            record_label=_meeting_label(meeting),
            admin_url=admin_url(meeting),
            key=_key("meeting_outside_icann_meeting", meeting, meeting.date.isoformat()),
            target=f"meeting:{meeting.pk}",
        )


def _teleconferences_without_attendance(records: Records) -> Iterable[Finding]:
    for meeting in records.meetings:
        if meeting.kind != MeetingKind.TELECONFERENCE or meeting.status != MeetingStatus.HELD:
            continue
        if meeting.attendance_members is None and meeting.attendance_total is None:
            yield Finding(
                code="teleconference_without_attendance",
                severity=ERROR,
                message="No attendance is recorded (neither counts nor a list of attendees); "
                "the teleconference table would show “Not recorded”.",
                record_label=_meeting_label(meeting),
                admin_url=admin_url(meeting),
                key=_key("teleconference_without_attendance", meeting),
                target=f"meeting:{meeting.pk}",
            )


def _attendance_list_disagrees(records: Records) -> Iterable[Finding]:
    """A list naming more people than the counts entered, or a complete list whose count
    differs from the entered counts (the report shows the list's figures then)."""
    for meeting in records.meetings:
        if not meeting.has_listed_attendance:
            continue
        listed, listed_members = meeting.listed_count, meeting.listed_member_count
        entered = attendance_label(meeting.members_present, meeting.total_present)
        figures = f"{listed_members} members, {listed} with staff"
        if meeting.attendance_complete:
            disagree = (
                meeting.members_present is not None and meeting.members_present != listed_members
            ) or (meeting.total_present is not None and meeting.total_present != listed)
            message = (
                f"The attendance list, marked complete, names {figures}, but the counts "
                f"entered say {entered}. The report shows the list's figures: correct the "
                "counts or the list."
            )
        else:
            disagree = (
                meeting.members_present is not None and listed_members > meeting.members_present
            ) or (meeting.total_present is not None and listed > meeting.total_present)
            message = (
                f"The attendance list names {figures}: more than the counts entered "
                f"({entered}), which the report shows. Correct the counts, or mark the list "
                "complete if it names everyone present."
            )
        if not disagree:
            continue
        yield Finding(
            code="attendance_list_disagrees",
            severity=WARNING,
            message=message,
            record_label=_meeting_label(meeting),
            admin_url=admin_url(meeting),
            key=_key(
                "attendance_list_disagrees",
                meeting,
                f"{listed_members}/{listed}/{entered}/{meeting.attendance_complete:d}",
            ),
            target=f"meeting:{meeting.pk}",
        )


def _held_meetings_without_agenda(records: Records) -> Iterable[Finding]:
    for meeting in records.meetings:
        if meeting.status != MeetingStatus.HELD or meeting.agenda_items.all():
            continue
        yield Finding(
            code="meeting_without_agenda",
            severity=WARNING,
            message="This meeting was held but has no agenda; the report lists no topics for it.",
            record_label=_meeting_label(meeting),
            admin_url=admin_url(meeting),
            key=_key("meeting_without_agenda", meeting),
            target=f"meeting:{meeting.pk}",
        )


def _links_without_url(records: Records) -> Iterable[Finding]:
    def owner_links():
        seen_events, seen_processes = set(), set()
        for meeting in records.meetings:
            label = _meeting_label(meeting)
            for link in meeting.links.all():
                yield link, meeting, label
            for item in meeting.agenda_items.all():
                for link in item.links.all():
                    yield link, meeting, f"{label}, agenda item “{item.title}”"
            event = meeting.external_event
            if event is not None and event.pk not in seen_events:
                seen_events.add(event.pk)
                for link in event.links.all():
                    yield link, event, f"External event “{event.name}”"
        for process_input in records.inputs:
            label = f"Input on {process_input.process.name}"
            for link in process_input.links.all():
                yield link, process_input, label
            process = process_input.process
            if process.pk not in seen_processes:
                seen_processes.add(process.pk)
                for link in process.links.all():
                    yield link, process, f"External process “{process.name}”"

    for link, owner, label in owner_links():
        if (link.url or "").strip():
            continue
        yield Finding(
            code="link_without_url",
            severity=ERROR,
            message=f"The link “{link.title}” has no URL; the report would show it without one.",
            record_label=label,
            admin_url=admin_url(owner),
            key=_key("link_without_url", link),
            target=_target(owner),
        )


def _proposed_after_date(records: Records, today: dt.date) -> Iterable[Finding]:
    for meeting in records.meetings:
        if meeting.status != MeetingStatus.PROPOSED:
            continue
        day = meeting.date
        if day is None and meeting.external_event_id:
            day = meeting.external_event.ends_on
        if day is None or day >= today:
            continue
        yield Finding(
            code="proposal_past_its_date",
            severity=WARNING,
            message=f"This {meeting.get_kind_display().lower()} is still “proposed” although its "
            f"date ({format_date(day)}) has passed: record whether it was accepted, held or "
            "declined.",
            record_label=_meeting_label(meeting),
            admin_url=admin_url(meeting),
            key=_key("proposal_past_its_date", meeting),
            target=f"meeting:{meeting.pk}",
        )


def _icann_meetings_without_session(records: Records, as_of: dt.date) -> Iterable[Finding]:
    group = records.working_group.acronym
    for icann in sections.icann_meetings_without_session(records, as_of):
        yield Finding(
            code="icann_meeting_without_session",
            severity=WARNING,
            message=(
                f"Held {format_range(icann.starts_on, icann.ends_on)}, in the period, but no "
                f"session of the {group} there is recorded: 2.1 says only that. Record the "
                "session if there was one, or acknowledge that there was none."
            ),
            record_label=str(icann),
            admin_url=admin_url(icann),
            key=_key("icann_meeting_without_session", icann),
            target=f"icann:{icann.pk}",
        )


def _threat_label(threat: Threat) -> str:
    return f"Threat “{threat.title}”"


def _milestones_passed(records: Records, as_of: dt.date) -> Iterable[Finding]:
    """A threat's "next" milestone over before the report's date (printed as past)."""
    for threat in records.threats:
        if threat.identified_on > as_of or not engagement.milestone_passed(threat, as_of):
            continue
        day = engagement.milestone_day(threat)
        yield Finding(
            code="threat_milestone_passed",
            severity=WARNING,
            message=(
                f"The next milestone recorded for this threat ended on {format_date(day)}, "
                f"before the report’s date ({format_date(as_of)}); the report prints it as a "
                "past milestone. Record what came of it and the next one, or acknowledge."
            ),
            record_label=_threat_label(threat),
            admin_url=admin_url(threat),
            key=_key("threat_milestone_passed", threat, f"{day.isoformat()}:{as_of.isoformat()}"),
            target=f"threat:{threat.pk}",
        )


#: What a report prints of a threat: unchanged since an earlier report, it is carried over.
THREAT_TEXT = ("title", "description", "next_milestone", "next_milestone_on")


def _threat_text(threat) -> tuple:
    return (*(getattr(threat, f) for f in THREAT_TEXT), threat.next_milestone_event_id)


def earlier_report(records: Records) -> AnnualReport | None:
    """The group's report on the latest earlier period: its latest published version, else
    its draft."""
    return (
        AnnualReport.objects.filter(
            working_group=records.working_group, period_end__lt=records.period_start
        )
        .order_by("-period_end", F("published_at").desc(nulls_last=True), "-version")
        .first()
    )


def _threats_carried_over(records: Records) -> Iterable[Finding]:
    """A threat an earlier report stated whose text is the same now: the new report would
    repeat it word for word, although it should be current as of its own date."""
    threats = [t for t in records.threats if t.identified_on < records.period_start]
    earlier = earlier_report(records) if threats else None
    if earlier is None:
        return
    earlier_as_of = report_as_of(earlier)
    threats = [t for t in threats if t.identified_on <= earlier_as_of]
    then = {t.pk: _threat_text(t) for t in threats}  # a draft prints the current text
    if earlier.published_at is not None:
        then = {}
        rows = Threat.history.filter(
            id__in=[t.pk for t in threats], history_date__lte=earlier.published_at
        ).order_by("id", "-history_date", "-history_id")
        for row in rows:
            then.setdefault(row.id, _threat_text(row))
    status = (
        f"published on {format_date(earlier.published_at.date())}"
        if earlier.published_at is not None
        else "draft"
    )
    name = f"the {earlier.year} report (version {earlier.version}, {status})"
    for threat in threats:
        text = _threat_text(threat)
        if then.get(threat.pk) != text:
            continue
        digest = hashlib.sha256(repr(text).encode("utf-8")).hexdigest()[:12]
        yield Finding(
            code="threat_carried_over",
            severity=WARNING,
            message=(
                f"This threat is worded exactly as in {name}: the report would repeat it "
                "word for word. Update its text and next milestone to what holds at this "
                "report’s date, or acknowledge that it still holds as written."
            ),
            record_label=_threat_label(threat),
            admin_url=admin_url(threat),
            key=_key("threat_carried_over", threat, f"{earlier.pk}:{digest}"),
            target=f"threat:{threat.pk}",
        )


_YEAR = re.compile(r"\b(19[89]\d|20\d\d|21\d\d)\b")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])|\n\s*\n|\n(?=\s*[-*+]\s)")
_OWN_WORK = (
    r"\b(meetings?|face-to-face|f2f|teleconferences?|calls?|sessions?|workshops?|"
    r"working group|the group|members?)\b"
)
_HISTORY = re.compile(
    r"\b(began|begun|begin|established|establishment|founded|created|formed|launched|since|"
    r"originally|original|history|historically|previous|previously|earlier|prior)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(will|plan|plans|planned|planning|next|upcoming|expected|likely)\b", re.I)

NARRATIVE_FIELDS = {
    "introduction": "Introduction",
    "internal_work_intro": "Internal work (opening of 2.4)",
    "way_forward": "Way forward",
    "threats_intro": "Identified threats (opening of 4)",
}


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_SPLIT.split(text or "") if s and s.strip()]


def _narrative_years(narrative: Narrative, records: Records, report=None) -> Iterable[Finding]:
    group = records.working_group
    period_years = set(range(records.period_start.year, records.period_end.year + 1))
    names = {group.acronym, group.acronym.replace("-", " "), group.name}
    own = re.compile(
        "|".join([re.escape(name) for name in names if name] + [_OWN_WORK]), re.IGNORECASE
    )
    for field, title in NARRATIVE_FIELDS.items():
        for sentence in _sentences(getattr(narrative, field)):
            years = sorted({int(y) for y in _YEAR.findall(sentence)} - period_years)
            if not years or not own.search(sentence):
                continue
            past = [y for y in years if y < records.period_start.year]
            future = [y for y in years if y > records.period_end.year]
            if past and _HISTORY.search(sentence):
                past = []
            if future and _FUTURE.search(sentence):
                future = []
            flagged = past + future
            if not flagged:
                continue
            period = f"{records.period_start.year}" + (
                f"-{records.period_end.year}" if len(period_years) > 1 else ""
            )
            excerpt = sentence if len(sentence) <= 220 else sentence[:217] + "…"
            digest = hashlib.sha256(sentence.encode("utf-8")).hexdigest()[:12]
            yield Finding(
                code="narrative_other_year",
                severity=WARNING,
                message=(
                    f"The {title.split(' (')[0].lower()} places the group's own work in "
                    f"{', '.join(map(str, flagged))}, outside the report's period ({period}): "
                    f"“{excerpt}” If this is history, acknowledge it; otherwise correct the year."
                ),
                record_label=f"Annual report, {title}",
                admin_url=admin_url(report) if report is not None and report.pk else "",
                key=f"narrative_other_year:{field}:{digest}",
                target=f"narrative:{field}",
            )


def stale_edit_findings(
    report: AnnualReport, edits: Iterable[ReportBlockEdit], blocks: Iterable[Block]
) -> Iterable[Finding]:
    """Staff's words (`edits`) over generated text that the records have since changed
    (`blocks`: the report's blocks as the records generate them now, `reports.blocks`)."""
    by_key = {block.key: block for block in blocks}
    for edit in edits:
        block = by_key.get(edit.key)
        if not is_stale(edit, block):
            continue
        now = block.generated if block is not None else ""
        digest = hashlib.sha256(now.encode("utf-8")).hexdigest()[:12]
        where = f"section {block.section}, " if block is not None else ""
        gone = "" if block is not None else " The report no longer has this block."
        yield Finding(
            code="edited_block_stale",
            severity=WARNING,
            message=f"The records under this edited text changed: review it ({where}block "
            f"“{edit.key}”).{gone}",
            record_label=f"Annual report, edited text “{edit.key}”",
            admin_url=admin_url(report),
            key=f"edited_block_stale:{edit.key}:{digest}",
        )


# --------------------------------------------------------------------------- entry points


def run_checks(
    *,
    working_group,
    period_start: dt.date,
    period_end: dt.date,
    narrative: Narrative | None = None,
    today: dt.date | None = None,
    report=None,
    records: Records | None = None,
) -> list[Finding]:
    """Every finding on the records of a group's period (and the narrative, if given)."""
    if records is None:
        records = fetch_records(
            working_group=working_group, period_start=period_start, period_end=period_end
        )
    today = today or timezone.localdate()
    as_of = report_as_of(report) if report is not None else period_end
    findings: list[Finding] = [
        *_meetings_outside_icann_dates(records),
        *_teleconferences_without_attendance(records),
        *_attendance_list_disagrees(records),
        *_held_meetings_without_agenda(records),
        *_links_without_url(records),
        *_proposed_after_date(records, today),
        *_icann_meetings_without_session(records, as_of),
        *_milestones_passed(records, as_of),
        *_threats_carried_over(records),
        *_narrative_years(narrative or Narrative(), records, report),
    ]
    findings.sort(key=lambda f: (f.severity != ERROR, f.code, f.record_label))
    return findings


def findings_for_report(
    report,
    *,
    today: dt.date | None = None,
    records: Records | None = None,
    more: Iterable[Finding] = (),
) -> list[Finding]:
    """The findings on a report, with staff's acknowledgements attached (`records`: the
    report's records when already fetched); `more`: those found on the assembled report
    (`reports.drafts.report_findings` gives them all)."""
    findings = run_checks(
        working_group=report.working_group,
        period_start=report.period_start,
        period_end=report.period_end,
        narrative=narrative_of(report),
        today=today,
        report=report,
        records=records,
    )
    findings += more
    acks = {ack.check_key: ack for ack in report.acknowledgements.select_related("acknowledged_by")}
    out = []
    for finding in findings:
        ack = acks.get(finding.key)
        if ack is not None and finding.severity == WARNING:
            finding = replace(
                finding,
                acknowledged_reason=ack.reason,
                acknowledged_by=ack.acknowledged_by.get_username() if ack.acknowledged_by else "",
                acknowledged_at=ack.acknowledged_at,
            )
        out.append(finding)
    return out


def open_errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]
