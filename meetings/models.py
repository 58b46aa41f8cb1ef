"""The groups' own meetings, with their agendas and minutes (ICANN meetings: `ccwg.core`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncDate
from simple_history.models import HistoricalRecords

from ccwg.core.change_sets import ChangeSetHistory
from ccwg.core.models import (
    ExternalEvent,
    IcannMeeting,
    LinkBase,
    Organization,
    Person,
    WorkingGroup,
)


class MeetingKind(models.TextChoices):
    TELECONFERENCE = "teleconference", "Teleconference"
    FACE_TO_FACE = "face_to_face", "Face-to-face meeting"
    PUBLIC_SESSION = "public_session", "Public session"
    WORKSHOP = "workshop", "Workshop"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"
    DECLINED = "declined", "Declined"


#: Statuses for which the date may still be unknown.
UNSCHEDULED_STATUSES = [
    MeetingStatus.PLANNED,
    MeetingStatus.PROPOSED,
    MeetingStatus.ACCEPTED,
    MeetingStatus.DECLINED,
]


class MeetingQuerySet(models.QuerySet):
    def held(self) -> MeetingQuerySet:
        return self.filter(status=MeetingStatus.HELD)

    def of_kind(self, kind: str) -> MeetingQuerySet:
        return self.filter(kind=kind)

    def for_group(self, group: WorkingGroup) -> MeetingQuerySet:
        return self.filter(working_group=group)

    def in_period(self, start: dt.date, end: dt.date) -> MeetingQuerySet:
        """Meetings whose (UTC) date falls in the period; a meeting not yet dated counts by
        the dates of the external event or ICANN meeting it is tied to."""
        undated = Q(starts_at__isnull=True)
        return self.filter(
            Q(starts_at__date__range=(start, end))
            | (undated & Q(external_event__starts_on__lte=end, external_event__ends_on__gte=start))
            | (undated & Q(icann_meeting__starts_on__lte=end, icann_meeting__ends_on__gte=start))
        )

    def with_attendance_counts(self) -> MeetingQuerySet:
        """Annotate the counts of the per-person attendance list (0 when none is listed);
        they are the meeting's figures only when the list is marked complete."""
        return self.annotate(
            listed_total=Count("attendances", distinct=True),
            listed_members=Count(
                "attendances", filter=~Q(attendances__role="staff"), distinct=True
            ),
        )

    def chronological(self) -> MeetingQuerySet:
        """In date order on every database, the one order of meetings: by (UTC) day, a
        meeting not yet dated by its external event's or ICANN meeting's first day (after the
        dated meetings of that day); meetings with no date at all come last."""
        return self.order_by(
            Coalesce(
                TruncDate("starts_at"), "external_event__starts_on", "icann_meeting__starts_on"
            ).asc(nulls_last=True),
            F("starts_at").asc(nulls_last=True),
            "id",
        )


