"""Every store survives bad data: corrupt JSON, a wrong type, a future version, an oversized value.

The page recovers (with a message where the component shows one) and no other store is touched.
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# store: (page, storage area, key, what a working, recovered page shows, message shown?)
STORES = {
    "quiz": ("theory/theories/", "localStorage", "rbp:quiz:theories", ("button", "Check answers"), False),
    "worksheet": ("tools/risk-worksheet/", "sessionStorage", "rbp:worksheet:risk-analysis", ("button", "Add risk factor"), True),
    "path": ("learn/paths/practice-model/", "localStorage", "rbp:path:practice-model", ("button", "Mark as done"), True),
    "reflections": ("learn/my-learning/", "localStorage", "rbp:reflections", ("button", "Add CPD entry"), True),
}

BAD = {
    "corrupt JSON": "{not json",
    "wrong type": "[1, 2, 3]",
    "future version": json.dumps({"v": 99, "entries": [], "done": [], "factors": []}),
    "oversized": json.dumps({"v": 1, "padding": "x" * 1_200_000}),
}

# Good values in the other stores, which must come through byte for byte.
OTHERS = {
    "rbp:path:assessing-need-and-risk": json.dumps({"v": 1, "done": ["page:practice/assessment.md"]}),
    "rbp:quiz:pams": json.dumps({"v": 1, "hash": "0000", "score": 1, "total": 5, "passed": False, "date": "2026-11-20"}),
    "rbp:test:unrelated": "keep me",
}
OTHER_SESSION = {"rbp:worksheet:change-review": json.dumps({"v": 1, "format": "kept as is"})}


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("store", STORES)
def test_store_recovers_from_bad_data_and_leaves_others_alone(watch, store, bad):
    path, area, key, (role, name), shows_message = STORES[store]
    page = watch.goto(path)
    others = {k: v for k, v in OTHERS.items() if k != key}
    page.evaluate(
        """([area, key, value, others, session]) => {
            for (const [k, v] of Object.entries(others)) localStorage.setItem(k, v);
            for (const [k, v] of Object.entries(session)) sessionStorage.setItem(k, v);
            window[area].setItem(key, value);
        }""",
        [area, key, BAD[bad], others, OTHER_SESSION],
    )
    page.reload()
    control = page.get_by_role(role, name=name).first
    expect(control).to_be_visible()
    if shows_message:
        expect(page.get_by_role("alert").filter(has_text="could not").or_(
            page.get_by_role("alert").filter(has_text="cleared")).first).to_be_visible()
    assert page.evaluate(f"{area}.getItem({json.dumps(key)})") != BAD[bad], "the bad value was kept"
    kept = page.evaluate("(keys) => keys.map(k => localStorage.getItem(k))", list(others))
    assert kept == list(others.values())
    kept_session = page.evaluate("(keys) => keys.map(k => sessionStorage.getItem(k))", list(OTHER_SESSION))
    assert kept_session == list(OTHER_SESSION.values())
    assert watch.console_errors == []
    control.click()  # and the component still works
    assert watch.console_errors == []


def test_reading_stores_does_not_disturb_other_tabs(page, site_url):
    # Every write to localStorage, a probe's too, fires a "storage" event in each other tab of the site,
    # and a path page redraws on each. Storage is probed once per page, not on every read.
    other = page.context.new_page()
    other.goto(site_url + "learn/paths/practice-model/")
    expect(other.get_by_role("button", name="Mark as done").first).to_be_visible()
    other.evaluate("window.heard = []; window.addEventListener('storage', (e) => window.heard.push(e.key))")
    page.goto(site_url + "learn/my-learning/")  # reads every store: paths, quizzes, scenarios, the CPD record
    expect(page.get_by_role("button", name="Add CPD entry")).to_be_visible()
    page.wait_for_timeout(300)  # storage events reach the other tab asynchronously
    heard = other.evaluate("window.heard")
    assert heard.count("rbp:probe") <= 2, heard[:10]  # set and removed, once
    # Until 2 December each tab's redraw probed again, so two idle tabs kept each other busy for good
    # (about 20,000 events a second).
    other.evaluate("window.heard = []")
    page.wait_for_timeout(500)
    assert other.evaluate("window.heard") == []
    other.close()
