"""Components load only where they are used, and still start when the reader arrives by instant navigation."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def arrive_instantly(watch, path: str):
    page = watch.goto("")
    page.evaluate("window.__samePage = true")
    assert page.evaluate("Boolean(window.rbp)") is False  # the home page has no component
    page.evaluate("(href) => { const a = document.createElement('a'); a.href = href; a.textContent = 'go';"
                  " document.querySelector('article').append(a); }", path)
    page.locator("article a", has_text="go").last.click()
    # (Material's navigation.tracking may still add the old page's section to the address)
    expect(page).to_have_url(re.compile(re.escape(watch.site_url + path) + "(#.*)?$"))
    assert page.evaluate("window.__samePage") is True, "expected Material's instant navigation"
    return page


def test_home_page_loads_no_component_it_does_not_use(site_dir):
    home = (site_dir / "index.html").read_text()
    for asset in ("core.js", "quiz.js", "quiz.css", "worksheet.js", "worksheet.css", "diagrams.css", "paths.js",
                  "paths.css", "learning.js", "learning.css", "path-page.js", "my-learning.js", "my-learning.css"):
        assert asset not in home
    worksheet = (site_dir / "tools" / "risk-worksheet" / "index.html").read_text()
    assert "worksheet.js" in worksheet and "quiz.js" not in worksheet


def test_quiz_starts_after_instant_navigation(watch):
    page = arrive_instantly(watch, "theory/theories/")
    page.get_by_role("button", name="Check answers").click()
    page.get_by_role("button", name="Mark anyway").click()
    expect(page.get_by_role("status").filter(has_text="You scored")).to_contain_text("You scored 0 out of")
    assert watch.console_errors == []


def test_worksheet_starts_after_instant_navigation(watch):
    page = arrive_instantly(watch, "tools/risk-worksheet/")
    page.get_by_role("button", name="Add risk factor").click()
    expect(page.get_by_role("group", name="Risk factor 1").get_by_label("Description")).to_be_focused()
    assert watch.console_errors == []


def test_a_component_that_fails_to_start_leaves_its_html_and_the_others_working(watch, page):
    """One banner's build-time data is broken: that banner stays as served, the one beside it works."""
    warnings = []
    page.on("console", lambda msg: warnings.append(msg.text) if msg.type == "warning" else None)

    def break_first_banner(route):
        html = route.fetch().text()
        assert html.count('data-path-def="') == 2
        route.fulfill(status=200, content_type="text/html", body=html.replace('data-path-def="', 'data-path-def="{not json', 1))

    page.route("**/theory/rapport/", break_first_banner)
    # The banner as served, taken before any component starts (core.js starts them once the page is parsed).
    page.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
        window.__served = document.querySelector("[data-path-banner]").outerHTML;
    });""")
    page = watch.goto("theory/rapport/")
    page.evaluate("localStorage.setItem('rbp:path:working-with-families', JSON.stringify({v: 1, done: []}))")  # started
    page.reload()
    broken = page.get_by_role("region", name="Learning path: Your first weeks: the practice model")
    working = page.get_by_role("region", name="Learning path: Working with families")
    expect(working).to_have_attribute("data-rbp-ready", "")
    expect(broken).to_have_attribute("data-rbp-failed", "")
    now = broken.evaluate("el => { const copy = el.cloneNode(true); copy.removeAttribute('data-rbp-failed'); return copy.outerHTML; }")
    assert now == page.evaluate("window.__served")
    expect(broken).to_contain_text(re.compile(r"Part of the learning path Your first weeks: the practice model: step \d+ of \d+\."))
    expect(broken.get_by_role("link", name="Your first weeks: the practice model")).to_be_visible()
    expect(broken.get_by_role("button", name="Mark as done")).to_be_hidden()

    toggle = working.get_by_role("button", name="Mark as done")
    toggle.click()
    expect(working.get_by_role("button", name="Done — mark as not done")).to_be_visible()
    assert watch.console_errors == []
    assert any("did not start" in w for w in warnings), warnings


def test_each_script_loads_once_and_in_order_across_instant_navigation(watch):
    """Quizzes → a step with a quiz → the list of paths → My learning: each page adds only the scripts it lacks."""
    page = watch.goto("learn/quizzes/")
    page.evaluate("window.__samePage = true")
    for path, ready in (("theory/theories/", "[data-quiz][data-rbp-ready]"), ("learn/", "[data-path-card][data-rbp-ready]"),
                        ("learn/my-learning/", '[data-my-learning="reflections"][data-rbp-ready]')):
        page.evaluate("(href) => { const a = document.createElement('a'); a.href = href; a.textContent = 'go';"
                      " document.querySelector('article').append(a); }", watch.site_url + path)
        page.locator("article a", has_text="go").last.click()
        expect(page.locator(ready).first).to_be_attached()
    assert page.evaluate("window.__samePage") is True, "expected Material's instant navigation"
    loaded = page.evaluate("""() => [...document.querySelectorAll("script[src*='assets/javascripts/']")]
        .map(s => new URL(s.src).pathname.split("/").pop()).filter(n => !n.startsWith("bundle."))""")
    assert sorted(loaded) == sorted(["core.js", "quiz.js", "paths.js", "learning.js", "my-learning.js"])
    assert loaded.index("paths.js") < loaded.index("learning.js") < loaded.index("my-learning.js")
    page.get_by_role("button", name="Add CPD entry").click()
    expect(page.get_by_label("What I learnt")).to_be_visible()
    assert watch.console_errors == []
