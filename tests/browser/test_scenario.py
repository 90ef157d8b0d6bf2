"""Branching scenarios in Chromium, on the real site: driven by keyboard, by role and name, to two endings, with
Back, Start again and the stored result; followed by links alone without JavaScript; a learning path's scenario
step done after an ending; My learning and "Record this scenario as CPD"; axe at the start, mid-way and at an end."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import accessibility_problems

pytestmark = pytest.mark.browser

PAGE = "practice/making-every-contact-count/"
KEY = "rbp:scenario:first-home-visit"
ROOT = "[data-scenario=first-home-visit]"


def scenario(page):
    return page.locator(ROOT)


def choose(page, name: str) -> None:
    """Tab to the choice's link and press Enter, as a keyboard user would."""
    link = scenario(page).get_by_role("link", name=name)
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")


def heading(page, name: str):
    return scenario(page).get_by_role("heading", name=name, exact=True)


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else None


def open_scenario(watch):
    page = watch.goto(PAGE)
    expect(scenario(page)).to_have_attribute("data-rbp-ready", "")
    return page


def test_a_scenario_goes_to_two_endings_with_back_and_start_again(watch):
    page = open_scenario(watch)
    sc = scenario(page)
    expect(sc).to_contain_text("This family is fictional, made up for learning")
    expect(heading(page, "In the office, before you go")).to_be_visible()
    expect(heading(page, "In the car, outside the house")).to_be_hidden()
    expect(sc.get_by_role("button", name="Back")).to_be_hidden()
    assert accessibility_problems(page, ROOT) == []

    choose(page, "Read the case history, talk it through with your supervisor, and decide what the visit is for")
    car = heading(page, "In the car, outside the house")
    expect(car).to_be_focused()
    expect(heading(page, "In the office, before you go")).to_be_hidden()
    expect(sc.locator("[data-scenario-feedback]")).to_contain_text("You chose: Read the case history")
    expect(sc.locator("[data-scenario-feedback]")).to_contain_text("up-to-date records")
    expect(sc.locator("[data-scenario-announce]")).to_contain_text("Next: In the car, outside the house.")
    expect(sc.get_by_role("list", name="Your route so far").get_by_role("listitem")).to_have_count(1)

    choose(page, "Push the nerves aside and go straight to the door to get it over with")
    expect(heading(page, "On the doorstep")).to_be_focused()
    assert accessibility_problems(page, ROOT) == []  # mid-way: route, feedback, Back and Start again

    # Back: to the car again, one step off the route.
    sc.get_by_role("button", name="Back").click()
    expect(car).to_be_focused()
    expect(sc.locator("[data-scenario-announce]")).to_contain_text("Back to: In the car, outside the house.")
    expect(sc.get_by_role("list", name="Your route so far").get_by_role("listitem")).to_have_count(1)
    choose(page, "Stay in the car for a few minutes, notice how you feel, and remind yourself why you are here")
    choose(page, "Accept that it is not a good time, and arrange to come back another day")

    ending = heading(page, "Ending: Seen from the doorstep")
    expect(ending).to_be_focused()
    route = sc.get_by_role("list", name="The route you took")
    expect(route.get_by_role("listitem")).to_have_count(3)
    expect(route.get_by_role("listitem").nth(1)).to_contain_text("You chose: Stay in the car")
    expect(route.get_by_role("listitem").nth(1)).to_contain_text("tune into herself")
    expect(sc.get_by_role("heading", name="Debrief").first).to_be_visible()
    expect(sc.get_by_role("link", name="The practice cycle: the intimate/flowing pattern")).to_be_visible()
    result = stored(page)
    hash_ = sc.get_attribute("data-scenario-hash")
    assert result == {"v": 1, "hash": hash_, "ending": "ending-doorstep", "steps": 3,
                      "date": dt.date.today().isoformat()}
    assert accessibility_problems(page, ROOT) == []

    # Start again, and a different ending.
    sc.get_by_role("button", name="Start again").click()
    expect(heading(page, "In the office, before you go")).to_be_focused()
    expect(sc.get_by_role("button", name="Back")).to_be_hidden()
    expect(sc.locator("[data-scenario-last]")).to_contain_text("Last time you reached the ending “Seen from the doorstep”")
    for name in ["Read the case history", "Stay in the car",
                 "Welcome Mason, and tell Kayla calmly and clearly why you are here",
                 "Explain that you need to see the whole home",
                 "Stay in the rooms as long as you need",
                 "Get down to his level and follow his lead",
                 "Introduce yourself to Lee",
                 "Write up what you saw and heard while it is fresh"]:
        choose(page, name)
    expect(heading(page, "Ending: A visit that counted")).to_be_focused()
    expect(sc.get_by_role("list", name="The route you took").get_by_role("listitem")).to_have_count(8)
    assert stored(page)["ending"] == "ending-counted" and stored(page)["steps"] == 8
    page.reload()
    expect(scenario(page).locator("[data-scenario-last]")).to_contain_text("Last time you reached the ending “A visit that counted”")
    assert watch.console_errors == [] and watch.external == []


