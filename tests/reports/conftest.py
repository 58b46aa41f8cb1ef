"""Fixtures of the report tests: the 2017 sample report rendered once per module."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction

from reports.assembly import assemble_for_report
from reports.models import AnnualReport
from reports.renderers import FORMATS, render


@pytest.fixture
def sample_report(sample_data) -> AnnualReport:
    return AnnualReport.objects.select_related("working_group").get(
        working_group__acronym="CCWG-IG", year=2017
    )


@pytest.fixture(scope="module")
def sample_rendered(django_db_setup, django_db_blocker):
    """(data, {format: bytes}) of the 2017 sample report, rendered once for the module;
    the records are rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_sample_data", verbosity=0)
        report = AnnualReport.objects.get(working_group__acronym="CCWG-IG", year=2017)
        data = assemble_for_report(report)
        documents = {fmt: render(data, fmt) for fmt in FORMATS}
        transaction.set_rollback(True)
    return data, documents
