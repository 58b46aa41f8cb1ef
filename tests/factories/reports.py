"""Factories of annual reports (`reports`)."""

import datetime as dt

import factory

from reports.models import AnnualReport
from tests.factories.core import WorkingGroupFactory


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport

    working_group = factory.SubFactory(WorkingGroupFactory)
    year = 2017
    period_start = factory.LazyAttribute(lambda r: dt.date(r.year, 1, 1))
    period_end = factory.LazyAttribute(lambda r: dt.date(r.year, 12, 31))
