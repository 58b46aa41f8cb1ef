"""One renderer per format; each is `render(data: ReportData) -> bytes`."""

from __future__ import annotations

from collections.abc import Callable

from reports.assembly import ReportData

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}
FORMATS = tuple(CONTENT_TYPES)


def renderer_for(fmt: str) -> Callable[[ReportData], bytes]:
    if fmt == "html":
        from reports.renderers import html

        return html.render
    if fmt == "pdf":
        from reports.renderers import pdf

        return pdf.render
    if fmt == "docx":
        from reports.renderers import docx

        return docx.render
    if fmt == "md":
        from reports.renderers import markdown

        return markdown.render
    raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")


def render(data: ReportData, fmt: str) -> bytes:
    return renderer_for(fmt)(data)


def render_all(
    data: ReportData,
    formats: tuple[str, ...] = FORMATS,
    *,
    render: Callable[[ReportData, str], bytes] = render,
) -> dict[str, bytes]:
    """Every format of the report, each but Word by `render`; the Word document's page
    numbers are read from the PDF made here, so the PDF is laid out once (publishing makes
    all four)."""
    documents = {fmt: render(data, fmt) for fmt in formats if fmt != "docx"}
    if "docx" in formats:
        from reports.renderers import docx

        documents["docx"] = docx.render(data, pdf=documents.get("pdf"))
    return {fmt: documents[fmt] for fmt in formats}
