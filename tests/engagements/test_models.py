import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ccwg.core.models import ExternalEvent
from engagements.models import ExternalProcess, ProcessInput
from tests.factories import (
    ExternalEventFactory,
    ExternalProcessFactory,
    ProcessInputFactory,
    ThreatFactory,
)

pytestmark = pytest.mark.django_db


def test_event_cannot_end_before_it_starts():
    event = ExternalEvent(name="WSIS", starts_on=dt.date(2017, 6, 16), ends_on=dt.date(2017, 6, 12))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "cannot end before it starts" in " ".join(error.value.messages)
    with transaction.atomic(), pytest.raises(IntegrityError):
        event.save()


def test_event_name_and_start_are_unique():
    first = ExternalEventFactory(name="IGF 2017")
    again = ExternalEvent(name="IGF 2017", starts_on=first.starts_on, ends_on=first.ends_on)
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "already starts on that date" in " ".join(error.value.messages)


def test_process_cannot_close_before_it_opens():
    process = ExternalProcess(
        name="OTT consultation", opens_on=dt.date(2017, 9, 1), closes_on=dt.date(2017, 6, 1)
    )
    with pytest.raises(ValidationError):
        process.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        process.save()


def test_open_on():
    ott = ExternalProcessFactory(opens_on=dt.date(2017, 6, 1), closes_on=dt.date(2017, 9, 30))
    standing = ExternalProcessFactory(opens_on=dt.date(2016, 1, 1))
    ExternalProcessFactory()  # no date recorded: never said to be open
    assert set(ExternalProcess.objects.open_on(dt.date(2017, 6, 1))) == {ott, standing}
    assert set(ExternalProcess.objects.open_on(dt.date(2017, 10, 1))) == {standing}
    assert set(ExternalProcess.objects.open_on(dt.date(2017, 5, 31))) == {standing}
    assert set(ExternalProcess.objects.open_on(dt.date(2026, 12, 7))) == {standing}


def test_input_in_period_counts_the_meeting_it_was_for():
    wgec_meeting = ExternalEventFactory(
        starts_on=dt.date(2017, 1, 26), ends_on=dt.date(2017, 1, 27)
    )
    early = ProcessInputFactory(requested_on=dt.date(2016, 11, 1), for_event=wgec_meeting)
    late = ProcessInputFactory(requested_on=dt.date(2016, 11, 1))
    in_2017 = ProcessInput.objects.in_period(dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    in_2016 = ProcessInput.objects.in_period(dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert list(in_2017) == [early]
    assert set(in_2016) == {early, late}


def test_input_needs_a_summary_and_a_known_channel():
    process_input = ProcessInputFactory.build(
        process=ExternalProcessFactory(), working_group=ThreatFactory().working_group,
        summary="", channel="carrier pigeon",
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        process_input.full_clean()
    assert {"summary", "channel"} <= set(error.value.message_dict)
