"""The staff's admin site: the index leads with their tasks, child tables leave it (their
URLs stay), and people, groups and organizations are picked by autocomplete, exact first."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from ccwg.admin_site import CcwgAdminSite
from ccwg.core.models import Organization, Person, WorkingGroup
from meetings.models import Meeting

pytestmark = pytest.mark.django_db

#: Tables edited only inside their owner's page.
CHILD_TABLES = {
    "meetings.AgendaItem",
    "meetings.AgendaItemLink",
    "meetings.MeetingLink",
    "meetings.Attendance",
    "meetings.Speaker",
    "meetings.Statement",
    "meetings.Outcome",
    "meetings.ActionItem",
    "ccwg.Chartership",
    "ccwg.CharterVersion",
    "ccwg.Role",
    "ccwg.ExternalEventLink",
    "engagements.ExternalProcessLink",
    "engagements.ProcessInputLink",
}


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


def test_the_default_site_is_the_staff_s_site():
    assert isinstance(admin.site._wrapped if hasattr(admin.site, "_wrapped") else admin.site,
                      CcwgAdminSite)  # fmt: skip
    assert reverse("admin:index") == "/admin/"


def test_the_index_leads_with_the_staff_s_tasks(superuser_client, sample_data):
    page = superuser_client.get(reverse("admin:index"))
    text = page.content.decode()
    record = text.index("Record a meeting")
    assert record < text.index("All records")
    assert f"{reverse('admin:meetings_meeting_add')}?kind=teleconference" in text
    last = Meeting.objects.filter(kind="teleconference").order_by("-starts_at").first()
    assert f"?like={last.pk}" in text and "Next CCWG-IG call, like the one of 17 Oct 2017" in text
    # 12 dated meetings: the Johannesburg face-to-face meeting's day is unknown (undated)
    assert "CCWG-IG</strong>: 12 meetings in 2017" in text
    # the sample's one open finding: the reference's "in 2016" (a warning)
    assert "Draft reports" in text and "CCWG-IG 2017" in text and "1 warning open" in text
    listed = {model["object_name"] for app in page.context["app_list"] for model in app["models"]}
    assert {"Meeting", "WorkingGroup", "Person", "Organization", "AnnualReport"} <= listed
    assert not listed & {label.split(".")[1] for label in CHILD_TABLES}


@pytest.mark.parametrize("label", sorted(CHILD_TABLES))
def test_child_tables_stay_reachable(superuser_client, label):
    app_label, name = label.split(".")
    url = reverse(f"admin:{app_label}_{name.lower()}_changelist")
    assert superuser_client.get(url).status_code == 200


def _picks(field) -> bool:
    return isinstance(field, models.ForeignKey | models.ManyToManyField) and (
        field.related_model in (Person, WorkingGroup, Organization)
    )


def _shown_fields(model, model_admin) -> set[str]:
    """The fields the admin's form shows (its fields or fieldsets, else every editable one)."""
    names: set[str] = set()
    declared = list(model_admin.fields or [])
    for _, options in getattr(model_admin, "fieldsets", None) or []:
        declared += list(options["fields"])
    if not declared:
        return {f.name for f in model._meta.get_fields() if getattr(f, "editable", False)}
    for name in declared:
        names.update(name if isinstance(name, tuple | list) else [name])
    return names


def _pickers():
    """(where, field name) of every person, group or organization an admin page picks."""
    for model, model_admin in admin.site._registry.items():
        admins = [(model._meta.label, model, model_admin, None)]
        admins += [
            (f"{model._meta.label} inline {inline.__name__}", inline.model, inline, model)
            for inline in model_admin.inlines
        ]
        for where, shown_model, shown_admin, owner in admins:
            for name in _shown_fields(shown_model, shown_admin) - set(shown_admin.readonly_fields):
                try:
                    field = shown_model._meta.get_field(name)
                except Exception:
                    continue
                if not isinstance(field, models.ForeignKey | models.ManyToManyField):
                    continue
                if field.related_model not in (Person, WorkingGroup, Organization):
                    continue
                if owner is not None and field.related_model is owner:
                    continue  # an inline's key to the record it is shown in
                yield where, name, name in shown_admin.autocomplete_fields


def test_people_groups_and_organizations_are_picked_by_autocomplete_everywhere():
    pickers = list(_pickers())
    assert ("meetings.Meeting", "working_group", True) in pickers
    assert [f"{where}.{name}" for where, name, autocomplete in pickers if not autocomplete] == []


@pytest.mark.parametrize(
    ("model_name", "term", "first"),
    [
        ("workinggroup", "CCWG-IG", "CCWG-IG"),
        ("workinggroup", "ccwg-ig", "CCWG-IG"),
        ("workinggroup", "CWG-IG", "CCWG-IG"),
        ("organization", "GNSO", "GNSO"),
        ("person", "ann lee", "Ann Lee"),
    ],
)
def test_autocomplete_ranks_the_exact_match_first(superuser_client, model_name, term, first):
    WorkingGroup.objects.create(
        acronym="CCEG-IG", name="Cross-Community Engagement Group", kind="ccwg",
        description="Proposed by the CCWG-IG to take over its work.",
    )  # fmt: skip
    WorkingGroup.objects.create(acronym="CCWG-IG", name="Cross Community WG on IG", kind="ccwg")
    Organization.objects.create(acronym="GNSOC", name="GNSO Council", kind="so")
    Organization.objects.create(acronym="GNSO", name="Generic Names SO", kind="so")
    Person.objects.create(full_name="Ann Leeds")
    Person.objects.create(full_name="Ann Lee")
    field = {"workinggroup": "working_group", "organization": "selected_by", "person": None}
    if field[model_name] is not None:
        params = {
            "term": term,
            "app_label": "meetings",
            "model_name": "meeting",
            "field_name": field[model_name],
        }
    else:
        params = {
            "term": term,
            "app_label": "meetings",
            "model_name": "statement",
            "field_name": "author",
        }
    results = superuser_client.get(reverse("admin:autocomplete"), params).json()["results"]
    assert results[0]["text"].startswith(first), results
