"""Every built page in real Chromium, in both colour schemes: loads cleanly, asks nothing of other
sites, and neither axe-core nor HTML_CodeSniffer finds a WCAG 2.2 AA error."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import accessibility_problems, search

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_is_clean(watch, pages, scheme):
    watch.page.emulate_media(color_scheme=scheme)
    problems = []
    for path in pages:
        page = watch.goto(path)
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        if shown != ("slate" if scheme == "dark" else "default"):
            problems.append(f"{path}: shown in the {shown} scheme, not {scheme}")
        if watch.console_errors:
            problems.append(f"{path}: console errors {watch.console_errors}")
        if watch.external:
            problems.append(f"{path}: external requests {watch.external}")
        # The markup is the same in both schemes: the dark one is checked for contrast.
        for v in accessibility_problems(page, colours_only=scheme == "dark"):
            problems.append(f"{path}: {v}")
        watch.console_errors.clear()
        watch.external.clear()
    assert not problems, "\n".join(problems)


def test_no_cookies_and_no_storage_until_the_user_acts(watch, pages):
    for path in pages:
        watch.goto(path)
        keys = watch.page.evaluate("Object.keys(localStorage).concat(Object.keys(sessionStorage))")
        assert [k for k in keys if k.startswith("rbp:")] == [], f"{path} wrote to storage by itself"
    assert watch.page.context.cookies() == []


@pytest.mark.parametrize("term, expected, scheme", [("containment", "Solihull", "light"), ("Solihull", "Solihull", "dark")])
def test_search_finds(watch, term, expected, scheme):
    watch.page.emulate_media(color_scheme=scheme)
    page = watch.goto("")
    results = search(page, term)
    expect(page.get_by_role("textbox", name="Search")).to_be_focused()
    expect(page.get_by_role("dialog", name="Search")).to_have_count(1)  # Material leaves it unnamed
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text(expected)
    assert not watch.external
    assert accessibility_problems(page) == []  # the search dialog, open with results


def test_diagrams_have_text_alternatives(watch):
    for path, count in [("practice/assessment/", 1), ("theory/theory-and-method/", 1), ("practice/making-every-contact-count/", 1)]:
        page = watch.goto(path)
        figures = page.locator("figure.rbp-diagram")
        expect(figures).to_have_count(count)
        for i in range(count):
            fig = figures.nth(i)
            expect(fig.locator("figcaption")).not_to_be_empty()
            text = fig.locator("details.rbp-diagram__text")
            expect(text).to_have_count(1)
            assert len(text.text_content()) > 200  # read by screen readers even while closed
            svgs = fig.locator("svg")
            for j in range(svgs.count()):
                svg = svgs.nth(j)
                if svg.get_attribute("aria-hidden") != "true":
                    assert svg.get_attribute("role") == "img"
                    assert svg.get_attribute("aria-labelledby") or svg.get_attribute("aria-label")


def test_skip_link_moves_to_content(watch):
    page = watch.goto("theory/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    heading = page.locator("article h1").get_attribute("id")
    expect(skip).to_have_attribute("href", re.compile(f"#{heading}$"))  # it points at the page's own heading
    page.keyboard.press("Enter")
    expect(page.locator(f"#{heading}")).to_be_in_viewport()


def test_pages_read_without_javascript(nojs_page, site_url):
    nojs_page.goto(site_url + "practice/risk-analysis/")
    expect(nojs_page.get_by_role("heading", level=1)).to_be_visible()
    expect(nojs_page.locator("article")).to_contain_text("protective factors")


def test_dark_mode_is_clean(page, site_url):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + "practice/assessment/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert accessibility_problems(page) == []


def test_the_not_found_page_is_clean(watch):
    page = watch.goto("404.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("404 - Not found")
    assert accessibility_problems(page) == []
    assert watch.console_errors == [] and watch.external == []