class Meeting(models.Model):
    """A meeting of a group: teleconference, face-to-face, public session or workshop."""

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.HELD
    )
    title = models.CharField(max_length=300, blank=True)
    starts_at = models.DateTimeField(
        null=True, blank=True, help_text="UTC. May be blank only while not yet held."
    )
    ends_at = models.DateTimeField(null=True, blank=True)
    time_is_known = models.BooleanField(
        default=True, help_text="Untick when only the date is known; the time is then not shown."
    )
    icann_meeting = models.ForeignKey(
        IcannMeeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="group_meetings",
        help_text="The ICANN public meeting this meeting was held at.",
    )
    external_event = models.ForeignKey(
        ExternalEvent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="group_sessions",
        help_text="The external event this session (e.g. a workshop) is part of.",
    )
    selected_by = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="selected_sessions",
        help_text="The body that accepted or declined a proposed session (e.g. the IGF MAG).",
    )
    location = models.CharField(max_length=200, blank=True)
    members_present = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Members present; blank when unknown (not zero)."
    )
    total_present = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Everyone present including staff; blank when unknown."
    )
    attendance_complete = models.BooleanField(
        default=False,
        help_text="The attendance list names everyone present: the counts are derived from it. "
        "A list not marked complete leaves the counts as entered.",
    )
    organizations_present = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="meetings_attended",
        help_text="Bodies represented at the meeting, e.g. the BWG-IG's chair.",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[organizations_present], bases=[ChangeSetHistory])

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["working_group", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | (Q(starts_at__isnull=False) & Q(ends_at__gte=F("starts_at"))),
                name="meeting_ends_after_start",
                violation_error_message="A meeting cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=False) | Q(status__in=UNSCHEDULED_STATUSES),
                name="meeting_dated_once_held",
                violation_error_message="A held or cancelled meeting needs its date.",
            ),
            models.CheckConstraint(
                condition=Q(total_present__isnull=True)
                | Q(members_present__isnull=True)
                | Q(total_present__gte=F("members_present")),
                name="meeting_total_covers_members",
                violation_error_message="The total present (including staff) cannot be "
                "lower than the members present.",
            ),
        ]

    def __str__(self) -> str:
        day = self.starts_at.date().isoformat() if self.starts_at else "date unknown"
        return f"{self.working_group}: {self.title or self.get_kind_display()} ({day})"

    @property
    def date(self) -> dt.date | None:
        if self.starts_at:
            return self.starts_at.date()
        return None

    @property
    def listed_count(self) -> int:
        """How many people the attendance list names (0 when none is listed)."""
        total = getattr(self, "listed_total", None)
        return self.attendances.count() if total is None else total

    @property
    def listed_member_count(self) -> int:
        """How many of the people listed are not staff."""
        listed = getattr(self, "listed_members", None)
        if listed is None:
            listed = self.attendances.exclude(role=AttendanceRole.STAFF).count()
        return listed

    @property
    def has_listed_attendance(self) -> bool:
        return self.listed_count > 0

    @property
    def counts_from_list(self) -> bool:
        """Whether the figures are counted from the list: only from a list marked complete."""
        return self.attendance_complete and self.has_listed_attendance

    @property
    def attendance_members(self) -> int | None:
        """Members present: counted from the attendance list when it is complete."""
        if self.counts_from_list:
            return self.listed_member_count
        return self.members_present

    @property
    def attendance_total(self) -> int | None:
        """Everyone present including staff: counted from the list when it is complete."""
        if self.counts_from_list:
            return self.listed_count
        return self.total_present

    def clean(self) -> None:
        # (A held or cancelled meeting needs its date: the constraint meeting_dated_once_held.)
        if self.kind == MeetingKind.WORKSHOP and self.icann_meeting_id and self.external_event_id:
            raise ValidationError(
                {
                    "external_event": "A session is held at an ICANN meeting or an external "
                    "event, not both."
                }
            )


class AttendanceRole(models.TextChoices):
    MEMBER = "member", "Member"
    CHAIR = "chair", "Chair"
    OBSERVER = "observer", "Observer"
    LIAISON = "liaison", "Liaison"
    GUEST = "guest", "Guest"
    STAFF = "staff", "Staff"


