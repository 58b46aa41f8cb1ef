"""Writes the records behind the CCWG-IG's 2017 annual report (the facts are in the data
modules `groups`, `meetings`, `teleconferences`, `engagements` and `report`).

Every fact of the hand-written 2017 report is held as a record. Where that report
contradicts itself, the facts it otherwise proves win, and what is unknown stays as the
report gives it, so the report's consistency checks can flag it (see `meetings`).

Records are written through the services (`ccwg.sample.writes.upsert`, which calls each
record's services, `record_chartership`, `create_meeting`, `update_meeting`,
`create_report`, `update_report`), in the same order on every run. `load()` is idempotent:
a second run finds every record unchanged and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from ccwg.core.models import (
    CharterVersion,
    ExternalEvent,
    IcannMeeting,
    Organization,
    Person,
    WorkingGroup,
)
from ccwg.core.services import record_chartership
from ccwg.sample import engagements as engagement_facts
from ccwg.sample import groups as group_facts
from ccwg.sample import meetings as meeting_facts
from ccwg.sample import report as report_facts
from ccwg.sample import teleconferences as teleconference_facts
from ccwg.sample.writes import upsert
from engagements.models import (
    ExternalProcess,
    ProcessInput,
    Threat,
)
from engagements.services import update_process_input
from meetings.models import Meeting, MeetingKind, MeetingStatus
from meetings.services import create_meeting, update_meeting
from reports.block_selectors import generated_blocks
from reports.block_services import edit_block, move_block, omit_block
from reports.blocks import Block
from reports.models import AnnualReport, ReportBlockEdit, ReportStatus
from reports.services import create_report, update_report


def at(day: dt.date) -> dt.datetime:
    """Midnight UTC of `day`: where meetings known only by their date are stored."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@transaction.atomic
def load() -> WorkingGroup:
    orgs = {
        acronym: upsert(
            Organization, lookup={"acronym": acronym}, values={"name": name, "kind": kind}
        )
        for acronym, name, kind in group_facts.ORGANIZATIONS
    }
    icann = {
        number: upsert(
            IcannMeeting,
            lookup={"number": number},
            values={
                "city": city,
                "country": country,
                "starts_on": starts,
                "ends_on": ends,
                "format": fmt,
                "url": url,
            },
        )
        for number, city, country, starts, ends, fmt, url in meeting_facts.ICANN_MEETINGS
    }
    successor = _group(group_facts.SUCCESSOR)
    group = _group(group_facts.GROUP, successor=successor)

    _charters(group, successor, orgs, icann)
    people = _people()
    _meetings(group, orgs, icann, people)
    _engagements(group, orgs)
    _report(group)
    return group


def _group(data: Mapping[str, Any], **relations: Any) -> WorkingGroup:
    values = {name: value for name, value in data.items() if name != "acronym"}
    values.update(relations)
    return upsert(WorkingGroup, lookup={"acronym": data["acronym"]}, values=values)


def _charters(group, successor, orgs, icann) -> None:
    for data in group_facts.CHARTERSHIPS:
        values = dict(data)
        values["organization"] = orgs[values["organization"]]
        if "withdrawal_effective_before" in values:
            values["withdrawal_effective_before"] = icann[values["withdrawal_effective_before"]]
        record_chartership(working_group=group, **values)
    for acronym, label, values in group_facts.CHARTER_VERSIONS:
        upsert(
            CharterVersion,
            lookup={
                "working_group": {group.acronym: group, successor.acronym: successor}[acronym],
                "label": label,
            },
            values=values,
        )


def _people() -> dict[str, Person]:
    people = {}
    for name, honorific, affiliation in meeting_facts.SPEAKERS:
        people[name] = upsert(
            Person,
            lookup={"full_name": name},
            values={"honorific": honorific, "affiliation": affiliation},
        )
    for name, affiliation in meeting_facts.OTHER_PEOPLE:
        people[name] = upsert(
            Person, lookup={"full_name": name}, values={"affiliation": affiliation}
        )
    return people


