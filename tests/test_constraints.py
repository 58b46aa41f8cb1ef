"""Every database constraint of the domain: full_clean names it clearly, the database enforces it.

One row per constraint not already exercised in the per-app model tests: a valid record is
built from the factories, one field is broken, and both layers must refuse it.
"""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from ccwg.core.apps import RECORD_APPS
from tests import factories as f

pytestmark = pytest.mark.django_db

D = dt.date


# (constraint name, factory, broken values, expected fragment of the message or field name)
CASES = [
    ("working_group_kind_valid", f.WorkingGroupFactory, {"kind": "club"}, "kind"),
    ("icann_meeting_ends_after_start", f.IcannMeetingFactory,
     {"starts_on": D(2017, 6, 29), "ends_on": D(2017, 6, 26)}, "cannot end before it starts"),
    ("icann_meeting_format_valid", f.IcannMeetingFactory, {"format": "Z"}, "format"),
    ("icann_meeting_number_positive", f.IcannMeetingFactory, {"number": 0}, "number"),
    ("chartership_decided_after_joined", f.ChartershipFactory,
     {"joined_on": D(2015, 1, 1), "withdrawal_decided_on": D(2014, 1, 1)},
     "cannot be decided before joining"),
    ("charter_version_status_valid", f.CharterVersionFactory, {"status": "lost"}, "status"),
    ("role_kind_valid", f.RoleFactory, {"kind": "king"}, "kind"),
    ("attendance_role_valid", f.AttendanceFactory, {"role": "spy"}, "role"),
    ("attendance_status_valid", f.AttendanceFactory, {"status": "maybe"}, "status"),
    ("agenda_item_position_positive", f.AgendaItemFactory, {"position": 0}, "position"),
    ("outcome_text_not_empty", f.OutcomeFactory, {"text": ""}, "text"),
    ("action_item_description_not_empty", f.ActionItemFactory, {"description": ""},
     "description"),
    ("action_item_status_valid", f.ActionItemFactory, {"status": "someday"}, "status"),
    ("statement_text_not_empty", f.StatementFactory, {"text": ""}, "text"),
    ("threat_title_given", f.ThreatFactory, {"title": ""}, "title"),
    ("process_input_channel_valid", f.ProcessInputFactory, {"channel": "fax"}, "channel"),
    ("annual_report_period_ordered", f.AnnualReportFactory,
     {"period_start": D(2017, 12, 31), "period_end": D(2017, 1, 1)},
     "cannot end before it starts"),
    ("annual_report_year_sane", f.AnnualReportFactory, {"year": 1900}, "year"),
    ("annual_report_status_valid", f.AnnualReportFactory, {"status": "lost"}, "status"),
    ("annual_report_issued_precision_valid", f.AnnualReportFactory,
     {"issued_on_precision": "week"}, "issued_on_precision"),
    ("annual_report_published_has_time", f.AnnualReportFactory, {"status": "published"},
     "annual_report_published_has_time"),
    ("message_status_valid", f.MessageFactory, {"status": "lost"}, "status"),
    ("message_sent_has_time", f.MessageFactory, {"status": "sent"},
     "A sent message has the time it was sent."),
    ("message_about_whole", f.MessageFactory, {"about_type": "meetings.meeting"},
     "What a message is about is a type and a record."),
]  # fmt: skip

# (constraint name, factory making the first record, fields copied to the duplicate, message)
UNIQUE_CASES = [
    ("chartership_unique_start", f.ChartershipFactory,
     ["working_group", "organization", "joined_on"], "overlaps another chartership"),
    ("charter_version_unique_label", f.CharterVersionFactory, ["working_group", "label"],
     "Label already exists"),
    ("person_unique_email", lambda: f.PersonFactory(email="a@example.org"), ["email"], "email"),
    ("role_unique_start", lambda: f.RoleFactory(started_on=D(2017, 1, 1)),
     ["person", "working_group", "kind", "started_on"], "already exists"),
    ("speaker_unique_position", f.SpeakerFactory, ["meeting", "position"], "already exists"),
    ("meeting_link_position", f.MeetingLinkFactory, ["meeting", "position"], "already exists"),
    ("annual_report_unique_version", lambda: f.AnnualReportFactory(status="published",
     published_at=dt.datetime(2018, 1, 1, tzinfo=dt.UTC)),
     ["working_group", "year", "version"], "already has this version"),
    ("annual_report_one_draft", f.AnnualReportFactory, ["working_group", "year"],
     "already has a draft report"),
]  # fmt: skip


def _all_constraint_names() -> set[str]:
    return {
        constraint.name
        for model in apps.get_models()
        if model._meta.app_label in RECORD_APPS
        for constraint in model._meta.constraints
    }


def test_every_constraint_is_tested_somewhere():
    """The per-app model tests cover the rest; this list keeps new constraints honest."""
    covered_elsewhere = {
        "organization_kind_valid",
        "working_group_not_own_successor",
        "working_group_closed_after_established",
        "chartership_one_open_period",
        "chartership_withdrew_after_joined",
        "chartership_effective_after_decision",
        "charter_version_one_adopted",
        "charter_version_adopted_after_drafted",
        "role_ends_after_start",
        "meeting_kind_valid",
        "meeting_status_valid",
        "meeting_ends_after_start",
        "meeting_dated_once_held",
        "meeting_total_covers_members",
        "attendance_once_per_meeting",
        "agenda_item_unique_top_position",
        "agenda_item_unique_child_position",
        "statement_has_source",
        "external_event_ends_after_start",
        "external_event_unique_name_start",
        "external_process_closes_after_open",
        "process_input_summary_given",
        # Positions of links on the other owners work as meeting_link_position does.
        "agenda_item_link_position",
        "process_link_position",
        "event_link_position",
        "process_input_link_position",
        # Reports: tested in tests/reports.
        "published_document_once",
        "published_document_format",
        "acknowledgement_once",
        "acknowledgement_has_reason",
        "block_edit_once",
        "block_edit_has_key",
        "block_edit_changes_something",
        "block_edit_position_from_one",
    }
    tested_here = {name for name, *_ in CASES} | {name for name, *_ in UNIQUE_CASES}
    assert _all_constraint_names() - covered_elsewhere - tested_here == set()


def _constraint(model: type[models.Model], name: str) -> models.BaseConstraint:
    return next(c for c in model._meta.constraints if c.name == name)


@pytest.mark.parametrize(
    ("name", "factory", "broken", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_check_constraint(name, factory, broken, expected):
    record = factory()
    model = type(record)
    for field, value in broken.items():
        setattr(record, field, value)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    found = " ".join(error.value.messages) + " " + " ".join(error.value.message_dict)
    assert expected in found
    # The database refuses it too, whatever the application layer does.
    _constraint(model, name)  # the constraint exists under that name
    with transaction.atomic(), pytest.raises(IntegrityError):
        model._default_manager.filter(pk=record.pk).update(**broken)


@pytest.mark.parametrize(
    ("name", "factory", "fields", "expected"), UNIQUE_CASES, ids=[c[0] for c in UNIQUE_CASES]
)
def test_unique_constraint(name, factory, fields, expected):
    first = factory()
    model = type(first)
    duplicate = model._default_manager.get(pk=first.pk)
    duplicate.pk = None
    duplicate.id = None
    if model is f.AnnualReportFactory._meta.model and name == "annual_report_one_draft":
        duplicate.version = first.version + 1
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    found = " ".join(error.value.messages)
    assert expected in found
    _constraint(model, name)
    with transaction.atomic(), pytest.raises(IntegrityError):
        models.Model.save_base(duplicate, raw=True)