class Attendance(models.Model):
    """One person present at a meeting; when listed, the meeting's counts derive from these."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    role = models.CharField(
        max_length=10, choices=AttendanceRole.choices, default=AttendanceRole.MEMBER
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organization the person represented at this meeting.",
    )

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="attendance_once_per_meeting",
                violation_error_message="This person is already listed for this meeting.",
            ),
            models.CheckConstraint(
                condition=Q(role__in=AttendanceRole.values), name="attendance_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}"


class AgendaItem(models.Model):
    """One item of a meeting's agenda; items form an ordered tree of any depth."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveSmallIntegerField(
        default=1, help_text="1-based order among its siblings."
    )
    title = models.CharField(max_length=500)
    notes = models.TextField(blank=True)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "parent_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                condition=Q(parent__isnull=True),
                name="agenda_item_unique_top_position",
                violation_error_message="Another top-level agenda item has this position.",
            ),
            models.UniqueConstraint(
                fields=["parent", "position"],
                condition=Q(parent__isnull=False),
                name="agenda_item_unique_child_position",
                violation_error_message="Another sub-item of this item has this position.",
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="agenda_item_position_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.parent_id is None:
            return
        parent = self.parent
        if self.meeting_id and parent.meeting_id != self.meeting_id:
            raise ValidationError({"parent": "The parent item belongs to another meeting."})
        seen = {self.pk} if self.pk else set()
        node = parent
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": "An item cannot be nested under itself."})
            seen.add(node.pk)
            node = node.parent


class AgendaNode:
    """An agenda item with its children, for rendering: built by `agenda_tree`."""

    __slots__ = ("children", "item", "path")

    def __init__(self, item: AgendaItem, path: tuple[int, ...]):
        self.item = item
        self.path = path
        self.children: list[AgendaNode] = []

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    def walk(self) -> Iterable[AgendaNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def agenda_tree(items: Iterable[AgendaItem]) -> list[AgendaNode]:
    """Arrange one meeting's items (fetched in a single query) as ordered root nodes.

    Each node's `path` holds the 1-based rank among siblings at every level, so the
    renderers number items from the order alone, whatever positions were stored.
    """
    by_parent: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item)
    for siblings in by_parent.values():
        siblings.sort(key=lambda i: (i.position, i.pk or 0))

    def build(parent_id: int | None, prefix: tuple[int, ...]) -> list[AgendaNode]:
        nodes = []
        for rank, item in enumerate(by_parent.get(parent_id, []), start=1):
            node = AgendaNode(item, (*prefix, rank))
            node.children = build(item.pk, node.path)
            nodes.append(node)
        return nodes

    return build(None, ())


class Speaker(models.Model):
    """A speaker at a meeting, with name and affiliation as held at that meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="talks"
    )
    name = models.CharField(max_length=200, help_text="As listed for this meeting.")
    affiliation = models.CharField(
        max_length=500, blank=True, help_text="Title and affiliation at the time."
    )
    position = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="speaker_unique_position"),
        ]

    def __str__(self) -> str:
        return self.name


class Statement(models.Model):
    """Quoted input from an organization and/or a person, on an agenda item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="statements")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        help_text="Blank for a statement on the meeting as a whole (or whose item was removed).",
    )
    source = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
        help_text="The organization the statement comes from.",
    )
    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    author_name = models.CharField(
        max_length=200, blank=True, help_text="As quoted; filled from the person if blank."
    )
    concerns_charter = models.ForeignKey(
        "ccwg.CharterVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text="The charter version the statement raises questions about.",
    )
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__isnull=False) | ~Q(author_name="") | Q(author__isnull=False),
                name="statement_has_source",
                violation_error_message="A statement needs a source organization or an author.",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="statement_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.attribution}: {self.text[:60]}"

    @property
    def attribution(self) -> str:
        """'ccNSO', 'Donna Austin (GNSO)' or 'Donna Austin'."""
        name = self.author_name or (self.author.full_name if self.author_id else "")
        source = self.source.acronym if self.source_id else ""
        if name and source:
            return f"{name} ({source})"
        return name or source

    def clean(self) -> None:
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            raise ValidationError({"agenda_item": "The agenda item belongs to another meeting."})


class Outcome(models.Model):
    """A conclusion of a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="outcome_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class ActionItemQuerySet(models.QuerySet):
    def open(self) -> ActionItemQuerySet:
        return self.filter(status=ActionStatus.OPEN)

    def overdue(self, today: dt.date) -> ActionItemQuerySet:
        return self.open().filter(due_on__lt=today)


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items"
    )
    description = models.TextField()
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items"
    )
    owner_name = models.CharField(
        max_length=200, blank=True, help_text="When the owner is not a recorded person."
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    position = models.PositiveSmallIntegerField(default=1)

    objects = ActionItemQuerySet.as_manager()
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="action_item_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(description=""), name="action_item_description_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]


class MeetingLink(LinkBase):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="links")

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta(LinkBase.Meta):
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="meeting_link_position"),
        ]


class AgendaItemLink(LinkBase):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="links")

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta(LinkBase.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "position"], name="agenda_item_link_position"
            ),
        ]