def test_a_stored_result_for_other_content_or_in_another_shape_is_dropped(watch):
    page = open_scenario(watch)
    for value in ({"v": 1, "hash": "0000000000000000", "ending": "ending-counted", "steps": 8, "date": "2026-11-01"},
                  {"v": 1, "hash": "x", "ending": "<b>", "steps": -1, "date": "soon"}, "not json"):
        page.evaluate("([k, v]) => localStorage.setItem(k, typeof v === 'string' ? v : JSON.stringify(v))", [KEY, value])
        page.reload()
        expect(scenario(page)).to_have_attribute("data-rbp-ready", "")
        expect(scenario(page).locator("[data-scenario-last]")).to_be_hidden()
        assert stored(page) is None
    assert watch.console_errors == []


def test_without_javascript_the_scenario_is_followed_by_links_alone(nojs_page, site_url):
    page = nojs_page
    page.goto(site_url + PAGE)
    sc = scenario(page)
    # Every node is a section with a heading, shown one after another.
    expect(sc.locator("section[data-node]")).to_have_count(14)
    expect(sc.get_by_role("region", name="In the car, outside the house")).to_be_visible()
    for name, arrive in [("Set off now and read the file when you get back", "In the car, outside the house"),
                         ("Go straight to the door", "On the doorstep"),
                         ("Go back to the car until Kayla has shut the dog away", "Back in the car"),
                         ("Agree to come back another time", "Ending: Seen from the doorstep")]:
        sc.get_by_role("link", name=name).click()
        assert page.url.endswith("#" + sc.get_by_role("heading", name=arrive, exact=True).evaluate("h => h.closest('section').id"))
        region = sc.get_by_role("region", name=arrive)
        expect(region).to_be_in_viewport()
    # The ending says what happened after the choice that led there, and leads back to the start.
    end = sc.get_by_role("region", name="Ending: Seen from the doorstep")
    expect(end).to_contain_text("you chose “Agree to come back another time”. The dog has decided how the visit goes.")
    end.get_by_role("link", name="Try another route from the start").click()
    assert page.url.endswith("#scenario-first-home-visit-office")
    expect(sc.get_by_role("button", name="Back")).to_be_hidden()


@pytest.mark.parametrize("blocked", [r"/scenario\.js", r"/assets/javascripts/"])
def test_when_the_scenario_script_fails_to_load_the_links_still_lead_to_an_ending(watch, blocked):
    """JavaScript is on but the scenario's script (or all the site's) never arrives: the first
    situation shows, and each choice, a link, shows the situation it leads to."""
    watch.page.route(re.compile(blocked), lambda route: route.abort())
    page = watch.goto(PAGE)
    sc = scenario(page)
    expect(sc.get_by_role("region", name="In the office, before you go")).to_be_visible()
    for name, arrive in [("Set off now and read the file when you get back", "In the car, outside the house"),
                         ("Go straight to the door", "On the doorstep"),
                         ("Go back to the car until Kayla has shut the dog away", "Back in the car"),
                         ("Agree to come back another time", "Ending: Seen from the doorstep")]:
        sc.get_by_role("link", name=name).click()
        expect(sc.get_by_role("region", name=arrive)).to_be_in_viewport()
        expect(sc.locator("section[data-node]:visible")).to_have_count(1)
    watch.console_errors.clear()


