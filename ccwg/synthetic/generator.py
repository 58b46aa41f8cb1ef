"""Synthetic records at any volume, for measurements (`bench/`) and load runs.

`generate()` writes groups, their charterships and people, and for every group-year: ICANN
meetings (shared by all groups of that year), teleconferences with nested agendas,
attendance lists, statements, outcomes, actions and links, face-to-face meetings at the
ICANN meetings, a public session with speakers, a workshop at an external event, an external
process with inputs, a threat and a draft annual report.

**Why bulk inserts, not the services.** The services are the write path for interactive
writes: one record at a time, validated (`full_clean`), locked, with a history row per
change. That is a few milliseconds per row, so a database with 100,000 agenda items would
take an hour. Here the rows are known to be valid by construction (the same shapes the
factories and the sample use, checked by the database's constraints anyway) and are
written with `bulk_create`, a few statements per table and group-year, in one transaction:
100,000 agenda items take well under a minute on SQLite. The records get no history rows,
which is right: nobody entered them.

Deterministic: the same arguments on the same database give the same records (one
`random.Random(seed)` draws every choice, in a fixed order).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import models, transaction
from django.db.models import Max

from ccwg.core.models import (
    Chartership,
    ExternalEvent,
    IcannMeeting,
    Organization,
    OrganizationKind,
    Person,
    WorkingGroup,
)
from engagements.models import ExternalProcess, ProcessInput, ProcessInputLink, Threat
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceRole,
    Meeting,
    MeetingKind,
    MeetingLink,
    MeetingStatus,
    Outcome,
    Speaker,
    Statement,
)
from reports.models import AnnualReport

M = TypeVar("M", bound=models.Model)

#: Meetings of one group-year at scale 1, about the 2017 sample's volume (15 meetings, 90
#: agenda items).
TELECONFERENCES = 12
_VOCABULARY = (
    "accountability stewardship transition governance multistakeholder consultation "
    "charter resources jurisdiction cooperation forum ministerial declaration review "
    "mandate privacy registry names numbers protocol security stability resilience "
    "outreach capacity policy proposal working group submission dialogue framework "
    "regional global digital economy"
)
WORDS = tuple(_VOCABULARY.split())
FIRST_NAMES = "Ana Bruno Chen Dalia Emeka Farah Goran Hana Ivan Jia Kofi Lena Marta Nadia Omar"
LAST_NAMES = "Abara Berg Costa Dlamini Erikson Fujita Garcia Haddad Ito Jensen Kaur Lopez Mensah"
ORG_KINDS = (OrganizationKind.SO, OrganizationKind.AC)


class Arguments(ValueError):
    """Arguments that cannot be honoured; the message says which and why."""


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, number: int) -> None:
        self.rows[name] = self.rows.get(name, 0) + number


def _bulk(model: type[M], objs: Sequence[M], counts: Counts) -> list[M]:
    created = model._default_manager.bulk_create(objs, batch_size=500)
    counts.add(str(model._meta.verbose_name_plural), len(created))
    return created


class _Writer:
    def __init__(self, rng: random.Random, seed: int, scale: float, counts: Counts) -> None:
        self.rng = rng
        self.seed = seed
        self.scale = scale
        self.counts = counts
        self.icann: dict[int, list[IcannMeeting]] = {}
        #: The attendance list drawn for each teleconference (by the object's id: the same
        #: objects are given to `bulk_create`, which sets their primary keys).
        self.present: dict[int, list[Person]] = {}

    # --- text -------------------------------------------------------------------------
    def words(self, low: int, high: int) -> str:
        text = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))
        return text[:1].upper() + text[1:]

    def sentence(self) -> str:
        return self.words(8, 20) + "."

    # --- shared records ------------------------------------------------------------------
    def icann_meetings(self, year: int) -> list[IcannMeeting]:
        """The year's ICANN meetings: those on record, else three new ones."""
        if year not in self.icann:
            existing = list(IcannMeeting.objects.filter(starts_on__year=year).order_by("number"))
            if not existing:
                number = (IcannMeeting.objects.aggregate(top=Max("number"))["top"] or 0) + 1
                existing = _bulk(
                    IcannMeeting,
                    [
                        IcannMeeting(
                            number=number + k,
                            city=f"City {number + k}",
                            country="Synthetic",
                            starts_on=dt.date(year, month, 10),
                            ends_on=dt.date(year, month, 15),
                            format="ABC"[k],
                        )
                        for k, month in enumerate((3, 6, 10))
                    ],
                    self.counts,
                )
            self.icann[year] = existing
        return self.icann[year]

    def organizations(self, prefix: str, number: int) -> list[Organization]:
        return _bulk(
            Organization,
            [
                Organization(
                    acronym=f"{prefix}-O{k}",
                    name=f"Synthetic {self.words(2, 3)} Organization {k}",
                    kind=ORG_KINDS[k % 2],
                )
                for k in range(1, number + 1)
            ],
            self.counts,
        )

    def people(self, prefix: str, number: int) -> list[Person]:
        firsts, lasts = FIRST_NAMES.split(), LAST_NAMES.split()
        return _bulk(
            Person,
            [
                Person(
                    full_name=f"{self.rng.choice(firsts)} {self.rng.choice(lasts)} {prefix}-{k}",
                    affiliation=self.words(1, 3),
                )
                for k in range(1, number + 1)
            ],
            self.counts,
        )

    # --- one group-year ----------------------------------------------------------------
    def group_years(
        self,
        group: WorkingGroup,
        years: list[int],
        people: list[Person],
        orgs: list[Organization],
    ) -> None:
        """Every record of the group's years, a few bulk inserts per table for all of them
        (`bulk_create` sets the primary keys on the objects it is given)."""
        events = {
            year: [
                ExternalEvent(
                    name=f"{group.acronym} {year} forum {k} (seed {self.seed})",
                    location="Geneva",
                    starts_on=dt.date(year, 4 + 4 * k, 3),
                    ends_on=dt.date(year, 4 + 4 * k, 5),
                    description=self.sentence(),
                )
                for k in (1, 2)
            ]
            for year in years
        }
        _bulk(ExternalEvent, [e for year in years for e in events[year]], self.counts)
        meetings = {
            year: self.year_meetings(group, year, events[year], people, orgs) for year in years
        }
        _bulk(Meeting, [m for year in years for m in meetings[year]], self.counts)
        self.minutes([m for year in years for m in meetings[year]], people, orgs)
        self.engagements(group, years, events, meetings, orgs)
        have_reports = set(
            AnnualReport.objects.filter(working_group=group, year__in=years).values_list(
                "year", flat=True
            )
        )
        _bulk(
            AnnualReport,
            [
                AnnualReport(
                    working_group=group,
                    year=year,
                    period_start=dt.date(year, 1, 1),
                    period_end=dt.date(year, 12, 31),
                    introduction=self.sentence(),
                    internal_work_intro=self.sentence(),
                    way_forward=self.sentence(),
                    threats_intro=self.sentence(),
                )
                for year in years
                if year not in have_reports  # --into a group-year with its report already
            ],
            self.counts,
        )

    def year_meetings(
        self,
        group: WorkingGroup,
        year: int,
        events: list[ExternalEvent],
        people: list[Person],
        orgs: list[Organization],
    ) -> list[Meeting]:
        rng = self.rng
        icann = self.icann_meetings(year)
        tag = f"{group.acronym} {year}"
        meetings: list[Meeting] = []
        calls = max(1, round(TELECONFERENCES * self.scale))
        for k in range(calls):
            day = dt.date(year, 1, 1) + dt.timedelta(days=int(k * 360 / calls) + rng.randint(0, 5))
            start = dt.datetime.combine(day, dt.time(rng.choice((12, 13, 14, 15))), dt.UTC)
            present = rng.sample(people, rng.randint(10, min(16, len(people))))
            call = Meeting(
                working_group=group,
                kind=MeetingKind.TELECONFERENCE,
                status=MeetingStatus.HELD,
                title=f"{group.acronym} teleconference #{k + 1}",
                starts_at=start,
                ends_at=start + dt.timedelta(minutes=90),
                attendance_complete=True,
                members_present=len(present) - 2,  # the first two listed are staff
                total_present=len(present),
                notes=self.sentence(),
            )
            self.present[id(call)] = present
            meetings.append(call)
        for k in range(max(1, round(2 * self.scale))):
            at = icann[k % len(icann)]
            meetings.append(
                Meeting(
                    working_group=group,
                    kind=MeetingKind.FACE_TO_FACE,
                    status=MeetingStatus.HELD,
                    starts_at=dt.datetime.combine(at.starts_on, dt.time(8 + k % 8), dt.UTC),
                    icann_meeting=at,
                    location=f"Room {k + 1}",
                    members_present=rng.randint(10, 25),
                    total_present=30,
                )
            )
        at = icann[-1]
        meetings.append(
            Meeting(
                working_group=group,
                kind=MeetingKind.PUBLIC_SESSION,
                status=MeetingStatus.HELD,
                title=f"{tag} public session",
                starts_at=dt.datetime.combine(at.ends_on, dt.time(15), dt.UTC),
                icann_meeting=at,
            )
        )
        meetings.append(
            Meeting(
                working_group=group,
                kind=MeetingKind.WORKSHOP,
                status=MeetingStatus.HELD,
                title=f"{tag} workshop",
                starts_at=dt.datetime.combine(events[0].starts_on, dt.time(9), dt.UTC),
                external_event=events[0],
                selected_by=orgs[0],
            )
        )
        return meetings

    def minutes(
        self, meetings: list[Meeting], people: list[Person], orgs: list[Organization]
    ) -> None:
        rng = self.rng
        tops: list[AgendaItem] = []
        for meeting in meetings:
            for position in range(1, rng.randint(3, 4) + 1):
                tops.append(AgendaItem(meeting=meeting, position=position, title=self.words(3, 8)))
        tops = _bulk(AgendaItem, tops, self.counts)
        children: list[AgendaItem] = []
        for item in tops:
            for position in range(1, rng.randint(0, 2) + 1):
                children.append(
                    AgendaItem(
                        meeting_id=item.meeting_id,
                        parent=item,
                        position=position,
                        title=self.words(3, 8),
                        notes=self.sentence() if rng.random() < 0.3 else "",
                    )
                )
        children = _bulk(AgendaItem, children, self.counts)
        leaves = [c for c in children if rng.random() < 0.25]
        _bulk(
            AgendaItem,
            [
                AgendaItem(meeting_id=c.meeting_id, parent=c, position=1, title=self.words(3, 6))
                for c in leaves
            ],
            self.counts,
        )
        by_meeting: dict[int, list[AgendaItem]] = {}
        for item in tops:
            by_meeting.setdefault(item.meeting_id, []).append(item)
        statements, outcomes, actions, links, speakers, attendances = [], [], [], [], [], []
        for meeting in meetings:
            items = by_meeting[meeting.pk]
            for position in range(1, rng.randint(1, 2) + 1):
                statements.append(
                    Statement(
                        meeting=meeting,
                        agenda_item=rng.choice(items),
                        source=rng.choice(orgs),
                        author=rng.choice(people),
                        text=self.sentence(),
                        position=position,
                    )
                )
            outcomes.append(Outcome(meeting=meeting, text=self.sentence()))
            actions.append(
                ActionItem(
                    meeting=meeting,
                    agenda_item=items[0],
                    description=self.sentence(),
                    owner=rng.choice(people),
                    due_on=meeting.starts_at.date() + dt.timedelta(days=14)
                    if meeting.starts_at
                    else None,
                    status=rng.choice(ActionStatus.values),
                )
            )
            links.append(
                MeetingLink(
                    meeting=meeting,
                    title="Transcript",
                    url=f"https://example.org/synthetic/{meeting.pk}",
                )
            )
            if meeting.kind == MeetingKind.PUBLIC_SESSION:
                for position, person in enumerate(rng.sample(people, 4), start=1):
                    speakers.append(
                        Speaker(
                            meeting=meeting,
                            person=person,
                            name=person.full_name,
                            affiliation=person.affiliation,
                            position=position,
                        )
                    )
            if meeting.kind == MeetingKind.TELECONFERENCE:
                present = self.present.pop(id(meeting))
                for rank, person in enumerate(present):
                    role = AttendanceRole.STAFF if rank < 2 else AttendanceRole.MEMBER
                    attendances.append(Attendance(meeting=meeting, person=person, role=role))
        _bulk(Statement, statements, self.counts)
        _bulk(Outcome, outcomes, self.counts)
        _bulk(ActionItem, actions, self.counts)
        _bulk(MeetingLink, links, self.counts)
        _bulk(Speaker, speakers, self.counts)
        _bulk(Attendance, attendances, self.counts)

    def engagements(
        self,
        group: WorkingGroup,
        years: list[int],
        events: dict[int, list[ExternalEvent]],
        meetings: dict[int, list[Meeting]],
        orgs: list[Organization],
    ) -> None:
        processes = {
            year: ExternalProcess(
                name=f"{group.acronym} {year} {self.words(2, 4)} consultation",
                body=orgs[-1],
                opens_on=dt.date(year, 2, 1),
                closes_on=dt.date(year, 11, 30),
                description=self.sentence(),
            )
            for year in years
        }
        _bulk(ExternalProcess, list(processes.values()), self.counts)
        inputs = {
            year: [
                ProcessInput(
                    process=processes[year],
                    working_group=group,
                    requested_on=dt.date(year, 3 + 4 * k, 12),
                    requested_by=orgs[k % len(orgs)],
                    for_event=events[year][k % 2],
                    summary=self.sentence(),
                    outcome=self.sentence(),
                )
                for k in range(2)
            ]
            for year in years
        }
        _bulk(ProcessInput, [i for year in years for i in inputs[year]], self.counts)
        _bulk(
            ProcessInputLink,
            [
                ProcessInputLink(process_input=i, title="Submission", url="https://example.org/")
                for year in years
                for i in inputs[year]
            ],
            self.counts,
        )
        discussed = ProcessInput.discussed_at.through
        discussed.objects.bulk_create(
            [
                discussed(processinput_id=i.pk, meeting_id=meetings[year][k].pk)
                for year in years
                for k, i in enumerate(inputs[year])
            ]
        )
        threats = {
            year: Threat(
                working_group=group,
                title=f"{self.words(3, 6)} ({year})",
                description=self.sentence(),
                identified_on=dt.date(year, 5, 1),
                next_milestone=self.words(2, 4),
                next_milestone_on=dt.date(year, 12, 1),
                next_milestone_event=events[year][-1],
            )
            for year in years
        }
        _bulk(Threat, list(threats.values()), self.counts)
        watched = Threat.processes.through
        watched.objects.bulk_create(
            [
                watched(threat_id=threats[year].pk, externalprocess_id=processes[year].pk)
                for year in years
            ]
        )


