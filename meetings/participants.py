"""Participant lists as a call's tool exports them: one name a line, an optional role.

`parse_participants` reads what staff paste after a call ("Jane Doe (staff)", "John Roe -
observer", bullets and numbers; an "Apologies:" or "Absent:" part, or one line "Apologies: Ann
Lee, Bob Roe", naming people who were not there, each with their status), and
`match_people` pairs the names with people already on record, ignoring case, accents,
punctuation and honorifics. Both are pure; recording the attendance is the services' job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from meetings.models.choices import AttendanceStatus
from meetings.models.rules import first_repeat

NAME_MAX_LENGTH = 200

#: Words that name a role, mapped to the values of `meetings.models.AttendanceRole`.
ROLE_WORDS: Mapping[str, str] = {
    "member": "member",
    "members": "member",
    "participant": "member",
    "chair": "chair",
    "co-chair": "chair",
    "cochair": "chair",
    "co chair": "chair",
    "vice-chair": "chair",
    "vice chair": "chair",
    "observer": "observer",
    "liaison": "liaison",
    "guest": "guest",
    "staff": "staff",
    "icann staff": "staff",
    "icann org": "staff",
    "secretariat": "staff",
    "support staff": "staff",
}
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "amb", "ambassador", "hon"}
)
#: Words of a heading that starts the part of a list naming people who sent apologies...
APOLOGY_WORDS = frozenset(
    {"apologies", "apology", "apologised", "apologized", "regrets", "excused"}
)
#: ... or who were absent without them (checked first: "Absent without apologies:").
ABSENT_WORDS = frozenset({"absent", "absentees", "absence", "absences", "missing"})
#: Headings of the part naming people present. A one-line form ("Present: Ann, Bob") is
#: read only after one of these (or of the words above), for its own line; any other
#: "Heading:" line alone starts a part of people present.
PRESENT_HEADINGS = frozenset(
    {
        "present",
        "attendees",
        "attendance",
        "attending",
        "participants",
        "members",
        "members present",
        "in attendance",
    }
)
#: The heading each status is listed under when a list is written out.
LIST_HEADINGS: Mapping[str, str] = {
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.APOLOGIES: "Apologies",
    AttendanceStatus.ABSENT: "Absent",
}
_ONE_LINE = re.compile(r"^(?P<heading>[^:]{1,40}):\s*(?P<names>\S.*)$")

_LEADER = re.compile(r"^(?:[-*+•·◦▪]|\d{1,3}[.)])\s+")
_EMAIL = re.compile(r"\s*[<(]?\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b[>)]?\s*")
_EMAIL_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_BRACKETED = re.compile(r"\s*[(\[](?P<inner>[^()\[\]]*)[)\]]\s*$")
_SEPARATED = re.compile(r"\s+[-–—:,]\s*(?P<inner>[^-–—:,]+)$|,\s*(?P<comma>[^,]+)$")


@dataclass(frozen=True)
class Participant:
    """One name of the list, its role, and what else the line said (an affiliation)."""

    name: str
    role: str = "member"
    note: str = ""
    line: int = 0
    status: str = AttendanceStatus.PRESENT


@dataclass(frozen=True)
class ParticipantList:
    """Everyone the list names, in its order, each with a status."""

    entries: tuple[Participant, ...]

    def _with(self, status: str) -> tuple[Participant, ...]:
        return tuple(p for p in self.entries if p.status == status)

    @property
    def present(self) -> tuple[Participant, ...]:
        return self._with(AttendanceStatus.PRESENT)

    @property
    def apologies(self) -> tuple[Participant, ...]:
        return self._with(AttendanceStatus.APOLOGIES)

    @property
    def absent(self) -> tuple[Participant, ...]:
        return self._with(AttendanceStatus.ABSENT)


class ParticipantListError(ValueError):
    """A line of the list that cannot be read; `line` is 1-based."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"Line {line}: {message}")


