"""Robust the GOV.UK way, on the real site: each component works at 320 px (400 % zoom) without
sideways scrolling, in forced colours (Windows High Contrast), with reduced motion, when its CSS or
its JavaScript fails to load; headings keep their names; search says how many results it found;
form errors are summarised at the top, linked to their fields, and shown above each field."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import accessibility_problems, search

pytestmark = pytest.mark.browser

# A page for each component: quiz (and a step banner), worksheet, a path's page, My learning, the
# quiz list, the glossary, a diagram.
COMPONENT_PAGES = ["practice/risk-analysis/", "tools/risk-worksheet/", "learn/paths/practice-model/",
                   "learn/my-learning/", "learn/quizzes/", "reading-list/glossary/", "practice/assessment/"]

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def load_example(page):
    page.get_by_role("button", name="Load practice example").click()
    expect(page.get_by_role("group", name="Risk factor 1")).to_be_visible()


def mark_empty_quiz(page):
    quiz = page.locator("[data-quiz=risk-analysis]")
    quiz.get_by_role("button", name="Check answers").click()
    quiz.get_by_role("button", name="Mark anyway").click()
    expect(quiz.get_by_role("status").first).to_contain_text("You scored")


# ---------------------------------------------------------------- 320 px: 1280 px at 400 % zoom


@pytest.mark.parametrize("path", COMPONENT_PAGES)
def test_no_sideways_scrolling_at_320_px(watch, path):
    watch.page.set_viewport_size({"width": 320, "height": 640})
    page = watch.goto(path)
    assert page.evaluate(SIDEWAYS) <= 0, f"{path} scrolls sideways at 320 px"


def test_components_in_use_fit_320_px(watch):
    watch.page.set_viewport_size({"width": 320, "height": 640})
    page = watch.goto("tools/risk-worksheet/")
    load_example(page)
    assert page.evaluate(SIDEWAYS) <= 0, "the filled worksheet scrolls sideways"
    page.get_by_role("button", name="Worksheet menu").click()  # on a narrow screen the tools are in the menu
    page.get_by_role("button", name="Summary view").click()
    assert page.evaluate(SIDEWAYS) <= 0, "the filled worksheet's summary scrolls sideways"
    page = watch.goto("practice/risk-analysis/")
    mark_empty_quiz(page)
    assert page.evaluate(SIDEWAYS) <= 0, "a marked quiz scrolls sideways"
    page = watch.goto("learn/my-learning/")
    page.get_by_role("button", name="Add CPD entry").click()
    page.get_by_role("button", name="Save CPD entry").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    assert page.evaluate(SIDEWAYS) <= 0, "the CPD form with its errors scrolls sideways"


# ---------------------------------------------------------------- forced colours


@pytest.mark.parametrize("path", ["practice/risk-analysis/", "tools/risk-worksheet/", "learn/my-learning/"])
def test_forced_colours_keep_buttons_and_focus_visible(watch, path):
    """Windows High Contrast drops backgrounds and shadows: buttons keep a border, focus an outline."""
    watch.page.emulate_media(forced_colors="active")
    page = watch.goto(path)
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    borderless = page.evaluate("""() => [...document.querySelectorAll('.md-content button, .md-content .md-button')]
      .filter(b => b.checkVisibility())
      .filter(b => { const s = getComputedStyle(b); return s.borderStyle === 'none' || parseFloat(s.borderWidth) === 0; })
      .map(b => b.textContent.trim().slice(0, 40))""")
    assert borderless == [], f"buttons with no border in forced colours: {borderless}"
    for target in (page.locator(".md-content button:visible").first, page.locator(".md-content a[href]:visible").first):
        target.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        ring = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
        assert ring[0] != "none" and ring[1] >= 2, f"focus has no outline in forced colours on {path}: {ring}"


# ---------------------------------------------------------------- reduced motion


def test_reduced_motion_stops_transitions_and_smooth_scrolling(watch):
    watch.page.emulate_media(reduced_motion="reduce")
    page = watch.goto("tools/risk-worksheet/")
    durations = page.evaluate("""() => [...document.querySelectorAll('.md-skip, .md-sidebar--primary, .md-button, .rbp-ws *')]
      .flatMap(el => getComputedStyle(el).transitionDuration.split(',').map(parseFloat))""")
    assert durations and max(durations) <= 0.001
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"


# ---------------------------------------------------------------- when CSS or JavaScript fails


def test_without_css_the_quiz_and_worksheet_still_work(watch):
    watch.page.route(re.compile(r"\.css(\?|$)"), lambda route: route.abort())
    page = watch.goto("practice/risk-analysis/")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "static"  # unstyled
    # Hidden parts stay hidden (the hidden attribute, not CSS): the full step banner, a quiz's feedback.
    expect(page.locator("[data-banner-full]")).to_be_hidden()
    mark_empty_quiz(page)
    page = watch.goto("tools/risk-worksheet/")
    load_example(page)
    expect(page.get_by_role("group", name="Protective factor 1")).to_be_visible()
    watch.external.clear()


def test_when_the_sites_script_fails_the_content_is_still_there(watch):
    """A failed download of core.js (a proxy, a flaky signal): the page is the HTML as served."""
    watch.page.route(re.compile(r"/assets/javascripts/"), lambda route: route.abort())
    page = watch.goto("practice/risk-analysis/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("[data-quiz=risk-analysis]")).to_contain_text("Question 1 of 7")  # there to read
    page = watch.goto("tools/risk-worksheet/")
    expect(page.locator(".rbp-ws-reference, .rbp-ws-nojs").first).to_be_visible()  # the method, on paper
    page = watch.goto("learn/paths/practice-model/")
    expect(page.get_by_role("link", name="Start path")).to_be_visible()  # a real link to step 1
    expect(page.locator("ol.rbp-steps > li")).to_have_count(10)


# ---------------------------------------------------------------- screen readers


def test_headings_keep_their_names_and_link_to_themselves(watch):
    page = watch.goto("tools/risk-worksheet/")
    heading = page.get_by_role("heading", name="How to use it", exact=True)
    expect(heading).to_have_count(1)
    link = heading.get_by_role("link", name="How to use it", exact=True)
    expect(link).to_have_attribute("href", re.compile("#how-to-use-it$"))
    assert page.get_by_role("link", name="¶").count() == 0
    assert page.get_by_text("¶").count() == 0  # the mark beside it is CSS decoration, not text
    assert page.locator(".headerlink").count() == 0


def test_search_announces_how_many_results_it_found(watch):
    page = watch.goto("")
    search(page, "containment")
    status = page.get_by_role("dialog", name="Search").get_by_role("status")
    expect(status).to_have_text(re.compile(r"^\d+ matching documents?$"))
    expect(status).to_have_attribute("aria-live", "polite")


def test_form_errors_are_summarised_at_the_top_and_shown_above_each_field(watch):
    page = watch.goto("learn/my-learning/")
    page.get_by_role("button", name="Add CPD entry").click()
    form = page.get_by_role("group", name="New CPD entry")
    form.get_by_label("Date").fill("")
    form.get_by_role("button", name="Save CPD entry").click()
    summary = form.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    links = summary.get_by_role("link")
    expect(links).to_have_text(["Enter the date of the activity.", "Choose the type of activity.",
                                "Give the activity a title.", "Write what you learnt before you save."])
    # Each message is above its field and part of its description; the field is marked invalid.
    learnt = form.get_by_label("What I learnt")
    expect(learnt).to_have_attribute("aria-invalid", "true")
    expect(learnt).to_have_accessible_description(re.compile("Error: Write what you learnt before you save."))
    above = page.evaluate("""() => { const f = document.getElementById('ml-learnt');
      return f.previousElementSibling.textContent; }""")
    assert above == "Error: Write what you learnt before you save."
    assert accessibility_problems(page) == []
    # A link in the summary takes the reader to the field.
    links.last.press("Enter")
    expect(learnt).to_be_focused()
    # Put right and saved: the summary and the messages go.
    form.get_by_label("Date").fill("2026-11-30")
    form.get_by_label("Type of activity").select_option("reading")
    form.get_by_label("Title").fill("Reading about rapport")
    learnt.fill("Rapport starts before the first question.")
    form.get_by_role("button", name="Save CPD entry").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_have_count(0)
    expect(page.locator("[data-field-error]")).to_have_count(0)
    assert watch.console_errors == []


@pytest.mark.parametrize("how", ["a heading's own link", "the table of contents"])
def test_a_link_within_the_page_keeps_what_the_reader_has_typed(watch, how):
    """Material's instant navigation draws the page again on the first link to a place on it; on a
    page with a component, core.js follows such links itself, so unsaved answers stay."""
    watch.page.set_viewport_size({"width": 1280, "height": 800})
    page = watch.goto("practice/risk-analysis/")
    quiz = page.locator("[data-quiz=risk-analysis]")
    expect(quiz).to_have_attribute("data-rbp-ready", "")
    choice = quiz.get_by_role("radio").first
    choice.check()
    page.evaluate("window.__before = document.querySelector('[data-quiz=risk-analysis]')")
    if how == "a heading's own link":
        heading = page.get_by_role("heading", name="Part 2: weigh the factors")
        heading.get_by_role("link").click()
        expect(page).to_have_url(re.compile("#part-2-weigh-the-factors$"))
    else:
        heading = page.get_by_role("heading", name="Part 3: decide what needs to change")
        toc = page.get_by_role("navigation", name="Table of contents").last
        toc.get_by_role("link", name="Part 3: decide what needs to change").click()
    expect(heading).to_be_in_viewport()
    assert page.evaluate("window.__before === document.querySelector('[data-quiz=risk-analysis]')")
    expect(choice).to_be_checked()
