"""Every factory and variant of tests.factories makes records valid by the model's own rules,
and each variant is the kind of record its name says."""

from __future__ import annotations

import datetime as dt
import inspect

import factory
import pytest

from ccwg.core.models import Chartership, OrganizationKind
from meetings.models import MeetingKind, MeetingStatus
from reports.checks import findings_for_report
from reports.models import AnnualReport, ReportStatus
from tests import factories
from tests.factories import core, engagements, meetings, reports

pytestmark = pytest.mark.django_db

MODULES = (core, meetings, engagements, reports)


def _defined_in(module) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if inspect.isclass(value)
        and issubclass(value, factory.django.DjangoModelFactory)
        and value.__module__ == module.__name__
    }


def test_the_package_re_exports_every_factory_of_every_module():
    defined = set().union(*(_defined_in(module) for module in MODULES))
    assert set(factories.__all__) == defined
    assert all(getattr(factories, name) is not None for name in factories.__all__)


@pytest.mark.parametrize("name", factories.__all__)
def test_every_factory_makes_records_that_pass_full_clean(name, monkeypatch):
    """Two records from each (sequences keep them apart), each passes `full_clean()`.

    A published report refuses every `full_clean()` by design (it is frozen); with the freeze
    lifted, it must pass every other rule of the model."""
    made = getattr(factories, name).create_batch(2)
    for record in made:
        if isinstance(record, AnnualReport) and record.is_published:
            monkeypatch.setattr(AnnualReport, "_refuse_if_stored_as_published", lambda self: None)
        record.full_clean()


def _covers(place, meeting) -> bool:
    return place.starts_on <= meeting.starts_at.date() <= place.ends_on


def test_meeting_variants():
    call = factories.TeleconferenceFactory()
    assert (call.kind, call.status) == (MeetingKind.TELECONFERENCE, MeetingStatus.HELD)
    assert call.attendance_members is not None

    face_to_face = factories.FaceToFaceMeetingFactory()
    assert face_to_face.kind == MeetingKind.FACE_TO_FACE
    assert _covers(face_to_face.icann_meeting, face_to_face)
    assert face_to_face.location == face_to_face.icann_meeting.city
    icann = factories.IcannMeetingFactory(
        number=59, starts_on=dt.date(2017, 6, 26), ends_on=dt.date(2017, 6, 29)
    )
    assert factories.FaceToFaceMeetingFactory(icann_meeting=icann).starts_at.date() == (
        dt.date(2017, 6, 26)
    )

    session = factories.PublicSessionFactory()
    assert session.kind == MeetingKind.PUBLIC_SESSION and _covers(session.icann_meeting, session)

    workshop = factories.WorkshopFactory()
    assert workshop.kind == MeetingKind.WORKSHOP and workshop.icann_meeting is None
    assert _covers(workshop.external_event, workshop)

    planned = factories.PlannedMeetingFactory()
    assert planned.status == MeetingStatus.PLANNED and planned.starts_at is None
    assert (planned.members_present, planned.total_present) == (None, None)
    assert factories.PlannedMeetingFactory(planned=False).status == MeetingStatus.HELD


@pytest.mark.parametrize("trait", ["planned", "proposed", "accepted", "cancelled"])
@pytest.mark.parametrize(
    "variant",
    ["MeetingFactory", "FaceToFaceMeetingFactory", "PublicSessionFactory", "WorkshopFactory"],
)
def test_status_traits_apply_to_every_meeting_variant(variant, trait):
    meeting = getattr(factories, variant)(**{trait: True})
    meeting.full_clean()
    assert meeting.status == trait
    assert (meeting.starts_at is not None) == (trait == "cancelled")
    assert (meeting.members_present, meeting.total_present) == (None, None)


def test_organization_variants():
    kinds = {
        factories.SupportingOrganizationFactory: OrganizationKind.SO,
        factories.AdvisoryCommitteeFactory: OrganizationKind.AC,
        factories.IcannBodyFactory: OrganizationKind.ICANN,
        factories.ExternalBodyFactory: OrganizationKind.EXTERNAL,
    }
    assert {variant: variant().kind for variant in kinds} == kinds


def test_chartership_variants():
    withdrawn = factories.WithdrawnChartershipFactory()
    assert withdrawn.withdrawal_decided_on < withdrawn.withdrew_on
    active = Chartership.objects.filter(pk=withdrawn.pk).active_on
    assert active(withdrawn.withdrew_on - dt.timedelta(days=1)).exists()
    assert not active(withdrawn.withdrew_on).exists()

    withdrawing = factories.WithdrawingChartershipFactory()
    first_day = withdrawing.withdrawal_effective_before.starts_on
    assert withdrawing.withdrew_on is None
    assert withdrawing.effective_end == first_day
    active = Chartership.objects.filter(pk=withdrawing.pk).active_on
    assert active(first_day - dt.timedelta(days=1)).exists()
    assert not active(first_day).exists()


def test_report_variants(staff):
    draft = factories.DraftReportFactory()
    assert draft.status == ReportStatus.DRAFT and draft.introduction
    assert findings_for_report(draft) == []

    published = factories.PublishedReportFactory(published_by=staff, publish_note="Sent.")
    assert published.is_published and published.published_by == staff
    assert published.publish_note == "Sent."
    assert published.published_despite_errors is False
    assert sorted(published.documents.values_list("format", flat=True)) == [
        "docx",
        "html",
        "md",
        "pdf",
    ]
    assert AnnualReport.objects.get(pk=published.pk).is_published
    with pytest.raises(TypeError, match="create"):
        factories.PublishedReportFactory.build()