def name_key(name: str) -> str:
    """The form names are compared in: no accents, case, punctuation or honorifics."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^\w]+", " ", plain).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    return " ".join(words)


def _role_of(text: str) -> str | None:
    return ROLE_WORDS.get(" ".join(text.casefold().replace("_", " ").split()))


def _split_role(text: str) -> tuple[str, str, str]:
    """(name, role, note) of one entry: "Jane Doe (staff)", "John Roe - observer"."""
    role = "member"
    notes: list[str] = []
    while True:
        match = _BRACKETED.search(text) or _SEPARATED.search(text)
        if not match:
            break
        inner = (match.group("inner") or match.group("comma") or "").strip()
        found = _role_of(inner)
        if found is None and match.re is _SEPARATED:
            break  # "Crépin-Leblond" or "Doe, Jane": part of the name, not a role
        if found is not None:
            role = found
        elif inner:
            notes.insert(0, inner)
        text = text[: match.start()].rstrip()
    return text, role, "; ".join(notes)


def heading_status(heading: str) -> str | None:
    """The status of the people named after a heading ("Apologies", "Absent", "Present"),
    or None when the words are no heading this module knows."""
    key = name_key(heading)
    words = set(key.split())
    if words & ABSENT_WORDS:
        return AttendanceStatus.ABSENT
    if words & APOLOGY_WORDS:
        return AttendanceStatus.APOLOGIES
    if key in PRESENT_HEADINGS:
        return AttendanceStatus.PRESENT
    return None


def _entries(line: str) -> list[str]:
    """The entries of one line: itself, or the names a one-line form lists after its
    heading, separated by semicolons (else commas)."""
    return [part for part in re.split(";" if ";" in line else ",", line) if part.strip()]


def _participant(text: str, number: int, status: str) -> tuple[str, Participant]:
    """One entry of the list and the key it is told apart by (`ParticipantListError` when it
    names nobody)."""
    text = _LEADER.sub("", text.strip())
    address = _EMAIL_ADDRESS.search(text)
    text = _EMAIL.sub(" ", text).strip()
    name, role, note = _split_role(text)
    name = name.strip(" -–—,;:")
    if not name or not name_key(name):
        raise ParticipantListError(number, "no name on this line.")
    if len(name) > NAME_MAX_LENGTH:
        raise ParticipantListError(number, f"the name is longer than {NAME_MAX_LENGTH} characters.")
    # Two people of one name are told apart by their e-mail addresses.
    key = name_key(name) + (f" <{address.group(0).casefold()}>" if address else "")
    return key, Participant(name=name, role=role, note=note, line=number, status=status)


def parse_participants(text: str) -> ParticipantList:
    """The people a pasted list names: present, then after an "Apologies:" heading (or on a
    line "Apologies: Ann Lee, Bob Roe") sent apologies, after "Absent:" absent."""
    listed: list[tuple[str, Participant]] = []  # (who, as listed): a person is listed once
    status: str = AttendanceStatus.PRESENT
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.replace("\u00a0", " ").split())
        if not line:
            continue
        if line.endswith(":"):
            status = heading_status(line[:-1]) or AttendanceStatus.PRESENT
            continue
        # A one-line form ("Apologies: Ann Lee, Bob Roe") names its line's people only.
        one_line = _ONE_LINE.match(_LEADER.sub("", line))
        found = heading_status(one_line.group("heading")) if one_line else None
        if one_line and found is not None:
            listed += [_participant(e, number, found) for e in _entries(one_line["names"])]
        else:
            listed.append(_participant(line, number, status))
    repeat = first_repeat(key for key, _ in listed)
    if repeat is not None:
        again, first = listed[repeat[0] - 1][1], listed[repeat[1] - 1][1]
        where = "on this line" if again.line == first.line else f"on line {first.line}"
        raise ParticipantListError(again.line, f"{again.name} is listed twice (first {where}).")
    return ParticipantList(tuple(participant for _, participant in listed))


def line_emails(text: str) -> dict[int, str]:
    """The e-mail address each line carries, by 1-based line number (the numbering of
    `Participant.line`): it tells apart two people of the same name."""
    found = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _EMAIL_ADDRESS.search(raw)
        if match:
            found[number] = match.group(0)
    return found


def match_people(
    participants: Iterable[Participant], people: Iterable[tuple[int, str]]
) -> dict[str, int | None]:
    """Each participant's name mapped to the id of the person of that name, or None.

    `people` are (id, full name) pairs. A name that fits two people is left unmatched
    (None), so that staff choose; so is a name that fits nobody.
    """
    by_key: dict[str, list[int]] = {}
    for person_id, full_name in people:
        by_key.setdefault(name_key(full_name), []).append(person_id)
    matches: dict[str, int | None] = {}
    for participant in participants:
        candidates = by_key.get(name_key(participant.name), [])
        matches[participant.name] = candidates[0] if len(candidates) == 1 else None
    return matches
