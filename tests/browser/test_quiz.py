"""Quizzes in real Chromium, answered with the keyboard the way a person would.

Most tests use the quiz fixture site (tests/fixtures/quiz): one quiz with every question type, a quiz full of
hostile text, and the list of quizzes. The last tests look at the quizzes shipped on the real site.
"""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import expect

from tests.fixtures.quiz.build import copy_fixture
from tests.support.browser import Watch, accessibility_problems
from tests.support.build import mkdocs_build
from tests.support.server import SiteServer

pytestmark = pytest.mark.browser

KEY = "rbp:quiz:demo"
ORDER = ["Referral", "Preparation", "Information sharing", "Private family time"]
MATCHES = {"Containment": "Psychoanalytic theory", "Reciprocity": "Child development theory",
           "Behaviour management": "Social learning theory"}


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("quiz")
    project = copy_fixture(work / "project")
    (work / "site").mkdir()
    with SiteServer(work / "site") as server:
        # Material's instant navigation only takes over links to its own site_url, so build for this server.
        config = project / "mkdocs.yml"
        config.write_text(config.read_text().replace("site_url: http://127.0.0.1/", f"site_url: {server.url}"))
        build = mkdocs_build(project, work / "site")
        assert build.ok, build.output
        yield server.url


@pytest.fixture
def watch(page, quiz_site) -> Watch:
    """The page with off-site requests blocked and recorded (slower: every request goes through Python)."""
    return Watch(page, quiz_site)


@pytest.fixture
def errors(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda msg: found.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: found.append(str(exc)))
    return found


@pytest.fixture
def demo(page, quiz_site, errors):
    page.goto(quiz_site)
    expect(page.get_by_role("button", name="Check answers")).to_be_visible()
    return page


# ---------------------------------------------------------------- keyboard helpers


# Where focus is, seen from the target: "here", or which way to Tab to reach it.
WHERE = """el => {
    const now = document.activeElement;
    if (now === el) return "here";
    if (!now || now === document.body) return "Tab";
    return el.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING ? "Shift+Tab" : "Tab";
}"""


