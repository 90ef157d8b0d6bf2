"""Certainty-based marking on a shipped quiz (MECC, confidence: true), in Chromium: how sure the reader is goes
with each answer, by keyboard; after marking, both scores, calibration in plain words with links to the questions
to revisit, the pass mark on the plain score, both scores stored; an older stored result still loads; no-JS view."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import accessibility_problems

pytestmark = pytest.mark.browser

PAGE = "practice/making-every-contact-count/"
KEY = "rbp:quiz:mecc"
RIGHT = {
    1: ["An approach that encourages conversations"],
    2: ["False"],
    3: ["A dog was heard barking ferociously inside", "The mother answered the door", "The 5-year-old boy leapt"],
    5: ["She prepared, reading the case history", "She managed her own feelings", "She was firm, clear, kind"],
    6: ["It makes the service that children, young people and families get efficient"],
}
MATCHES = {"The car": "Used the space to tune into herself and manage her anxieties",
           "Dogs and other pets": "Did not let the barking dog derail her",
           "The children": "Used voice, touch, movement and enthusiasm to build rapport",
           "The parents or carers": "Used her skills and humanity to get beyond the mother's resistance"}


def quiz(page):
    return page.locator("[data-quiz=mecc]")


def question(page, n: int):
    return quiz(page).get_by_role("group", name=re.compile(rf"^Question {n} of 6"))


def sure(page, n: int, level: str):
    """Say how sure, by keyboard: focus the level's radio button and press Space."""
    radio = question(page, n).get_by_role("group", name=re.compile(r"^How sure are you")).get_by_role("radio", name=level, exact=True)
    radio.focus()
    page.keyboard.press("Space")
    expect(radio).to_be_checked()


def answer_all_right(page) -> None:
    for n, names in RIGHT.items():
        for name in names:
            question(page, n).get_by_role("radio" if n in (1, 2, 6) else "checkbox", name=re.compile("^" + re.escape(name))).check()
    for left, right in MATCHES.items():
        question(page, 4).get_by_role("group", name=left, exact=True).get_by_role("radio", name=right).check()


def open_quiz(watch):
    page = watch.goto(PAGE)
    expect(quiz(page)).to_have_attribute("data-rbp-ready", "")
    return page


def test_sure_and_wrong_is_named_with_a_link_and_both_scores_are_stored(watch):
    page = open_quiz(watch)
    expect(quiz(page)).to_contain_text("A right answer scores 1, 2 or 3; a wrong one 0, −2 or −6.")
    question(page, 1).get_by_role("radio", name=re.compile("^An approach that encourages")).check()
    sure(page, 1, "High")
    question(page, 2).get_by_role("radio", name="True", exact=True).check()  # wrong
    sure(page, 2, "High")
    question(page, 6).get_by_role("radio", name=re.compile("^It means families need fewer")).check()  # wrong
    sure(page, 6, "Low")
    quiz(page).get_by_role("button", name="Check answers").click()
    quiz(page).get_by_role("button", name="Mark anyway").click()
    summary = quiz(page).locator("[data-quiz-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "status")
    expect(summary).to_contain_text("You scored 1 out of 6.")
    # 3 (right, high) − 6 (wrong, high) + 0 (wrong, low) + 0 × 3 (not answered: wrong, no choice counts as low)
    expect(summary).to_contain_text("Your certainty-based score: −3 out of a possible 18.")
    expect(summary).to_contain_text("You were sure and wrong on 1 question: this is the one to revisit.")
    link = summary.get_by_role("link", name=re.compile(r"^Question 2: In the practice cycle"))
    expect(link).to_have_attribute("href", "#quiz-mecc-q2")
    expect(question(page, 2)).to_contain_text("You said your certainty was high: −6 marks.")
    expect(question(page, 3)).to_contain_text("You said your certainty was low (you did not choose, so it counts as low): 0 marks.")
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert (stored["score"], stored["total"], stored["passed"], stored["certainty"], stored["certainty_max"]) == (1, 6, False, -3, 18)
    assert accessibility_problems(page, "[data-quiz=mecc]") == []
    quiz(page).get_by_role("button", name="Try again").click()
    expect(question(page, 2).get_by_role("radio", name="High", exact=True)).not_to_be_checked()
    expect(question(page, 2)).not_to_contain_text("You said your certainty")
    page.goto(watch.site_url + "learn/my-learning/")
    expect(page.locator('[data-my-learning="quizzes"] tbody tr').first).to_contain_text("1 out of 6 (certainty-based: −3 out of 18)")
    assert watch.console_errors == [] and watch.external == []


def test_the_pass_mark_uses_the_plain_score(watch):
    """All right but all with low certainty: 6 of 18 certainty-based, and still passed on the plain score."""
    page = open_quiz(watch)
    answer_all_right(page)
    quiz(page).get_by_role("button", name="Check answers").click()
    summary = quiz(page).locator("[data-quiz-summary]")
    expect(summary).to_contain_text("You scored 6 out of 6.")
    expect(summary).to_contain_text("Your certainty-based score: 6 out of a possible 18.")
    expect(summary).to_contain_text("Passed.")
    expect(summary).to_contain_text("You were right on 6 questions you were not sure of")
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["passed"] is True


def test_a_result_stored_before_certainty_marking_still_loads(watch):
    page = open_quiz(watch)
    hash_ = quiz(page).get_attribute("data-quiz-hash")
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
                  [KEY, {"v": 1, "hash": hash_, "score": 5, "total": 6, "passed": True, "date": "2026-11-20"}])
    page.reload()
    expect(quiz(page).locator("[data-quiz-last]")).to_have_text("Last time: 5 out of 6, passed, on 20 November 2026")
    # A certainty score that cannot be right for the quiz is not in the expected form: dropped.
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
                  [KEY, {"v": 1, "hash": hash_, "score": 5, "total": 6, "passed": True, "date": "2026-11-20",
                         "certainty": 99, "certainty_max": 18}])
    page.reload()
    expect(quiz(page).locator("[data-quiz-last]")).to_be_hidden()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_without_javascript_the_certainty_choice_is_with_each_question(nojs_page, site_url):
    page = nojs_page
    page.goto(site_url + PAGE)
    for n in range(1, 7):
        group = question(page, n).get_by_role("group", name=re.compile(r"^How sure are you"))
        expect(group.get_by_role("radio", name="Medium", exact=True)).to_be_visible()
        expect(question(page, n).get_by_text(re.compile("^Show answer"))).to_be_visible()
    expect(quiz(page)).to_contain_text("If you do not say, it counts as low.")
