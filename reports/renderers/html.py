"""The report as one self-contained HTML document (styles inline, no external resource)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from reports.assembly import ReportData

BODY_START = "<!-- report-body-start -->"
BODY_END = "<!-- report-body-end -->"


@cache
def stylesheet(name: str) -> str:
    """The text of a stylesheet under static/reports/ (read once per process)."""
    path = finders.find(f"reports/{name}")
    if path is None:  # pragma: no cover - the file ships with the project
        path = Path(settings.BASE_DIR) / "static" / "reports" / name
    return Path(path).read_text(encoding="utf-8")


def render_document(data: ReportData, *, for_pdf: bool = False) -> str:
    css = stylesheet("report.css")
    if for_pdf:
        css += "\n" + stylesheet("report-pdf.css")
    return render_to_string("reports/document.html", {"data": data, "css": css, "for_pdf": for_pdf})


def render(data: ReportData) -> bytes:
    return render_document(data).encode("utf-8")


def extract_body(document: bytes | str) -> str:
    """The report body of a stored HTML document, to show a frozen report inside a page."""
    text = document.decode("utf-8") if isinstance(document, bytes) else document
    start = text.find(BODY_START)
    end = text.find(BODY_END)
    if start == -1 or end == -1 or end < start:
        return ""
    return text[start : end + len(BODY_END)]
