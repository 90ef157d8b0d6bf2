"""Keyboard alone: every control is reachable with Tab, focus is always visible, every Tab stop can be
seen (none off-screen, hidden or of no size), and nothing traps it — on a laptop and on a phone."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# What the focused element looks like: an outline, a focus ring drawn with box-shadow, or an underline change.
FOCUS_STATE = """() => {
  const active = document.activeElement;
  if (!active || active === document.body) return null;
  // The colour-scheme switch is a radio button of no size, and a file input is hidden under its
  // label: each is drawn, and shows its focus, as that label.
  const el = active.matches('.md-option') && active.nextElementSibling ? active.nextElementSibling
    : active.type === 'file' && active.labels && active.labels.length ? active.labels[0] : active;
  const s = getComputedStyle(el);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  // (a date field's parts are focused inside it: its ring is drawn with :focus-within)
  const name = (active.getAttribute('aria-label') || el.textContent || el.value || el.name || '').trim().slice(0, 40);
  const r = el.getBoundingClientRect();
  const seen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
    && el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  window.__kbd = window.__kbd || new WeakMap();
  if (!window.__kbd.has(el)) window.__kbd.set(el, window.__kbd.size = (window.__kbdCount = (window.__kbdCount || 0) + 1));
  return {tag: el.tagName, type: el.type || null, name, visible, onScreen: r.width > 0 && r.height > 0, seen,
          key: window.__kbd.get(el), html: el.outerHTML.slice(0, 80)};
}"""


LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("path, screen", [
    ("", LAPTOP), ("tools/risk-worksheet/", LAPTOP), ("theory/theories/", LAPTOP), ("learn/my-learning/", LAPTOP),
    ("learn/paths/practice-model/", LAPTOP), ("reading-list/glossary/", LAPTOP),
    ("", PHONE), ("tools/risk-worksheet/", PHONE), ("learn/my-learning/", PHONE),
], ids=lambda v: v.get("width") if isinstance(v, dict) else v or "home")
def test_tab_reaches_the_footer_with_visible_focus_and_no_trap(watch, path, screen):
    page = watch.page
    page.set_viewport_size(screen)
    # Without motion the drawer is in place the moment a link in it has focus (its slide takes 0.25 s).
    page.emulate_media(reduced_motion="reduce")
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
        for _ in range(10):  # what shows itself on focus may do it a moment later (Material opens search)
            if state is None or state["seen"]:
                break
            page.wait_for_timeout(50)
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
    unseen = [s for s in seen if not s["seen"]]
    assert not unseen, "Tab stops nobody can see: " + "; ".join(f"{s['tag']} {s['name']!r} {s['html']}" for s in unseen[:10])
