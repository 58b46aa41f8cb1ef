"""`generate_synthetic_data`: realistic records at any volume, deterministic for a seed, a
progress bar on stderr, one-line errors for bad arguments."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ccwg.core.models import ExternalEvent, Organization, Person, WorkingGroup
from engagements.models import ExternalProcess, ProcessInput, Threat
from meetings.models import AgendaItem, Attendance, Meeting, MeetingKind, Speaker, Statement
from reports.models import AnnualReport

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    """The generated records as values, without database ids."""
    meetings = Meeting.objects.order_by("working_group__acronym", "starts_at", "kind", "title")
    return [
        (
            m.working_group.acronym,
            m.kind,
            m.title,
            m.starts_at,
            m.members_present,
            m.total_present,
            tuple(m.agenda_items.order_by("parent_id", "position").values_list("title", flat=True)),
            tuple(m.statements.values_list("text", flat=True)),
        )
        for m in meetings.select_related("working_group")
    ]


def test_records_of_every_kind_consistent_with_their_rules():
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "generate_synthetic_data", "--groups", "2", "--years", "2", "--seed", "3",
        stdout=out, stderr=err,
    )  # fmt: skip
    assert WorkingGroup.objects.filter(acronym__startswith="SYN3-G").count() == 2
    assert AnnualReport.objects.count() == 4
    assert set(Meeting.objects.values_list("kind", flat=True)) == set(MeetingKind.values)
    assert AgendaItem.objects.filter(parent__isnull=False).exists()  # nested agendas
    assert AgendaItem.objects.filter(parent__parent__isnull=False).exists()
    assert Speaker.objects.exists() and Statement.objects.exists()
    assert ProcessInput.objects.count() == 8 and Threat.objects.count() == 4
    for call in Meeting.objects.filter(kind=MeetingKind.TELECONFERENCE).with_attendance_counts():
        # Complete attendance lists: the counts are the list's.
        assert call.attendance_complete and call.total_present == call.listed_total
        assert call.members_present == call.listed_members
    assert Attendance.objects.exists()
    assert "Wrote in" in out.getvalue()
    assert "group-years [" in err.getvalue() and "4/4" in err.getvalue()


def test_the_same_seed_gives_the_same_records():
    call_command("generate_synthetic_data", "--groups", "1", "--years", "2", "--seed", "5")
    first = _snapshot()
    Meeting.objects.all().delete()
    AnnualReport.objects.all().delete()
    ProcessInput.objects.all().delete()
    Threat.objects.all().delete()
    ExternalProcess.objects.all().delete()
    ExternalEvent.objects.all().delete()
    WorkingGroup.objects.all().delete()
    Organization.objects.all().delete()
    Person.objects.all().delete()
    call_command("generate_synthetic_data", "--groups", "1", "--years", "2", "--seed", "5")
    assert _snapshot() == first
    call_command("generate_synthetic_data", "--groups", "1", "--years", "2", "--seed", "6")
    assert len(_snapshot()) == 2 * len(first)


def test_adding_to_an_existing_group_year():
    call_command("generate_synthetic_data", "--groups", "1", "--years", "1", "--seed", "7",
                 "--first-year", "2017")  # fmt: skip
    before = Meeting.objects.filter(working_group__acronym="SYN7-G1").count()
    call_command("generate_synthetic_data", "--groups", "1", "--years", "1", "--seed", "8",
                 "--first-year", "2017", "--scale", "2", "--into", "SYN7-G1")  # fmt: skip
    assert Meeting.objects.filter(working_group__acronym="SYN7-G1").count() > 2 * before
    assert AnnualReport.objects.filter(working_group__acronym="SYN7-G1").count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--groups", "0", "--years", "1", "--seed", "1"], "--groups must be 1 or more"),
        (["--groups", "1", "--years", "-2", "--seed", "1"], "--years must be 1 or more"),
        (["--groups", "1", "--years", "1", "--seed", "1", "--scale", "0"], "--scale"),
        (["--groups", "1", "--years", "1", "--seed", "1", "--into", "NOPE"], "NOPE"),
        (["--groups", "2", "--years", "1", "--seed", "1", "--into", "X"], "--groups 1"),
        (["--groups", "1", "--years", "5", "--seed", "1", "--first-year", "1990"], "1998-2100"),
    ],
)
def test_bad_arguments_are_one_line_errors(args, message):
    with pytest.raises(CommandError) as error:
        call_command("generate_synthetic_data", *args)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert not Meeting.objects.exists()


def test_a_seed_used_twice_is_refused_and_changes_nothing():
    call_command("generate_synthetic_data", "--groups", "1", "--years", "1", "--seed", "9")
    count = Meeting.objects.count()
    with pytest.raises(CommandError, match="seed 9"):
        call_command("generate_synthetic_data", "--groups", "1", "--years", "1", "--seed", "9")
    assert Meeting.objects.count() == count


def test_the_command_line_says_what_is_wrong_in_one_line():
    result = subprocess.run(
        [sys.executable, "manage.py", "generate_synthetic_data", "--groups", "x"],
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "--groups: invalid int value: 'x'" in result.stderr
    assert "Traceback" not in result.stderr
