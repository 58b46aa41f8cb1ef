"""The 2017 report page in Chromium at a desktop (1280 px) and a phone (390 px) width: no
word is broken inside ("In attendan/ce"), no table cell's text runs into its neighbour's,
and the draft's open finding is a mark linking to its note after the annexes."""

import pytest
from playwright.sync_api import expect

from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Each word of the report's text (split at spaces, hyphens, dashes and slashes) whose
#: glyphs lie on more than one line; addresses may break anywhere and are left out.
BROKEN_WORDS = """(root) => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('a[href^="http"], svg')) continue;
    const words = /[^\\s\\-\\u2010-\\u2015\\/]+/g;
    for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
        .map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""

#: Text of a table cell that lies outside the cell (it would print over the next column).
OVERPRINTS = """(table) => {
  const out = [];
  for (const cell of table.querySelectorAll('th, td')) {
    const box = cell.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(cell);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)) {
        out.push(cell.textContent.trim().slice(0, 40));
        break;
      }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("view", ["page", "document"])
def test_no_word_breaks_and_no_column_overprints(page, live_records, width, view):
    """On the report page and in the downloaded HTML document (its own 42em measure)."""
    page.set_viewport_size({"width": width, "height": 900})
    log_in(
        page, "demo-staff", "demo-staff-pass", path="/accounts/login/?next=/reports/CCWG-IG/2017/"
    )
    if view == "document":
        document = page.request.get("/reports/CCWG-IG/2017.html").text()
        page.goto("about:blank")  # outside the site's content security policy
        page.set_content(document)
    table = page.locator("table.teleconferences")
    expect(table).to_be_visible()
    header = table.locator("thead th").nth(1)
    expect(header).to_have_text("In attendance")
    assert page.locator("article.report").evaluate(BROKEN_WORDS) == []
    assert table.evaluate(OVERPRINTS) == []
    # The header's words side by side or one under the other, never overlapping.
    words = header.evaluate(
        """(th) => { const node = th.firstChild, at = node.data.indexOf(' ');
        const first = document.createRange(), second = document.createRange();
        first.setStart(node, 0); first.setEnd(node, at);
        second.setStart(node, at + 1); second.setEnd(node, node.data.length);
        return [first, second].map(r => { const b = r.getBoundingClientRect();
          return [b.left, b.top, b.right, b.bottom]; }); }"""
    )
    (_left1, _top1, right1, bottom1), (left2, top2, _right2, _bottom2) = words
    assert right1 <= left2 or bottom1 <= top2  # beside it, or on the next line
    table.scroll_into_view_if_needed()
    screenshot(page, f"report-{view}-{width}px.png", full_page=False)


def test_the_open_finding_is_a_mark_linking_to_its_note(page, live_records):
    log_in(
        page, "demo-staff", "demo-staff-pass", path="/accounts/login/?next=/reports/CCWG-IG/2017/"
    )
    mark = page.locator("article.report a.finding-mark")
    expect(mark).to_have_count(1)
    expect(mark).to_have_text("Finding 1")
    mark.click()
    note = page.locator("section.open-findings aside#open-finding-1")
    expect(note).to_be_in_viewport()
    # its Markdown rendered: the quoted link is a link
    expect(note.get_by_role("link", name="BWG-IG")).to_have_attribute(
        "href", "https://features.icann.org/"
    )
    expect(note).not_to_contain_text("](")
