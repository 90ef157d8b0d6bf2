"""Abbreviations explain themselves on keyboard focus, not only on hover."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import accessibility_problems

pytestmark = pytest.mark.browser


def test_focusing_an_abbreviation_shows_its_definition(watch):
    page = watch.goto("tools/pams/")
    abbr = page.locator("article abbr", has_text="PAMS").first
    for _ in range(60):  # reach it by keyboard alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    expect(abbr).to_be_focused()
    tip = page.locator(f"#{abbr.get_attribute('aria-describedby')}")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Parent Assessment Manual Software")


def test_glossary_page_jump_links_and_axe(watch):
    page = watch.goto("reading-list/glossary/")
    page.get_by_role("link", name="M", exact=True).first.click()  # the jump list (the heading M is a link to itself too)
    expect(page.get_by_role("heading", name="MECC")).to_be_in_viewport()
    assert accessibility_problems(page) == []
