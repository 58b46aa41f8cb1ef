"""Deletion never erases silently (issue 14, item 3; issue 10, item 5).

`RELATIONS` declares what deleting the record at the end of every foreign key, one-to-one and
many-to-many of the project's models does to the record holding it; the first test reads
every relation from `_meta`, so a new one must be declared here. Each is then exercised:

- `PART`: the row is a part of the record it points to (its CASCADE owner) and goes with it;
- `PROTECT`: deleting the record is refused (`RecordInUse`, listing the row), nothing changes,
  and with a replacement named the row refers to the replacement, then the record goes;
- `LINK`: a many-to-many link, refused and replaceable the same way (never removed unasked);
- `DETACH`: a link only the owner's own save clears (a statement's agenda item when the
  meeting's agenda loses it; a person's login when the login is deleted); the services
  refuse to delete such a record while it is linked.
"""

from __future__ import annotations

import inspect

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

import tests.factories as factories
from ccwg.core.apps import RECORD_APPS
from ccwg.core.writes import delete_record
from ccwg.errors import RecordInUse
from engagements.models import ProcessMeeting
from reports.models import CheckAcknowledgement, PublishedDocument

PART, PROTECT, LINK, DETACH = "part", "protect", "link", "detach"

RELATIONS: dict[tuple[str, str], str] = {
    ("ccwg.ExternalEvent", "organizer"): PROTECT,
    ("ccwg.ExternalEventLink", "event"): PART,
    ("ccwg.WorkingGroup", "successor"): PROTECT,
    ("ccwg.Chartership", "working_group"): PART,
    ("ccwg.Chartership", "organization"): PROTECT,
    ("ccwg.Chartership", "withdrawal_effective_before"): PROTECT,
    ("ccwg.CharterVersion", "working_group"): PART,
    ("ccwg.Person", "user"): DETACH,
    ("ccwg.Role", "person"): PROTECT,
    ("ccwg.Role", "working_group"): PART,
    ("ccwg.Role", "organization"): PROTECT,
    ("meetings.Meeting", "working_group"): PROTECT,
    ("meetings.Meeting", "icann_meeting"): PROTECT,
    ("meetings.Meeting", "external_event"): PROTECT,
    ("meetings.Meeting", "selected_by"): PROTECT,
    ("meetings.Meeting", "organizations_present"): LINK,
    ("meetings.AgendaItem", "meeting"): PART,
    ("meetings.AgendaItem", "parent"): PART,
    ("meetings.AgendaItemLink", "agenda_item"): PART,
    ("meetings.Attendance", "meeting"): PART,
    ("meetings.Attendance", "person"): PROTECT,
    ("meetings.Attendance", "organization"): PROTECT,
    ("meetings.Speaker", "meeting"): PART,
    ("meetings.Speaker", "person"): PROTECT,
    ("meetings.Statement", "meeting"): PART,
    ("meetings.Statement", "agenda_item"): DETACH,
    ("meetings.Statement", "source"): PROTECT,
    ("meetings.Statement", "author"): PROTECT,
    ("meetings.Statement", "concerns_charter"): PROTECT,
    ("meetings.Outcome", "meeting"): PART,
    ("meetings.ActionItem", "meeting"): PART,
    ("meetings.ActionItem", "agenda_item"): DETACH,
    ("meetings.ActionItem", "owner"): PROTECT,
    ("meetings.MeetingLink", "meeting"): PART,
    ("engagements.ExternalProcess", "body"): PROTECT,
    # Held by ProcessMeeting's rows (its `event` is protected, its `process` a part).
    ("engagements.ExternalProcess", "events"): LINK,
    ("engagements.ProcessMeeting", "process"): PART,
    ("engagements.ProcessMeeting", "event"): PROTECT,
    ("engagements.ExternalProcessLink", "process"): PART,
    ("engagements.ProcessInput", "process"): PROTECT,
    ("engagements.ProcessInput", "working_group"): PROTECT,
    ("engagements.ProcessInput", "requested_by"): PROTECT,
    ("engagements.ProcessInput", "for_event"): PROTECT,
    ("engagements.ProcessInput", "discussed_at"): LINK,
    ("engagements.ProcessInputLink", "process_input"): PART,
    ("engagements.Threat", "working_group"): PROTECT,
    ("engagements.Threat", "next_milestone_event"): PROTECT,
    ("engagements.Threat", "processes"): LINK,
    ("reports.AnnualReport", "working_group"): PROTECT,
    ("reports.AnnualReport", "published_by"): PROTECT,
    ("reports.PublishedDocument", "report"): PART,
    ("reports.CheckAcknowledgement", "report"): PART,
    ("reports.CheckAcknowledgement", "acknowledged_by"): PROTECT,
    ("reports.ReportBlockEdit", "report"): PART,
    ("reports.ReportBlockEdit", "edited_by"): PROTECT,
    ("members.CalendarToken", "user"): PART,
}

