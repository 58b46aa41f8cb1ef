"""What each format does properly: a tagged PDF with bookmarks and its links' addresses; a Word
document with a running header, no page number on the cover, house heading styles one level
at a time, labels kept with the next line and properties from the report (cut to Word's 255
characters); a standalone HTML document with a measure and a print stylesheet that prints
addresses. On the 2017 sample and on small reports built here."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from docx.oxml.ns import qn

from reports.drafts import assemble_for_report
from reports.models import AnnualReport
from reports.renderers import render
from reports.renderers.docx import PROPERTY_LIMIT, fit_property
from tests.factories import (
    DraftReportFactory,
    MeetingLinkFactory,
    TeleconferenceFactory,
    WorkingGroupFactory,
)
from tests.reports.helpers import docx_document, docx_text, normalize, pdf_reader, pdf_text

pytestmark = pytest.mark.django_db

SAMPLE_URLS = [
    "https://icann58copenhagen2017.sched.com/",
    "https://community.icann.org/display/IG/WSIS+Forum+2017",
    "https://www.icann.org/en/system/files/files/wgec-contribution-2017.pdf",
    "https://mm.icann.org/pipermail/ccwg-internet-governance/2017-January/",
    "https://features.icann.org/",
]


@pytest.fixture(scope="module")
def word(sample_rendered):
    return docx_document(sample_rendered[1]["docx"])


# --------------------------------------------------------------------------- PDF


def test_the_pdf_is_tagged_with_its_language_and_title(sample_rendered):
    reader = pdf_reader(sample_rendered[1]["pdf"])
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # structure tags (PDF/UA)
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).startswith("en")
    assert reader.metadata.title.startswith("Report on the 2017 Activities")
    tree = root["/StructTreeRoot"].get_object()
    kids = tree["/K"]
    assert kids  # the document's structure elements
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    assert "pdfuaid" in xmp  # declared PDF/UA


def test_the_pdf_has_bookmarks_for_the_sections(sample_rendered):
    reader = pdf_reader(sample_rendered[1]["pdf"])

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    found = list(titles(reader.outline))
    for heading in (
        "1. Introduction",
        "2.1 CCWG-IG engagement with wider ICANN Community",
        "2.4.2 CCWG-IG teleconferences",
    ):
        assert heading in found


def test_the_pdf_prints_every_links_address(sample_rendered):
    text = normalize(pdf_text(sample_rendered[1]["pdf"])).replace(" ", "")
    for url in SAMPLE_URLS:
        assert url in text, url


# --------------------------------------------------------------------------- Word


def test_the_word_document_prints_every_links_address(sample_rendered, word):
    text = docx_text(sample_rendered[1]["docx"])
    for url in SAMPLE_URLS:
        assert url in text, url
    annex = [p.text for p in word.paragraphs]
    start = annex.index("Links")
    # the group's words link documents "here": the annex gives the address
    assert annex[start + 2] == "[1]\there: https://community.icann.org/display/IG/WSIS+Forum+2017"
    # the text gives each link's number in the annex
    assert "is available here\u00a0[1]" in text


def test_word_properties_come_from_the_report(word):
    props = word.core_properties
    assert props.title.startswith("Report on the 2017 Activities of the Cross Community")
    assert props.subject == (
        "Annual report of the Cross Community Working Group on Internet Governance "
        "(CCWG-IG), 1 January–31 December 2017"
    )
    assert props.keywords == "CCWG-IG; annual report; 2017; ICANN"
    assert props.author == "ICANN"
    assert props.comments == "Draft: not yet published"
    for moment in (props.created, props.modified, props.last_printed):
        assert moment.year == 2017  # the report's date, none of the template's (2013)


def test_word_headings_never_skip_a_level_and_use_the_house_style(word):
    levels = [
        int(p.style.name.split()[-1])
        for p in word.paragraphs
        if re.fullmatch(r"Heading \d", p.style.name)
    ]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)
    assert 4 in levels  # the face-to-face meetings under 2.4.1
    for level in (1, 2, 3, 4):
        style = word.styles[f"Heading {level}"]
        assert style.font.italic is False
        assert str(style.font.color.rgb) == "0B3D6E"


def test_word_has_a_running_header_and_no_page_number_on_the_cover(sample_rendered, word):
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == sample_rendered[0].cover.title
    first = section.first_page_footer
    assert "PAGE" not in first._element.xml and not first.paragraphs[0].text.strip()
    assert "PAGE" in section.footer._element.xml


def test_word_labels_stay_with_what_they_introduce_and_dates_do_not_wrap(word):
    labels = [
        p
        for p in word.paragraphs
        if p.text in ("Speakers:", "Agenda:", "Topics discussed:", "For more information:")
    ]
    assert len(labels) >= 4
    assert all(p.paragraph_format.keep_with_next for p in labels)
    table = word.tables[0]
    for row in table.rows[1:]:
        assert row.cells[0]._tc.tcPr.find(qn("w:noWrap")) is not None


def test_word_properties_are_cut_to_255_characters_never_refused(admin_client):
    """A 300-character title and a 250-character group name: the draft downloads as .docx
    and publishes (no server error), each property cut to fit."""
    group = WorkingGroupFactory(acronym="LONG-WG", name="Group " + "g" * 244)
    title = "Title " + "t" * 294
    assert (len(group.name), len(title)) == (250, 300)
    TeleconferenceFactory(working_group=group, starts_at=dt.datetime(2017, 3, 1, tzinfo=dt.UTC))
    report = DraftReportFactory(working_group=group, title=title)

    response = admin_client.get("/reports/LONG-WG/2017.docx")
    assert response.status_code == 200
    props = docx_document(response.content).core_properties
    for value in (props.title, props.subject, props.keywords, props.comments):
        assert len(value) <= PROPERTY_LIMIT
    assert props.title.endswith("…") and props.title.startswith("Title ttt")
    assert "Group ggg" in props.subject

    page = admin_client.post(
        f"/admin/reports/annualreport/{report.pk}/publish/",
        {"publish": "1", "publish-note": ""},
        follow=True,
    )
    assert page.status_code == 200
    report = AnnualReport.objects.get(pk=report.pk)
    assert report.is_published
    stored = bytes(report.documents.get(format="docx").content)
    assert len(docx_document(stored).core_properties.title) == PROPERTY_LIMIT


def test_fit_property():
    assert fit_property("Short\ntitle") == "Short title"
    cut = fit_property("x" * 300)
    assert len(cut) == 255 and cut.endswith("…")


# --------------------------------------------------------------------------- HTML


def test_the_html_document_has_a_measure_and_prints_addresses(sample_rendered):
    page = sample_rendered[1]["html"].decode()
    css = page[page.index("<style>") : page.index("</style>")]
    assert re.search(r"body\.report-document:not\(\.pdf\) \.report \{[^}]*max-width: 42em", css)
    printing = css[css.index("@media print") :]
    assert 'content: " <" attr(href) ">"' in printing
    body = page[page.index("<body") :]
    levels = [int(n) for n in re.findall(r"<h(\d)", body)]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)
    assert '<a href="https://features.icann.org/"' in body


@pytest.mark.slow
def test_a_link_reads_as_what_it_points_to(draft_report):
    call = draft_report.working_group.meetings.get()
    MeetingLinkFactory(meeting=call, title="Recording of the call", url="https://example.org/rec")
    data = assemble_for_report(draft_report)
    html = render(data, "html").decode()
    assert '<a href="https://example.org/rec">Recording of the call</a>' in html
    md = render(data, "md").decode()
    assert "[Recording of the call](https://example.org/rec)" in md
    pdf = normalize(pdf_text(render(data, "pdf"))).replace(" ", "")
    assert "https://example.org/rec" in pdf
    docx = docx_text(render(data, "docx"))
    assert "https://example.org/rec" in docx and "Recording of the call" in docx
