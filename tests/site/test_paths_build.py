"""Learning paths in a built site: a small fixture site, its broken variants, and the real site's paths."""
from __future__ import annotations

import re
import shutil

import pytest

from tests.support.build import ROOT, mkdocs_build

FIXTURE = ROOT / "tests" / "fixtures" / "paths" / "site"


@pytest.fixture
def project(tmp_path):
    """A copy of the fixture site with the real macros and assets linked in."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURE, dest)
    (dest / "macros").symlink_to(ROOT / "macros")
    (dest / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    return dest


def test_fixture_path_builds_with_steps_banners_and_the_quiz_hash(project, tmp_path):
    build = mkdocs_build(project, tmp_path / "out")
    assert build.ok, build.output
    out = tmp_path / "out"
    path = (out / "learn" / "paths" / "short" / "index.html").read_text()
    quiz = (out / "quiz" / "index.html").read_text()
    quiz_hash = re.search(r'data-quiz="fixture" data-quiz-hash="([0-9a-f]+)"', quiz).group(1)
    assert f'&#34;quiz&#34;:&#34;fixture&#34;,&#34;hash&#34;:&#34;{quiz_hash}&#34;' in path  # the same hash the quiz stores its result under
    assert path.count('<li class="rbp-step ') == 3
    assert '<a href="../../../reading/">Reading about rapport</a>' in path
    assert '<a href="../../../quiz/#quiz-fixture">Quiz: Rapport in one question</a>' in path
    reading = (out / "reading" / "index.html").read_text()
    assert re.search(r"</h1>\s*<div class=\"rbp-banners\">", reading)  # right under the heading
    assert 'Step 1 of 3 in <a href="../learn/paths/short/"><em>A short path</em></a>' in reading
    assert 'href="../quiz/#quiz-fixture" rel="next">Next: Quiz: Rapport in one question' in reading
    assert "Step 2 of 3 in" in quiz and "the quiz on this page" in quiz
    learn = (out / "learn" / "index.html").read_text()
    assert "Anyone testing the site" in learn and "about 25 minutes, in 3 steps" in learn
    # The banner as served is one quiet line; the full one is there, hidden, for a reader who has started.
    assert 'Part of the learning path <a href="../learn/paths/short/">A short path</a>: step 1 of 3.' in reading
    assert '<div class="rbp-banner__full" data-banner-full hidden>' in reading
    # "Record this as CPD" at the foot of each content page, never on the home page or the learning pages.
    record = '<a href="../learn/my-learning/?record=reading.md#your-cpd-record">Record this as CPD</a>'
    assert record in reading and reading.index(record) > reading.index("Rapport is the quality")
    assert '?record=quiz.md#your-cpd-record">Record this as CPD' in quiz
    for page in ("index.html", "learn/index.html", "learn/paths/short/index.html", "learn/my-learning/index.html"):
        assert "Record this as CPD" not in (out / page).read_text(), page


def test_broken_path_files_stop_the_build_with_every_problem(project, tmp_path):
    (project / "data" / "paths" / "short.yml").write_text(
        "title: A short path\n"
        "audience: Anyone\n"
        "summary: S.\n"
        "steps:\n"
        "  - page: reading.md\n"
        "  - page: nope.md\n"
        "  - quiz: nope\n"
        "  - page: reading.md\n"
        "    quiz: fixture\n"
        "  - reflect: Why?\n"
        "    minuts: 5\n"
    )
    (project / "data" / "paths" / "empty.yml").write_text("title: Empty\naudience: A\nsummary: S\nsteps: []\n")
    (project / "docs" / "learn" / "paths" / "empty.md").write_text('# Empty\n\n{{ learning_path("empty") }}\n')
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    expected = [
        "data/paths/empty.yml:4: the path has no steps",
        "data/paths/short.yml:6: step 2: page 'nope.md' is not in docs/",
        "data/paths/short.yml:7: step 3: quiz 'nope' does not exist (known quizzes: fixture)",
        "data/paths/short.yml:8: step 4 names both a page and a quiz — a step is one of page, quiz, scenario or reflect",
        "data/paths/short.yml:11: step 5: unknown key 'minuts' (check the spelling). Did you mean: minutes?",
    ]
    # The first problem follows MkDocs' "ERROR -" prefix; the rest are one a line.
    lines = [line[line.index("data/paths/"):] for line in build.output.splitlines() if "data/paths/" in line]
    assert lines == expected, build.output
    assert "Traceback" not in build.output


def test_yaml_error_in_a_path_stops_the_build(project, tmp_path):
    (project / "data" / "paths" / "short.yml").write_text("title: A short path: unquoted\naudience: A\n")
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "data/paths/short.yml:1: YAML syntax error: mapping values are not allowed here" in build.output
    assert "Traceback" not in build.output


def test_unknown_path_id_names_the_page_and_known_paths(project, tmp_path):
    (project / "docs" / "index.md").write_text('# Paths fixture\n\n{{ learning_path("shrt") }}\n')
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "docs/index.md: unknown learning path 'shrt' (line 3). Did you mean: short? Known learning paths: short" in build.output
    assert "Traceback" not in build.output


def test_unknown_my_learning_part(project, tmp_path):
    (project / "docs" / "index.md").write_text('# Paths fixture\n\n{{ my_learning("stuff") }}\n')
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "docs/index.md: unknown My learning part 'stuff' (line 3)." in build.output
    assert "Known My learning parts: paths, quizzes, record, reflections" in build.output
    assert "Traceback" not in build.output


# ---------------------------------------------------------------- the real site


def test_real_site_lists_three_paths_that_mix_pages_quizzes_and_reflections(site_dir):
    learn = (site_dir / "learn" / "index.html").read_text()
    cards = re.findall(r'data-path-card="([a-z0-9-]+)"', learn)
    assert set(cards) >= {"practice-model", "assessing-need-and-risk", "working-with-families"}
    for card in cards:
        page = (site_dir / "learn" / "paths" / card / "index.html").read_text()
        kinds = set(re.findall(r'<li class="rbp-step rbp-step--(page|quiz|reflect)"', page))
        assert kinds == {"page", "quiz", "reflect"}, card
    risk = (site_dir / "learn" / "paths" / "assessing-need-and-risk" / "index.html").read_text()
    assert "Risk-weighting worksheet" in risk or "risk-worksheet/" in risk