ON_DELETE = {PART: models.CASCADE, PROTECT: models.PROTECT, DETACH: models.SET_NULL}
APPS = (*RECORD_APPS, "members")


def project_relations() -> dict[tuple[str, str], models.Field]:
    found = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue  # simple_history's copies keep no relation of their own
            for field in model._meta.get_fields():
                if field.concrete and (field.many_to_one or field.one_to_one or field.many_to_many):
                    found[(model._meta.label, field.name)] = field
    return found


def test_every_relation_is_declared():
    found = project_relations()
    assert set(found) - set(RELATIONS) == set(), "declare the new relations in RELATIONS"
    assert set(RELATIONS) - set(found) == set(), "relations declared that no longer exist"
    for key, field in found.items():
        policy = RELATIONS[key]
        if policy == LINK:
            assert field.many_to_many, key
        else:
            assert field.remote_field.on_delete is ON_DELETE[policy], key


# --- Building a row of each relation -------------------------------------------------------


def factory_of(model: type[models.Model]):
    if model is get_user_model():
        return factories.UserFactory
    name = f"{model.__name__}Factory"
    if model.__name__ == "AnnualReport":
        name = "DraftReportFactory"
    return getattr(factories, name, None)


def make(model: type[models.Model], **values):
    if model is ProcessMeeting:
        values.setdefault("process", factories.ExternalProcessFactory())
        values.setdefault("event", factories.ExternalEventFactory())
        return ProcessMeeting.objects.create(**values)
    if model is PublishedDocument:
        values.setdefault("report", factories.DraftReportFactory())
        return PublishedDocument.objects.create(
            format="md", content=b"x", sha256="0" * 64, size=1, **values
        )
    if model is CheckAcknowledgement:
        values.setdefault("report", factories.DraftReportFactory())
        values.setdefault("acknowledged_by", factories.UserFactory())
        return CheckAcknowledgement.objects.create(check_key="k", reason="Accepted.", **values)
    if model._meta.label == "members.CalendarToken":
        values.setdefault("user", factories.UserFactory())
        return model.objects.create(**values)
    factory = factory_of(model)
    assert factory is not None, f"no factory for {model.__name__}"
    return factory(**values)


def make_pair(key: tuple[str, str]):
    """(the record pointed to, the row pointing to it)."""
    field = project_relations()[key]
    target_model = field.related_model
    target = make(target_model)
    model = field.model
    if field.many_to_many:
        through = field.remote_field.through
        if not through._meta.auto_created:
            return target, None
        row = make(model)
        getattr(row, field.name).add(target)
        return target, row
    extra = {}
    if key[1] in {"parent", "agenda_item"} and hasattr(model, "meeting"):
        extra["meeting"] = target.meeting  # a part of the same meeting
    if key == ("meetings.Meeting", "external_event"):
        extra["kind"] = "workshop"
    return target, make(model, **{field.name: target}, **extra)


def refers(row, key, target) -> bool:
    field = project_relations()[key]
    if field.many_to_many:
        return getattr(row, field.name).filter(pk=target.pk).exists()
    return getattr(row, field.attname) == target.pk


def exists(obj) -> bool:
    return type(obj)._base_manager.filter(pk=obj.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(RELATIONS), ids=lambda k: ".".join(k))
def test_deleting_what_a_row_points_to(key):
    policy = RELATIONS[key]
    target, row = make_pair(key)
    if row is None:  # a many-to-many through a model of ours: its foreign keys are tested
        through = project_relations()[key].remote_field.through
        assert (through._meta.label, "event") in RELATIONS
        return
    if policy == PART:
        delete_record(target)
        assert not exists(target) and not exists(row)
        return

    with pytest.raises(RecordInUse) as refused:
        delete_record(target)
    assert row in refused.value.referrers
    assert exists(target) and exists(row)
    row.refresh_from_db()
    assert refers(row, key, target)

    if policy == DETACH:
        # Only the owner's own write clears the link (the meeting's agenda, the user admin).
        target.delete()
        row.refresh_from_db()
        assert exists(row) and getattr(row, project_relations()[key].attname) is None
        return

    replacement = make(type(target))
    delete_record(target, replace_with=replacement)
    assert not exists(target)
    row.refresh_from_db()
    assert refers(row, key, replacement)


# --- Through the API and the admin, as the issue found them -----------------------------------


@pytest.mark.django_db
def test_api_refuses_deleting_a_person_who_owns_an_action_item(staff_api):
    action = factories.ActionItemFactory(owner=factories.PersonFactory())
    person = action.owner
    response = staff_api.delete(f"/api/v1/people/{person.pk}/")
    assert response.status_code == 409
    body = response.json()
    assert "cannot be deleted" in body["detail"]
    [entry] = body["referred_to_by"]
    assert entry["kind"] == "action item" and entry["id"] == action.pk
    # An action item is part of its meeting: the link is the meeting's API address.
    assert entry["url"].endswith(f"/api/v1/meetings/{action.meeting_id}/")
    assert entry["admin_url"].endswith(f"/admin/meetings/actionitem/{action.pk}/change/")
    action.refresh_from_db()
    assert action.owner == person