def _save_meeting(lookup: dict, **data) -> Meeting:
    """Create the meeting found by `lookup`, or bring it up to date."""
    meeting = Meeting.objects.filter(**lookup).first()
    if meeting is None:
        return create_meeting(**lookup, **data)
    return update_meeting(meeting=meeting, **data)


def _meetings(group, orgs, icann, people) -> None:
    session = dict(meeting_facts.PUBLIC_SESSION)
    _save_meeting(
        {
            "working_group": group,
            "kind": MeetingKind.PUBLIC_SESSION,
            "icann_meeting": icann[session.pop("icann_meeting")],
        },
        status=MeetingStatus.HELD,
        speakers=[
            {
                "name": f"{honorific} {name}".strip(),
                "affiliation": affiliation,
                "person": people[name],
            }
            for name, honorific, affiliation in meeting_facts.SPEAKERS
        ],
        **session,
    )
    common = dict(meeting_facts.FACE_TO_FACE_COMMON)
    common["organizations_present"] = [orgs[a] for a in common["organizations_present"]]
    for data in meeting_facts.FACE_TO_FACE:
        values = dict(data)
        _save_meeting(
            {
                "working_group": group,
                "kind": MeetingKind.FACE_TO_FACE,
                "icann_meeting": icann[values.pop("icann_meeting")],
                "status": MeetingStatus.HELD,
            },
            **common,
            **values,
        )
    planned = dict(meeting_facts.PLANNED_FACE_TO_FACE)
    _save_meeting(
        {
            "working_group": group,
            "kind": MeetingKind.FACE_TO_FACE,
            "icann_meeting": icann[planned.pop("icann_meeting")],
            "status": MeetingStatus.PLANNED,
        },
        **planned,
    )

    for day, members, total, agenda in teleconference_facts.TELECONFERENCES:
        _save_meeting(
            {"working_group": group, "kind": MeetingKind.TELECONFERENCE, "starts_at": at(day)},
            status=MeetingStatus.HELD,
            title=teleconference_facts.TELECONFERENCE_TITLE,
            time_is_known=False,
            members_present=members,
            total_present=total,
            agenda=agenda,
        )
    charters = {c.label: c for c in CharterVersion.objects.filter(working_group=group)}
    statements = []
    for data in meeting_facts.JUNE_STATEMENTS:
        statement = dict(data)
        statement["source"] = orgs[statement["source"]]
        if "author" in statement:
            statement["author"] = people[statement["author"]]
        statement["concerns_charter"] = charters[statement["concerns_charter"]]
        statements.append(statement)
    june = Meeting.objects.get(working_group=group, starts_at=at(meeting_facts.JUNE_STATEMENTS_ON))
    update_meeting(meeting=june, statements=statements)


def _event(data: Mapping[str, Any], orgs, **relations: Any) -> ExternalEvent:
    values = dict(data)
    name, starts_on = values.pop("name"), values.pop("starts_on")
    values["organizer"] = orgs[values["organizer"]]
    values.update(relations)
    return upsert(ExternalEvent, lookup={"name": name, "starts_on": starts_on}, values=values)


