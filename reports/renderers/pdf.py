"""The report as PDF: the HTML document with the print stylesheet, laid out by WeasyPrint.

Tagged for accessibility as PDF/UA-1 (structure tags, the document's language and title),
with bookmarks from the headings; links keep their addresses as footnotes."""

from __future__ import annotations

import logging

from reports.assembly import ReportData
from reports.models import report_file_stem
from reports.renderers.html import render_document

# WeasyPrint and fontTools are chatty at WARNING about things we cannot change.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def render(data: ReportData) -> bytes:
    from weasyprint import HTML

    document = render_document(data, for_pdf=True)
    # The identifier names the version even for the first one (unlike the file name).
    identifier = f"{report_file_stem(data.group_acronym, data.year)}-v{data.version}"
    # No base URL: the document refers to nothing outside itself, and must not fetch anything.
    return HTML(string=document, base_url=None, url_fetcher=_no_fetch).write_pdf(
        pdf_identifier=identifier.encode(),
        pdf_variant="pdf/ua-1",
        custom_metadata=False,
    )


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The report document may not load {url}.")
