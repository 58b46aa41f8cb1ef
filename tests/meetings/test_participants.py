"""Pasted participant lists: parsing and matching names to people (pure, table-driven)."""

import pytest

from meetings.models import AttendanceRole
from meetings.participants import (
    ROLE_WORDS,
    Participant,
    ParticipantListError,
    heading_status,
    match_people,
    name_key,
    parse_participants,
)

CASES = {
    "names only": (
        "Jane Doe\nJohn Roe\n",
        [("Jane Doe", "member", ""), ("John Roe", "member", "")],
    ),
    "role in parentheses": ("Nigel Hickson (staff)\n", [("Nigel Hickson", "staff", "")]),
    "role after a dash": ("John Roe - observer\n", [("John Roe", "observer", "")]),
    "role after an en dash, capitals": ("John Roe – Observer\n", [("John Roe", "observer", "")]),
    "role after a comma": ("Jane Doe, co-chair\n", [("Jane Doe", "chair", "")]),
    "ICANN staff in brackets": ("Tarek Kamel [ICANN staff]\n", [("Tarek Kamel", "staff", "")]),
    "an affiliation kept as a note": ("Jane Doe (ccNSO)\n", [("Jane Doe", "member", "ccNSO")]),
    "affiliation and role": (
        "Jane Doe (ccNSO) (liaison)\n",
        [("Jane Doe", "liaison", "ccNSO")],
    ),
    "a hyphenated name is not a role": (
        "Olivier Crépin-Leblond\n",
        [("Olivier Crépin-Leblond", "member", "")],
    ),
    "surname first with a comma stays whole": ("Doe, Jane\n", [("Doe, Jane", "member", "")]),
    "bullets, numbers and an e-mail address": (
        "- Jane Doe <jane@example.org>\n2. John Roe (john.roe@example.org)\n",
        [("Jane Doe", "member", ""), ("John Roe", "member", "")],
    ),
    "blank lines and a heading": (
        "Attendees:\n\n  Jane Doe  \n",
        [("Jane Doe", "member", "")],
    ),
}


@pytest.mark.parametrize(("text", "expected"), list(CASES.values()), ids=list(CASES))
def test_parse_participants(text, expected):
    present = parse_participants(text).present
    assert [(p.name, p.role, p.note) for p in present] == expected


def test_lines_are_numbered_and_apologies_are_not_present():
    listed = parse_participants("Attendees:\nJane Doe\n\nApologies:\nJohn Roe\nAmy Poe (staff)\n")
    assert listed.present == (Participant("Jane Doe", "member", "", 2),)
    assert listed.absent == ()
    assert [(p.name, p.role, p.line) for p in listed.apologies] == [
        ("John Roe", "member", 5),
        ("Amy Poe", "staff", 6),
    ]


ERRORS = {
    "a role with no name": ("Jane Doe\n(staff)\n", 2, "no name on this line"),
    "a name listed twice, accents aside": (
        "Olivier Crépin-Leblond\nolivier crepin leblond (chair)\n",
        2,
        "listed twice (first on line 1)",
    ),
    "a name too long": ("x" * 201 + "\n", 1, "longer than 200 characters"),
}


@pytest.mark.parametrize(("text", "line", "message"), list(ERRORS.values()), ids=list(ERRORS))
def test_bad_lists_name_the_line(text, line, message):
    with pytest.raises(ParticipantListError) as error:
        parse_participants(text)
    assert error.value.line == line
    assert str(error.value) == f"Line {line}: " + error.value.message
    assert message in error.value.message


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Olivier Crépin-Leblond", "olivier crepin leblond"),
        ("Dr. Tarek Kamel", "Tarek Kamel"),
        ("  MARILYN   CADE ", "Marilyn Cade"),
        ("Ambassador Benedicto Fonseca Filho", "Benedicto Fonseca Filho"),
    ],
)
def test_name_key_ignores_case_accents_punctuation_and_honorifics(a, b):
    assert name_key(a) == name_key(b)