def test_a_learning_path_scenario_step_is_done_after_an_ending(watch):
    page = watch.goto("learn/paths/working-with-families/")
    step = page.locator("li[data-step='scenario:first-home-visit']")
    expect(step).to_contain_text("Not done yet: reach an ending in the scenario to complete this step")
    step.get_by_role("link", name="Scenario: A first home visit").click()
    expect(scenario(page)).to_have_attribute("data-rbp-ready", "")
    for name in ["Set off now", "Go straight to the door", "Accept that it is not a good time"]:
        choose(page, name)
    expect(heading(page, "Ending: Seen from the doorstep")).to_be_focused()
    page.goto(watch.site_url + "learn/paths/working-with-families/")
    expect(step).to_contain_text("Done: an ending reached on")
    expect(step).to_have_class(re.compile(r"\bis-done\b"))
    assert accessibility_problems(page) == []
    assert watch.console_errors == [] and watch.external == []


def test_my_learning_shows_the_ending_and_records_the_scenario_as_cpd(watch):
    page = open_scenario(watch)
    for name in ["Set off now", "Go straight to the door", "Accept that it is not a good time"]:
        choose(page, name)
    scenario(page).get_by_role("region", name="Ending: Seen from the doorstep").get_by_role(
        "link", name="Record this scenario as CPD").click()
    form = page.get_by_role("group", name="New CPD entry")
    expect(form.get_by_label("Title")).to_have_value("Practice scenario: A first home visit")
    expect(form.get_by_label("Linked page or step")).to_have_value("page|practice/making-every-contact-count.md")
    table = page.locator('[data-my-learning="scenarios"] table')
    expect(table.get_by_role("row").nth(1)).to_contain_text("A first home visit")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Seen from the doorstep")
    assert accessibility_problems(page) == []
    assert watch.console_errors == [] and watch.external == []


def test_the_second_scenario_reaches_what_needs_to_change(watch):
    page = watch.goto("practice/risk-analysis/")
    sc = page.locator("[data-scenario=weighing-a-referral]")
    expect(sc).to_have_attribute("data-rbp-ready", "")
    for name in ["Gather information from a range of sources", "Set it out under the three domains",
                 "See Lily and Ben yourself", "Treat Jess's warmth as a real strength",
                 "Ask when Pat is there and when she is not", "Look at how the factors interact",
                 "Say what needs to change in parenting capacity"]:
        link = sc.get_by_role("link", name=name)
        link.focus()
        page.keyboard.press("Enter")
    expect(sc.get_by_role("heading", name="Ending: What needs to change, and for whom")).to_be_focused()
    expect(sc.get_by_role("link", name="Part 3: decide what needs to change")).to_be_visible()
    assert watch.console_errors == [] and watch.external == []


@pytest.mark.parametrize("width", [320, 390])
def test_a_scenario_fits_a_narrow_screen(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + PAGE)
    expect(scenario(page)).to_have_attribute("data-rbp-ready", "")
    for name in ["Set off now", "Go straight to the door", "Accept that it is not a good time"]:
        choose(page, name)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_scenario_result_is_exported_cleared_and_imported_again(watch, tmp_path):
    page = open_scenario(watch)
    for name in ["Set off now", "Go straight to the door", "Accept that it is not a good time"]:
        choose(page, name)
    result = stored(page)
    page.goto(watch.site_url + "learn/my-learning/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export data").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["scenarios"] == {"first-home-visit": result}
    page.get_by_role("button", name="Clear all my learning data").click()
    page.get_by_role("button", name="Yes, clear it all").click()
    assert stored(page) is None
    expect(page.get_by_text("You have not reached the end of a practice scenario in this browser yet.")).to_be_visible()
    page.get_by_label("Import data").set_input_files(str(exported))
    expect(page.get_by_text("Imported 1 scenario result.").first).to_be_visible()
    assert stored(page) == result
    expect(page.locator('[data-my-learning="scenarios"] tbody tr')).to_contain_text("Seen from the doorstep")
    # A damaged scenario result stops the import, and nothing is changed.
    data["scenarios"]["first-home-visit"]["ending"] = "<script>"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    page.get_by_label("Import data").set_input_files(str(bad))
    expect(page.get_by_text("a scenario result in it is not in the expected form").first).to_be_visible()
    assert stored(page) == result
    assert watch.console_errors == [] and watch.external == []
