"""One set of hostile text, entered in every text field by the tests of untrusted text
(tests/test_untrusted_text.py): each must come out inert wherever the records are shown."""

from __future__ import annotations

from html.parser import HTMLParser

#: Text that must be stored and shown as text, never run or followed.
PAYLOADS: dict[str, str] = {
    "script": "<script>alert('xss-script')</script>",
    "event handler": "<img src=x onerror=\"alert('xss-img')\">",
    "javascript url": "javascript:alert('xss-url')",
    "data url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "markdown with raw html": (
        "**bold** [click](javascript:alert('xss-md')) <iframe src=\"https://evil.example/\">"
        "</iframe> <a href=\"javascript:alert('xss-a')\">a</a>"
    ),
    "bidi override": "invoice\u202excod.exe",
    "control characters": "bell\x07 escape\x1b[31m red",
    "formula =": '=HYPERLINK("https://evil.example/","click")',
    "formula +": "+1+1",
    "formula -": "-2+3",
    "formula @": "@SUM(A1:A9)",
    "calendar line injection": "title\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT",
}
#: PostgreSQL cannot store NUL: refused (400 naming the field) on every database.
NUL = "before\x00after"
#: Far over every cap.
ONE_MB = "x" * 1_000_000
#: Links other than http(s) and mailto are refused.
BAD_LINKS = ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://a.example/")
GOOD_LINKS = ("https://example.org/a?b=c", "mailto:secretariat@example.org")
#: Cells a spreadsheet would evaluate start with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script = True
        if tag in {"iframe", "object", "embed"}:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and "xss" in value:
                self.problems.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction"} and value.startswith(
                ("javascript:", "data:text/html")
            ):
                self.problems.append(f"<{tag} {name}={value[:30]}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "xss" in data:
            self.problems.append("script running a payload")


def live_html(html: str) -> list[str]:
    """What in an HTML document would run or navigate a payload (empty when inert)."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.problems
