"""Factories of annual reports (`reports`): a bare record, a draft with its narrative, and a
report published through the real service."""

import datetime as dt

import factory

from reports.models import AnnualReport, ReportBlockEdit
from reports.services import publish_report
from tests.factories.core import StaffFactory, WorkingGroupFactory


class AnnualReportFactory(factory.django.DjangoModelFactory):
    """A group's draft report on 2017, without narrative."""

    class Meta:
        model = AnnualReport

    working_group = factory.SubFactory(WorkingGroupFactory)
    year = 2017
    period_start = factory.LazyAttribute(lambda r: dt.date(r.year, 1, 1))
    period_end = factory.LazyAttribute(lambda r: dt.date(r.year, 12, 31))


class DraftReportFactory(AnnualReportFactory):
    """A draft report with every part of its narrative written (none names a year, so the
    narrative checks find nothing in it)."""

    introduction = "This report covers the group's work on *Internet governance* processes."
    internal_work_intro = "The group met by teleconference and at ICANN meetings."
    way_forward = "The group will report on its new structure.\n\n- Resources\n- Charter"
    threats_intro = "The group watched proposals that touch ICANN's mission."


class PublishedReportFactory(DraftReportFactory):
    """A draft published through `reports.services.publish_report`: its four documents are
    rendered and stored, and it is frozen. Give `published_by` (staff by default),
    `publish_note`, and `confirm_errors=True` to publish despite the checks' errors.

    Only `create()` makes one: a published report exists only once published.
    """

    published_by = factory.SubFactory(StaffFactory)
    publish_note = ""
    confirm_errors = False

    @classmethod
    def _create(cls, model_class, *args, published_by, publish_note, confirm_errors, **kwargs):
        draft = super()._create(model_class, *args, **kwargs)
        return publish_report(
            report=draft, user=published_by, confirm_errors=confirm_errors, note=publish_note
        )

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise TypeError("A published report is made by publishing it: use create().")


class ReportBlockEditFactory(factory.django.DjangoModelFactory):
    """Staff's title for section 1 of a draft (`heading/1`, which every report has), written
    when the records generated "Introduction"."""

    class Meta:
        model = ReportBlockEdit

    report = factory.SubFactory(AnnualReportFactory)
    key = "heading/1"
    text = "Preface"
    omitted = False
    generated_at_edit = "Introduction"
    edited_by = factory.SubFactory(StaffFactory)
