"""The report as PDF: the HTML document with the print stylesheet, laid out by WeasyPrint.

Tagged for accessibility as PDF/UA-1 (structure tags, the document's language and title),
with bookmarks from the headings; links keep their addresses as footnotes. Header cells carry
their scope (`header_scope`). WeasyPrint tags the content of each page on its own, so a table
split over pages is tagged as one /Table per page, each with the repeated header row (its
<thead>, `display: table-header-group`) as its /THead: every part has its headers and their
scope, but a reader sees one table per page, not one table.

Layout runs in a child process with a time budget (`settings.REPORT_RENDER_TIMEOUT`
seconds, 0 to render in-process without one): a render that takes longer is stopped and
raises `RenderFailed`, so a heavy report cannot hold a server worker past its own timeout,
and nothing is written (publishing renders inside its transaction).
"""

from __future__ import annotations

import logging
import multiprocessing
import re
from multiprocessing.connection import Connection
from typing import Any

from django.conf import settings

from reports.assembly import ReportData
from reports.errors import RenderFailed
from reports.models import report_file_stem
from reports.renderers.html import render_document

# WeasyPrint and fontTools are chatty at WARNING about things we cannot change.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


#: Unbroken runs longer than this get a break opportunity every `_SOFT_BREAK_EVERY` characters.
_LONGEST_UNBROKEN = 100
_SOFT_BREAK_EVERY = 50
_UNIT = r"(?:&#?\w{1,12};|[^\s<>&\u200b])"  # a character, an entity counting as one
# A run is matched from its start only (never from inside an entity such as `&amp;`).
_LONG_RUN = re.compile(r"(?<![^\s<>\u200b])" + _UNIT + f"{{{_LONGEST_UNBROKEN + 1},}}")
_UNITS = re.compile(_UNIT)
_TEXT_OF_BODY = re.compile(r"(<[^>]*>)")


def soft_breaks(document: str) -> str:
    """The document with a zero-width space every 50 characters of any unbroken run longer
    than 100 in the body's text (tags and attributes untouched).

    WeasyPrint's cost of wrapping one unbroken run grows with the square of its length
    (20,000 characters with `overflow-wrap: anywhere`: 43 s; with these breaks: 1.6 s, as
    much as prose); URLs and words up to 100 characters stay exactly as they are.
    """
    start = document.find("<body")
    start = document.find(">", start) + 1 if start >= 0 else -1
    if start <= 0:
        return document
    parts = _TEXT_OF_BODY.split(document[start:])
    for index in range(0, len(parts), 2):  # the text between tags
        parts[index] = _LONG_RUN.sub(_break_run, parts[index])
    return document[:start] + "".join(parts)


def _break_run(match: re.Match[str]) -> str:
    units = _UNITS.findall(match.group(0))
    step = _SOFT_BREAK_EVERY
    return "\u200b".join("".join(units[i : i + step]) for i in range(0, len(units), step))


def render(data: ReportData) -> bytes:
    document = soft_breaks(render_document(data, for_pdf=True))
    # The identifier names the version even for the first one (unlike the file name).
    identifier = f"{report_file_stem(data.group_acronym, data.year)}-v{data.version}"
    timeout = float(getattr(settings, "REPORT_RENDER_TIMEOUT", 0) or 0)
    if timeout <= 0 or multiprocessing.current_process().daemon:
        return write_pdf(document, identifier)
    return write_pdf_within(document, identifier, timeout)


def write_pdf(document: str, identifier: str) -> bytes:
    from weasyprint import HTML

    # No base URL: the document refers to nothing outside itself, and must not fetch anything.
    pdf: bytes = HTML(string=document, base_url=None, url_fetcher=_no_fetch).write_pdf(
        pdf_identifier=identifier.encode(),
        pdf_variant="pdf/ua-1",
        custom_metadata=False,
        finisher=header_scope,
    )
    return pdf


def header_scope(document: Any, pdf: Any) -> None:
    """Give each header cell's structure element the scope of its <th> (/Column unless
    `scope="row"`, as WeasyPrint maps the cells to their headers): WeasyPrint leaves it out.

    A WeasyPrint finisher: it runs on the laid-out document once the tags are built, where each
    cell's box keeps its structure element as `mark`.
    """
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "mark", None)
            if box.element_tag != "th" or element is None or "A" not in element:
                continue
            row = box.element is not None and box.element.attrib.get("scope") == "row"
            element["A"]["Scope"] = "/Row" if row else "/Column"


def write_pdf_within(document: str, identifier: str, timeout: float) -> bytes:
    """`write_pdf` in a forked child, stopped after `timeout` seconds (raises `RenderFailed`).

    A fork shares the loaded WeasyPrint and fonts, so it starts in milliseconds; the child
    touches no database connection and leaves with `os._exit`, closing none of them.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_write_pdf_child, args=(sender, document, identifier), daemon=True
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise RenderFailed(
                f"The PDF took longer than {timeout:g} seconds to lay out and was stopped. "
                "Shorten the longest texts of the records it covers, or try again later."
            )
        ok, payload = receiver.recv()
    except EOFError:
        raise RenderFailed("The PDF renderer stopped before it finished.") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if not ok:
        raise RenderFailed(f"The PDF could not be rendered: {payload}")
    return bytes(payload)


def _write_pdf_child(sender: Connection, document: str, identifier: str) -> None:
    result: tuple[bool, Any]
    try:
        result = (True, write_pdf(document, identifier))
    except Exception as error:  # reported to the parent, which raises RenderFailed
        result = (False, f"{type(error).__name__}: {error}")
    sender.send(result)
    sender.close()


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"The report document may not load {url}.")
