"""The search index loads when the reader reaches for search (overrides/partials/search-index-gate.html).

A page load fetches no search index; pressing "/", tapping the search button on a phone, pointing
at the search box, or opening a shared ?q= search fetches it, and what was typed while it loaded
is searched without typing again.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

INDEX = "search/search_index.json"


def _index_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if request.url.endswith(INDEX) else None)
    return requests


def _settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("path", ["", "theory/rapport/", "tools/risk-worksheet/"])
def test_a_page_load_fetches_no_search_index(watch, path):
    requests = _index_requests(watch.page)
    watch.goto(path)
    _settle(watch.page)
    assert requests == []
    assert not watch.console_errors


def test_pressing_slash_loads_the_index_and_searches_what_was_typed_meanwhile(watch):
    page = watch.page
    requests = _index_requests(page)
    watch.goto("theory/")
    _settle(page)
    page.keyboard.press("/")
    box = page.get_by_role("textbox", name="Search")
    expect(box).to_be_focused()
    box.press_sequentially("attachment")  # typed once, before the index can have arrived
    expect(page.get_by_role("dialog", name="Search").get_by_role("status")).to_contain_text("matching document", timeout=10_000)
    expect(page.locator(".md-search-result__item").first).to_contain_text("ttachment")
    assert len(requests) == 1
    assert not watch.console_errors


def test_tapping_search_on_a_phone_loads_the_index(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="en-GB")
    page = context.new_page()
    try:
        requests = _index_requests(page)
        page.goto(site_url + "practice/")
        _settle(page)
        assert requests == []
        page.locator('label.md-header__button[for="__search"]').tap()  # Material's search button: a label, no role
        box = page.get_by_role("textbox", name="Search")
        expect(box).to_be_visible()
        box.press_sequentially("Solihull")
        expect(page.locator(".md-search-result__item").first).to_contain_text("Solihull", timeout=10_000)
        assert len(requests) == 1
    finally:
        context.close()


def test_pointing_at_the_search_box_fetches_the_index_ahead_of_a_click(watch):
    page = watch.page
    page.set_viewport_size({"width": 1280, "height": 800})
    requests = _index_requests(page)
    watch.goto("")
    _settle(page)
    assert requests == []
    page.get_by_role("textbox", name="Search").hover()
    page.wait_for_timeout(200)
    assert len(requests) == 1


def test_a_shared_search_link_opens_with_its_results(watch):
    page = watch.goto("?q=Solihull")
    expect(page.get_by_role("textbox", name="Search")).to_have_value("Solihull")
    expect(page.locator(".md-search-result__item").first).to_contain_text("Solihull", timeout=10_000)
    assert not watch.console_errors