def key_to(page, target, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab, if the target is earlier in the page) until ``target`` has focus."""
    for _ in range(limit):
        way = target.evaluate(WHERE)
        if way == "here":
            return
        page.keyboard.press(way)
    raise AssertionError(f"the keyboard never reached {target}")


def question(page, n: int):
    return page.get_by_role("group", name=re.compile(rf"^Question {n} of \d+"))


def order_items(page, n: int = 4) -> list[str]:
    return [t.strip() for t in question(page, n).locator("[data-item-text]").all_inner_texts()]


def put_in_order(page, n: int = 4) -> None:
    for position, name in enumerate(ORDER):
        moves = order_items(page, n).index(name) - position
        if moves > 0:
            key_to(page, page.get_by_role("button", name=f"Move {name} up"))
            for _ in range(moves):
                page.keyboard.press("Enter")
    assert order_items(page, n) == ORDER


def match_all(page, n: int = 5) -> None:
    for left, right in MATCHES.items():
        select = question(page, n).get_by_role("combobox", name=left)
        key_to(page, select)
        options = [o.strip() for o in select.locator("option").all_inner_texts()]
        for _ in range(options.index(right)):
            page.keyboard.press("ArrowDown")
        expect(select.locator("option:checked")).to_have_text(right)


def answer_all_correctly(page) -> None:
    key_to(page, question(page, 1).get_by_role("radio", name="Containment"))
    page.keyboard.press("Space")
    key_to(page, question(page, 2).get_by_role("checkbox", name="Parenting capacity"))
    page.keyboard.press("Space")
    key_to(page, question(page, 2).get_by_role("checkbox", name="Family and environmental factors"))
    page.keyboard.press("Space")
    key_to(page, question(page, 3).get_by_role("radio", name="True"))
    page.keyboard.press("ArrowDown")  # moves to, and chooses, "False"
    expect(question(page, 3).get_by_role("radio", name="False")).to_be_checked()
    put_in_order(page)
    match_all(page)


def check_answers(page) -> None:
    key_to(page, page.get_by_role("button", name="Check answers"))
    page.keyboard.press("Enter")


def mark_anyway(page, quiz: str = "demo") -> None:
    """Check answers with questions left unanswered: the quiz says which, and marks when asked again."""
    key_to(page, page.locator(f"[data-quiz={quiz}]").get_by_role("button", name="Check answers"))
    page.keyboard.press("Enter")
    warning = page.locator(f"[data-quiz={quiz}]").get_by_role("group", name=re.compile(r"not answered yet\.$"))
    expect(warning).to_be_focused()
    key_to(page, warning.get_by_role("button", name="Mark anyway"))
    page.keyboard.press("Enter")


def stored(page):
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return None if raw is None else json.loads(raw)


def today(page) -> str:
    return page.evaluate("(() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); })()")


# ---------------------------------------------------------------- answering


def test_all_correct_scores_full_marks_and_moves_focus_to_the_summary(demo, errors):
    page = demo
    answer_all_correctly(page)
    assert stored(page) is None  # nothing is kept until Check answers
    check_answers(page)
    summary = page.locator("[data-quiz=demo]").get_by_role("status")
    expect(summary).to_have_text("You scored 5 out of 5.Passed.")
    expect(summary).to_be_focused()
    for n in range(1, 6):
        expect(question(page, n).locator("[data-verdict]")).to_have_text("Correct")
    chosen = question(page, 1).locator(".rbp-q__option", has=page.get_by_role("radio", name="Containment"))
    expect(chosen.locator("[data-feedback]")).to_have_text("Your answer is correct. Yes, containment comes from psychoanalytic theory.")
    expect(question(page, 1).get_by_role("link", name="Learn more: Containment")).to_be_visible()
    expect(question(page, 1).locator("[data-marking]").get_by_text("Containment comes from psychoanalytic theory (Bion, 1959).")).to_be_visible()
    assert not errors


def test_wrong_and_unanswered_questions_are_marked_with_feedback(demo):
    page = demo
    key_to(page, question(page, 1).get_by_role("radio", name="Containment"))
    page.keyboard.press("ArrowDown")  # chooses Reciprocity
    key_to(page, question(page, 2).get_by_role("checkbox", name="Parenting capacity"))
    page.keyboard.press("Space")
    key_to(page, question(page, 2).get_by_role("checkbox", name="Tiers"))
    page.keyboard.press("Space")
    key_to(page, question(page, 3).get_by_role("radio", name="True"))
    page.keyboard.press("Space")
    check_answers(page)
    warning = page.get_by_role("group", name="2 of 5 questions are not answered yet.")
    expect(warning).to_be_focused()
    expect(warning.get_by_role("listitem")).to_have_text(["Question 4: no item moved yet", "Question 5: not answered"])
    expect(page.locator("[data-quiz=demo] [data-quiz-announce]")).to_have_text("2 of 5 questions are not answered yet.")
    assert stored(page) is None  # nothing is marked or kept yet
    for verdict in page.locator("[data-quiz=demo] [data-verdict]").all():
        expect(verdict).to_be_hidden()
    key_to(page, warning.get_by_role("button", name="Mark anyway"))
    page.keyboard.press("Enter")
    expect(warning).to_be_hidden()

    summary = page.locator("[data-quiz=demo]").get_by_role("status")
    expect(summary).to_have_text("You scored 0 out of 5.Not passed yet — the pass mark is 80%.")
    expect(summary).to_be_focused()
    verdicts = [question(page, n).locator("[data-verdict]") for n in range(1, 6)]
    for verdict, text in zip(verdicts, ["Incorrect", "Incorrect", "Incorrect", "Not answered", "Not answered"]):
        expect(verdict).to_have_text(text)
    expect(question(page, 1).get_by_text("Your answer is not correct. Reciprocity comes from child development theory.")).to_be_visible()
    expect(question(page, 1).locator("[data-marking]").get_by_text("Answer: Containment")).to_be_visible()
    expect(question(page, 2).get_by_text("You chose this, but it is not correct. Tiers belong to the threshold framework")).to_be_visible()
    expect(question(page, 2).get_by_text("You chose this, and it is correct. Yes, parenting capacity is a domain.")).to_be_visible()
    expect(question(page, 2).get_by_text("You did not choose this, but it is also correct.")).to_be_visible()
    expect(question(page, 3).get_by_text("Your answer is not correct. Not so. A longer list may be deceptive.")).to_be_visible()
    expect(question(page, 4).locator("[data-marking]").get_by_text("The right order:")).to_be_visible()
    expect(question(page, 5).locator("[data-marking]").get_by_text("The matches:")).to_be_visible()
    # Marks are never colour alone: the verdict has an icon as well as its words.
    icon = verdicts[0].evaluate("el => getComputedStyle(el, '::before').maskImage || getComputedStyle(el, '::before').webkitMaskImage")
    assert icon.startswith("url(")
    assert stored(page)["score"] == 0 and stored(page)["passed"] is False


def test_marking_never_submits_the_form(demo):
    # Check answers cancels its click, so the browser does none of its work before a form submission
    # (Chromium reads every control of the form first); Enter in a radio button presses it too.
    demo.evaluate("window.submits = 0; document.addEventListener('submit', () => { window.submits += 1; }, true)")
    status = demo.locator("[data-quiz=demo]").get_by_role("status")
    answer_all_correctly(demo)
    key_to(demo, question(demo, 3).get_by_role("radio", name="False"))
    demo.keyboard.press("Enter")
    expect(status).to_have_text("You scored 5 out of 5.Passed.")
    demo.get_by_role("button", name="Try again").click()
    answer_all_correctly(demo)
    check_answers(demo)
    expect(status).to_have_text("You scored 5 out of 5.Passed.")
    assert demo.evaluate("window.submits") == 0


def test_four_out_of_five_meets_a_pass_mark_of_80(demo):
    page = demo
    answer_all_correctly(page)
    key_to(page, question(page, 3).get_by_role("radio", name="False"))
    page.keyboard.press("ArrowUp")  # back to "True": wrong
    check_answers(page)
    expect(page.locator("[data-quiz=demo]").get_by_role("status")).to_have_text("You scored 4 out of 5.Passed.")


def test_try_again_clears_answers_and_marks(demo):
    page = demo
    answer_all_correctly(page)
    check_answers(page)
    expect(page.get_by_role("button", name="Check answers")).to_be_hidden()
    key_to(page, page.get_by_role("button", name="Try again"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Check answers")).to_be_visible()
    expect(page.get_by_role("button", name="Try again")).to_be_hidden()
    expect(page.locator("[data-quiz=demo]").get_by_role("status")).to_have_text("")
    expect(question(page, 1).get_by_role("radio", name="Containment")).not_to_be_checked()
    expect(question(page, 1).get_by_role("radio", name="Containment")).to_be_focused()
    expect(question(page, 2).get_by_role("checkbox", name="Parenting capacity")).not_to_be_checked()
    expect(question(page, 5).get_by_role("combobox", name="Containment")).to_have_value("")
    assert order_items(page) != ORDER  # back to the order it was shown in
    for n in range(1, 6):
        expect(question(page, n).locator("[data-marking]")).to_be_hidden()
    expect(page.get_by_text("Your answer is correct.")).to_have_count(0)
    for box in page.locator("[data-quiz=demo] [data-feedback]").all():
        expect(box).to_be_hidden()
    # The stored result stays, and is now shown as the last result.
    expect(page.locator("[data-quiz=demo] [data-quiz-last]")).to_contain_text("Last time: 5 out of 5, passed")


def test_ordering_keeps_focus_on_the_moved_item_and_announces_its_place(demo):
    page = demo
    first = order_items(page)[0]
    button = page.get_by_role("button", name=f"Move {first} down")
    key_to(page, button)
    page.keyboard.press("Enter")
    expect(button).to_be_focused()
    announce = page.locator("[data-quiz=demo] [data-quiz-announce]")
    expect(announce).to_have_attribute("aria-live", "polite")
    expect(announce).to_have_text(re.compile(rf"^{first} moved to position 2 of 4\s*$"))
    page.keyboard.press("Space")
    expect(button).to_be_focused()
    expect(announce).to_have_text(re.compile(rf"^{first} moved to position 3 of 4\s*$"))
    assert order_items(page).index(first) == 2
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # already last: it stays, and says so
    expect(announce).to_have_text(re.compile(rf"^{first} is already last, at position 4 of 4\s*$"))
    expect(button).to_have_attribute("aria-disabled", "true")


# ---------------------------------------------------------------- the stored result


def test_result_is_stored_after_checking_and_shown_next_time(demo):
    page = demo
    hash_ = page.locator("[data-quiz=demo]").get_attribute("data-quiz-hash")
    answer_all_correctly(page)
    check_answers(page)
    assert stored(page) == {"v": 1, "hash": hash_, "score": 5, "total": 5, "passed": True, "date": today(page)}
    page.reload()
    day = dt.date.fromisoformat(today(page))
    expect(page.locator("[data-quiz=demo] [data-quiz-last]")).to_have_text(
        f"Last time: 5 out of 5, passed, on {day.day} {day:%B %Y}"
    )


def seed(page, value: str) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])
    page.reload()
    expect(page.get_by_role("button", name="Check answers")).to_be_visible()


def test_a_stored_result_is_shown_in_words(demo):
    hash_ = demo.locator("[data-quiz=demo]").get_attribute("data-quiz-hash")
    seed(demo, json.dumps({"v": 1, "hash": hash_, "score": 4, "total": 5, "passed": True, "date": "2026-11-24"}))
    expect(demo.locator("[data-quiz=demo] [data-quiz-last]")).to_have_text("Last time: 4 out of 5, passed, on 24 November 2026")


def test_a_result_for_an_older_version_of_the_quiz_is_dropped(demo):
    seed(demo, json.dumps({"v": 1, "hash": "0123456789abcdef", "score": 4, "total": 5, "passed": True, "date": "2026-11-24"}))
    expect(demo.locator("[data-quiz=demo] [data-quiz-last]")).to_be_hidden()
    assert stored(demo) is None


@pytest.mark.parametrize("value", ["{not json", '{"v": 1, "hash": "x", "score": "lots"}', "null"])
def test_corrupt_storage_is_ignored_quietly(demo, errors, value):
    seed(demo, value)
    expect(demo.locator("[data-quiz=demo] [data-quiz-last]")).to_be_hidden()
    assert stored(demo) is None
    expect(demo.get_by_text("Saved data")).to_have_count(0)
    mark_anyway(demo)
    expect(demo.locator("[data-quiz=demo]").get_by_role("status")).to_have_text("You scored 0 out of 5.Not passed yet — the pass mark is 80%.")
    assert not errors


# ---------------------------------------------------------------- the list of quizzes, and instant navigation


def test_quiz_list_shows_last_results_and_can_clear_them(page, quiz_site, errors):
    page.goto(quiz_site + "quizzes/")
    entries = page.locator("[data-quiz-entry]")
    expect(entries).to_have_count(3)
    demo_entry = page.locator("[data-quiz-entry=demo]")
    expect(demo_entry.locator("[data-quiz-last]")).to_have_text("Not taken yet on this device.")
    hash_ = demo_entry.get_attribute("data-quiz-hash")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [KEY, json.dumps({"v": 1, "hash": hash_, "score": 3, "total": 5, "passed": False, "date": "2026-01-02"})])
    page.reload()
    expect(demo_entry.locator("[data-quiz-last]")).to_have_text("Last time: 3 out of 5, not passed, on 2 January 2026")
    key_to(page, page.get_by_role("button", name="Clear my quiz results"))
    page.keyboard.press("Enter")
    expect(demo_entry.locator("[data-quiz-last]")).to_have_text("Not taken yet on this device.")
    expect(page.get_by_text("Your quiz results have been cleared from this device.")).to_be_visible()
    assert stored(page) is None
    # A quiz placed on no other page is shown here in full, and works.
    extra = page.locator("[data-quiz=extra]")
    mark_anyway(page, "extra")
    expect(extra.get_by_role("status")).to_have_text("You scored 0 out of 2.Not passed yet — the pass mark is 100%.")
    assert not errors


def test_quiz_works_after_instant_navigation(page, quiz_site):
    page.goto(quiz_site + "quizzes/")
    page.evaluate("window.rbpSamePage = true")
    link = page.get_by_role("link", name="Demo quiz")
    key_to(page, link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/#quiz-demo$"))
    expect(page.get_by_role("button", name="Check answers")).to_be_visible()
    assert page.evaluate("window.rbpSamePage") is True  # Material swapped the page in: no reload
    expect(page.locator("[data-quiz=demo]")).to_have_attribute("data-rbp-ready", "")
    mark_anyway(page)
    expect(page.locator("[data-quiz=demo]").get_by_role("status")).to_have_text("You scored 0 out of 5.Not passed yet — the pass mark is 80%.")


# ---------------------------------------------------------------- without JavaScript, hostile text, accessibility


def test_without_javascript_every_answer_is_in_a_details(browser, quiz_site):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(quiz_site)
        quiz = page.locator("[data-quiz=demo]")
        expect(quiz.locator("details summary")).to_have_count(5)
        expect(quiz.get_by_text("Show answer").first).to_be_visible()
        expect(page.get_by_role("button", name="Check answers")).to_have_count(0)  # hidden: not in the accessibility tree
        expect(page.locator("[data-quiz-check]")).to_be_hidden()
        expect(page.locator("[data-quiz-reset]")).to_be_hidden()
        expect(page.get_by_role("button", name=re.compile("^Move "))).to_have_count(0)
        expect(question(page, 4).locator("[data-item-text]")).to_have_count(4)
        answer = question(page, 1).locator("details").get_by_text("Answer: Containment")
        expect(answer).to_be_hidden()
        question(page, 1).get_by_text("Show answer").click()
        expect(answer).to_be_visible()
        expect(question(page, 1).get_by_role("link", name="Learn more: Containment")).to_be_visible()
    finally:
        context.close()


def test_with_javascript_the_answers_stay_hidden_until_checked(demo):
    expect(demo.get_by_text("Show answer").first).to_be_hidden()
    expect(question(demo, 1).get_by_text("Answer: Containment")).to_have_count(2)
    for copy in question(demo, 1).get_by_text("Answer: Containment").all():
        expect(copy).to_be_hidden()


def test_html_in_quiz_text_stays_text(watch):
    page = watch.goto("hostile/")
    quiz = page.locator("[data-quiz=hostile]")
    expect(quiz.get_by_role("heading", name="Hostile <b>title</b>")).to_be_visible()
    expect(question(page, 1)).to_contain_text("<script>window.rbpHacked = 'prompt'</script>Which is <b>safe</b>?")
    expect(quiz.get_by_role("radio", name=re.compile(r"^<img src=x onerror="))).to_have_count(1)
    expect(quiz.locator("img, iframe, script, b")).to_have_count(0)
    expect(quiz.get_by_role("link", name="A link")).to_be_visible()  # Markdown still works
    key_to(page, quiz.get_by_role("radio", name=re.compile(r"^<img")))
    page.keyboard.press("Space")
    key_to(page, quiz.get_by_role("button", name="Check answers"))
    page.keyboard.press("Enter")
    expect(quiz.get_by_text("<script>window.rbpHacked = 'feedback'</script>Shown as text")).to_be_visible()
    expect(quiz.locator("[data-marking]").get_by_text('<iframe src="https://example.org"></iframe>Plain text')).to_be_visible()
    assert page.evaluate("window.rbpHacked") is None
    assert not watch.external


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_checked_quiz_has_no_accessibility_problems(page, quiz_site, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(quiz_site)
    expect(page.get_by_role("button", name="Check answers")).to_be_visible()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
    key_to(page, question(page, 1).get_by_role("radio", name="Containment"))
    page.keyboard.press("ArrowDown")
    key_to(page, question(page, 2).get_by_role("checkbox", name="Parenting capacity"))
    page.keyboard.press("Space")
    put_in_order(page)
    check_answers(page)
    expect(page.get_by_role("group", name="2 of 5 questions are not answered yet.")).to_be_visible()
    assert accessibility_problems(page, context="[data-quiz=demo]") == []
    mark_anyway(page)
    expect(page.locator("[data-quiz=demo]").get_by_role("status")).to_contain_text("You scored")
    assert accessibility_problems(page, context="[data-quiz=demo]") == []


# ---------------------------------------------------------------- the real site


def test_real_quizzes_page_lists_every_quiz_with_its_page(page, site_url):
    page.goto(site_url + "learn/quizzes/")
    entries = page.locator("[data-quiz-entry]")
    assert entries.count() >= 8
    expect(entries.first.locator("[data-quiz-last]")).to_have_text("Not taken yet on this device.")
    link = page.get_by_role("link", name="Risk analysis", exact=True).last
    expect(link).to_have_attribute("href", re.compile(r"practice/risk-analysis/#quiz-risk-analysis$"))
    link.click()
    # the reader lands on the quiz itself (Material's navigation.tracking then rewrites or drops the hash)
    expect(page).to_have_url(re.compile(r"practice/risk-analysis/"))
    quiz = page.locator("[data-quiz=risk-analysis]")
    expect(quiz).to_be_in_viewport(timeout=10000)  # the quiz script loads after the page: allow a busy machine
    key_to(page, quiz.get_by_role("button", name="Check answers"))
    mark_anyway(page, "risk-analysis")
    # The risk analysis quiz uses certainty-based marking: nothing answered is wrong at low certainty, 0 marks each.
    expect(quiz.get_by_role("status")).to_have_text("You scored 0 out of 7.Your certainty-based score: 0 out of a possible 21."
                                                    "Not passed yet — the pass mark is 80%.You did not say you were sure of any answer.")
    assert accessibility_problems(page, context="[data-quiz=risk-analysis]") == []


# ---------------------------------------------------------------- issue 15: warnings, the last result, layout without JavaScript

# Every element of a question inside its container, with nothing spilling out of it.
OVERFLOW = """q => {
    const out = [];
    const box = q.getBoundingClientRect();
    if (box.width < 200) out.push("the question is " + box.width + "px wide");
    q.querySelectorAll("*").forEach((el) => {
        const r = el.getBoundingClientRect();
        if ((!r.width && !r.height) || el.closest(".rbp-vh")) return;  // hidden, or for screen readers only
        const parent = el.parentElement.getBoundingClientRect();
        if (r.left < parent.left - 1 || r.right > parent.right + 1) out.push(el.className + " sticks out of " + el.parentElement.className);
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") out.push(el.className + " scrolls");
        if (el.matches("li, .rbp-q__option") && r.width < box.width / 3) out.push(el.className + " is squeezed to " + r.width + "px");
    });
    return out;
}"""


def test_marking_hides_the_last_result_until_try_again(demo):
    hash_ = demo.locator("[data-quiz=demo]").get_attribute("data-quiz-hash")
    seed(demo, json.dumps({"v": 1, "hash": hash_, "score": 0, "total": 5, "passed": False, "date": "2026-11-24"}))
    last = demo.locator("[data-quiz=demo] [data-quiz-last]")
    expect(last).to_have_text("Last time: 0 out of 5, not passed, on 24 November 2026")
    answer_all_correctly(demo)
    check_answers(demo)
    expect(demo.locator("[data-quiz=demo]").get_by_role("status")).to_have_text("You scored 5 out of 5.Passed.")
    expect(last).to_be_hidden()
    key_to(demo, demo.get_by_role("button", name="Try again"))
    demo.keyboard.press("Enter")
    expect(last).to_have_text(re.compile(r"^Last time: 5 out of 5, passed, on "))


def test_answering_after_the_warning_marks_without_it(demo):
    key_to(demo, question(demo, 1).get_by_role("radio", name="Containment"))
    demo.keyboard.press("Space")
    check_answers(demo)
    warning = demo.get_by_role("group", name="4 of 5 questions are not answered yet.")
    expect(warning).to_be_focused()
    # A link in the warning takes the reader to the question.
    warning.get_by_role("link", name="Question 3: not answered").press("Enter")
    expect(question(demo, 3).get_by_role("radio", name="True")).to_be_focused()
    answer_all_correctly(demo)
    check_answers(demo)
    expect(warning).to_be_hidden()
    expect(demo.locator("[data-quiz=demo]").get_by_role("status")).to_have_text("You scored 5 out of 5.Passed.")


def test_the_note_about_marking_shows_only_without_javascript(browser, quiz_site, demo):
    note = "Use Show answer to check yourself; marking needs JavaScript."
    expect(demo.get_by_text(note)).to_be_hidden()
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(quiz_site)
        expect(page.locator("[data-quiz=demo]").get_by_text(note)).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_without_javascript_an_ordering_question_is_readable(browser, quiz_site, width):
    context = browser.new_context(java_script_enabled=False, locale="en-GB", viewport={"width": width, "height": 844})
    page = context.new_page()
    try:
        page.goto(quiz_site)
        ordering = question(page, 4)
        expect(ordering.locator("[data-item-text]")).to_have_count(4)
        assert ordering.evaluate(OVERFLOW) == []
        for n in range(1, 6):
            assert question(page, n).evaluate(OVERFLOW) == [], n
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_long_matching_options_are_radio_buttons_read_in_full(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(site_url + "theory/theories/")
    quiz = page.locator("[data-quiz=theories]")
    option = quiz.get_by_role("radio", name="How a new partner moving in may affect everyone in the family")
    expect(option.first).to_be_visible()
    expect(quiz.get_by_role("combobox")).to_have_count(0)
    matching = quiz.locator("[data-question=matching]")
    assert matching.evaluate(OVERFLOW) == []
    for label in matching.locator("label").all():
        assert label.evaluate("el => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= innerWidth"), label.inner_text()
    # Each pair is a group named by its left side; choosing in one leaves the others alone.
    pairs = matching.locator("fieldset[data-pair]")
    first = pairs.first
    name = first.locator("legend").inner_text().strip()
    group = matching.get_by_role("group", name=name, exact=True)
    group.get_by_role("radio").first.check()
    expect(matching.get_by_role("radio", checked=True)).to_have_count(1)
    assert accessibility_problems(page, context="[data-quiz=theories]") == []


@pytest.mark.parametrize("width", [390, 1280])
def test_without_javascript_real_ordering_questions_are_readable(browser, site_url, width):
    context = browser.new_context(java_script_enabled=False, locale="en-GB", viewport={"width": width, "height": 844})
    page = context.new_page()
    try:
        page.goto(site_url + "practice/family-group-conferences/")
        ordering = page.locator("[data-quiz=family-group-conferences] [data-question=ordering]")
        expect(ordering.first).to_be_visible()
        for q in ordering.all():
            assert q.evaluate(OVERFLOW) == []
    finally:
        context.close()
