"""meetings 0004: lists recorded before `attendance_complete` existed are marked complete, so
no report's figures change."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

#: meetings 0003 with the core as it depended on it: the rows written below by the old state's
#: models must fit the tables as they were (later core columns have no database default).
BEFORE = [
    ("meetings", "0003_icannmeeting_to_core"),
    ("ccwg", "0003_icannmeeting_externalevent_to_core"),
]
AFTER = [("meetings", "0004_meeting_attendance_complete")]


def test_existing_lists_are_marked_complete():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    group = old.get_model("ccwg", "WorkingGroup").objects.create(
        acronym="WG-X", name="X", kind="ccwg"
    )
    Meeting = old.get_model("meetings", "Meeting")
    listed = Meeting.objects.create(
        working_group=group, kind="teleconference", status="planned", members_present=11
    )
    counted = Meeting.objects.create(
        working_group=group, kind="teleconference", status="planned", members_present=9
    )
    person = old.get_model("ccwg", "Person").objects.create(full_name="Ann")
    old.get_model("meetings", "Attendance").objects.create(meeting=listed, person=person)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("meetings", "Meeting")
    assert new.objects.get(pk=listed.pk).attendance_complete is True
    assert new.objects.get(pk=counted.pk).attendance_complete is False
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
