"""Staff can browse and edit every record in the admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

from ccwg.core.apps import RECORD_APPS
from meetings.models import Meeting
from tests.factories import AttendanceFactory, TeleconferenceFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)
#: The apps whose every model gets a record from the `admin_records` fixture.
RECORDED_APPS = set(RECORD_APPS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_changelist_and_add_page_renders(superuser_client, admin_records, model, rf):
    opts = model._meta
    changelist = superuser_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    )
    assert changelist.status_code == 200
    add = superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    # Some admins are read-only (axes' sign-in attempts): their add page refuses, as it says.
    request = rf.get("/")
    request.user = add.wsgi_request.user
    addable = admin.site._registry[model].has_add_permission(request)
    assert add.status_code == (200 if addable else 403)
    first = model.objects.first()
    if opts.app_label in RECORDED_APPS:
        assert first is not None, "admin_records makes no record of this model"
    if first is not None:
        change = superuser_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
        )
        assert change.status_code == 200


def test_meeting_page_shows_agenda_and_attendance(superuser_client, admin_records):
    meeting = Meeting.objects.get(starts_at__date="2017-02-02")
    page = superuser_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    html = page.content.decode()
    assert "IGF Community Public Consultation - ICANN Comment" in html
    listing = superuser_client.get(reverse("admin:meetings_meeting_changelist"))
    assert "15 (17, inc. staff)" in listing.content.decode()


def test_meeting_changelist_query_count_is_flat(
    superuser_client, admin_records, django_assert_max_num_queries
):
    group = admin_records["group"]
    for _ in range(10):  # more meetings than the 2017 sample holds, with listed attendance
        AttendanceFactory.create_batch(2, meeting=TeleconferenceFactory(working_group=group))
        WorkshopFactory(working_group=group)
    assert Meeting.objects.count() > 20
    with django_assert_max_num_queries(15):
        superuser_client.get(reverse("admin:meetings_meeting_changelist"))


def test_members_cannot_use_the_admin(member_client):
    response = member_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_demo_staff_can_edit_records(client, admin_records):
    from django.core.management import call_command

    call_command("create_demo_users", verbosity=0)
    assert client.login(username="demo-staff", password="demo-staff-pass")
    response = client.get(reverse("admin:meetings_meeting_changelist"))
    assert response.status_code == 200
    assert client.login(username="demo-member", password="demo-member-pass")
    assert client.get(reverse("admin:index")).status_code == 302
