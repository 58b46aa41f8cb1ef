"""The report's own words: headings, the cover, and the fixed sentences and labels.

Every format writes these from the assembled `ReportData`; no renderer or template has
words of its own.
"""

from __future__ import annotations

import datetime as dt

from ccwg.core.models import format_date
from reports.assembly.data import Cover, Heading, SessionStyle, Wording
from reports.assembly.text import join_words

WORDING = Wording(
    contents="Contents",
    no_icann_meetings="No ICANN meeting is recorded as held in this period.",
    no_external_events="No participation in external events is recorded for this period.",
    no_face_to_face="No face-to-face meeting is recorded for this period.",
    no_teleconferences="No teleconference is recorded for this period.",
    no_chartering_organizations="No chartering organization is recorded for this period.",
    icann_sessions=SessionStyle(agenda_label="Agenda:", show_title=True),
    event_sessions=SessionStyle(agenda_label="Agenda overview:", show_when=False),
    face_to_face_sessions=SessionStyle(agenda_label="Topics discussed:", standalone=True),
    speakers="Speakers:",
    speaker="Speaker:",
    outcomes="Conclusions from the discussion in the session:",
    outcome="Conclusion from the discussion in the session:",
    more_information="For more information:",
    teleconference_columns=("Date", "In attendance", "Topics discussed"),
    processes="Processes:",
    process="Process:",
    next_milestone="Next milestone:",
    past_milestone="Past milestone:",
    link_missing="link to be added",
    links_annex="Links",
    links_annex_intro="The addresses of the documents this report links to, by the number "
    "that follows each link in the text.",
)

ISSUER = "ICANN"


def attendance_chart_title(acronym: str, period_label: str) -> str:
    """The chart's title: `Attendance at CCWG-IG teleconferences, <period>`."""
    return f"Attendance at {acronym} teleconferences, {period_label}"


ATTENDANCE_CHART_CAPTION = (
    "Members present (solid) and everyone present, staff included (outlined), "
    "per teleconference; the table below gives the figures."
)


def attendance_chart_caption(left_out: list[str]) -> str:
    """The chart's caption, naming the calls it leaves out (`left_out`: their dates) and why."""
    if not left_out:
        return ATTENDANCE_CHART_CAPTION
    days = join_words(left_out)
    if len(left_out) == 1:
        omitted = f"The teleconference of {days} is left out: its attendance is not recorded."
    else:
        omitted = f"The teleconferences of {days} are left out: their attendance is not recorded."
    return f"{ATTENDANCE_CHART_CAPTION} {omitted}"


def default_title(phrase: str, group_name: str, acronym: str) -> str:
    return f"Report on the {phrase} Activities of the {group_name} ({acronym})"


DEFAULT_WAY_FORWARD = "Work on developing a way forward"
CHARTERING_HEADING = "Chartering organizations"
SUCCESSOR_HEADING = "Chartering organizations and successor"


def way_forward_heading(title: str, *, narrative: bool, successor: bool) -> str:
    """Section 3's title: the one staff gave; else one that fits what it holds, "Work on
    developing a way forward" only when staff wrote about it (the narrative), otherwise
    the chartering organizations (and the successor) the section states."""
    if title.strip():
        return title.strip()
    if narrative:
        return DEFAULT_WAY_FORWARD
    return SUCCESSOR_HEADING if successor else CHARTERING_HEADING


def section_headings(acronym: str, phrase: str, way_forward: str = "") -> dict[str, Heading]:
    """The fixed sections, numbered, in the words of the group's reports ('Events and
    activities in 2017', 'participation in external events during 2017'); `phrase` is the
    period ('2017', or a range of dates); `way_forward` section 3's title
    (`way_forward_heading`)."""
    acr = acronym
    in_period = f"in {phrase}" if phrase.isdigit() else f"in the period {phrase}"
    during = f"during {phrase}" if phrase.isdigit() else f"in the period {phrase}"
    return {
        "introduction": Heading("1", "Introduction", "introduction", 1),
        "events": Heading("2", f"Events and activities {in_period}", "events", 1),
        "icann": Heading("2.1", f"{acr} engagement with wider ICANN Community", "icann", 2),
        "external": Heading(
            "2.2", f"{acr} participation in external events {during}", "external-events", 2
        ),
        "inputs": Heading(
            "2.3", f"{acr} input into ICANN’s engagement with external processes", "inputs", 2
        ),
        "internal": Heading("2.4", f"{acr} internal work {during}", "internal-work", 2),
        "face_to_face": Heading("2.4.1", "Face-to-face meetings", "face-to-face", 3),
        "teleconferences": Heading("2.4.2", f"{acr} teleconferences", "teleconferences", 3),
        "way_forward": Heading("3", way_forward.strip() or DEFAULT_WAY_FORWARD, "way-forward", 1),
        "threats": Heading("4", "Identified threats to ICANN Mission", "threats", 1),
    }


def statements_annex() -> Heading:
    """Annex A: the statements quoted at teleconferences."""
    return Heading("Annex A", "Statements quoted at teleconferences", "annex-statements", 1)


def cover(
    *,
    title: str,
    period_label: str,
    version: int,
    published_at: dt.datetime | None,
    issued: str = "",
) -> Cover:
    meta = f"Period: {period_label}"
    if version > 1:
        meta += f" · Version {version}"
    if published_at is not None:
        status = f"Published on {format_date(published_at.date())}"
    else:
        status = "Draft: not yet published"
    return Cover(
        issuer=ISSUER,
        title=title,
        issued=issued,
        meta=meta,
        status=status,
        published=published_at is not None,
    )


def chartering_note(organizations: tuple[str, ...], as_of: str = "") -> str:
    """'Chartering organizations in October 2017: …' (at the report's date), or at the end
    of the period when the report is not dated."""
    if not organizations:
        return ""
    when = f"in {as_of}" if as_of and not as_of[0].isdigit() else f"on {as_of}"
    when = when if as_of else "at the end of the period"
    noun = "Chartering organizations" if len(organizations) > 1 else "Chartering organization"
    return f"{noun} {when}: {', '.join(organizations)}."


def successor_note(acronym: str, successor) -> str:
    """Only for a successor established by the report's date (`records_as_of` drops a
    proposed one: the narrative says how far its drafting has got)."""
    if successor is None:
        return ""
    established = ""
    if successor.established_on is not None:
        established = f", established on {format_date(successor.established_on)}"
    return (
        f"The {acronym}’s work continues in its successor, the {successor.name} "
        f"({successor.acronym}){established}."
    )
