"""The admin writes through the services: records, their inline rows, deletes, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ccwg.core.models import Chartership, CharterVersion, WorkingGroup
from meetings.models import Meeting
from reports.models import AnnualReport
from tests.factories import (
    AnnualReportFactory,
    ChartershipFactory,
    MeetingFactory,
    OrganizationFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def _inline(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def _group_form(**fields) -> dict:
    data = {
        "acronym": "CCWG-IG",
        "name": "Cross Community Working Group",
        "kind": "ccwg",
        "discussion_began_precision": "day",
        "description": "",
        "resources_note": "",
    }
    data.update(fields)
    for prefix in ("charterships", "charter_versions", "roles"):
        if f"{prefix}-TOTAL_FORMS" not in data:
            data.update(_inline(prefix, []))
    return data


def _errors(response) -> str:
    """The form and inline errors of an admin page that did not save (for assertions)."""
    if response.context is None or "adminform" not in response.context:
        return ""
    found = [response.context["adminform"].form.errors]
    found += [formset.formset.errors for formset in response.context["inline_admin_formsets"]]
    found += [
        formset.formset.non_form_errors() for formset in response.context["inline_admin_formsets"]
    ]
    return repr(found)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_group_and_its_inline_rows_are_saved_through_the_services(admin_client):
    gnso = OrganizationFactory(acronym="GNSO")
    data = _group_form(
        **_inline(
            "charterships",
            [
                {
                    "organization": gnso.pk,
                    "joined_on": "2014-06-26",
                    "withdrawal_decided_precision": "day",
                }
            ],
        ),
        **_inline("charter_versions", [{"label": "Original charter", "status": "adopted"}]),
    )
    response = admin_client.post(reverse("admin:ccwg_workinggroup_add"), data)
    assert response.status_code == 302, _errors(response)
    group = WorkingGroup.objects.get(acronym="CCWG-IG")
    assert Chartership.objects.get(working_group=group).organization == gnso
    assert CharterVersion.objects.get(working_group=group).label == "Original charter"
    assert group.history.count() == 1

    # Saved again unchanged: no new history row.
    chartership = Chartership.objects.get(working_group=group)
    version = CharterVersion.objects.get(working_group=group)
    unchanged = _group_form(
        **_inline(
            "charterships",
            [
                {
                    "id": chartership.pk,
                    "working_group": group.pk,
                    "organization": gnso.pk,
                    "joined_on": "2014-06-26",
                    "withdrawal_decided_precision": "day",
                }
            ],
            initial=1,
        ),
        **_inline(
            "charter_versions",
            [
                {
                    "id": version.pk,
                    "working_group": group.pk,
                    "label": "Original charter",
                    "status": "adopted",
                }
            ],
            initial=1,
        ),
    )
    url = reverse("admin:ccwg_workinggroup_change", args=[group.pk])
    assert admin_client.post(url, unchanged).status_code == 302
    assert group.history.count() == 1
    assert chartership.history.count() == 1

    # An inline row deleted goes through the services too.
    unchanged["charterships-0-DELETE"] = "on"
    unchanged["name"] = "Renamed"
    assert admin_client.post(url, unchanged).status_code == 302
    assert not Chartership.objects.exists()
    assert WorkingGroup.objects.get(pk=group.pk).name == "Renamed"


def test_deleting_a_record_in_use_is_refused_with_a_message(admin_client):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    MeetingFactory(working_group=group)
    url = reverse("admin:ccwg_workinggroup_delete", args=[group.pk])
    response = admin_client.post(url, {"post": "yes"}, follow=True)
    assert WorkingGroup.objects.filter(pk=group.pk).exists()
    text = response.content.decode()
    assert "Cannot delete" in text or any("cannot be deleted" in m for m in _messages(response))


def test_delete_model_of_a_record_in_use_answers_the_domain_error(rf, admin_client):
    from django.contrib import admin

    from ccwg.errors import RecordInUse

    organization = OrganizationFactory(acronym="ccNSO")
    ChartershipFactory(organization=organization)
    model_admin = admin.site._registry[type(organization)]
    with pytest.raises(RecordInUse, match=r"1 other record \(charterships\) still refers to it"):
        model_admin.delete_model(rf.post("/"), organization)


def test_a_meeting_saved_in_the_admin_goes_through_the_meeting_services(admin_client):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    ccnso = OrganizationFactory(acronym="ccNSO")
    data = {
        "working_group": group.pk,
        "kind": "teleconference",
        "status": "held",
        "title": "Call",
        # The meeting page takes a date and an optional UTC time, and the agenda as an
        # outline (issue #8), where the stock page had starts_at_0/_1 and an agenda inline.
        "date": "2017-02-02",
        "time": "14:00",
        "location": "",
        "notes": "",
        "organizations_present": [ccnso.pk],
        "agenda_outline": "1. Welcome",
    }
    for prefix in ("speakers", "statements", "outcomes", "action_items", "links"):
        data.update(_inline(prefix, []))
    response = admin_client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 302, _errors(response)
    meeting = Meeting.objects.get(title="Call")
    assert list(meeting.organizations_present.all()) == [ccnso]
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Welcome"]


def test_a_report_added_in_the_admin_gets_its_defaults_from_the_services(admin_client):
    group = WorkingGroupFactory(acronym="CCWG-IG")
    data = {
        "working_group": group.pk,
        "year": "2017",
        "version": "1",
        "title": "",
        "period_start": "",
        "period_end": "",
        "introduction": "Hello.",
        "internal_work_intro": "",
        "way_forward": "",
        "threats_intro": "",
        "statements_placement": "annex",
    }
    data.update(_inline("documents", []))
    data.update(_inline("acknowledgements", []))
    response = admin_client.post(reverse("admin:reports_annualreport_add"), data)
    assert response.status_code == 302, _errors(response)
    report = AnnualReport.objects.get(working_group=group)
    assert (report.period_start, report.period_end) == (
        dt.date(2017, 1, 1),
        dt.date(2017, 12, 31),
    )


def test_publishing_a_published_report_from_the_action_is_refused_with_its_message(
    admin_client,
):
    report = AnnualReportFactory(
        status="published", published_at=dt.datetime(2018, 1, 15, tzinfo=dt.UTC)
    )
    response = admin_client.post(
        reverse("admin:reports_annualreport_changelist"),
        {"action": "publish_selected", "_selected_action": [report.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "was not published" in text and "already published" in text


def test_a_refused_save_is_an_error_message_and_saves_nothing(admin_client, monkeypatch):
    """Whatever a service refuses (a domain error) is shown as a message, once, by the
    mixin every records admin uses; nothing of the submission is kept."""
    import dataclasses

    from django.contrib import admin

    from ccwg.errors import Conflict

    group = WorkingGroupFactory(acronym="CCWG-IG", name="Before")
    model_admin = admin.site._registry[WorkingGroup]

    def refuse(**kwargs):
        raise Conflict("The group is frozen for the test.")

    monkeypatch.setattr(
        model_admin, "services", dataclasses.replace(model_admin.services, update=refuse)
    )
    url = reverse("admin:ccwg_workinggroup_change", args=[group.pk])
    response = admin_client.post(url, _group_form(name="After"), follow=True)
    assert "The group is frozen for the test." in _messages(response)
    assert WorkingGroup.objects.get(pk=group.pk).name == "Before"
