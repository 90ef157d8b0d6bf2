"""Learning paths and My learning in Chromium: follow a path by keyboard, the step banner, quiz results,
the reflective log, export / clear / import, bad stored data and bad files, XSS, and axe."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from playwright.sync_api import expect

from tests.support.browser import Watch, axe_violations
from tests.support.build import ROOT, mkdocs_build
from tests.support.server import SiteServer

pytestmark = pytest.mark.browser

FIXTURE = ROOT / "tests" / "fixtures" / "paths" / "site"
XSS = '<img src=x onerror="window.__xss=1"></textarea><script>window.__xss=1</script>'
STEP3 = "reflect:what-will-you-try-on-your-next-visit-to-build-rapport"


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


def entry(i: int, **extra) -> dict:
    e = {"id": f"r-test{i:06d}", "date": f"2026-03-0{i}", "what": f"What {i}", "so_what": f"So what {i}",
         "now_what": f"Now what {i}", "minutes": 10 * i, "path": None, "step": None, "page": None, "prompt": None,
         "created": f"2026-03-0{i}T09:00:00.000Z", "updated": f"2026-03-0{i}T09:00:00.000Z"}
    e.update(extra)
    return e


def test_follow_a_path_by_keyboard_to_3_of_3(fx):
    page = fx.goto("learn/paths/short/")
    expect(page.locator("[data-path-count]")).to_have_text("0 of 3 complete")
    expect(page.get_by_role("progressbar", name="Progress through this path")).to_have_attribute("value", "0")
    assert storage(page) == {}  # nothing is written until the reader acts

    # Step 1: mark the page as done.
    toggle = step(page, 1).get_by_role("button", name="Mark as done")
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(step(page, 1)).to_contain_text("Done")
    expect(page.locator("[data-path-count]")).to_have_text("1 of 3 complete")
    expect(page.locator("[data-path-live]")).to_have_text("Step marked as done. 1 of 3 complete.")

    # Continue moves focus to the first unfinished step.
    page.get_by_role("link", name="Continue").focus()
    page.keyboard.press("Enter")
    expect(step(page, 2)).to_be_focused()

    # Step 2: follow the link to the quiz and pass it with the real quiz.
    step(page, 2).get_by_role("link", name="Quiz: Rapport in one question").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/quiz/#quiz-fixture$"))
    page.get_by_label("Trust and being understood").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Check answers").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-quiz-passed]")).to_have_text("Passed.")
    banner = page.get_by_role("region", name="Learning path: A short path")
    expect(banner).to_contain_text("Done: quiz passed")

    # Back to the path by the banner's next link (instant navigation): progress is up to date.
    banner.get_by_role("link", name=re.compile("^Next: Reflect")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-path-count]")).to_have_text("2 of 3 complete")
    expect(step(page, 2)).to_contain_text("Done: passed with 1 out of 1")

    # Step 3: write and save a reflection.
    step(page, 3).get_by_role("button", name="Write a reflection").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("What happened / what I learned")).to_be_focused()
    page.keyboard.type("I asked the child what they enjoy before anything else.")
    page.keyboard.press("Tab")
    page.keyboard.type("Starting with interests helped them talk.")
    page.get_by_role("button", name="Save reflection").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-path-count]")).to_have_text("3 of 3 complete")
    expect(page.get_by_text("You have finished this path. Well done.")).to_be_visible()
    expect(page.get_by_role("link", name="Continue")).to_be_hidden()
    expect(step(page, 3)).to_contain_text("Done: reflection saved on")
    expect(page.locator("[data-path-live]")).to_have_text("Reflection saved. 3 of 3 complete.")
    saved = json.loads(storage(page)["rbp:reflections"])["entries"]
    assert [(e["path"], e["step"], e["so_what"]) for e in saved] == [("short", STEP3, "Starting with interests helped them talk.")]
    assert fx.console_errors == [] and fx.external == []


def test_step_banner_shows_position_links_and_syncs_with_the_path(fx):
    page = fx.goto("reading/")
    banner = page.get_by_role("region", name="Learning path: A short path")
    expect(banner).to_contain_text("Step 1 of 3 in A short path")
    expect(banner.get_by_role("link", name="Back to the path")).to_be_visible()
    expect(banner.get_by_role("link", name="Next: Quiz: Rapport in one question")).to_have_attribute("href", re.compile(r"/quiz/#quiz-fixture$"))
    toggle = banner.get_by_role("button", name="Mark as done")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(banner).to_contain_text("Done")

    banner.get_by_role("link", name="A short path").click()  # instant navigation to the path
    mark = step(page, 1).get_by_role("button", name="Mark as done")
    expect(mark).to_have_attribute("aria-pressed", "true")
    mark.click()
    expect(page.locator("[data-path-count]")).to_have_text("0 of 3 complete")
    step(page, 1).get_by_role("link", name="Reading about rapport").click()
    expect(page.get_by_role("region", name="Learning path: A short path").get_by_role("button", name="Mark as done")).to_have_attribute("aria-pressed", "false")
    assert fx.console_errors == []


def test_a_quiz_result_reaches_the_banner_through_its_event(fx):
    """quiz.js announces a stored result with "rbp:quiz-result"; the step banner refreshes on that event alone."""
    page = fx.goto("quiz/")
    page.evaluate("""() => { window.__results = [];
        document.addEventListener("rbp:quiz-result", (e) => window.__results.push(e.detail)); }""")
    banner = page.get_by_role("region", name="Learning path: A short path")
    expect(banner).to_contain_text("Not done yet: pass the quiz below")

    # A result written where no component sees it changes nothing until the event says so.
    quiz = page.locator("[data-quiz=fixture]")
    result = {"v": 1, "hash": quiz.get_attribute("data-quiz-hash"), "score": 1, "total": 1, "passed": True, "date": "2026-03-04"}
    page.evaluate("r => localStorage.setItem('rbp:quiz:fixture', JSON.stringify(r))", result)
    page.wait_for_timeout(200)
    expect(banner).to_contain_text("Not done yet: pass the quiz below")
    page.evaluate("""r => document.dispatchEvent(new CustomEvent("rbp:quiz-result",
        {detail: {id: "fixture", hash: r.hash, score: 1, total: 1, passed: true, date: r.date}}))""", result)
    expect(banner).to_contain_text("Done: quiz passed")

    # The quiz itself: trying again and passing sends the event with what it stored.
    page.evaluate("() => { localStorage.clear(); document.dispatchEvent(new CustomEvent('rbp:quiz-result', {detail: {}})); }")
    expect(banner).to_contain_text("Not done yet: pass the quiz below")
    page.evaluate("window.__results = []")
    page.get_by_label("Trust and being understood").check()
    page.get_by_role("button", name="Check answers").click()
    expect(banner).to_contain_text("Done: quiz passed")
    stored = json.loads(storage(page)["rbp:quiz:fixture"])
    assert page.evaluate("window.__results") == [{"id": "fixture", **{k: v for k, v in stored.items() if k != "v"}}]
    assert fx.console_errors == []


def test_banner_without_javascript_keeps_position_and_links(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_url + "reading/")
    banner = page.get_by_role("region", name="Learning path: A short path")
    expect(banner).to_contain_text("Step 1 of 3 in A short path")
    expect(banner.get_by_role("link", name="Next: Quiz: Rapport in one question")).to_be_visible()
    expect(banner.get_by_role("button", name="Mark as done")).to_be_hidden()
    context.close()


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


def test_export_clear_import_restores_exactly(fx, fixture_url, tmp_path):
    page = fx.page
    result = quiz_result(page, fixture_url)
    page.goto(fixture_url + "learn/my-learning/")
    seed(page, {
        "rbp:path:short": {"v": 1, "done": ["page:reading.md"]},
        "rbp:quiz:fixture": result,
        "rbp:reflections": {"v": 1, "entries": [entry(1, path="short", step=STEP3), entry(2, page="reading.md")]},
        "rbp:worksheet:risk-analysis": {"v": 1, "kept": True},
    })
    before = storage(page)
    expect(page.locator("[data-log-entries] > li")).to_have_count(2)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export data").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "rbp-learning" and data["v"] == 1 and len(data["reflections"]) == 2

    page.get_by_role("button", name="Clear all my learning data").click()
    page.get_by_role("button", name="Yes, clear it all").click()
    expect(page.get_by_text("All your learning data has been cleared from this browser.").first).to_be_visible()
    assert storage(page) == {"rbp:worksheet:risk-analysis": before["rbp:worksheet:risk-analysis"]}
    expect(page.locator("[data-log-entries] > li")).to_have_count(0)

    page.get_by_label("Import data").set_input_files(str(exported))
    expect(page.get_by_text("Imported 2 reflections, progress on 1 path and 1 quiz result.").first).to_be_visible()
    assert storage(page) == before
    expect(page.locator("[data-log-entries] > li")).to_have_count(2)

    # Importing the same file again adds nothing.
    page.get_by_label("Import data").set_input_files(str(exported))
    expect(page.get_by_text("Everything in that file was already here, so nothing has changed.").first).to_be_visible()
    assert storage(page) == before


def test_corrupt_progress_is_dropped_with_a_message_and_nothing_else_changes(fx, fixture_url):
    page = fx.goto("learn/paths/short/")
    others = {"rbp:reflections": json.dumps({"v": 1, "entries": [entry(1)]}), "rbp:worksheet:x": '{"v":1}'}
    seed(page, {"rbp:path:short": "{not json", **others})
    alert = page.get_by_role("alert").filter(has_text="A short path")
    expect(alert).to_have_text("Your saved progress on “A short path” could not be read, so it has been cleared. Nothing else was changed.")
    expect(page.locator("[data-path-count]")).to_have_text("0 of 3 complete")
    assert storage(page) == others
    assert fx.console_errors == []


def test_bad_import_files_show_an_error_and_change_nothing(fx, tmp_path):
    page = fx.goto("learn/my-learning/")
    seed(page, {"rbp:reflections": {"v": 1, "entries": [entry(1)]}, "rbp:path:short": {"v": 1, "done": ["page:reading.md"]}})
    before = storage(page)
    files = {
        "foreign.json": json.dumps({"format": "something-else", "v": 1}),
        "broken.json": "{ this is not json",
        "bad-entry.json": json.dumps({"format": "rbp-learning", "v": 1, "exported": "x", "paths": {}, "quizzes": {},
                                      "reflections": [entry(2), {**entry(3), "what": 42}]}),
        "newer.json": json.dumps({"format": "rbp-learning", "v": 2, "paths": {}, "quizzes": {}, "reflections": []}),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
        page.get_by_label("Import data").set_input_files(str(tmp_path / name))
        expect(page.locator("[data-import-error]")).to_contain_text("That file could not be imported")
        expect(page.locator("[data-import-error]")).to_contain_text("Nothing has been changed.")
        assert storage(page) == before, name
    assert page.locator("[data-import-error]").get_attribute("role") == "alert"


def test_reflections_stay_text_on_the_page_and_in_the_cpd_record(fx, tmp_path):
    page = fx.goto("learn/my-learning/")
    page.get_by_role("button", name="Add reflection").click()
    page.get_by_label("What happened / what I learned").fill(XSS)
    page.get_by_label("So what (what it means for my practice)").fill("<b>bold?</b> & more")
    page.get_by_label("Now what (what I will do)").fill('"><svg onload=window.__xss=1>')
    page.get_by_label("Linked step or page").select_option(label="Reading about rapport")
    page.get_by_label("Time spent (minutes)").fill("25")
    page.get_by_role("button", name="Save reflection").click()
    item = page.locator("[data-log-entries] > li")
    expect(item).to_have_count(1)
    expect(item.get_by_text(XSS)).to_be_visible()
    expect(item).to_contain_text("Time spent: 25 minutes.")
    expect(item.get_by_role("link", name="Reading about rapport")).to_be_visible()
    assert page.evaluate("window.__xss") is None

    # Edit, then delete after confirming.
    item.get_by_role("button", name="Edit").click()
    page.get_by_label("Time spent (minutes)").fill("30")
    page.get_by_role("button", name="Save reflection").click()
    expect(item).to_contain_text("Time spent: 30 minutes.")
    assert len(json.loads(storage(page)["rbp:reflections"])["entries"]) == 1

    with page.expect_download() as download:
        page.get_by_role("button", name="Export CPD record").click()
    record = tmp_path / "record.html"
    download.value.save_as(record)
    assert download.value.suggested_filename.startswith("cpd-record-")
    doc = page.context.new_page()
    doc.goto(record.as_uri())
    expect(doc.get_by_role("heading", name="My CPD record")).to_be_visible()
    expect(doc.get_by_text(XSS)).to_be_visible()
    expect(doc.get_by_text("<b>bold?</b> & more")).to_be_visible()
    assert doc.evaluate("window.__xss") is None
    assert doc.locator("script, img, svg").count() == 0
    doc.close()

    item.get_by_role("button", name="Delete").click()
    expect(item.get_by_text("Delete this reflection? You cannot undo this.")).to_be_focused()
    item.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator("[data-log-entries] > li")).to_have_count(0)
    assert "rbp:reflections" not in storage(page)
    assert fx.console_errors == []


# ---------------------------------------------------------------- the real site, with axe


def test_my_learning_with_entries_is_axe_clean(watch):
    page = watch.goto("learn/my-learning/")
    seed(page, {
        "rbp:path:practice-model": {"v": 1, "done": ["page:theory/index.md"]},
        "rbp:reflections": {"v": 1, "entries": [
            entry(1, path="practice-model", step="page:theory/index.md"),
            entry(2, page="theory/rapport.md"),
        ]},
        "rbp:quiz:theories": {"v": 1, "hash": "0000", "score": 3, "total": 5, "passed": False, "date": "2026-03-01"},
    })
    expect(page.locator("[data-log-entries] > li")).to_have_count(2)
    page.get_by_role("button", name="Add reflection").click()
    page.get_by_role("button", name="Clear all my learning data").click()
    assert axe_violations(page) == []
    assert watch.console_errors == [] and watch.external == []


def test_path_page_part_done_is_axe_clean(watch):
    page = watch.goto("learn/paths/practice-model/")
    seed(page, {"rbp:path:practice-model": {"v": 1, "done": ["page:theory/index.md", "page:theory/key-understandings.md"]}})
    expect(page.locator("[data-path-count]")).to_have_text("2 of 10 complete")
    page.locator("li[data-step^='reflect:']").first.get_by_role("button", name="Write a reflection").click()
    assert axe_violations(page) == []
    assert watch.console_errors == [] and watch.external == []
