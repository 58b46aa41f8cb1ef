"""The meeting page's date and times: one date format (ISO), refused otherwise with the format
named; only the error of what was typed wrong; times typed in a chosen zone, stored in UTC;
an end before the start only with "Ends the next day"; 24-hour times everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats

from meetings.models import ActionItem, Meeting
from tests.factories import IcannMeetingFactory, PublicSessionFactory, WorkingGroupFactory
from tests.meetings.test_admin_meeting import ADD, errors_of, form_data, management, meeting_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return WorkingGroupFactory(acronym="CCWG-IG")


@pytest.mark.parametrize("typed", ["02/01/2018", "2/1/2018", "1 Feb 2018", "20180201"])
def test_a_date_in_another_format_is_refused_with_the_format_named(admin_client, group, typed):
    response = admin_client.post(reverse(ADD), meeting_data(group, date=typed))
    assert errors_of(response) == {
        "date": ["Enter the date as YYYY-MM-DD (for example 2018-01-18)."]
    }
    assert not Meeting.objects.exists()


def test_an_invalid_time_gives_only_the_time_s_error(admin_client, group):
    response = admin_client.post(reverse(ADD), meeting_data(group, date="2018-01-18", time="1pm"))
    assert errors_of(response) == {"time": ["Enter a valid time."]}


def test_an_action_s_due_date_is_typed_and_shown_back_in_iso(admin_client, group):
    data = meeting_data(group, **management("action_items", total=1))
    data.update({"action_items-0-description": "Circulate", "action_items-0-due_on": "2018-02-01"})
    data["action_items-0-status"] = "open"
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 302, errors_of(response)
    assert ActionItem.objects.get().due_on == dt.date(2018, 2, 1)
    meeting = Meeting.objects.get()
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert 'value="2018-02-01"' in page.content.decode()
    data["action_items-0-due_on"] = "01/02/2018"
    refused = admin_client.post(reverse(ADD), data)
    assert "Enter the date as YYYY-MM-DD" in str(errors_of(refused)["action_items-0-due_on"])


def test_times_typed_in_another_zone_are_stored_in_utc(admin_client, group):
    data = meeting_data(
        group, date="2018-03-10", time="14:00", end_time="15:30", time_zone="America/Puerto_Rico"
    )
    response = admin_client.post(reverse(ADD), data, follow=True)
    meeting = Meeting.objects.get()
    assert meeting.starts_at == dt.datetime(2018, 3, 10, 18, 0, tzinfo=dt.UTC)
    assert meeting.ends_at == dt.datetime(2018, 3, 10, 19, 30, tzinfo=dt.UTC)
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "14:00–15:30 America/Puerto_Rico is 18:00–19:30 UTC" in shown


def test_an_end_before_the_start_needs_ends_the_next_day(admin_client, group):
    data = meeting_data(group, date="2018-01-18", time="18:00", end_time="01:00")
    response = admin_client.post(reverse(ADD), data)
    assert "tick “Ends the next day”" in " ".join(errors_of(response)["end_time"])
    assert not Meeting.objects.exists()
    data["ends_next_day"] = "on"
    assert admin_client.post(reverse(ADD), data).status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.ends_at == dt.datetime(2018, 1, 19, 1, 0, tzinfo=dt.UTC)
    page = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert page.context["adminform"].form["ends_next_day"].value() is True


def test_times_are_shown_on_the_24_hour_clock_and_dates_in_iso():
    assert formats.time_format(dt.time(12, 5)) == "12:05"
    assert formats.date_format(dt.datetime(2018, 1, 2, 12, 5), "DATETIME_FORMAT") == (
        "2 Jan 2018, 12:05"
    )
    assert formats.get_format("DATE_INPUT_FORMATS") == ["%Y-%m-%d"]


def test_the_venue_s_zone_is_offered_at_an_icann_meeting(admin_client):
    san_juan = IcannMeetingFactory(
        number=61,
        city="San Juan",
        starts_on=dt.date(2018, 3, 10),
        ends_on=dt.date(2018, 3, 15),
        time_zone="America/Puerto_Rico",
    )
    session = PublicSessionFactory(icann_meeting=san_juan, starts_at=None, status="planned")
    url = reverse("admin:meetings_meeting_change", args=[session.pk])
    page = admin_client.get(url)
    choices = page.context["adminform"].form.fields["time_zone"].choices
    assert choices[:2] == [
        ("UTC", "UTC"),
        ("America/Puerto_Rico", "America/Puerto_Rico (the venue of ICANN 61, San Juan)"),
    ]
    data = form_data(page)
    data.update(date="2018-03-12", time="13:30", end_time="15:00", status="held")
    data["time_zone"] = "America/Puerto_Rico"
    response = admin_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    session.refresh_from_db()
    assert session.starts_at == dt.datetime(2018, 3, 12, 17, 30, tzinfo=dt.UTC)
    shown = admin_client.get(url).context["adminform"].form.fields["time_zone"].help_text
    assert shown == "As stored: 17:30–19:00 UTC, 13:30–15:00 at the venue (America/Puerto_Rico)."


def test_a_venue_zone_must_be_a_time_zone():
    venue = IcannMeetingFactory.build(number=62, time_zone="Mars/Olympus")
    with pytest.raises(ValidationError) as error:
        venue.full_clean()
    assert "is not a time zone name" in str(error.value.message_dict["time_zone"])


def test_another_zone_without_retyped_times_is_refused_not_a_silent_shift(admin_client, group):
    admin_client.post(reverse(ADD), meeting_data(group, date="2018-03-10", time="14:00"))
    meeting = Meeting.objects.get()
    change = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(admin_client.get(change))
    data["time_zone"] = "Europe/Paris"
    response = admin_client.post(change, data)
    assert "The times shown are in UTC" in " ".join(errors_of(response)["time_zone"])
    meeting.refresh_from_db()
    assert meeting.starts_at == dt.datetime(2018, 3, 10, 14, 0, tzinfo=dt.UTC)
    data["time"] = "15:00"  # retyped as it is in Paris: 14:00 UTC
    assert admin_client.post(change, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == dt.datetime(2018, 3, 10, 14, 0, tzinfo=dt.UTC)