def test_match_people_pairs_unique_names_and_leaves_the_rest_to_staff():
    people = [(1, "Olivier Crépin-Leblond"), (2, "Jane Doe"), (3, "Jane  Doe"), (4, "Amy Poe")]
    listed = parse_participants("olivier crepin-leblond\nJANE DOE\nNew Person\nAmy Poe (staff)\n")
    assert match_people(listed.present, people) == {
        "olivier crepin-leblond": 1,
        "JANE DOE": None,  # two people of that name: staff choose
        "New Person": None,  # unknown: offered for creation, never created silently
        "Amy Poe": 4,
    }


def test_every_role_word_is_an_attendance_role():
    assert set(ROLE_WORDS.values()) <= set(AttendanceRole.values)


# --- apologies and absences --------------------------------------------------------------------

STATUSES = {
    "an apologies section": (
        "Jane Doe\n\nApologies:\nJohn Roe\nAmy Poe (staff)\n",
        [("Jane Doe", "present", "member"), ("John Roe", "apologies", "member"),
         ("Amy Poe", "apologies", "staff")],
    ),
    "regrets and absent sections": (
        "Attendees:\nJane Doe\nRegrets:\nJohn Roe\nAbsent:\n- Amy Poe\n",
        [("Jane Doe", "present", "member"), ("John Roe", "apologies", "member"),
         ("Amy Poe", "absent", "member")],
    ),
    "absent without apologies is absent": (
        "Absent without apologies:\nJohn Roe\n",
        [("John Roe", "absent", "member")],
    ),
    "a one-line apologies form": (
        "Jane Doe\nApologies: Helga Svensson, Marc Dubois\n",
        [("Jane Doe", "present", "member"), ("Helga Svensson", "apologies", "member"),
         ("Marc Dubois", "apologies", "member")],
    ),
    "one line with roles and semicolons": (
        "Apologies: Helga Svensson (chair); Doe, Jane; Jo Bo - staff\n",
        [("Helga Svensson", "apologies", "chair"), ("Doe, Jane", "apologies", "member"),
         ("Jo Bo", "apologies", "staff")],
    ),
    "a one-line form names its own line only": (
        "Apologies: Helga Svensson\nJane Doe\nAbsent: Amy Poe\nPresent: John Roe, Bo Ek\n",
        [("Helga Svensson", "apologies", "member"), ("Jane Doe", "present", "member"),
         ("Amy Poe", "absent", "member"), ("John Roe", "present", "member"),
         ("Bo Ek", "present", "member")],
    ),
    "an unknown heading on one line is a name with a role": (
        "John Roe - observer\n",
        [("John Roe", "present", "observer")],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), list(STATUSES.values()), ids=list(STATUSES))
def test_each_person_is_present_sent_apologies_or_absent(text, expected):
    entries = parse_participants(text).entries
    assert [(p.name, p.status, p.role) for p in entries] == expected


def test_the_statuses_split_the_list():
    listed = parse_participants("Ann Lee\nApologies: Bo Ek\nAbsent:\nCy Day\n")
    assert [p.name for p in listed.present] == ["Ann Lee"]
    assert [(p.name, p.line) for p in listed.apologies] == [("Bo Ek", 2)]
    assert [(p.name, p.line) for p in listed.absent] == [("Cy Day", 4)]


def test_a_person_present_and_sending_apologies_is_listed_twice():
    with pytest.raises(ParticipantListError) as error:
        parse_participants("Bo Ek\nApologies: Ann Lee, bo ek\n")
    assert error.value.line == 2
    assert "Bo Ek" not in error.value.message and "listed twice (first on line 1)" in str(
        error.value
    )
    with pytest.raises(ParticipantListError, match="first on this line"):
        parse_participants("Apologies: Ann Lee, ann lee\n")


@pytest.mark.parametrize(
    ("heading", "status"),
    [("Apologies", "apologies"), ("Sent apologies", "apologies"), ("Excused", "apologies"),
     ("Absent", "absent"), ("Absentees", "absent"), ("Present", "present"),
     ("Participants", "present"), ("Agenda", None), ("Jane Doe", None)],
)  # fmt: skip
def test_heading_status(heading, status):
    assert heading_status(heading) == status
