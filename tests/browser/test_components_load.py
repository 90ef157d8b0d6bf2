"""Components load only where they are used, and still start when the reader arrives by instant navigation."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def arrive_instantly(watch, path: str):
    page = watch.goto("")
    page.evaluate("window.__samePage = true")
    assert page.evaluate("Boolean(window.rbpQuizLoaded || window.rbpWorksheetLoaded)") is False
    page.evaluate("(href) => { const a = document.createElement('a'); a.href = href; a.textContent = 'go';"
                  " document.querySelector('article').append(a); }", path)
    page.locator("article a", has_text="go").last.click()
    # (Material's navigation.tracking may still add the old page's section to the address)
    expect(page).to_have_url(re.compile(re.escape(watch.site_url + path) + "(#.*)?$"))
    assert page.evaluate("window.__samePage") is True, "expected Material's instant navigation"
    return page


def test_home_page_loads_no_component_it_does_not_use(site_dir):
    home = (site_dir / "index.html").read_text()
    for asset in ("quiz.js", "quiz.css", "worksheet.js", "worksheet.css", "diagrams.css"):
        assert asset not in home
    worksheet = (site_dir / "tools" / "risk-worksheet" / "index.html").read_text()
    assert "worksheet.js" in worksheet and "quiz.js" not in worksheet


def test_quiz_starts_after_instant_navigation(watch):
    page = arrive_instantly(watch, "theory/theories/")
    page.get_by_role("button", name="Check answers").click()
    expect(page.get_by_role("status").filter(has_text="You scored")).to_contain_text("You scored 0 out of")
    assert watch.console_errors == []


def test_worksheet_starts_after_instant_navigation(watch):
    page = arrive_instantly(watch, "tools/risk-worksheet/")
    page.get_by_role("button", name="Add risk factor").click()
    expect(page.get_by_role("group", name="Risk factor 1").get_by_label("Description")).to_be_focused()
    assert watch.console_errors == []
