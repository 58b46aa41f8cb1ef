"""The external processes of the report, built from the records (no query here): the input
sought from the group on them (2.3) and the threats to ICANN's mission they carry (4), each
stated as of the report's date."""

from __future__ import annotations

import datetime as dt
import re

from ccwg.core.models import DatePrecision, ExternalEvent, format_date
from engagements.models import ExternalProcess, InputChannel, ProcessInput, Threat
from meetings.models import MeetingKind
from reports.assembly.data import Heading, InputEntry, ProcessEntry, ThreatEntry
from reports.assembly.sections import NO_NOTES, Notes, links_of, org_phrase
from reports.assembly.text import format_range, format_span, join_words, typeset
from reports.assembly.wording import WORDING
from reports.markup import rich
from reports.selectors import Records


def _names(text: str, acronym: str) -> bool:
    return bool(re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text))


def process_heading(process: ExternalProcess) -> str:
    """The process's official name with its acronym and the body it belongs to:
    'Working Group on Enhanced Cooperation (WGEC) of the United Nations Commission on Science
    and Technology for Development (CSTD)'; the body is left out when the name gives it."""
    name = typeset(process.name.strip())
    if process.acronym and not _names(name, process.acronym):
        name = f"{name} ({process.acronym})"
    body = process.body
    if body is not None and not _names(name, body.acronym):
        name = f"{name} of {org_phrase(body)}"
    return name


def _same_text(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"\W+", " ", text).strip().lower()

    return norm(a) == norm(b)


def _input_lead(item: ProcessInput, acronym: str) -> tuple[str, str]:
    """The sentence saying who sought the group's input, when, for what and how, and the
    summary left to show after it ('' when the summary completes the sentence).

    A summary written as a phrase (starting in lower case: 'on how ICANN should engage in
    ...', 'for the call for contributions to ...') completes the sentence; one written as
    sentences follows it. The channel is said only when it is recorded."""
    org = item.requested_by
    who = f"the {org.name}" if org is not None else "ICANN"
    when = format_date(item.requested_on, item.requested_on_precision)
    prefix = "On" if item.requested_on_precision == DatePrecision.DAY else "In"
    lead = f"{prefix} {when}, {who} sought input from the members of the {acronym}"
    summary = typeset((item.summary or "").strip())
    phrase = summary.rstrip(".") if summary[:1].islower() and "\n" not in summary else ""
    event = item.for_event
    if event is not None and not phrase:
        lead += f" for the {event.name} ({format_range(event.starts_on, event.ends_on)})"
    lead += input_channel(item)
    if phrase:
        lead += f" {phrase}"
    return lead[0].upper() + lead[1:] + ".", "" if phrase else summary


def input_channel(item: ProcessInput) -> str:
    """How the input was sought, worded with its meeting: ' at the teleconference of 22
    February 2018' (the teleconferences that discussed it, `discussed_at`), ' by
    teleconference' when none is recorded, ' on the mailing list'; '' when the channel is
    not recorded or is 'other'."""
    channel = item.channel
    if channel == InputChannel.MAILING_LIST:
        return " on the mailing list"
    if channel not in (InputChannel.TELECONFERENCE, InputChannel.MEETING):
        return ""
    calls = channel == InputChannel.TELECONFERENCE
    meetings = [
        m
        for m in item.discussed_at.all()
        if m.date is not None and (m.kind == MeetingKind.TELECONFERENCE) == calls
    ]
    if not meetings:
        return " by teleconference" if calls else " at a meeting"
    meetings.sort(key=lambda m: m.date)
    days = join_words(format_date(m.date) for m in meetings)
    kind = "teleconference" if calls else meetings[0].get_kind_display().lower()
    if not calls and len({m.kind for m in meetings}) > 1:
        kind = "meeting"
    return f" at the {kind}{'s' if len(meetings) > 1 else ''} of {days}"


def process_dateline(process: ExternalProcess, as_of: dt.date) -> str:
    """When the process is open: 'Open June to September 2017'; one not yet open at the
    report's date is not stated as open: 'To open in March 2019'."""
    precision = process.dates_precision
    if process.opens_on is not None and process.opens_on > as_of:
        on = "on" if precision == DatePrecision.DAY else "in"
        text = f"To open {on} {format_date(process.opens_on, precision)}"
        if process.closes_on is not None:
            text += f", to close {on} {format_date(process.closes_on, precision)}"
        return text
    span = format_span(process.opens_on, process.closes_on, precision)
    return f"Open {span}" if span else ""