@pytest.mark.django_db
def test_api_refuses_removing_an_organization_from_meetings_unless_replaced(staff_api):
    bwg = factories.OrganizationFactory(acronym="BWG-IG")
    meetings = [factories.MeetingFactory(), factories.MeetingFactory()]
    for meeting in meetings:
        meeting.organizations_present.add(bwg)
    response = staff_api.delete("/api/v1/organizations/BWG-IG/")
    assert response.status_code == 409
    listed = {entry["url"].rsplit("/api/v1/", 1)[1] for entry in response.json()["referred_to_by"]}
    assert listed == {f"meetings/{m.pk}/" for m in meetings}
    assert all(m.organizations_present.filter(pk=bwg.pk).exists() for m in meetings)

    assert staff_api.delete("/api/v1/organizations/BWG-IG/?replace_with=NOPE").status_code == 400
    other = factories.OrganizationFactory(acronym="ISOC")
    response = staff_api.delete("/api/v1/organizations/BWG-IG/?replace_with=ISOC")
    assert response.status_code == 204
    for meeting in meetings:
        assert list(meeting.organizations_present.values_list("acronym", flat=True)) == ["ISOC"]
    assert not type(bwg).objects.filter(pk=bwg.pk).exists()
    assert other.pk  # still there


@pytest.mark.django_db
def test_api_refuses_deleting_an_icann_meeting_in_use(staff_api):
    meeting = factories.FaceToFaceMeetingFactory()
    number = meeting.icann_meeting.number
    response = staff_api.delete(f"/api/v1/icann-meetings/{number}/")
    assert response.status_code == 409
    assert response.json()["referred_to_by"][0]["url"].endswith(f"/api/v1/meetings/{meeting.pk}/")


@pytest.mark.django_db
def test_api_replace_with_on_a_kind_nothing_refers_to_is_a_400(staff_api):
    report = factories.DraftReportFactory()
    response = staff_api.delete(f"/api/v1/reports/{report.pk}/?replace_with=1")
    assert response.status_code == 400 and "replace_with" in response.json()


@pytest.mark.django_db
def test_admin_lists_what_refers_to_a_person_and_refuses(admin_client):
    statement = factories.StatementFactory(source=None, author=factories.PersonFactory())
    person = statement.author
    url = f"/admin/ccwg/person/{person.pk}/delete/"
    page = admin_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "cannot be deleted" in text
    assert f"/admin/meetings/statement/{statement.pk}/change/" in text
    assert "Yes, I’m sure" not in text
    # Confirming anyway deletes nothing and is no 500.
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    statement.refresh_from_db()
    assert statement.author == person


@pytest.mark.django_db
def test_admin_deletes_with_a_replacement_chosen(admin_client):
    statement = factories.StatementFactory(source=None, author=factories.PersonFactory())
    person, other = statement.author, factories.PersonFactory(full_name="Someone Else")
    url = f"/admin/ccwg/person/{person.pk}/delete/"
    assert f'<option value="{other.pk}">' in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"replace_with": str(other.pk)})
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.author == other
    assert not type(person).objects.filter(pk=person.pk).exists()


@pytest.mark.django_db
def test_admin_lists_meetings_an_organization_was_present_at(admin_client):
    organization = factories.OrganizationFactory()
    meeting = factories.MeetingFactory()
    meeting.organizations_present.add(organization)
    page = admin_client.get(f"/admin/ccwg/organization/{organization.pk}/delete/")
    assert page.status_code == 200
    assert f"/admin/meetings/meeting/{meeting.pk}/change/" in page.content.decode()
    admin_client.post(f"/admin/ccwg/organization/{organization.pk}/delete/", {"post": "yes"})
    assert meeting.organizations_present.filter(pk=organization.pk).exists()


@pytest.mark.django_db
def test_admin_bulk_delete_refuses_too(admin_client):
    statement = factories.StatementFactory(source=None, author=factories.PersonFactory())
    response = admin_client.post(
        "/admin/ccwg/person/",
        {"action": "delete_selected", "_selected_action": [statement.author_id], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    statement.refresh_from_db()
    assert statement.author_id is not None


def test_every_delete_service_accepts_a_replacement():
    from ccwg.core import services as core
    from engagements import services as engagements
    from meetings import services as meetings

    for module in (core, meetings, engagements):
        for name, function in vars(module).items():
            if name.startswith("delete_") and inspect.isfunction(function):
                assert "replace_with" in inspect.signature(function).parameters, name
