"""The "notes and action items" mail of a call, composed from its record (issue 24): agenda
with its numbering (1./a./i.), attendance, statements, outcomes, action items with owners and
due dates, links. One function, `compose_notes`, read by the admin's compose page and the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

from ccwg.core.models import format_date, link_title
from meetings.models import AgendaNode, Meeting, agenda_tree
from meetings.numbering import label_for_path, number_for_path
from meetings.selectors import attendance_sections, meeting_detail


@dataclass(frozen=True)
class AgendaLine:
    label: str  # "1.", "a.", "i."
    depth: int
    title: str
    notes: str
    links: list[tuple[str, str]]  # (title, url)


@dataclass(frozen=True)
class ComposedNotes:
    """The mail as composed: subject, plain text and HTML, and where it goes."""

    subject: str
    text: str
    html: str
    to: str  # the group's mailing list ("" when it has none)
    context: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


def _agenda(nodes: list[AgendaNode]) -> list[AgendaLine]:
    return [
        AgendaLine(
            label=label_for_path(node.path),
            depth=node.depth,
            title=node.item.title,
            notes=node.item.notes,
            links=[(link_title(link.title, link.url), link.url) for link in node.item.links.all()],
        )
        for root in nodes
        for node in root.walk()
    ]


def subject_for(meeting: Meeting) -> str:
    day = format_date(meeting.date) if meeting.date else "date unknown"
    what = meeting.title or meeting.get_kind_display()
    return f"[{meeting.working_group.acronym}] Notes and action items: {what}, {day}"


def compose_notes(meeting: Meeting) -> ComposedNotes:
    """The notes mail of `meeting`, from its record as stored now."""
    record = meeting_detail(meeting.pk) or meeting
    tree = agenda_tree(record.agenda_items.all())
    numbers = {node.item.pk: number_for_path(node.path) for root in tree for node in root.walk()}
    context: dict[str, object] = {
        "meeting": record,
        "group": record.working_group,
        "day": format_date(record.date) if record.date else "",
        "agenda": _agenda(tree),
        "sections": attendance_sections(record),
        "statements": [(s, numbers.get(s.agenda_item_id or 0)) for s in record.statements.all()],
        "outcomes": list(record.outcomes.all()),
        "actions": [
            (a, numbers.get(a.agenda_item_id or 0), format_date(a.due_on) if a.due_on else "")
            for a in record.action_items.all()
        ],
        "links": [(link_title(link.title, link.url), link.url) for link in record.links.all()],
    }
    return ComposedNotes(
        subject=subject_for(record),
        text=render_to_string("meetings/mail/notes.txt", context).strip() + "\n",
        html=render_to_string("meetings/mail/notes.html", context),
        to=record.working_group.mailing_list,
        context=context,
    )


def html_from_text(text: str) -> SafeString:
    """The HTML part of a mail whose text staff edited: their words, paragraphs and links."""
    return mark_safe(linebreaks(urlize(text.strip(), nofollow=True, autoescape=True)))
