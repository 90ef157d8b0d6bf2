"""Quizzes in a real build: the fixture site builds, and broken quiz files stop it with file:line: message."""
from __future__ import annotations

import pytest

from tests.fixtures.quiz.build import copy_fixture
from tests.support.build import mkdocs_build


@pytest.fixture
def site(tmp_path):
    return copy_fixture(tmp_path / "quiz-site")


def test_fixture_site_builds_with_every_quiz_placed(site, tmp_path):
    build = mkdocs_build(site, tmp_path / "out")
    assert build.ok, build.output
    home = (tmp_path / "out" / "index.html").read_text()
    assert home.count('data-quiz="demo"') == 1 and "<form" in home
    listing = (tmp_path / "out" / "quizzes" / "index.html").read_text()
    assert 'href="../#quiz-demo"' in listing  # placed on the home page
    assert 'data-quiz="extra"' in listing  # placed nowhere else, so shown in full


def test_broken_quizzes_stop_the_build_with_every_problem(site, tmp_path):
    quizzes = site / "data" / "quizzes"
    (quizzes / "demo.yml").write_text(
        (quizzes / "demo.yml").read_text()
        .replace("pass_mark: 80", "pass_mark: 0")
        .replace("        correct: true\n        feedback: Yes, containment", "        corect: true\n        feedback: Yes, containment")
        .replace("learn_more: notes.md#domains", "learn_more: notes.md#nope")
    )
    (quizzes / "extra.yml").write_text("title: T\npass_mark: 80\nquestions:\n  - type: ordering\n    prompt: P\n    items: [Containment, Containment]\n")
    (quizzes / "typo.yml").write_text("title: [unclosed\npass_mark: 80\n")
    build = mkdocs_build(site, tmp_path / "out")
    assert build.returncode != 0
    for message in [
        "data/quizzes/demo.yml:3: pass_mark must be between 1 and 100",
        "data/quizzes/demo.yml:9: question 1: unknown key 'corect' (check the spelling)",
        "data/quizzes/demo.yml:30: question 2: learn_more 'notes.md#nope' points to '#nope', but notes.md has no heading with that id",
        "data/quizzes/extra.yml:6: question 1 (ordering) lists 'Containment' twice",
        "data/quizzes/typo.yml:2: YAML syntax error",
    ]:
        assert message in build.output
    assert "Traceback" not in build.output


def test_unknown_quiz_names_the_page_and_the_known_quizzes(site, tmp_path):
    (site / "docs" / "hostile.md").write_text("# Hostile\n\n{{ quiz(\"dmeo\") }}\n")
    build = mkdocs_build(site, tmp_path / "out")
    assert build.returncode != 0
    assert "docs/hostile.md: unknown quiz id 'dmeo' (line 3). Did you mean: demo? Known quiz ids: demo, extra, hostile" in build.output
    assert "Traceback" not in build.output


def test_a_quiz_placed_twice_on_a_page_stops_the_build(site, tmp_path):
    (site / "docs" / "hostile.md").write_text("# Hostile\n\n{{ quiz(\"extra\") }}\n\n{{ quiz(\"extra\") }}\n")
    build = mkdocs_build(site, tmp_path / "out")
    assert build.returncode != 0
    assert "docs/hostile.md: the quiz 'extra' is placed twice on this page; place it once" in build.output
    assert "Traceback" not in build.output


def test_real_site_has_every_quiz_on_the_quizzes_page(built):
    listing = (built.site / "learn" / "quizzes" / "index.html").read_text()
    entries = listing.count("data-quiz-entry=")
    assert entries >= 8
    assert "#quiz-theories" in listing and "#quiz-family-group-conferences" in listing
