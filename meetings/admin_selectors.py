"""Reads of the admin's meeting pages: the agenda and the attendance as the text staff edit,
the matching of a pasted participant list to the people on record, what "Record the next call
like this one" fills in, and the admin index's meetings per group.

Each function reads with a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, prefetch_related_objects
from django.db.models.functions import ExtractYear

from ccwg.core.models import Organization, Person, WorkingGroup
from meetings.models import (
    AgendaNode,
    AttendanceRole,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    agenda_tree,
)
from meetings.numbering import number_for_path
from meetings.outline import OutlineItem, format_outline
from meetings.participants import (
    LIST_HEADINGS,
    Participant,
    ParticipantListError,
    line_emails,
    name_key,
    parse_participants,
)

# --- The admin's meeting page -------------------------------------------------------------


def agenda_numbers(meeting: Meeting) -> dict[int, str]:
    """Each agenda item's full number ("1.a.i"), by id; one query (none when read with its
    parts)."""
    return {
        node.item.pk: number_for_path(node.path)
        for root in agenda_tree(meeting.agenda_items.all())
        for node in root.walk()
    }


def agenda_outline(meeting: Meeting) -> str:
    """The meeting's agenda as the outline staff edit (`meetings.outline.format_outline`),
    each item with its first link; two queries (none when read with its parts)."""
    items = list(meeting.agenda_items.all())
    prefetch_related_objects(items, "links")

    def outline(nodes: list[AgendaNode]) -> tuple[OutlineItem, ...]:
        return tuple(
            OutlineItem(
                title=node.item.title,
                url=next((link.url for link in node.item.links.all()), ""),
                children=outline(node.children),
            )
            for node in nodes
        )

    return format_outline(outline(agenda_tree(items)))


@dataclass(frozen=True)
class ParticipantMatch:
    """A name of a pasted participant list and who it is on record: `person` when exactly
    one person fits (by e-mail, else by name), `candidates` when several do."""

    participant: Participant
    email: str = ""
    person: Person | None = None
    candidates: tuple[Person, ...] = ()
    organization: Organization | None = None

    @property
    def is_unknown(self) -> bool:
        return self.person is None and not self.candidates

    @property
    def is_ambiguous(self) -> bool:
        return self.person is None and bool(self.candidates)


def match_participants(
    participants: Sequence[Participant], emails: Mapping[int, str]
) -> list[ParticipantMatch]:
    """Pair each participant with the person on record (case, accents, punctuation and
    honorifics aside); an e-mail address on the line picks the person with that address. A
    note that is an organization's acronym ("Jane Doe (ccNSO)") names the organization she
    represented. Two queries (none for an empty list)."""
    if not participants:
        return []
    people = list(Person.objects.only("id", "full_name", "email", "affiliation"))
    by_key: dict[str, list[Person]] = {}
    by_email: dict[str, Person] = {}
    for person in people:
        by_key.setdefault(name_key(person.full_name), []).append(person)
        if person.email:
            by_email[person.email.casefold()] = person
    notes = {p.note.casefold() for p in participants if p.note}
    organizations = {
        org.acronym.casefold(): org
        for org in Organization.objects.all()
        if org.acronym.casefold() in notes
    }
    matches = []
    for participant in participants:
        email = emails.get(participant.line, "")
        found: Person | None = by_email.get(email.casefold()) if email else None
        candidates = tuple(by_key.get(name_key(participant.name), ()))
        if found is None and len(candidates) == 1:
            found = candidates[0]
        matches.append(
            ParticipantMatch(
                participant=participant,
                email=email,
                person=found,
                candidates=() if found is not None or len(candidates) < 2 else candidates,
                organization=organizations.get(participant.note.casefold()),
            )
        )
    return matches


def create_choice(match: ParticipantMatch) -> tuple[str, str]:
    """The "Create these people" tick of a name not on record: (value, label); the e-mail
    address on the line tells apart two new people of one name."""
    name, email = match.participant.name, match.email
    return (f"{name} <{email}>" if email else name, f"{name} ({email})" if email else name)


def participant_preview(text: str) -> dict[str, Any]:
    """What the meeting page shows of a participant list as it is typed: each entry matched
    to a person on record, new (with its "create" tick), or ambiguous (with the people it
    fits), its status and role; or the error of the line that cannot be read. Plain data for
    JSON; two queries."""
    try:
        matches = match_participants(parse_participants(text).entries, line_emails(text))
    except ParticipantListError as error:
        return {"error": str(error), "line": error.line, "entries": [], "create": []}
    entries = []
    for match in matches:
        participant = match.participant
        state = "matched" if match.person else "ambiguous" if match.is_ambiguous else "new"
        entries.append(
            {
                "line": participant.line,
                "name": participant.name,
                "role": participant.role,
                "status": participant.status,
                "match": state,
                "person": match.person.full_name if match.person else None,
                "candidates": [
                    person.full_name + (f" <{person.email}>" if person.email else "")
                    for person in match.candidates
                ],
            }
        )
    create = [create_choice(m) for m in matches if m.is_unknown]
    return {"error": "", "line": None, "entries": entries, "create": create}


def participant_list(meeting: Meeting) -> str:
    """The meeting's attendance as the list staff paste: one person a line, the
    organization represented and the role (other than member) in brackets; an e-mail
    address where another person on record has the same name; those who sent apologies or
    were absent under their headings. Two queries (one when read with its parts, none when
    nobody is listed)."""
    rows = list(meeting.attendances.all())
    prefetch_related_objects(rows, "person", "organization")
    shared = set(
        Person.objects.filter(full_name__in=[row.person.full_name for row in rows])
        .values("full_name")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("full_name", flat=True)
    )
    sections: dict[str, list[str]] = {status: [] for status in AttendanceStatus.values}
    for row in rows:
        line = row.person.full_name
        if row.person.full_name in shared and row.person.email:
            line += f" <{row.person.email}>"
        if row.organization is not None:
            line += f" ({row.organization.acronym})"
        if row.role != AttendanceRole.MEMBER:
            line += f" ({row.role})"
        sections[row.status].append(line)
    lines = sections.pop(AttendanceStatus.PRESENT)
    for status, names in sections.items():
        if names:
            lines += ["", f"{LIST_HEADINGS[status]}:", *names]
    return "\n".join(lines).lstrip("\n") + ("\n" if lines else "")


def next_call_initial(meeting: Meeting) -> dict[str, object]:
    """What "Record the next call like this one" fills in: the group, kind and title, the
    usual start and end time (this call's, else the most frequent of the group's recent calls
    of this kind), and the standing top-level agenda items. Nothing of this call's attendance,
    statements or notes."""
    initial: dict[str, object] = {
        "working_group": meeting.working_group_id,
        "kind": meeting.kind,
        "title": meeting.title,
    }
    timed = [meeting] if meeting.time_is_known and meeting.starts_at else []
    if not timed:
        recent = (
            Meeting.objects.filter(
                working_group_id=meeting.working_group_id,
                kind=meeting.kind,
                time_is_known=True,
                starts_at__isnull=False,
            )
            .only("starts_at", "ends_at")
            .order_by("-starts_at")[:10]
        )
        by_time: dict[dt.time, list[Meeting]] = {}
        for call in recent:
            if call.starts_at is not None:
                by_time.setdefault(call.starts_at.astimezone(dt.UTC).time(), []).append(call)
        if by_time:
            timed = max(by_time.values(), key=len)
    usual = timed[0] if timed else None
    if usual is not None and usual.starts_at is not None:
        initial["time"] = usual.starts_at.astimezone(dt.UTC).time()
        if usual.ends_at is not None:
            initial["end_time"] = usual.ends_at.astimezone(dt.UTC).time()
    standing = agenda_tree(meeting.agenda_items.filter(parent__isnull=True))
    initial["agenda_outline"] = format_outline(
        OutlineItem(title=node.item.title) for node in standing
    )
    return initial


# --- The admin's index --------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupMeetings:
    """A group's meetings for the admin's index: how many this year (and in the latest year
    with meetings, when none yet this year), and its latest teleconference."""

    group: WorkingGroup
    year: int
    count: int
    latest_year: int | None
    latest_count: int
    last_call: Meeting | None


def meetings_per_group(year: int) -> list[GroupMeetings]:
    """Every group still working (or with meetings), by acronym; three queries."""
    counts: dict[int, dict[int, int]] = {}
    rows = (
        Meeting.objects.filter(starts_at__isnull=False)
        .annotate(year=ExtractYear("starts_at"))
        .values("working_group_id", "year")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts.setdefault(row["working_group_id"], {})[row["year"]] = row["n"]
    last_calls: dict[int, Meeting] = {}
    calls = (
        Meeting.objects.filter(kind=MeetingKind.TELECONFERENCE, starts_at__isnull=False)
        .select_related("working_group")
        .order_by("working_group_id", "-starts_at", "-id")
    )
    for call in calls:
        last_calls.setdefault(call.working_group_id, call)
    out = []
    for group in WorkingGroup.objects.order_by("acronym"):
        years = counts.get(group.pk, {})
        if not years and group.closed_on is not None:
            continue
        latest = max((y for y in years if y != year), default=None) if year not in years else None
        out.append(
            GroupMeetings(
                group=group,
                year=year,
                count=years.get(year, 0),
                latest_year=latest,
                latest_count=years.get(latest, 0) if latest is not None else 0,
                last_call=last_calls.get(group.pk),
            )
        )
    return out
