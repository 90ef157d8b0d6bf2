"""Keyboard alone: every control is reachable with Tab, focus is always visible, and nothing traps it."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# What the focused element looks like: an outline, a focus ring drawn with box-shadow, or an underline change.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  // (a date field's parts are focused inside it: its ring is drawn with :focus-within)
  const name = (el.getAttribute('aria-label') || el.textContent || el.value || el.name || '').trim().slice(0, 40);
  const r = el.getBoundingClientRect();
  window.__kbd = window.__kbd || new WeakMap();
  if (!window.__kbd.has(el)) window.__kbd.set(el, window.__kbd.size = (window.__kbdCount = (window.__kbdCount || 0) + 1));
  return {tag: el.tagName, type: el.type || null, name, visible, onScreen: r.width > 0 && r.height > 0,
          key: window.__kbd.get(el), html: el.outerHTML.slice(0, 80)};
}"""


@pytest.mark.parametrize("path", ["", "tools/risk-worksheet/", "theory/theories/", "learn/my-learning/",
                                  "learn/paths/practice-model/", "reading-list/glossary/"])
def test_tab_reaches_the_footer_with_visible_focus_and_no_trap(watch, path):
    page = watch.goto(path)
    if path == "tools/risk-worksheet/":
        page.get_by_role("button", name="Load practice example").click()
        page.get_by_role("group", name="Risk factor 1").wait_for()
        page.reload()  # the filled worksheet stays in the tab; Tab now starts from the top
        page.get_by_role("group", name="Risk factor 1").wait_for()
    seen, invisible, repeats, last = [], [], 0, None
    for _ in range(600):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            break  # focus left the page: it went all the way round
        key = state["key"]
        repeats = repeats + 1 if key == last else 0
        # a date field takes several Tabs (day, month, year, calendar); anything else must move on
        assert repeats < (4 if state["type"] == "date" else 1), f"focus is stuck on {state}"
        last = key
        seen.append(state)
        if state["onScreen"] and not state["visible"]:
            invisible.append(state)
    assert any(s["tag"] == "A" and s["name"] == "Skip to content" for s in seen[:3])
    assert len(seen) > 10
    assert not invisible, "focus not visible on: " + "; ".join(f"{s['tag']} {s['name']!r}" for s in invisible[:10])