def _engagements(group, orgs) -> None:
    events = {data["acronym"]: _event(data, orgs) for data in engagement_facts.WORKSHOP_EVENTS}
    for data in engagement_facts.WORKSHOPS:
        values = dict(data)
        lookup = {
            "working_group": group,
            "kind": MeetingKind.WORKSHOP,
            "external_event": events[values.pop("external_event")],
        }
        if "selected_by" in values:
            values["selected_by"] = orgs[values["selected_by"]]
        _save_meeting(lookup, **values)

    processes = {}
    for data in engagement_facts.PROCESSES:
        values = dict(data)
        key, name = values.pop("key"), values.pop("name")
        links, meetings_of = values.pop("links", None), values.pop("events", [])
        values["body"] = orgs[values["body"]]
        if links is not None:
            values["links"] = links
        process = upsert(ExternalProcess, lookup={"name": name}, values=values)
        for event in meetings_of:
            events[event["acronym"]] = _event(event, orgs, process=process)
        processes[key] = process

    for data in engagement_facts.INPUTS:
        values = {**engagement_facts.INPUT_DEFAULTS, **data}
        process = processes[values.pop("process")]
        links, discussed_at = values.pop("links"), values.pop("discussed_at", [])
        values["requested_by"] = orgs[values["requested_by"]]
        if values["for_event"] is not None:
            values["for_event"] = events[values["for_event"]]
        found = upsert(
            ProcessInput,
            lookup={"working_group": group, "process": process},
            values={**values, "links": links},
        )
        for day in discussed_at:
            meeting = Meeting.objects.get(working_group=group, starts_at=at(day))
            if not found.discussed_at.filter(pk=meeting.pk).exists():
                update_process_input(
                    process_input=found, discussed_at=[*found.discussed_at.all(), meeting]
                )

    _threats(group, orgs, events, processes)


def _threats(group, orgs, events, processes) -> None:
    for data in engagement_facts.THREAT_EVENTS:
        events[data["acronym"]] = _event(data, orgs)
    threats = enumerate(engagement_facts.THREATS, start=1)
    for position, (title, description, watched, milestone, milestone_on, event) in threats:
        upsert(
            Threat,
            lookup={"working_group": group, "title": title},
            values={
                "description": description,
                "identified_on": engagement_facts.THREATS_IDENTIFIED_ON,
                "next_milestone": milestone,
                "next_milestone_on": milestone_on,
                "next_milestone_event": events[event] if event else None,
                "position": position,
                "processes": [processes[acronym] for acronym in watched],
            },
        )


def _report(group) -> None:
    """The draft report with its narrative; left alone once that year's report is published."""
    year = report_facts.REPORT_YEAR
    if (
        AnnualReport.objects.filter(working_group=group, year=year)
        .exclude(status=ReportStatus.DRAFT)
        .exists()
    ):
        return
    draft = AnnualReport.objects.filter(
        working_group=group, year=year, status=ReportStatus.DRAFT
    ).first()
    if draft is None:
        draft = create_report(working_group=group, year=year, **report_facts.REPORT)
    else:
        draft = update_report(report=draft, **report_facts.REPORT)
    _report_edits(draft)


def _block_with(blocks: list[Block], text: str) -> Block:
    """The one block whose generated text is `text`, else the one that contains it."""
    found = [b for b in blocks if b.generated == text] or [b for b in blocks if text in b.generated]
    if len(found) != 1:
        raise ValueError(f"The sample's edit of “{text[:60]}” matches {len(found)} blocks.")
    return found[0]


def _report_edits(report: AnnualReport) -> None:
    """Staff's edits of the draft's words (`report_facts.REWORDED`, `LEFT_OUT`,
    `KEYS_LEFT_OUT`, `MOVED`), each written only when not already there."""
    blocks = generated_blocks(report)
    have = {edit.key: edit for edit in report.block_edits.all()}

    def current(key: str) -> ReportBlockEdit:
        return have.get(key) or ReportBlockEdit(key=key)

    for old, new in report_facts.REWORDED:
        block = _block_with(blocks, old)
        text = block.generated.replace(old, new)
        if current(block.key).text != text:
            edit_block(report=report, key=block.key, text=text)
    left_out = [_block_with(blocks, text) for text in report_facts.LEFT_OUT]
    left_out += [
        b
        for b in blocks
        if any(fnmatch.fnmatchcase(b.key, pattern) for pattern in report_facts.KEYS_LEFT_OUT)
    ]
    for block in left_out:
        if not current(block.key).omitted:
            omit_block(report=report, key=block.key, omitted=True)
    for heading, position in report_facts.MOVED:
        block = _block_with(blocks, heading)
        if current(block.key).position != position:
            move_block(report=report, key=block.key, position=position)
