"""Staff choose the report's structure where the group's style differs from the generated
one (#22): the order of sibling sections, a threat without its sub-heading, a session left
out, a list of links replaced by a sentence, the statements quoted in the table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from reports.block_selectors import report_block
from reports.block_services import edit_block, move_block, omit_block
from reports.drafts import assemble_for_report
from reports.errors import ReportFrozen
from reports.models import StatementsPlacement
from reports.renderers import render
from reports.services import publish_report, start_new_version, update_report
from tests.factories import (
    AgendaItemFactory,
    ExternalBodyFactory,
    ExternalProcessFactory,
    FaceToFaceMeetingFactory,
    IcannMeetingFactory,
    MeetingLinkFactory,
    OutcomeFactory,
    ProcessInputFactory,
    PublicSessionFactory,
    SpeakerFactory,
    StatementFactory,
    ThreatFactory,
)
from tests.reports.helpers import docx_text, html_text, md_text, normalize, pdf_text

pytestmark = pytest.mark.django_db

READERS = {"md": md_text, "html": html_text, "docx": docx_text, "pdf": pdf_text}


def _markdown(report) -> str:
    return render(assemble_for_report(report), "md").decode()


def _processes(report, names=("Alpha", "Beta", "Gamma")):
    body = ExternalBodyFactory(acronym="XB", name="External Body")
    out = []
    for month, name in enumerate(names, start=1):
        process = ExternalProcessFactory(name=f"{name} consultation", body=body)
        ProcessInputFactory(
            process=process,
            working_group=report.working_group,
            requested_on=dt.date(2017, month, 1),
            summary=f"on the {name} consultation",
        )
        out.append(process)
    return out


def _heading_key(process) -> str:
    return f"process/{process.pk}/heading"


def test_staff_place_a_section_among_its_siblings_and_it_is_renumbered(draft_report):
    _alpha, _beta, gamma = _processes(draft_report)
    move_block(report=draft_report, key=_heading_key(gamma), position=1)
    text = _markdown(draft_report)
    assert text.index("2.3.1 Gamma consultation") < text.index("2.3.2 Alpha consultation")
    assert "2.3.3 Beta consultation" in text
    # the contents follow, and link to the new anchors
    assert "[2.3.1 Gamma consultation of the External Body (XB)](#inputs-1)" in text
    block = report_block(draft_report, _heading_key(gamma))
    assert block is not None and block.movable and block.position == 1
    move_block(report=draft_report, key=_heading_key(gamma), position=None)
    assert "2.3.3 Gamma consultation" in _markdown(draft_report)
    assert not draft_report.block_edits.exists()


def test_a_place_past_the_end_puts_the_section_last(draft_report):
    alpha, _beta, _gamma = _processes(draft_report)
    move_block(report=draft_report, key=_heading_key(alpha), position=9)
    text = _markdown(draft_report)
    assert "2.3.1 Beta" in text and "2.3.2 Gamma" in text and "2.3.3 Alpha" in text


def test_only_a_sibling_section_moves(draft_report):
    with pytest.raises(ValidationError) as error:
        move_block(report=draft_report, key="heading/1", position=2)
    assert "position" in error.value.message_dict
    alpha, *_ = _processes(draft_report)
    with pytest.raises(ValidationError):
        move_block(report=draft_report, key=_heading_key(alpha), position=0)


def test_a_threat_without_its_sub_heading_is_printed_under_section_4(draft_report):
    first = ThreatFactory(
        working_group=draft_report.working_group, title="First threat", description="One."
    )
    ThreatFactory(
        working_group=draft_report.working_group, title="Second threat", description="Two."
    )
    omit_block(report=draft_report, key=f"threat/{first.pk}/heading", omitted=True)
    data = assemble_for_report(draft_report)
    assert [h.title for h in data.toc if h.number.startswith("4.")] == ["Second threat"]
    for fmt, read in READERS.items():
        text = normalize(read(render(data, fmt)))
        assert "First threat" not in text, fmt
        assert "One." in text and "4.1 Second threat" in text, fmt


def test_a_session_left_out_is_not_printed(draft_report):
    meeting = FaceToFaceMeetingFactory(
        working_group=draft_report.working_group,
        location="Geneva",
        starts_at=dt.datetime(2017, 5, 3, 9, tzinfo=dt.UTC),
    )
    AgendaItemFactory(meeting=meeting, title="Planning the workshop", position=1)
    assert "Planning the workshop" in _markdown(draft_report)
    omit_block(report=draft_report, key=f"face-to-face/{meeting.pk}/heading", omitted=True)
    text = _markdown(draft_report)
    assert "Planning the workshop" not in text and "##### Geneva" not in text


def test_a_list_of_links_is_one_block_staff_may_word_as_a_sentence(draft_report):
    meeting = FaceToFaceMeetingFactory(
        working_group=draft_report.working_group,
        location="Geneva",
        starts_at=dt.datetime(2017, 5, 3, 9, tzinfo=dt.UTC),
    )
    MeetingLinkFactory(meeting=meeting, title="Schedule page", url="https://example.org/s")
    key = f"face-to-face/{meeting.pk}/links"
    block = report_block(draft_report, key)
    assert block is not None and block.generated == "- [Schedule page](https://example.org/s)"
    edit_block(
        report=draft_report,
        key=key,
        text="For more information, see the [schedule page](https://example.org/s).",
    )
    text = _markdown(draft_report)
    assert "For more information, see the [schedule page](https://example.org/s)." in text
    assert "- [Schedule page]" not in text
    omit_block(report=draft_report, key=key, omitted=True)
    assert "example.org/s" not in _markdown(draft_report)


def test_statements_are_quoted_in_the_table_or_in_annex_a(draft_report):
    call = draft_report.working_group.meetings.get()
    item = call.agenda_items.get()
    StatementFactory(meeting=call, agenda_item=item, text="We support the comment.")
    annexed = _markdown(draft_report)
    assert "Annex A" in annexed
    report = update_report(report=draft_report, statements_placement=StatementsPlacement.TABLE)
    data = assemble_for_report(report)
    assert data.statements_annex is None
    for fmt, read in READERS.items():
        text = normalize(read(render(data, fmt)))
        assert "We support the comment." in text and "Annex A" not in text, fmt
    row = next(line for line in _markdown(report).splitlines() if "2 Feb 2017" in line)
    assert "We support the comment." in row


def test_the_order_is_kept_in_a_new_version_and_frozen_once_published(draft_report, staff):
    alpha, beta, _gamma = _processes(draft_report)
    move_block(report=draft_report, key=_heading_key(beta), position=1)
    published = publish_report(report=draft_report, user=staff)
    with pytest.raises(ReportFrozen):
        move_block(report=published, key=_heading_key(alpha), position=1)
    new = start_new_version(report=published, user=staff)
    assert new.block_edits.get().position == 1
    assert "2.3.1 Beta" in _markdown(new)


def test_position_through_the_api(staff_api, member_api, draft_report):
    _alpha, _beta, gamma = _processes(draft_report)
    url = f"/api/v1/reports/{draft_report.pk}/blocks/{_heading_key(gamma)}/"
    moved = staff_api.patch(url, {"position": 1}, format="json")
    assert moved.status_code == 200, moved.content
    assert moved.json()["position"] == 1 and moved.json()["movable"] is True
    listed = member_api.get(f"/api/v1/reports/{draft_report.pk}/blocks/").json()
    headings = [b for b in listed if b["key"].startswith("process/")]
    assert headings[0]["key"] == _heading_key(gamma) and headings[0]["section"] == "2.3.1"
    bad = staff_api.patch(
        f"/api/v1/reports/{draft_report.pk}/blocks/heading/1/", {"position": 2}, format="json"
    )
    assert bad.status_code == 400 and "position" in bad.json()
    zero = staff_api.patch(url, {"position": 0}, format="json")
    assert zero.status_code == 400 and "position" in zero.json()
    back = staff_api.patch(url, {"position": None}, format="json")
    assert back.status_code == 200 and back.json()["position"] is None


def test_statements_placement_through_the_api(staff_api, draft_report):
    url = f"/api/v1/reports/{draft_report.pk}/"
    changed = staff_api.patch(url, {"statements_placement": "table"}, format="json")
    assert changed.status_code == 200 and changed.json()["statements_placement"] == "table"
    bad = staff_api.patch(url, {"statements_placement": "margin"}, format="json")
    assert bad.status_code == 400 and "statements_placement" in bad.json()


def test_the_words_page_moves_a_section(admin_client, draft_report):
    _alpha, _beta, gamma = _processes(draft_report)
    page = f"/admin/reports/annualreport/{draft_report.pk}/words/"
    shown = admin_client.get(page)
    assert shown.status_code == 200
    assert f'id="position-block-process--{gamma.pk}--heading"' in shown.content.decode()
    moved = admin_client.post(
        page, {"key": _heading_key(gamma), "action": "move", "position": "1"}, follow=True
    )
    assert moved.status_code == 200
    assert "the section is in its new place" in moved.content.decode()
    assert "2.3.1 Gamma" in _markdown(draft_report)
    refused = admin_client.post(
        page, {"key": "heading/1", "action": "move", "position": "2"}, follow=True
    )
    assert "Only a section among sibling sections can be moved" in refused.content.decode()


@pytest.mark.parametrize(
    ("count", "speakers", "conclusions"),
    [
        (1, "Speaker:", "Conclusion from the discussion in the session:"),
        (2, "Speakers:", "Conclusions from the discussion in the session:"),
    ],
)
def test_labels_say_one_or_several(draft_report, count, speakers, conclusions):
    session = PublicSessionFactory(
        working_group=draft_report.working_group,
        icann_meeting=IcannMeetingFactory(
            number=58, starts_on=dt.date(2017, 3, 11), ends_on=dt.date(2017, 3, 16)
        ),
    )
    for _ in range(count):
        SpeakerFactory(meeting=session)
        OutcomeFactory(meeting=session)
    data = assemble_for_report(draft_report)
    for fmt, read in READERS.items():
        lines = read(render(data, fmt)).splitlines()
        assert speakers in [line.strip(" *") for line in lines], fmt
        assert conclusions in [line.strip(" *") for line in lines], fmt


def test_fixed_labels_and_speakers_are_blocks(draft_report):
    session = PublicSessionFactory(
        working_group=draft_report.working_group,
        icann_meeting=IcannMeetingFactory(
            number=58, starts_on=dt.date(2017, 3, 11), ends_on=dt.date(2017, 3, 16)
        ),
    )
    SpeakerFactory(meeting=session, name="Ana Lima")
    SpeakerFactory(meeting=session, name="Bo Chen")
    SpeakerFactory(meeting=session, name="Cy Diaz")
    edit_block(report=draft_report, key="label/speakers", text="Panel:")
    edit_block(report=draft_report, key="label/teleconference_columns/2", text="Present")
    edit_block(
        report=draft_report,
        key=f"icann/ICANN-58/session/{session.pk}/speaker/1",
        text="Ana Lima, Chair",
    )
    omit_block(
        report=draft_report, key=f"icann/ICANN-58/session/{session.pk}/speaker/3", omitted=True
    )
    with pytest.raises(ValidationError):
        omit_block(report=draft_report, key="label/contents", omitted=True)
    data = assemble_for_report(draft_report)
    for fmt, read in READERS.items():
        text = read(render(data, fmt))
        assert "Panel:" in text and "Speakers:" not in text, fmt
        assert "Present" in text and "In attendance" not in text, fmt
        assert "Ana Lima, Chair" in text and "Cy Diaz" not in text, fmt
