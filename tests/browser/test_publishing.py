"""Publishing pages in real Chromium: accessible, self-contained, and fit to print."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import accessibility_problems

pytestmark = pytest.mark.browser

NEW_PAGES = ["updates/", "updates/category/site-news/", "about/content-health/", "about/authoring/", "about/print/"]


@pytest.mark.parametrize("path", NEW_PAGES)
def test_publishing_pages_are_clean(watch, path):
    page = watch.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert accessibility_problems(page) == []
    assert not watch.external and not watch.console_errors


def test_a_reader_finds_the_latest_post_from_the_home_page(watch):
    page = watch.goto("")
    latest = page.locator("article").get_by_role("link", name="The Relationship-Based Practice site has launched")
    latest.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("The Relationship-Based Practice site has launched")
    assert accessibility_problems(page) == []
    feed = page.locator('head link[rel~="alternate"][type="application/rss+xml"]')  # how feed readers find it
    href = feed.get_attribute("href")
    response = page.request.get(page.url.split("#")[0] + href if not href.startswith("http") else href)
    assert response.ok and "<rss" in response.text()
    assert not watch.external


def test_review_line_sits_under_the_heading(watch):
    page = watch.goto("theory/rapport/")
    line = page.locator("h1 + p.rbp-review")
    expect(line).to_have_text("Owner: Learning and Development Team · Last reviewed 26 November 2026 · Next review due 26 November 2027")


def test_print_page_on_paper_has_no_navigation_and_shows_where_links_go(watch):
    page = watch.goto("about/print/")
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-footer"]:
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.get_by_role("heading", name="Contents")).to_be_visible()
    external = page.locator(".rbp-print-page a[data-print-url]").first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("data-print-url") in after
    internal = page.locator(".rbp-print-toc a").first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    breaks = page.locator(".rbp-print-page").nth(1).evaluate("a => getComputedStyle(a).breakBefore")
    assert breaks == "page"
    assert accessibility_problems(page) == []
    assert not watch.external and not watch.console_errors


def test_print_page_contents_jump_to_each_page(watch):
    page = watch.goto("about/print/")
    link = page.locator(".rbp-print-toc").get_by_role("link", name="Rapport")
    expect(link).to_have_attribute("href", re.compile(r"#theory-rapport$"))
    link.click()  # (navigation.tracking then rewrites the address hash as it scrolls: check where we are instead)
    expect(page.locator("#theory-rapport")).to_be_in_viewport(timeout=10000)
    assert not watch.console_errors


def test_a_printed_page_leaves_out_record_this_as_cpd(watch):
    page = watch.goto("theory/rapport/")
    link = page.get_by_role("link", name="Record this as CPD")
    expect(link).to_be_visible()
    page.emulate_media(media="print")
    expect(link).to_be_hidden()


def test_the_feed_link_costs_no_second_sitemap_request(page, site_url):
    """Material fetches sitemap.xml once, for instant navigation; it would fetch it again for a
    link[rel=alternate] (it takes one for another language's site), which the feed link is not."""
    asked = []
    page.on("request", lambda request: asked.append(request.url) if request.url.endswith("/sitemap.xml") else None)
    page.goto(site_url)
    expect(page.locator('head link[rel~="alternate"][type="application/rss+xml"]')).to_have_count(1)
    page.wait_for_load_state("networkidle")
    assert len(asked) == 1, asked
