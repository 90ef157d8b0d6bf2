"""Learning paths and My learning in Chromium: paths that lead (Start path, Continue), the quiet and the full step
banner, quiz results, the CPD record (its shape, the old reflective log carried over, Record this as CPD, the
registration year), export / clear / import, bad stored data and bad files, typed text kept inert, and axe."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil

import pytest
from playwright.sync_api import expect

from tests.support.browser import Watch, accessibility_problems
from tests.support.build import ROOT, mkdocs_build
from tests.support.server import SiteServer

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "paths" / "site"
XSS = '<img src=x onerror="window.__xss=1"></textarea><script>window.__xss=1</script>'
STEP3 = "reflect:what-will-you-try-on-your-next-visit-to-build-rapport"
PROMPT = "What will you try on your next visit to build rapport?"
LONDON = dt.timezone(dt.timedelta(0))  # the tests' browsers run on London time, which is UTC in winter


def at(day: str):
    """Noon on a day, for page.clock."""
    return dt.datetime.fromisoformat(day + "T12:00:00").replace(tzinfo=LONDON)


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory):
    """The fixture site (one path: a page, a quiz and a reflection), built and served."""
    project = tmp_path_factory.mktemp("paths") / "project"
    shutil.copytree(FIXTURE, project)
    (project / "macros").symlink_to(ROOT / "macros")
    (project / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    build = mkdocs_build(project, project.parent / "site")
    assert build.ok, build.output
    with SiteServer(project.parent / "site") as server:
        yield server.url


@pytest.fixture
def fx(page, fixture_url) -> Watch:
    return Watch(page, fixture_url)


def storage(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))")


def seed(page, values: dict) -> None:
    page.evaluate("v => { for (const [k, x] of Object.entries(v)) localStorage.setItem(k, typeof x === 'string' ? x : JSON.stringify(x)); }", values)
    page.reload()


def step(page, n: int):
    return page.locator("ol.rbp-steps > li").nth(n - 1)


def quiz_result(page, fixture_url) -> dict:
    """A passed result for the fixture quiz, under the hash its page carries."""
    page.goto(fixture_url + "quiz/")
    quiz_hash = page.locator("[data-quiz=fixture]").get_attribute("data-quiz-hash")
    return {"v": 1, "hash": quiz_hash, "score": 1, "total": 1, "passed": True, "date": "2026-03-04"}


def old_entry(i: int, **extra) -> dict:
    """A reflection as the reflective log (version 1 of rbp:reflections) stored it."""
    e = {"id": f"r-test{i:06d}", "date": f"2026-03-0{i}", "what": f"What {i}", "so_what": f"So what {i}",
         "now_what": f"Now what {i}", "minutes": 10 * i, "path": None, "step": None, "page": None, "prompt": None,
         "created": f"2026-03-0{i}T09:00:00.000Z", "updated": f"2026-03-0{i}T09:00:00.000Z"}
    e.update(extra)
    return e


def cpd(i: int, date: str, **extra) -> dict:
    """A CPD entry as version 2 stores it."""
    e = {"id": f"r-cpd{i:07d}", "date": date, "type": "reading", "title": f"Title {i}", "description": f"Description {i}",
         "learnt": f"Learnt {i}", "impact": f"Impact {i}", "peer_with": "", "peer_what": "", "minutes": 30,
         "path": None, "step": None, "page": None, "prompt": None,
         "created": f"{date}T09:00:00.000Z", "updated": f"{date}T09:00:00.000Z"}
    e.update(extra)
    return e


def banner(page):
    return page.get_by_role("region", name="Learning path: A short path")


def stored_entries(page) -> list[dict]:
    return json.loads(storage(page)["rbp:reflections"])["entries"]


# ---------------------------------------------------------------- paths that lead


def test_follow_a_path_by_keyboard_from_start_to_3_of_3(fx):
    page = fx.goto("learn/paths/short/")
    expect(page.locator("[data-path-count]")).to_have_text("0 of 3 complete")
    expect(page.get_by_role("progressbar", name="Progress through this path")).to_have_attribute("value", "0")
    start = page.get_by_role("link", name="Start path", exact=True)
    expect(start).to_have_attribute("href", re.compile(r"/reading/$"))
    assert storage(page) == {}  # nothing is written until the reader acts

    # Start opens step 1's page, and from then on the steps show the full banner.
    start.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/reading/$"))
    expect(banner(page)).to_contain_text("Step 1 of 3 in A short path")
    assert json.loads(storage(page)["rbp:path:short"]) == {"v": 1, "done": []}
    toggle = banner(page).get_by_role("button", name="Mark as done")
    toggle.focus()
    page.keyboard.press("Enter")
    done = banner(page).get_by_role("button", name="Done — mark as not done")
    expect(done).to_be_focused()
    expect(done).to_contain_text("Done ✓ — mark as not done")
    expect(banner(page).locator("[data-path-live]")).to_have_text("Step marked as done.")

    # Step 2: the banner's next link goes to the quiz; pass it with the real quiz.
    banner(page).get_by_role("link", name="Next: Quiz: Rapport in one question").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/quiz/#quiz-fixture$"))
    # As a person would: the quiz's button shows once its script has started (a busy machine is slow to).
    expect(page.get_by_role("button", name="Check answers")).to_be_visible()
    page.get_by_label("Trust and being understood").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Check answers").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-quiz-passed]")).to_have_text("Passed.")
    expect(banner(page)).to_contain_text("Done: quiz passed")

    # Back to the path: Continue now names the next step, a reflection on the path's own page.
    banner(page).get_by_role("link", name=re.compile("^Next: Reflect")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-path-count]")).to_have_text("2 of 3 complete")
    expect(step(page, 2)).to_contain_text("Done: passed with 1 out of 1")
    go = page.get_by_role("link", name=re.compile("^Continue: step 3, Reflect: "))
    go.focus()
    page.keyboard.press("Enter")
    expect(step(page, 3)).to_be_focused()

    # Step 3: the reflection goes into the CPD record.
    step(page, 3).get_by_role("button", name="Write a reflection").focus()
    page.keyboard.press("Enter")
    form = step(page, 3).locator("form")
    expect(form.get_by_label("What I learnt")).to_be_focused()
    expect(form.get_by_label("Title")).to_have_value(PROMPT)
    expect(form.get_by_label("Description, and why it is relevant to my work")).to_have_value(
        f"Step 3 of the learning path “A short path”: {PROMPT}")
    page.keyboard.type("I asked the child what they enjoy before anything else.")
    page.keyboard.press("Tab")
    page.keyboard.type("Starting with interests helped them talk.")
    form.get_by_role("button", name="Save CPD entry").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-path-count]")).to_have_text("3 of 3 complete")
    expect(page.get_by_text("You have finished this path. Well done.")).to_be_visible()
    expect(page.locator("[data-path-go]")).to_be_hidden()
    expect(step(page, 3)).to_contain_text("Done: saved to your CPD record on")
    expect(page.locator("[data-path-live]").first).to_have_text("Saved to your CPD record. 3 of 3 complete.")
    [saved] = stored_entries(page)
    assert {k: saved[k] for k in ("type", "title", "learnt", "impact", "path", "step", "prompt", "minutes")} == {
        "type": "path", "title": PROMPT, "learnt": "I asked the child what they enjoy before anything else.",
        "impact": "Starting with interests helped them talk.", "path": "short", "step": STEP3, "prompt": PROMPT, "minutes": 10}
    assert json.loads(storage(page)["rbp:reflections"])["v"] == 2
    assert fx.console_errors == [] and fx.external == []


def test_done_step_says_so_and_pressing_again_undoes_it(fx):
    page = fx.goto("learn/paths/short/")
    mark = step(page, 1).get_by_role("button", name="Mark as done")
    mark.click()
    undo = step(page, 1).get_by_role("button", name="Done — mark as not done")
    expect(undo).to_be_visible()
    expect(page.locator("[data-path-count]")).to_have_text("1 of 3 complete")
    expect(page.get_by_role("link", name="Continue: step 2, Quiz: Rapport in one question")).to_have_attribute(
        "href", re.compile(r"/quiz/#quiz-fixture$"))
    undo.click()
    expect(step(page, 1).get_by_role("button", name="Mark as done")).to_be_visible()
    expect(page.locator("[data-path-live]").first).to_have_text("Step marked as not done. 0 of 3 complete.")
    # The reader has started: the link now continues at step 1 rather than starting again.
    expect(page.get_by_role("link", name="Continue: step 1, Reading about rapport")).to_have_attribute("href", re.compile(r"/reading/$"))


def test_cards_start_and_continue_on_the_list_and_on_my_learning(fx):
    page = fx.goto("learn/")
    card = page.locator("[data-path-card=short]")
    expect(card).to_contain_text("Not started: 0 of 3 complete")
    start = card.get_by_role("link", name="Start path (A short path)")
    expect(start).to_have_attribute("href", re.compile(r"/reading/$"))
    start.click()
    expect(page).to_have_url(re.compile(r"/reading/$"))
    expect(banner(page).get_by_role("button", name="Mark as done")).to_be_visible()
    page.goto(fx.site_url + "learn/my-learning/")
    mine = page.locator('[data-my-learning="paths"] [data-path-card=short]')
    expect(mine).to_contain_text("0 of 3 complete")
    expect(mine.get_by_role("link", name="Continue: step 1, Reading about rapport (A short path)")).to_be_visible()


def test_banner_is_one_quiet_line_for_a_reader_who_has_not_started(fx, browser, fixture_url):
    page = fx.goto("reading/")
    expect(banner(page)).to_have_attribute("data-rbp-ready", "")
    expect(banner(page)).to_have_text("Part of the learning path A short path: step 1 of 3.", use_inner_text=True)
    expect(banner(page).get_by_role("button")).to_have_count(0)
    expect(banner(page).get_by_role("link", name=re.compile("^Next"))).to_be_hidden()
    assert storage(page) == {}
    with_js = page.locator(".rbp-banners").bounding_box()
    below = page.locator("article p", has_text="Rapport is the quality").bounding_box()

    # The same line without JavaScript, in the same place: nothing moves when the script starts.
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(fixture_url + "reading/")
    expect(plain.get_by_role("region", name="Learning path: A short path")).to_have_text("Part of the learning path A short path: step 1 of 3.", use_inner_text=True)
    assert plain.locator(".rbp-banners").bounding_box() == with_js
    assert plain.locator("article p", has_text="Rapport is the quality").bounding_box() == below
    expect(plain.get_by_role("button", name="Mark as done")).to_be_hidden()
    context.close()

    # After Start on the path page, the full banner.
    page.goto(fixture_url + "learn/paths/short/")
    page.get_by_role("link", name="Start path", exact=True).click()
    expect(banner(page)).to_contain_text("Step 1 of 3 in A short path")
    expect(banner(page).get_by_role("link", name="Back to the path")).to_be_visible()
    expect(banner(page).get_by_role("link", name="Next: Quiz: Rapport in one question")).to_be_visible()
    expect(banner(page).get_by_text("Part of the learning path")).to_be_hidden()
    assert fx.console_errors == []


def test_banner_and_path_page_stay_in_step(fx):
    page = fx.goto("learn/paths/short/")
    seed(page, {"rbp:path:short": {"v": 1, "done": []}})
    page.goto(fx.site_url + "reading/")
    banner(page).get_by_role("button", name="Mark as done").press("Enter")
    expect(banner(page).get_by_role("button", name="Done — mark as not done")).to_be_visible()
    banner(page).get_by_role("link", name="A short path").click()  # instant navigation to the path
    undo = step(page, 1).get_by_role("button", name="Done — mark as not done")
    expect(undo).to_be_visible()
    undo.click()
    expect(page.locator("[data-path-count]")).to_have_text("0 of 3 complete")
    step(page, 1).get_by_role("link", name="Reading about rapport").click()
    expect(banner(page).get_by_role("button", name="Mark as done")).to_be_visible()
    assert fx.console_errors == []


def test_a_quiz_result_reaches_the_banner_through_its_event(fx):
    """quiz.js announces a stored result with "rbp:quiz-result"; the step banner refreshes on that event alone."""
    page = fx.goto("quiz/")
    seed(page, {"rbp:path:short": {"v": 1, "done": []}})
    page.evaluate("""() => { window.__results = [];
        document.addEventListener("rbp:quiz-result", (e) => window.__results.push(e.detail)); }""")
    expect(banner(page)).to_contain_text("Not done yet: pass the quiz below")

    # A result written where no component sees it changes nothing until the event says so.
    quiz = page.locator("[data-quiz=fixture]")
    result = {"v": 1, "hash": quiz.get_attribute("data-quiz-hash"), "score": 1, "total": 1, "passed": True, "date": "2026-03-04"}
    page.evaluate("r => localStorage.setItem('rbp:quiz:fixture', JSON.stringify(r))", result)
    page.wait_for_timeout(200)
    expect(banner(page)).to_contain_text("Not done yet: pass the quiz below")
    page.evaluate("""r => document.dispatchEvent(new CustomEvent("rbp:quiz-result",
        {detail: {id: "fixture", hash: r.hash, score: 1, total: 1, passed: true, date: r.date}}))""", result)
    expect(banner(page)).to_contain_text("Done: quiz passed")

    # The quiz itself: trying again and passing sends the event with what it stored.
    page.evaluate("""() => { localStorage.removeItem('rbp:quiz:fixture');
        document.dispatchEvent(new CustomEvent('rbp:quiz-result', {detail: {}})); }""")
    expect(banner(page)).to_contain_text("Not done yet: pass the quiz below")
    page.evaluate("window.__results = []")
    page.get_by_label("Trust and being understood").check()
    page.get_by_role("button", name="Check answers").click()
    expect(banner(page)).to_contain_text("Done: quiz passed")
    stored = json.loads(storage(page)["rbp:quiz:fixture"])
    assert page.evaluate("window.__results") == [{"id": "fixture", **{k: v for k, v in stored.items() if k != "v"}}]
    assert fx.console_errors == []


def test_without_javascript_the_path_page_still_starts_and_the_banner_links_to_the_path(nojs_page, fixture_url):
    page = nojs_page
    page.goto(fixture_url + "learn/paths/short/")
    expect(page.get_by_role("link", name="Start path", exact=True)).to_have_attribute("href", re.compile(r"/reading/$"))
    page.get_by_role("link", name="Start path", exact=True).click()
    expect(page).to_have_url(re.compile(r"/reading/$"))
    line = page.get_by_role("region", name="Learning path: A short path")
    expect(line).to_have_text("Part of the learning path A short path: step 1 of 3.", use_inner_text=True)
    expect(line.get_by_role("link", name="A short path")).to_be_visible()
    expect(page.get_by_role("button", name="Mark as done")).to_be_hidden()


def test_my_learning_shows_quiz_results(fx, fixture_url):
    page = fx.page
    result = quiz_result(page, fixture_url)
    page.goto(fixture_url + "learn/my-learning/")
    seed(page, {"rbp:quiz:fixture": result, "rbp:quiz:old": {**result, "passed": False, "score": 0, "date": "2026-01-02"}})
    rows = page.locator("[data-quiz-rows] tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_text(re.compile(r"Rapport in one question\s*1 out of 1\s*Passed\s*4 March 2026"))
    expect(rows.nth(0).get_by_role("link", name="Rapport in one question")).to_have_attribute("href", re.compile(r"/quiz/#quiz-fixture$"))
    expect(rows.nth(1)).to_have_text(re.compile(r"old\s*0 out of 1\s*Not passed\s*2 January 2026"))
    # The path on My learning counts the quiz too.
    expect(page.locator("[data-path-card=short]")).to_contain_text("1 of 3 complete")


def test_a_result_for_an_older_version_of_the_quiz_does_not_complete_the_step(fx, fixture_url):
    page = fx.page
    stale = {**quiz_result(page, fixture_url), "hash": "0123456789abcdef"}
    page.goto(fixture_url + "learn/paths/short/")
    seed(page, {"rbp:quiz:fixture": stale})
    expect(step(page, 2)).to_contain_text("Not done yet")
    expect(page.locator("[data-path-count]")).to_have_text("0 of 3 complete")
    page.goto(fixture_url + "learn/my-learning/")
    expect(page.locator("[data-quiz-rows] tr")).to_contain_text("(an earlier version of this quiz)")
    assert json.loads(storage(page)["rbp:quiz:fixture"]) == stale  # quiz.js decides what to keep, not paths.js


# ---------------------------------------------------------------- the CPD record


def test_an_old_reflective_log_loads_and_migrates_with_every_field_kept(fx):
    page = fx.page
    page.clock.set_fixed_time(at("2026-11-30"))
    page.goto(fx.site_url + "learn/my-learning/")
    first = old_entry(1, path="short", step=STEP3, prompt=PROMPT, what="Line one\nline two", now_what="")
    second = old_entry(2, page="reading.md", minutes=None)
    third = old_entry(3, so_what="", now_what="Only now what")
    old = {"v": 1, "entries": [first, second, third]}
    seed(page, {"rbp:reflections": old})
    entries = page.locator("[data-entry]")
    expect(entries).to_have_count(3)
    expect(page.locator("[data-cpd-count]")).to_have_text("1 December 2025 – 30 November 2026: 3 pieces of CPD, none with peer reflection.")

    one = page.locator('[data-entry="r-test000001"]')
    expect(one.get_by_role("heading", level=4)).to_have_text("Reflect: " + PROMPT)
    expect(one).to_contain_text("1 March 2026. A learning path. Time spent: 10 minutes. Linked to: Step 3 of “A short path”.")
    expect(one).to_contain_text("Prompt: " + PROMPT)
    expect(one.locator("dd")).to_have_text(["Line one\nline two", "So what 1"])
    two = page.locator('[data-entry="r-test000002"]')
    expect(two).to_contain_text("2 March 2026. Reading. Linked to: Reading about rapport.")
    expect(two.get_by_role("link", name="Reading about rapport")).to_have_attribute("href", re.compile(r"/reading/$"))
    expect(two.locator("dt")).to_have_text(["What I learnt", "Impact on my practice and on the people I work with"])
    expect(two.locator("dd")).to_have_text(["What 2", "So what 2\n\nNow what 2"])
    three = page.locator('[data-entry="r-test000003"]')
    expect(three).to_contain_text("3 March 2026. Other. Time spent: 30 minutes.")
    expect(three.locator("dd")).to_have_text(["What 3", "Only now what"])
    assert json.loads(storage(page)["rbp:reflections"]) == old  # read, not rewritten, until the reader saves

    # The path page counts the old reflection as its step done.
    page.goto(fx.site_url + "learn/paths/short/")
    expect(step(page, 3)).to_contain_text("Done: saved to your CPD record on 1 March 2026")

    # Editing one entry writes the whole record in the new shape, every old field carried over.
    page.goto(fx.site_url + "learn/my-learning/")
    page.locator('[data-entry="r-test000002"]').get_by_role("button", name="Edit").click()
    form = page.locator("[data-log-form]")
    expect(form.get_by_label("Title")).to_have_value("Reading about rapport")
    expect(form.get_by_label("What I learnt")).to_have_value("What 2")
    expect(form.get_by_label("Impact on my practice and on the people I work with")).to_have_value("So what 2\n\nNow what 2")
    expect(form.get_by_label("Type of activity")).to_have_value("reading")
    expect(form.get_by_label("Linked page or step")).to_have_value("page|reading.md")
    form.get_by_role("button", name="Save CPD entry").click()
    expect(page.locator("[data-learning-live]")).to_contain_text("CPD entry updated.")
    now = json.loads(storage(page)["rbp:reflections"])
    assert now["v"] == 2
    by_id = {e["id"]: e for e in now["entries"]}
    assert by_id["r-test000001"] == {
        "id": "r-test000001", "date": "2026-03-01", "type": "path", "title": "", "description": "",
        "learnt": "Line one\nline two", "impact": "So what 1", "peer_with": "", "peer_what": "", "minutes": 10,
        "path": "short", "step": STEP3, "page": None, "prompt": PROMPT,
        "created": "2026-03-01T09:00:00.000Z", "updated": "2026-03-01T09:00:00.000Z"}
    assert by_id["r-test000003"]["impact"] == "Only now what" and by_id["r-test000003"]["type"] == "other"
    edited = by_id["r-test000002"]
    assert (edited["title"], edited["learnt"], edited["impact"], edited["page"], edited["minutes"], edited["created"]) == (
        "Reading about rapport", "What 2", "So what 2\n\nNow what 2", "reading.md", None, "2026-03-02T09:00:00.000Z")
    assert fx.console_errors == []


def test_record_this_as_cpd_on_a_content_page_adds_an_entry_with_the_page(fx):
    page = fx.page
    page.clock.set_fixed_time(at("2026-11-30"))
    page.goto(fx.site_url + "reading/")
    link = page.get_by_role("link", name="Record this as CPD")
    expect(link).to_have_attribute("href", re.compile(r"/learn/my-learning/\?record=reading\.md#your-cpd-record$"))
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/learn/my-learning/\?record=reading\.md#your-cpd-record$"))
    form = page.get_by_role("group", name="New CPD entry")
    expect(form.get_by_label("Date")).to_be_focused()
    expect(form.get_by_label("Date")).to_have_value("2026-11-30")
    expect(form.get_by_label("Type of activity")).to_have_value("reading")
    expect(form.get_by_label("Title")).to_have_value("Reading about rapport")
    expect(form.get_by_label("Linked page or step")).to_have_value("page|reading.md")
    expect(form).to_contain_text("About “Reading about rapport”. Nothing is saved until you press Save CPD entry.")
    assert storage(page) == {}  # nothing until the reader saves

    # Saving without what was learnt says what to fix.
    form.get_by_role("button", name="Save CPD entry").press("Enter")
    summary = form.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(form.get_by_label("What I learnt")).to_have_accessible_description(
        re.compile("Error: Write what you learnt before you save."))
    summary.get_by_role("link", name="Write what you learnt before you save.").press("Enter")
    expect(form.get_by_label("What I learnt")).to_be_focused()
    page.keyboard.type("Rapport starts before the first question.")
    page.keyboard.press("Tab")
    page.keyboard.type("I will plan how I open the next visit.")
    # Half a peer reflection is not saved either.
    form.get_by_label("With whom (their role)").fill("My supervisor")
    form.get_by_role("button", name="Save CPD entry").press("Enter")
    expect(summary.get_by_role("link")).to_have_text(["Say what came of the peer reflection."])
    form.get_by_label("What came of it").fill("We agreed to try a softer opening.")
    form.get_by_role("button", name="Save CPD entry").press("Enter")

    item = page.locator("[data-entry]")
    expect(item).to_have_count(1)
    expect(item.get_by_role("heading", name="Reading about rapport")).to_be_focused()
    expect(item).to_contain_text("30 November 2026. Reading. Linked to: Reading about rapport.")
    expect(item.locator("dt")).to_have_text(["What I learnt", "Impact on my practice and on the people I work with",
                                              "Peer reflection, with My supervisor"])
    expect(page.locator("[data-learning-live]")).to_have_text(
        "CPD entry saved. 1 December 2025 – 30 November 2026: 1 piece of CPD, 1 with peer reflection.")
    [saved] = stored_entries(page)
    assert (saved["page"], saved["date"], saved["type"], saved["title"], saved["peer_with"]) == (
        "reading.md", "2026-11-30", "reading", "Reading about rapport", "My supervisor")
    assert fx.console_errors == [] and fx.external == []


@pytest.mark.parametrize("today, year, count, earlier", [
    ("2026-11-30", "1 December 2025 – 30 November 2026", "2 pieces of CPD, 1 with peer reflection",
     ["1 December 2024 – 30 November 2025: 1 piece of CPD, none with peer reflection"]),
    ("2026-12-01", "1 December 2026 – 30 November 2027", "no CPD recorded yet",
     ["1 December 2025 – 30 November 2026: 2 pieces of CPD, 1 with peer reflection",
      "1 December 2024 – 30 November 2025: 1 piece of CPD, none with peer reflection"]),
])
def test_the_registration_year_is_counted_on_both_sides_of_30_november(fx, today, year, count, earlier):
    page = fx.page
    page.clock.set_fixed_time(at(today))
    page.goto(fx.site_url + "learn/my-learning/")
    seed(page, {"rbp:reflections": {"v": 2, "entries": [
        cpd(1, "2025-12-01", peer_with="Group supervision", peer_what="Others had tried it."),
        cpd(2, "2026-11-30"),
        cpd(3, "2025-11-30"),
    ]}})
    expect(page.locator("[data-cpd-count]")).to_have_text(f"{year}: {count}.")
    reminder = page.locator("[data-cpd-reminder]")
    if today == "2026-11-30":
        expect(reminder).to_be_hidden()
        expect(page.get_by_role("region", name="This registration year").locator("[data-entry]")).to_have_count(2)
    else:
        expect(reminder).to_have_text(
            "Social Work England asks you to record at least 2 pieces of CPD each registration year, at least 1 of them "
            "with peer reflection. To meet that by 30 November 2027, you need 2 more pieces, at least 1 of them with peer reflection.")
        expect(page.get_by_role("region", name="This registration year")).to_have_count(0)
    # Earlier years are kept, closed, and open by keyboard.
    years = page.locator("[data-cpd-years] details")
    expect(years.locator("summary")).to_have_text(earlier)
    last = years.last
    expect(last.locator("[data-entry]")).to_be_hidden()
    last.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(last.get_by_role("heading", name="Title 3")).to_be_visible()
    assert storage(page)["rbp:reflections"]  # counting writes nothing
    assert fx.console_errors == []


def test_the_reminder_says_what_is_missing(fx):
    page = fx.page
    page.clock.set_fixed_time(at("2026-06-15"))
    page.goto(fx.site_url + "learn/my-learning/")
    reminder = page.locator("[data-cpd-reminder]")
    seed(page, {"rbp:reflections": {"v": 2, "entries": [cpd(1, "2026-01-10")]}})
    expect(reminder).to_contain_text("you need 1 more piece, with peer reflection.")
    seed(page, {"rbp:reflections": {"v": 2, "entries": [cpd(1, "2026-01-10"), cpd(2, "2026-02-10")]}})
    expect(reminder).to_contain_text("you need peer reflection on at least 1 of your pieces")
    seed(page, {"rbp:reflections": {"v": 2, "entries": [cpd(1, "2026-01-10", peer_with="A colleague", peer_what="More ideas.")]}})
    expect(reminder).to_contain_text("To meet that by 30 November 2026, you need 1 more piece.")


def test_exports_hold_every_field_and_nothing_else_with_typed_text_inert(fx, fixture_url, tmp_path):
    page = fx.page
    result = quiz_result(page, fixture_url)
    page.clock.set_fixed_time(at("2026-11-30"))
    page.goto(fixture_url + "learn/my-learning/")
    seed(page, {"rbp:path:short": {"v": 1, "done": ["page:reading.md"]}, "rbp:quiz:fixture": result})
    typed = {
        "Title": "Title " + XSS,
        "Description, and why it is relevant to my work": "=HYPERLINK(\"http://example.org\")<b>bold?</b> & more",
        "What I learnt": XSS + "\nsecond line",
        "Impact on my practice and on the people I work with": '"><svg onload=window.__xss=1>',
        "With whom (their role)": "@Team manager",
        "What came of it": "+1 more idea, and -2 fewer",
    }
    page.get_by_role("button", name="Add CPD entry").click()
    form = page.get_by_role("group", name="New CPD entry")
    form.get_by_label("Date").fill("2026-11-20")
    form.get_by_label("Type of activity").select_option(label="Supervision")
    for label, text in typed.items():
        form.get_by_label(label, exact=True).fill(text)
    form.get_by_label("Time spent (minutes)").fill("25")
    form.get_by_label("Linked page or step").select_option(label="Reading about rapport")
    form.get_by_role("button", name="Save CPD entry").click()
    item = page.locator("[data-entry]")
    expect(item).to_have_count(1)
    expect(item.get_by_role("heading", name="Title " + XSS)).to_be_visible()
    expect(item.get_by_text(XSS + "\nsecond line")).to_be_visible()
    assert page.evaluate("window.__xss") is None

    # The standalone HTML document: one block an entry, the regulator's order, nothing padded.
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CPD record", exact=True).click()
    assert download.value.suggested_filename == "cpd-record-2026-11-30.html"
    record = tmp_path / "record.html"
    download.value.save_as(record)
    doc = page.context.new_page()
    doc.goto(record.as_uri())
    expect(doc.get_by_role("heading", name="My CPD record")).to_be_visible()
    expect(doc.get_by_role("heading", level=3).first).to_have_text(
        "1 December 2025 – 30 November 2026: 1 piece of CPD, 1 with peer reflection")
    block = doc.locator("section.entry")
    expect(block).to_have_count(1)
    expect(block.get_by_role("heading", level=4)).to_have_text("Title " + XSS)
    pairs = block.evaluate("s => [...s.querySelectorAll('dt')].map(dt => [dt.textContent, dt.nextElementSibling.textContent])")
    assert pairs == [
        ["Type of CPD", "Supervision"],
        ["Description and why it is relevant", typed["Description, and why it is relevant to my work"]],
        ["Date", "20 November 2026"],
        ["What I learnt", typed["What I learnt"]],
        ["Impact on my practice and on the people I work with", typed["Impact on my practice and on the people I work with"]],
        ["Peer reflection: with whom", "@Team manager"],
        ["Peer reflection: what came of it", "+1 more idea, and -2 fewer"],
        ["Time spent", "25 minutes"],
        ["Linked to", "Reading about rapport"],
    ]
    text = doc.locator("body").inner_text()
    assert "not done" not in text.lower()
    expect(doc.get_by_text("A short path: 2 of 3 steps done.")).to_be_visible()  # the steps done, and only those
    expect(doc.locator("ul.steps li")).to_have_text(["Step 1: Reading about rapport", "Step 2: Quiz: Rapport in one question"])
    expect(doc.get_by_role("row", name=re.compile("Rapport in one question"))).to_contain_text("1 out of 1")
    assert doc.evaluate("window.__xss") is None
    assert doc.locator("script, img, svg, b").count() == 0
    doc.close()

    # The spreadsheet: a header and one row with every field; formulas stay text.
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as a spreadsheet (CSV)").click()
    assert download.value.suggested_filename == "cpd-record-2026-11-30.csv"
    sheet = tmp_path / "record.csv"
    download.value.save_as(sheet)
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"), newline="")))
    assert rows == [
        ["Type of CPD", "Title", "Description and why it is relevant", "Date", "What I learnt",
         "Impact on my practice and on the people I work with", "Peer reflection: with whom", "Peer reflection: what came of it",
         "Time spent (minutes)", "Linked to", "Prompt"],
        ["Supervision", "Title " + XSS, "'" + typed["Description, and why it is relevant to my work"], "2026-11-20",
         typed["What I learnt"], typed["Impact on my practice and on the people I work with"], "'@Team manager",
         "'+1 more idea, and -2 fewer", "25", "Reading about rapport", ""],
    ]
    expect(page.locator("[data-record-status]")).to_have_text("Your CPD record has been downloaded as a spreadsheet (CSV).")

    # Edit, then delete after confirming.
    item.get_by_role("button", name="Edit").click()
    page.get_by_label("Time spent (minutes)").fill("30")
    page.get_by_role("button", name="Save CPD entry").click()
    expect(item).to_contain_text("Time spent: 30 minutes.")
    item.get_by_role("button", name="Delete").click()
    expect(item.get_by_text("Delete this CPD entry? You cannot undo this.")).to_be_focused()
    item.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator("[data-entry]")).to_have_count(0)
    assert "rbp:reflections" not in storage(page)
    assert fx.console_errors == []


def test_export_clear_import_restores_exactly(fx, fixture_url, tmp_path):
    page = fx.page
    result = quiz_result(page, fixture_url)
    page.goto(fixture_url + "learn/my-learning/")
    seed(page, {
        "rbp:path:short": {"v": 1, "done": ["page:reading.md"]},
        "rbp:path:started-only": {"v": 1, "done": []},
        "rbp:quiz:fixture": result,
        "rbp:reflections": {"v": 2, "entries": [cpd(1, "2026-03-01", path="short", step=STEP3, type="path"),
                                                cpd(2, "2026-03-02", page="reading.md")]},
        "rbp:worksheet:risk-analysis": {"v": 1, "kept": True},
    })
    before = storage(page)
    expect(page.locator("[data-entry]")).to_have_count(2)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export data").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "rbp-learning" and data["v"] == 2 and len(data["reflections"]) == 2
    assert data["paths"]["started-only"] == {"v": 1, "done": []}

    page.get_by_role("button", name="Clear all my learning data").click()
    page.get_by_role("button", name="Yes, clear it all").click()
    expect(page.get_by_text("All your learning data has been cleared from this browser.").first).to_be_visible()
    assert storage(page) == {"rbp:worksheet:risk-analysis": before["rbp:worksheet:risk-analysis"]}
    expect(page.locator("[data-entry]")).to_have_count(0)

    page.get_by_label("Import data").set_input_files(str(exported))
    expect(page.get_by_text("Imported 2 CPD entries, progress on 2 paths and 1 quiz result.").first).to_be_visible()
    assert storage(page) == before
    expect(page.locator("[data-entry]")).to_have_count(2)

    # Importing the same file again adds nothing.
    page.get_by_label("Import data").set_input_files(str(exported))
    expect(page.get_by_text("Everything in that file was already here, so nothing has changed.").first).to_be_visible()
    assert storage(page) == before


def test_a_file_exported_by_the_reflective_log_still_imports(fx, tmp_path):
    page = fx.goto("learn/my-learning/")
    old_file = {"format": "rbp-learning", "v": 1, "exported": "2026-03-09T10:00:00.000Z", "paths": {}, "quizzes": {},
                "reflections": [old_entry(1, page="reading.md")]}
    (tmp_path / "old.json").write_text(json.dumps(old_file))
    page.get_by_label("Import data").set_input_files(str(tmp_path / "old.json"))
    expect(page.get_by_text("Imported 1 CPD entry.").first).to_be_visible()
    [e] = stored_entries(page)
    assert (e["learnt"], e["impact"], e["type"], e["page"], e["minutes"]) == ("What 1", "So what 1\n\nNow what 1", "reading", "reading.md", 10)


def test_corrupt_progress_is_dropped_with_a_message_and_nothing_else_changes(fx, fixture_url):
    page = fx.goto("learn/paths/short/")
    others = {"rbp:reflections": json.dumps({"v": 1, "entries": [old_entry(1)]}), "rbp:worksheet:x": '{"v":1}'}
    seed(page, {"rbp:path:short": "{not json", **others})
    alert = page.get_by_role("alert").filter(has_text="A short path")
    expect(alert).to_have_text("Your saved progress on “A short path” could not be read, so it has been cleared. Nothing else was changed.")
    expect(page.locator("[data-path-count]")).to_have_text("0 of 3 complete")
    assert storage(page) == others
    assert fx.console_errors == []


def test_a_damaged_cpd_record_is_dropped_with_a_message(fx):
    page = fx.goto("learn/my-learning/")
    broken = {"v": 2, "entries": [cpd(1, "2026-03-01", type="party")]}
    seed(page, {"rbp:reflections": broken, "rbp:path:short": {"v": 1, "done": []}})
    expect(page.get_by_role("alert").filter(has_text="Your CPD record")).to_have_text(
        "Your CPD record was not in the expected form, so it has been cleared. Nothing else was changed.")
    assert storage(page) == {"rbp:path:short": '{"v":1,"done":[]}'}


def test_bad_and_foreign_import_files_change_nothing_and_say_why(fx, tmp_path):
    page = fx.goto("learn/my-learning/")
    seed(page, {"rbp:reflections": {"v": 2, "entries": [cpd(1, "2026-03-01")]}, "rbp:path:short": {"v": 1, "done": ["page:reading.md"]}})
    before = storage(page)
    good = {"format": "rbp-learning", "v": 2, "exported": "x", "paths": {}, "quizzes": {}}
    files = {
        "foreign.json": (json.dumps({"format": "something-else", "v": 1}), "it is not a learning record exported from this site"),
        "broken.json": ("{ this is not json", "it is not a learning record exported from this site"),
        "worksheet.json": (json.dumps({"format": "rbp-worksheet", "v": 1}), "it is a risk analysis worksheet. Import it on the worksheet page"),
        "record.html": ("<!DOCTYPE html>\n<html><body><h1>My CPD record</h1></body></html>",
                        "it is a web page, such as the CPD record, which is for reading and printing. Import the file that Export data saves"),
        "record.csv": ('\ufeff"Type of CPD","Title"\r\n"Reading","x"\r\n', "it is the CPD spreadsheet, which is for reading. Import the file that Export data saves"),
        "bad-entry.json": (json.dumps({**good, "reflections": [cpd(2, "2026-03-02"), {**cpd(3, "2026-03-03"), "learnt": 42}]}),
                           "a CPD entry in it is damaged or not in the expected form"),
        "bad-type.json": (json.dumps({**good, "reflections": [cpd(2, "2026-03-02", type="party")]}),
                          "a CPD entry in it is damaged or not in the expected form"),
        "half-peer.json": (json.dumps({**good, "reflections": [cpd(2, "2026-03-02", peer_with="A colleague")]}),
                           "a CPD entry in it is damaged or not in the expected form"),
        "old-shape-as-new.json": (json.dumps({**good, "reflections": [old_entry(2)]}), "a CPD entry in it is damaged or not in the expected form"),
        "bad-v1.json": (json.dumps({**good, "v": 1, "reflections": [{**old_entry(2), "what": ""}]}), "a CPD entry in it is damaged or not in the expected form"),
        "newer.json": (json.dumps({**good, "v": 3, "reflections": []}), "it was made by a newer version of this site"),
        "bad-path.json": (json.dumps({**good, "paths": {"short": {"v": 1, "done": "all"}}, "reflections": []}),
                          "the progress it holds for a path is not in the expected form"),
    }
    for name, (text, why) in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        page.get_by_label("Import data").set_input_files(str(tmp_path / name))
        error = page.locator("[data-import-error]")
        expect(error).to_have_text(f"That file could not be imported: {why}. Nothing has been changed.")
        assert storage(page) == before, name
    assert page.locator("[data-import-error]").get_attribute("role") == "alert"


# ---------------------------------------------------------------- the real site, with both engines, light and dark


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_my_learning_with_entries_is_axe_clean(watch, scheme):
    watch.page.emulate_media(color_scheme=scheme)
    watch.page.clock.set_fixed_time(at("2026-11-30"))
    page = watch.goto("learn/my-learning/")
    seed(page, {
        "rbp:path:practice-model": {"v": 1, "done": ["page:theory/index.md"]},
        "rbp:reflections": {"v": 2, "entries": [
            cpd(1, "2026-03-01", path="practice-model", step="page:theory/index.md", type="path",
                peer_with="A colleague", peer_what="We compared notes."),
            cpd(2, "2025-03-02", page="theory/rapport.md"),
        ]},
        "rbp:quiz:theories": {"v": 1, "hash": "0000", "score": 3, "total": 5, "passed": False, "date": "2026-03-01"},
    })
    expect(page.locator("[data-entry]")).to_have_count(2)
    page.locator("[data-cpd-years] details summary").first.click()
    page.get_by_role("button", name="Add CPD entry").click()
    page.get_by_role("button", name="Clear all my learning data").click()
    assert accessibility_problems(page) == []
    assert watch.console_errors == [] and watch.external == []


def test_record_this_as_cpd_on_the_real_site_fills_in_the_form(watch):
    page = watch.goto("theory/rapport/")
    page.get_by_role("link", name="Record this as CPD").click()
    form = page.get_by_role("group", name="New CPD entry")
    expect(form.get_by_label("Title")).to_have_value("Rapport")
    expect(form.get_by_label("Linked page or step")).to_have_value("page|theory/rapport.md")
    assert accessibility_problems(page) == []
    assert watch.console_errors == [] and watch.external == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_path_page_part_done_and_a_started_banner_are_axe_clean(watch, scheme):
    watch.page.emulate_media(color_scheme=scheme)
    page = watch.goto("learn/paths/practice-model/")
    seed(page, {"rbp:path:practice-model": {"v": 1, "done": ["page:theory/index.md", "page:theory/key-understandings.md"]}})
    expect(page.locator("[data-path-count]")).to_have_text("2 of 10 complete")
    expect(page.get_by_role("link", name=re.compile(r"^Continue: step 3, "))).to_be_visible()
    page.locator("li[data-step^='reflect:']").first.get_by_role("button", name="Write a reflection").click()
    assert accessibility_problems(page) == []
    page.goto(watch.site_url + "theory/key-understandings/")
    expect(page.get_by_role("region", name="Learning path: Your first weeks: the practice model").get_by_role(
        "button", name="Done — mark as not done")).to_be_visible()
    assert accessibility_problems(page) == []
    assert watch.console_errors == [] and watch.external == []
