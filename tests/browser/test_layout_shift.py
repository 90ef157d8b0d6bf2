"""Nothing moves once a page has shown: components start into space the HTML already has
(Lighthouse's cumulative layout shift is 0). A new reader, a phone-sized window."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

RECORD = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    const moved = (e.sources || []).map((s) => s.node ? (s.node.nodeName + "." + (s.node.className || "")) : "?");
    window.__shifts.push(e.value.toFixed(4) + " " + moved.join(", "));
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("path", [
    "", "theory/rapport/", "theory/theories/", "tools/risk-worksheet/", "learn/", "learn/paths/practice-model/",
    "learn/my-learning/", "learn/quizzes/",
])
def test_nothing_moves_after_the_page_shows(page, site_url, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.add_init_script(RECORD)
    page.goto(site_url + path)
    page.wait_for_selector("[data-rbp-ready]" if path not in ("", "theory/rapport/") else "body")
    page.wait_for_timeout(500)  # anything a component does after starting
    assert page.evaluate("window.__shifts") == []