def generate(
    *,
    groups: int,
    years: int,
    seed: int,
    first_year: int | None = None,
    scale: float = 1.0,
    into: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write the records; return how many rows of each kind were written.

    `groups` new groups (`SYN<seed>-G<n>`) or, with `into`, the existing group of that
    acronym (then `groups` must be 1); `years` consecutive years ending with `first_year +
    years - 1` (default: ending in 2017, the sample's year); `scale` multiplies the meetings
    of each group-year (1 is about the 2017 sample's volume). Raises `Arguments` for values
    it cannot honour, before writing anything.
    """
    _check(groups=groups, years=years, scale=scale, first_year=first_year, into=into)
    first = first_year if first_year is not None else 2017 - years + 1
    prefix = f"SYN{seed}"
    rng = random.Random(seed)
    counts = Counts()
    writer = _Writer(rng, seed, scale, counts)
    total = groups * years
    with transaction.atomic():
        if into is not None:
            found = WorkingGroup.objects.filter(acronym=into).first()
            if found is None:
                raise Arguments(f"--into: no working group has the acronym {into!r}.")
            if Organization.objects.filter(acronym__startswith=f"{prefix}-{into}-").exists():
                raise Arguments(f"seed {seed} was already used --into {into}; pick another seed.")
            targets = [found]
            orgs = writer.organizations(f"{prefix}-{into}", 4)
        else:
            if WorkingGroup.objects.filter(acronym__startswith=f"{prefix}-G").exists():
                raise Arguments(
                    f"synthetic records of seed {seed} exist already; pick another seed."
                )
            targets = _bulk(
                WorkingGroup,
                [
                    WorkingGroup(
                        acronym=f"{prefix}-G{k}",
                        name=f"Synthetic Working Group {k} on {writer.words(2, 3)}",
                        established_on=dt.date(first, 1, 1),
                        description=writer.sentence(),
                    )
                    for k in range(1, groups + 1)
                ],
                counts,
            )
            orgs = writer.organizations(prefix, 8)
        for index, group in enumerate(targets):
            if into is not None:
                chartering = orgs  # the group keeps the charterships it has
            else:
                chartering = rng.sample(orgs, 4)
                joined = dt.date(first, 1, 1)
                _bulk(
                    Chartership,
                    [
                        Chartership(working_group=group, organization=org, joined_on=joined)
                        for org in chartering
                    ],
                    counts,
                )
            people = writer.people(f"{prefix}-{group.acronym}", 40)
            writer.group_years(group, [first + k for k in range(years)], people, chartering)
            if progress is not None:
                progress((index + 1) * years, total)
    return counts.rows


def _check(
    *, groups: int, years: int, scale: float, first_year: int | None, into: str | None
) -> None:
    if groups < 1:
        raise Arguments(f"--groups must be 1 or more (got {groups}).")
    if years < 1:
        raise Arguments(f"--years must be 1 or more (got {years}).")
    if groups * years > 20_000:
        raise Arguments(f"--groups x --years is {groups * years}; at most 20000 group-years.")
    if not 0 < scale <= 100:
        raise Arguments(f"--scale must be above 0 and at most 100 (got {scale}).")
    if into is not None and groups != 1:
        raise Arguments("--into adds to one existing group: give --groups 1 with it.")
    first = first_year if first_year is not None else 2017 - years + 1
    if first < 1998 or first + years - 1 > 2100:
        raise Arguments(f"the years {first}-{first + years - 1} must lie within 1998-2100.")


def iter_rows(counts: dict[str, int]) -> Iterable[str]:
    return (f"{number} {name}" for name, number in sorted(counts.items()) if number)
