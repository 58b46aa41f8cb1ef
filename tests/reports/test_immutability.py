"""A published report is immutable at every entry point: the services, the models, the API
and the admin (issue 10, item 5); its stored documents never change."""

from __future__ import annotations

import pytest

from reports import services
from reports.errors import ReportAlreadyPublished, ReportFrozen
from reports.models import AnnualReport, PublishedDocument
from tests.factories import PublishedReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return PublishedReportFactory(title="Frozen title", confirm_errors=True)


def _state(report: AnnualReport) -> tuple:
    report = AnnualReport.objects.get(pk=report.pk)
    documents = sorted(
        (d.format, d.sha256, bytes(d.content))
        for d in PublishedDocument.objects.filter(report=report)
    )
    return report.title, report.status, report.published_at, documents


def test_the_services_refuse(published):
    before = _state(published)
    with pytest.raises(ReportFrozen):
        services.update_report(report=published, title="Changed")
    with pytest.raises(ReportFrozen):
        services.delete_report(report=published)
    with pytest.raises(ReportFrozen):
        services.acknowledge_finding(report=published, key="x", reason="r", user=None)
    with pytest.raises(ReportAlreadyPublished):
        services.publish_report(report=published, user=None, confirm_errors=True)
    assert _state(published) == before


def test_the_models_refuse(published):
    before = _state(published)
    published.title = "Changed"
    with pytest.raises(ReportFrozen):
        published.save()
    document = PublishedDocument.objects.filter(report=published).first()
    document.content = b"tampered"
    with pytest.raises(ReportFrozen):
        document.save()
    with pytest.raises(ReportFrozen):
        document.delete()
    with pytest.raises(ReportFrozen):
        PublishedDocument(
            report=published, format="md", content=b"x", sha256="0" * 64, size=1
        ).save()
    assert _state(published) == before


def test_the_api_refuses(published, staff_api):
    before = _state(published)
    url = f"/api/v1/reports/{published.pk}/"
    assert staff_api.patch(url, {"title": "Changed"}, format="json").status_code == 409
    body = staff_api.get(url).json()
    body["title"] = "Changed"
    assert staff_api.put(url, body, format="json").status_code == 409
    assert staff_api.delete(url).status_code == 409
    assert (
        staff_api.post(url + "publish/", {"confirm_errors": True}, format="json").status_code == 400
    )
    assert _state(published) == before


def test_the_admin_refuses(published, admin_client):
    before = _state(published)
    change = f"/admin/reports/annualreport/{published.pk}/change/"
    page = admin_client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.post(change, {"title": "Changed"}).status_code == 403
    delete = f"/admin/reports/annualreport/{published.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert _state(published) == before


def test_every_entry_point_asks_the_one_rule(published, draft_report, monkeypatch, rf):
    """The services, the model's last line of defence and the admin all read
    `AnnualReport.is_frozen`: declared frozen, a draft is refused everywhere; declared not
    frozen, a published report's record is writable everywhere."""
    from django.contrib import admin
    from django.contrib.auth.models import User

    request = rf.get("/")
    request.user = User(is_staff=True, is_superuser=True)
    report_admin = admin.site._registry[AnnualReport]

    monkeypatch.setattr(AnnualReport, "is_frozen", property(lambda report: True))
    with pytest.raises(ReportFrozen):
        services.update_report(report=draft_report, title="Changed")
    with pytest.raises(ReportFrozen):
        AnnualReport.objects.get(pk=draft_report.pk).save()
    assert not report_admin.has_change_permission(request, draft_report)
    assert not report_admin.has_delete_permission(request, draft_report)

    monkeypatch.setattr(AnnualReport, "is_frozen", property(lambda report: False))
    services.update_report(report=published, title="Changed")
    assert AnnualReport.objects.get(pk=published.pk).title == "Changed"
    assert report_admin.has_change_permission(request, published)
    assert report_admin.has_delete_permission(request, published)