def inputs_section(
    records: Records, acronym: str, parent: Heading, as_of: dt.date, notes: Notes = NO_NOTES
) -> tuple[str, tuple]:
    """The processes in the order the group's input on them was first sought (staff may
    choose another, `reports.blocks`)."""
    groups: dict[int, list[ProcessInput]] = {}
    processes: dict[int, ExternalProcess] = {}
    for item in records.inputs:
        groups.setdefault(item.process_id, []).append(item)
        processes.setdefault(item.process_id, item.process)
    entries = []
    requesters: list[str] = []
    for index, (process_id, inputs) in enumerate(groups.items(), start=1):
        process = processes[process_id]
        rendered = []
        for item in inputs:
            org = item.requested_by
            if org is not None and org.name not in requesters:
                requesters.append(org.name)
            lead, summary = _input_lead(item, acronym)
            rendered.append(
                InputEntry(
                    lead=lead,
                    summary=rich(summary),
                    outcome=rich(item.outcome),
                    links=links_of(item.links.all()),
                    findings=notes.take(f"input:{item.pk}"),
                    record_id=item.pk,
                )
            )
        title = process_heading(process)
        description = process.description or ""
        if _same_text(description, title):
            description = ""
        dateline = process_dateline(process, as_of)
        entries.append(
            ProcessEntry(
                heading=Heading(
                    number=f"{parent.number}.{index}",
                    title=title,
                    anchor=f"{parent.anchor}-{index}",
                    level=3,
                ),
                description=rich(description),
                inputs=tuple(rendered),
                links=links_of(process.links.all()),
                dateline=dateline,
                findings=notes.take(f"process:{process.pk}"),
                record_id=process.pk,
            )
        )
    following = "the following processes" if len(entries) > 1 else "the following process"
    if not entries:
        intro = "No input into external processes is recorded for this period."
    elif requesters:
        who = join_words(f"the {name}" for name in requesters)
        intro = f"{who[0].upper()}{who[1:]} sought the {acronym}’s input on {following}:"
    else:
        intro = f"The {acronym} gave input on {following}:"
    return intro, tuple(entries)


def _names_event(text: str, event: ExternalEvent) -> bool:
    """The text names the event, by its acronym ('PP-18') or its name."""
    return bool(
        (event.acronym and _names(text, event.acronym)) or (event.name and event.name in text)
    )


def milestone_day(threat: Threat) -> dt.date | None:
    """The last day of a threat's next milestone: the end of its event, else its date."""
    event = threat.next_milestone_event
    if event is not None:
        return event.ends_on or event.starts_on
    return threat.next_milestone_on


def milestone_passed(threat: Threat, as_of: dt.date) -> bool:
    """The threat's "next" milestone was over before the report's date: the report cannot
    present it as ahead (and the checks ask staff what came of it)."""
    day = milestone_day(threat)
    return day is not None and day < as_of


def threats(
    records: Records, parent: Heading, as_of: dt.date, notes: Notes = NO_NOTES
) -> tuple[ThreatEntry, ...]:
    out = []
    for index, threat in enumerate(records.threats, start=1):
        parts = []
        if threat.next_milestone:
            parts.append(threat.next_milestone.strip())
        event = threat.next_milestone_event
        if event is not None:
            if not parts or event.name not in parts[0]:
                parts.append(event.name)
            place = event.location.split(",")[0].strip() if event.location else ""
            if event.location and not any(place in part for part in parts):
                parts.append(event.location)
            parts.append(format_range(event.starts_on, event.ends_on))
        elif threat.next_milestone_on:
            parts.append(format_date(threat.next_milestone_on))
        description = threat.description or ""
        # what the description already names is not listed again under it
        processes = tuple(
            process_heading(p)
            for p in threat.processes.all()
            if not (p.acronym and _names(description, p.acronym))
        )
        passed = milestone_passed(threat, as_of)
        if event is not None and not passed and _names_event(description, event):
            parts = []
        out.append(
            ThreatEntry(
                heading=Heading(
                    number=f"{parent.number}.{index}",
                    title=typeset(threat.title.strip()),
                    anchor=f"{parent.anchor}-{index}",
                    level=2,
                ),
                description=rich(threat.description),
                processes=processes,
                milestone=", ".join(parts),
                processes_label=WORDING.processes if len(processes) > 1 else WORDING.process,
                milestone_label=WORDING.past_milestone if passed else WORDING.next_milestone,
                findings=notes.take(f"threat:{threat.pk}"),
                record_id=threat.pk,
            )
        )
    return tuple(out)
