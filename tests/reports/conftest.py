"""Fixtures of the report tests: small reports built from factories, and the 2017 sample
report (rendered once per module) for the tests that compare against the reference."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction

from reports.assembly import ReportData
from reports.drafts import assemble_for_report, assemble_with_findings
from reports.models import AnnualReport
from reports.renderers import FORMATS, render
from tests.factories import (
    AgendaItemFactory,
    DraftReportFactory,
    FaceToFaceMeetingFactory,
    IcannMeetingFactory,
    TeleconferenceFactory,
    WorkingGroupFactory,
)
from tests.reports.helpers import docx_text, html_text, md_text, normalize, pdf_text

#: The sentence of the narrative that places the group's own meetings in another year.
OTHER_YEAR_SENTENCE = "The CCWG-IG held face-to-face meetings in 2016 at every ICANN meeting."


def _small_report(**narrative) -> AnnualReport:
    """The CCWG-IG's 2017 draft over a few records: ICANN 59 (a “Meeting B”, without a
    public session of the group) and one teleconference on 2 February 2017, 15 members
    present (17 with staff), with its agenda."""
    group = WorkingGroupFactory(
        acronym="CCWG-IG", name="Cross Community Working Group on Internet Governance"
    )
    IcannMeetingFactory(
        number=59,
        city="Johannesburg",
        country="South Africa",
        starts_on=dt.date(2017, 6, 26),
        ends_on=dt.date(2017, 6, 29),
        format="B",
    )
    call = TeleconferenceFactory(
        working_group=group,
        starts_at=dt.datetime(2017, 2, 2, 14, tzinfo=dt.UTC),
        members_present=15,
        total_present=17,
    )
    AgendaItemFactory(
        meeting=call, title="IGF Community Public Consultation - ICANN Comment", position=1
    )
    return DraftReportFactory(working_group=group, **narrative)


@pytest.fixture
def draft_report(db) -> AnnualReport:
    """A small draft report whose checks find nothing (see `_small_report`)."""
    return _small_report()


@pytest.fixture
def report_with_open_error(db) -> AnnualReport:
    """A small draft report whose checks find one error and one warning, the kinds of the
    reference's mistakes: a face-to-face meeting at ICANN 59 (26-29 June 2017) dated 15 March
    2017, and a narrative sentence placing the group's meetings in 2016."""
    report = _small_report(internal_work_intro=OTHER_YEAR_SENTENCE)
    misdated = FaceToFaceMeetingFactory(
        working_group=report.working_group,
        icann_meeting=IcannMeetingFactory(number=59),
        starts_at=dt.datetime(2017, 3, 15, 12, 45, tzinfo=dt.UTC),
    )
    AgendaItemFactory(meeting=misdated, title="Discussions with BWG-IG", position=1)
    return report


@pytest.fixture
def sample_report(sample_data) -> AnnualReport:
    return AnnualReport.objects.select_related("working_group").get(
        working_group__acronym="CCWG-IG", year=2017
    )


@contextmanager
def _sample_report_loaded(django_db_blocker) -> Iterator[AnnualReport]:
    """The 2017 sample loaded in a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_sample_data", verbosity=0)
        yield AnnualReport.objects.get(working_group__acronym="CCWG-IG", year=2017)
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def sample_assembled(django_db_setup, django_db_blocker) -> ReportData:
    """The assembled data of the 2017 sample report as the records generate it (staff's
    edits of its words not applied: `sample_markdown` has them), once for the module (it is
    frozen); the records are rolled back afterwards."""
    with _sample_report_loaded(django_db_blocker) as report:
        return assemble_with_findings(report, edited=False)[0]


@pytest.fixture(scope="module")
def sample_rendered(django_db_setup, django_db_blocker):
    """(data, {format: bytes}) of the 2017 sample report, rendered once for the module;
    the records are rolled back afterwards."""
    with _sample_report_loaded(django_db_blocker) as report:
        data = assemble_for_report(report)
        documents = {fmt: render(data, fmt) for fmt in FORMATS}
    return data, documents


@pytest.fixture(scope="module")
def sample_markdown(django_db_setup, django_db_blocker) -> dict[str, str]:
    """The 2017 sample report's Markdown with staff's edits ("edited") and without them
    ("generated"), findings not marked; the records are rolled back afterwards."""
    with _sample_report_loaded(django_db_blocker) as report:
        out = {}
        for name, edited in (("edited", True), ("generated", False)):
            data, _ = assemble_with_findings(report, findings_marked=False, edited=edited)
            out[name] = render(data, "md").decode()
        return out


@pytest.fixture(scope="module")
def sample_texts(django_db_setup, django_db_blocker) -> dict[str, str]:
    """The text of each format of the 2017 sample report with staff's edits, findings not
    marked, normalised (`helpers.normalize`)."""
    extract = {"md": md_text, "html": html_text, "pdf": pdf_text, "docx": docx_text}
    with _sample_report_loaded(django_db_blocker) as report:
        data, _ = assemble_with_findings(report, findings_marked=False)
        return {fmt: normalize(extract[fmt](render(data, fmt))) for fmt in FORMATS}
