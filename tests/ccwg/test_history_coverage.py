"""Every record model keeps its history (who, when, what), deletions included: a model added
to one of our apps without `HistoricalRecords` fails here unless it is declared exempt."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from ccwg.core.apps import RECORD_APPS
from tests.factories import ExternalEventLinkFactory

#: Our apps (labels).
OUR_APPS = (*RECORD_APPS, "members", "sample", "archive")

#: Models without history, and why.
EXEMPT = {
    "reports.publisheddocument": "frozen bytes written once by publishing and never changed; "
    "the report's own history records who published it and when",
    "members.calendartoken": "a secret key, not a record; issuing a new one revokes the old",
    "ccwg.message": "a sent mail, written by the mail services and the worker only: it is "
    "its own log (queued, sent, attempts, the last error)",
}


def _is_history_table(model: type[models.Model]) -> bool:
    return hasattr(model, "instance_type") or model.__name__.startswith("Historical")


def record_models() -> list[type[models.Model]]:
    found = []
    for label in OUR_APPS:
        if not apps.is_installed(apps.get_app_config(label).name):
            continue
        for model in apps.get_app_config(label).get_models():
            if model._meta.proxy or model._meta.abstract or _is_history_table(model):
                continue
            found.append(model)
    return found


def test_the_list_of_record_models_is_not_empty():
    labels = {m._meta.label_lower for m in record_models()}
    assert {"meetings.meeting", "ccwg.person", "reports.annualreport"} <= labels


@pytest.mark.parametrize("model", record_models(), ids=lambda m: m._meta.label_lower)
def test_every_record_model_keeps_history(model):
    label = model._meta.label_lower
    if label in EXEMPT:
        assert not hasattr(model._meta, "simple_history_manager_attribute"), (
            f"{label} has history now: remove it from EXEMPT"
        )
        return
    assert hasattr(model._meta, "simple_history_manager_attribute"), (
        f"{label} keeps no history: add HistoricalRecords() (with a migration) or declare "
        "it in EXEMPT with the reason"
    )
    history = getattr(model, model._meta.simple_history_manager_attribute).model
    assert {"history_user", "history_date", "history_type"} <= {
        f.name for f in history._meta.fields
    }
    # A many-to-many of the record is part of what changed.
    tracked = {f.name for f in history._history_m2m_fields}
    for field in model._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            assert field.name in tracked, f"{label}.{field.name} changes are not in its history"


def test_exemptions_name_existing_models():
    for label in EXEMPT:
        assert apps.get_model(label) is not None


def test_a_deletion_through_the_api_is_kept_with_who_and_when(staff, staff_api):
    link = ExternalEventLinkFactory()
    url = reverse("api-external-event-detail", args=[link.event_id])
    response = staff_api.patch(url, {"links": []}, format="json")
    assert response.status_code == 200, response.content
    deleted = type(link).history.get(id=link.pk, history_type="-")
    assert (deleted.title, deleted.history_user) == (link.title, staff)
    assert deleted.history_date is not None
