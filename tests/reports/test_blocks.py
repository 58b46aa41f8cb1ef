"""Staff edit the report's words (#22): blocks with stable keys, edits applied to the data
before the walk (so every format prints them), revert, omit, stale edits, frozen once
published, copied into a new version, in the history and seen at once by the draft cache."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import Meeting
from meetings.services import update_meeting
from reports.block_selectors import report_block, report_blocks
from reports.block_services import edit_block, omit_block, revert_block
from reports.blocks import Edit, apply_edits, blocks_of
from reports.drafts import assemble_for_report, report_findings
from reports.errors import ReportFrozen
from reports.models import ReportBlockEdit
from reports.renderers import render
from reports.services import publish_report, start_new_version
from tests.factories import (
    AgendaItemFactory,
    ReportBlockEditFactory,
    StaffFactory,
    TeleconferenceFactory,
)
from tests.reports.helpers import docx_text, html_text, md_text, normalize, pdf_text

pytestmark = pytest.mark.django_db

#: The agenda item of the small report's call, as the report types it.
ITEM = "IGF Community Public Consultation – ICANN Comment"
READERS = {"md": md_text, "html": html_text, "docx": docx_text, "pdf": pdf_text}


def _call(report) -> Meeting:
    return Meeting.objects.get(working_group=report.working_group)


def _agenda_key(report) -> str:
    return f"teleconferences/{_call(report).pk}/agenda/1"


def _texts(report, formats=("md", "html", "docx")) -> dict[str, str]:
    data = assemble_for_report(report)
    return {fmt: normalize(READERS[fmt](render(data, fmt))) for fmt in formats}


def test_blocks_have_stable_keys_that_a_new_record_does_not_shift(draft_report):
    before = {b.key: b for b in blocks_of(assemble_for_report(draft_report))}
    key = _agenda_key(draft_report)
    assert before[key].generated == ITEM
    assert before[key].section == "2.4.2"
    assert before["heading/1"].generated == "Introduction"
    assert before["heading/1"].omittable is False
    assert before["introduction/p1"].section == "1"
    assert before["heading/2.1"].generated.endswith("engagement with wider ICANN Community")
    # An earlier call, added afterwards, comes first in the table but moves no key.
    earlier = TeleconferenceFactory(
        working_group=draft_report.working_group,
        starts_at=dt.datetime(2017, 1, 12, 14, tzinfo=dt.UTC),
    )
    AgendaItemFactory(meeting=earlier, title="Welcome", position=1)
    after = {b.key: b for b in blocks_of(assemble_for_report(draft_report))}
    assert after[key] == before[key]
    assert after[f"teleconferences/{earlier.pk}/agenda/1"].generated == "Welcome"
    keys = [b.key for b in blocks_of(assemble_for_report(draft_report))]
    assert len(keys) == len(set(keys))
    assert keys.index(f"teleconferences/{earlier.pk}/agenda/1") < keys.index(key)


def test_the_sample_report_is_unchanged_without_edits_and_by_edits_to_the_same_text(
    sample_assembled,
):
    blocks = blocks_of(sample_assembled)
    keys = [b.key for b in blocks]
    assert len(keys) == len(set(keys))
    assert apply_edits(sample_assembled, {}) is sample_assembled
    same = {b.key: Edit(text=b.generated) for b in blocks}
    assert render(apply_edits(sample_assembled, same), "md") == render(sample_assembled, "md")
    kinds = {key.split("/")[0] for key in keys}
    expected = {"heading", "introduction", "icann", "event", "inputs", "process", "input"}
    expected |= {"teleconferences", "way-forward", "threat", "face-to-face"}
    assert expected <= kinds


@pytest.mark.slow
def test_an_edit_shows_in_all_four_formats_an_omission_in_none_and_revert_restores(
    draft_report,
):
    staff = StaffFactory()
    key = _agenda_key(draft_report)
    edit_block(
        report=draft_report, key=key, text="The IGF consultation, as the group put it", user=staff
    )
    omit_block(report=draft_report, key="introduction/p1", omitted=True, user=staff)
    texts = _texts(draft_report, formats=("md", "html", "docx", "pdf"))
    for fmt, text in texts.items():
        assert "The IGF consultation, as the group put it" in text, fmt
        assert "IGF Community Public Consultation" not in text, fmt
        assert "Internet governance processes" not in text, fmt
    revert_block(report=draft_report, key=key, user=staff)
    omit_block(report=draft_report, key="introduction/p1", omitted=False, user=staff)
    assert not ReportBlockEdit.objects.filter(report=draft_report).exists()
    for fmt, text in _texts(draft_report).items():
        assert "IGF Community Public Consultation" in text, fmt
        assert "The IGF consultation, as the group put it" not in text, fmt
        assert "Internet governance processes" in text, fmt


def test_an_edited_heading_changes_the_contents_too(draft_report):
    edit_block(report=draft_report, key="heading/2.4.2", text="Calls of the group")
    data = assemble_for_report(draft_report)
    assert data.headings["teleconferences"].text == "2.4.2 Calls of the group"
    assert "2.4.2 Calls of the group" in [h.text for h in data.toc]
    block = report_block(draft_report, "heading/2.4.2")
    assert block is not None and block.edited and block.text == "Calls of the group"
    assert block.generated.endswith("teleconferences")


def test_unknown_keys_headings_left_out_and_empty_text_are_refused(draft_report):
    with pytest.raises(ValidationError) as refused:
        edit_block(report=draft_report, key="process/999999/heading", text="Words")
    assert "key" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        omit_block(report=draft_report, key="heading/1", omitted=True)
    assert "omitted" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        edit_block(report=draft_report, key="heading/1", text="   ")
    assert "text" in refused.value.message_dict
    assert not ReportBlockEdit.objects.exists()


def test_a_record_change_makes_an_edit_stale_and_a_finding_until_staff_review_it(draft_report):
    key = _agenda_key(draft_report)
    edit_block(report=draft_report, key=key, text="Our words on the IGF consultation")
    assert not report_block(draft_report, key).stale
    assert not [f for f in report_findings(draft_report) if f.code == "edited_block_stale"]

    update_meeting(
        meeting=_call(draft_report),
        agenda=[{"title": "IGF consultation (retitled)", "children": []}],
    )
    block = report_block(draft_report, key)
    assert block.stale and block.text == "Our words on the IGF consultation"
    assert block.generated == "IGF consultation (retitled)"
    [finding] = [f for f in report_findings(draft_report) if f.code == "edited_block_stale"]
    assert key in finding.message and "review it" in finding.message
    # The staff's words win until they look; the finding is marked in the draft.
    md = md_text(render(assemble_for_report(draft_report), "md"))
    assert "Our words on the IGF consultation" in md
    assert "the records under this edited text changed" in md.lower()

    edit_block(report=draft_report, key=key, text="Our words on the IGF consultation")
    assert not report_block(draft_report, key).stale
    assert not [f for f in report_findings(draft_report) if f.code == "edited_block_stale"]


def test_publishing_freezes_the_words_and_a_new_version_copies_them(draft_report):
    staff = StaffFactory()
    key = _agenda_key(draft_report)
    edit_block(report=draft_report, key=key, text="Edited before publishing", user=staff)
    omit_block(report=draft_report, key="introduction/p1", omitted=True, user=staff)
    published = publish_report(report=draft_report, user=staff)
    stored = bytes(published.documents.get(format="md").content).decode()
    assert "Edited before publishing" in stored
    with pytest.raises(ReportFrozen):
        edit_block(report=published, key=key, text="After publishing")
    with pytest.raises(ReportFrozen):
        revert_block(report=published, key=key)
    with pytest.raises(ReportFrozen):
        ReportBlockEdit.objects.get(report=published, key=key).delete()

    draft = start_new_version(report=published, user=staff)
    copied = {e.key: (e.text, e.omitted) for e in draft.block_edits.all()}
    assert copied == {key: ("Edited before publishing", False), "introduction/p1": (None, True)}
    assert "Edited before publishing" in md_text(render(assemble_for_report(draft), "md"))


def test_the_history_says_who_edited_what(draft_report):
    first, second, third = StaffFactory(), StaffFactory(), StaffFactory()
    key = _agenda_key(draft_report)
    edit_block(report=draft_report, key=key, text="First words", user=first)
    edit_block(report=draft_report, key=key, text="Second words", user=second)
    revert_block(report=draft_report, key=key, user=third)
    rows = list(ReportBlockEdit.history.filter(key=key).order_by("history_id"))
    assert [(r.history_type, r.text, r.edited_by_id) for r in rows] == [
        ("+", "First words", first.pk),
        ("~", "Second words", second.pk),
        ("-", None, third.pk),  # reverted
    ]


def test_the_draft_cache_sees_an_edit_at_once(draft_report, member_client):
    before = member_client.get("/reports/CCWG-IG/2017.md").content.decode()
    assert "IGF Community Public Consultation" in before
    edit_block(report=draft_report, key=_agenda_key(draft_report), text="Words of the staff")
    after = member_client.get("/reports/CCWG-IG/2017.md").content.decode()
    assert "Words of the staff" in after
    assert "IGF Community Public Consultation" not in after


def test_the_factory_makes_a_valid_edit_of_a_block_every_report_has(draft_report):
    edit = ReportBlockEditFactory(report=draft_report)
    edit.full_clean()
    block = report_block(draft_report, edit.key)
    assert block is not None and block.text == "Preface" and not block.stale


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"key": ""}, "block_edit_has_key"),
        ({"text": None, "omitted": False}, "block_edit_changes_something"),
        ({"position": 0}, "block_edit_position_from_one"),
    ],
)
def test_the_database_refuses_an_edit_without_key_or_change(draft_report, values, constraint):
    edit = ReportBlockEditFactory.build(report=draft_report, edited_by=None, **values)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        edit.save()


def test_the_database_keeps_one_edit_per_block(draft_report):
    ReportBlockEditFactory(report=draft_report)
    with (
        pytest.raises(IntegrityError, match=r"block_edit_once|reportblockedit\.report_id"),
        transaction.atomic(),
    ):
        ReportBlockEditFactory(report=draft_report, text="Another")


# --- The API ----------------------------------------------------------------------------


def _url(report, key: str = "") -> str:
    return f"/api/v1/reports/{report.pk}/blocks/" + (f"{key}/" if key else "")


def test_api_lists_the_blocks_in_document_order(draft_report, member_api):
    response = member_api.get(_url(draft_report))
    assert response.status_code == 200
    body = response.json()
    assert [b["key"] for b in body] == [b.key for b in report_blocks(draft_report)]
    first = body[0]
    assert set(first) >= {"key", "section", "generated", "text", "edited", "stale", "omitted"}
    assert first["key"] == "heading/1" and first["section"] == "1"
    assert first["text"] == first["generated"] == "Introduction"
    assert first["edited"] is first["stale"] is first["omitted"] is False


def test_api_edits_reverts_and_omits_a_block_with_etags(draft_report, staff_api, member_api):
    key = _agenda_key(draft_report)
    read = staff_api.get(_url(draft_report, key))
    assert read.status_code == 200 and read["ETag"]
    assert (
        member_api.patch(_url(draft_report, key), {"text": "x"}, format="json").status_code == 403
    )

    edited = staff_api.patch(
        _url(draft_report, key),
        {"text": "Staff's words"},
        format="json",
        HTTP_IF_MATCH=read["ETag"],
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["text"] == "Staff's words" and edited.json()["edited"] is True
    assert edited["ETag"] != read["ETag"]
    stale_tag = staff_api.patch(
        _url(draft_report, key), {"text": "Lost"}, format="json", HTTP_IF_MATCH=read["ETag"]
    )
    assert stale_tag.status_code == 412
    assert report_block(draft_report, key).text == "Staff's words"

    omitted = staff_api.patch(_url(draft_report, key), {"omitted": True}, format="json")
    assert omitted.json()["omitted"] is True and omitted.json()["text"] == "Staff's words"
    reverted = staff_api.patch(
        _url(draft_report, key), {"text": None, "omitted": False}, format="json"
    )
    assert reverted.status_code == 200
    assert reverted.json()["edited"] is False
    assert reverted.json()["text"] == ITEM
    assert not ReportBlockEdit.objects.exists()
    # history: who edited, through the request
    assert set(ReportBlockEdit.history.values_list("history_user__is_staff", flat=True)) == {True}


def test_api_refuses_unknown_keys_bad_input_and_published_reports(draft_report, staff_api):
    unknown = staff_api.patch(_url(draft_report, "process/1/heading"), {"text": "x"}, format="json")
    assert unknown.status_code == 400 and "key" in unknown.json()
    assert staff_api.get(_url(draft_report, "process/1/heading")).status_code == 404
    bad = staff_api.patch(_url(draft_report, "heading/1"), {"omitted": "perhaps"}, format="json")
    assert bad.status_code == 400 and "omitted" in bad.json()
    extra = staff_api.patch(_url(draft_report, "heading/1"), {"txt": "x"}, format="json")
    assert extra.status_code in (200, 400)
    published = publish_report(report=draft_report, user=StaffFactory())
    frozen = staff_api.patch(_url(published, "heading/1"), {"text": "x"}, format="json")
    assert frozen.status_code == 409 and "detail" in frozen.json()


def test_anyone_reads_a_published_reports_blocks_and_no_one_a_draft_anonymously(
    draft_report, anon_api
):
    assert anon_api.get(_url(draft_report)).status_code in (401, 404)
    published = publish_report(report=draft_report, user=StaffFactory())
    response = anon_api.get(_url(published))
    assert response.status_code == 200 and response.json()[0]["key"] == "heading/1"


# --- The admin's words page ---------------------------------------------------------------


def _words(report) -> str:
    return f"/admin/reports/annualreport/{report.pk}/words/"


def test_the_words_page_edits_reverts_and_omits_through_the_services(
    draft_report, superuser_client
):
    key = _agenda_key(draft_report)
    change_page = superuser_client.get(f"/admin/reports/annualreport/{draft_report.pk}/change/")
    assert _words(draft_report) in change_page.content.decode()
    page = superuser_client.get(_words(draft_report)).content.decode()
    assert f'value="{key}"' in page and ITEM in page
    assert '<label for="text-block-heading--1"' in page  # each textarea has its label
    assert "<script" not in page.split('id="content-main"')[1]

    saved = superuser_client.post(
        _words(draft_report), {"key": key, "action": "save", "text": "Our title for the item"}
    )
    assert saved.status_code == 302 and saved["Location"].endswith(
        "#block-" + key.replace("/", "--")
    )
    block = report_block(draft_report, key)
    assert block.edited and block.text == "Our title for the item"
    assert block.edit.edited_by.is_superuser
    page = superuser_client.get(_words(draft_report)).content.decode()
    assert "Our title for the item" in page and ITEM in page  # printed beside generated
    assert "Revert to the generated text" in page

    superuser_client.post(_words(draft_report), {"key": "introduction/p1", "action": "omit"})
    assert report_block(draft_report, "introduction/p1").omitted
    superuser_client.post(_words(draft_report), {"key": "introduction/p1", "action": "include"})
    superuser_client.post(_words(draft_report), {"key": key, "action": "revert"})
    assert not ReportBlockEdit.objects.exists()

    refused = superuser_client.post(
        _words(draft_report),
        {"key": "process/1/heading", "action": "save", "text": "x"},
        follow=True,
    )
    assert "This report has no block with this key." in refused.content.decode()


def test_the_words_page_of_a_published_report_is_read_only(draft_report, superuser_client):
    key = _agenda_key(draft_report)
    edit_block(report=draft_report, key=key, text="Frozen words")
    published = publish_report(report=draft_report, user=StaffFactory())
    page = superuser_client.get(_words(published)).content.decode()
    assert "Frozen words" in page and "<textarea" not in page and "its words are frozen" in page
    refused = superuser_client.post(
        _words(published), {"key": key, "action": "revert"}, follow=True
    )
    assert "frozen" in refused.content.decode()
    assert ReportBlockEdit.objects.get(report=published).text == "Frozen words"
