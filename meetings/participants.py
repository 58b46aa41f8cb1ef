"""Participant lists as a call's tool exports them: one name a line, an optional role.

`parse_participants` reads what staff paste after a call ("Jane Doe (staff)", "John Roe -
observer", bullets and numbers, a "Apologies:" part whose names were not present), and
`match_people` pairs the names with people already on record, ignoring case, accents,
punctuation and honorifics. Both are pure; recording the attendance is the services' job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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
#: Headings that start the part of a list naming people who were not there.
ABSENT_HEADINGS = frozenset({"apologies", "apology", "regrets", "absent", "excused", "absentees"})

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


@dataclass(frozen=True)
class ParticipantList:
    present: tuple[Participant, ...]
    absent: tuple[Participant, ...] = ()


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


def parse_participants(text: str) -> ParticipantList:
    """The people a pasted list names, present and (after "Apologies:") absent."""
    present: list[Participant] = []
    absent: list[Participant] = []
    listed: list[tuple[str, Participant]] = []  # (who, as listed): a person is listed once
    target = present
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.replace("\u00a0", " ").split())
        if not line:
            continue
        if line.endswith(":"):
            heading = name_key(line[:-1])
            target = absent if heading.split(" ")[0] in ABSENT_HEADINGS else present
            continue
        line = _LEADER.sub("", line)
        address = _EMAIL_ADDRESS.search(line)
        line = _EMAIL.sub(" ", line).strip()
        name, role, note = _split_role(line)
        name = name.strip(" -–—,;:")
        if not name or not name_key(name):
            raise ParticipantListError(number, "no name on this line.")
        if len(name) > NAME_MAX_LENGTH:
            raise ParticipantListError(
                number, f"the name is longer than {NAME_MAX_LENGTH} characters."
            )
        # Two people of one name are told apart by their e-mail addresses.
        key = name_key(name) + (f" <{address.group(0).casefold()}>" if address else "")
        listed.append((key, Participant(name=name, role=role, note=note, line=number)))
        target.append(listed[-1][1])
    repeat = first_repeat(key for key, _ in listed)
    if repeat is not None:
        again, first = listed[repeat[0] - 1][1], listed[repeat[1] - 1][1]
        raise ParticipantListError(
            again.line, f"{again.name} is listed twice (first on line {first.line})."
        )
    return ParticipantList(tuple(present), tuple(absent))


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
