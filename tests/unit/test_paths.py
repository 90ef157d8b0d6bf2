"""Learning paths: the schema, every bad input with its file:line message, and the renderers."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from macros import pages, paths, quiz, site as site_index
from macros import paths_render as render
from macros.loader import DataError

PAGES = {
    "docs/theory/index.md": "# The model: Relationship-Based Practice { #top }\n\n" + "word " * 400,
    "docs/theory/rapport.md": "```\n# not a heading\n```\n\n# Rapport\n\nShort.\n",
    "docs/untitled.md": "No heading here.\n",
    "docs/theory/theories.md": "# Theories\n\n{{ quiz(\"theories\") }}\n",
    "docs/learn/quizzes.md": "# Quizzes\n\n{{ quiz_list() }}\n",
    "docs/learn/paths/first.md": "# First\n\n{{ learning_path(\"first\") }}\n",
    "docs/learn/paths/second.md": "# Second\n\n{{ learning_path('second') }}\n",
    "data/quizzes/theories.yml": "title: Theories\n",
    "data/quizzes/unplaced.yml": "title: Not on a page\n",
}

GOOD = """\
    title: "Your first weeks: the practice model"
    audience: New social workers
    summary: Read, check and reflect.
    steps:
      - page: theory/index.md
      - quiz: theories
      - reflect: How does containment change how you prepare for a difficult visit? Think it through.
      - page: theory/rapport.md
        minutes: 20
        note: Try the worksheet with the practice example.
        title: Building rapport
      - quiz: unplaced
        minutes: 5
    """


def site(tmp_path: Path, **files: str) -> Path:
    """A project folder with a few docs pages, two quizzes and the given data/paths/<name>.yml files."""
    for rel, text in PAGES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    (tmp_path / "data" / "paths").mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tmp_path / "data" / "paths" / f"{name}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def load_paths(root: Path) -> dict[str, paths.LearningPath]:
    """The paths of a project, checked against its pages and quiz files (these quizzes are stubs)."""
    return paths.load(root, site_index.scan(root / "docs"), quiz.file_ids(root))


def problems(tmp_path: Path, **files: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_paths(site(tmp_path, **files))
    return [str(p) for p in caught.value.problems]


def one_bad_step(step: str) -> str:
    """A valid path whose third step (line 8) is ``step``."""
    return (
        "title: First\naudience: Everyone\nsummary: S.\nsteps:\n"
        "  - page: theory/index.md\n  - quiz: theories\n"
        + textwrap.indent(textwrap.dedent(step), "  ")
    )


# ---------------------------------------------------------------- a good path


def test_good_path_loads_with_titles_times_keys_and_links(tmp_path):
    loaded = load_paths(site(tmp_path, first=GOOD))["first"]
    assert loaded.title == "Your first weeks: the practice model"
    assert loaded.placed_on == "learn/paths/first.md"
    page, quiz, reflect, rapport, unplaced = loaded.steps
    # Title from the page's first heading, without its attribute list; time from its length.
    assert (page.key, page.title, page.minutes) == ("page:theory/index.md", "The model: Relationship-Based Practice", 3)
    assert (quiz.key, quiz.page, quiz.anchor, quiz.minutes) == ("quiz:theories", "theory/theories.md", "quiz-theories", 10)
    assert reflect.key == "reflect:how-does-containment-change-how-you-prepare-for-a-difficult"
    assert reflect.title == "How does containment change how you prepare for a difficult visit?"
    assert reflect.minutes == 15
    assert (rapport.title, rapport.minutes, rapport.note) == ("Building rapport", 20, "Try the worksheet with the practice example.")
    # A quiz on no page of its own links to the list of quizzes.
    assert (unplaced.page, unplaced.anchor) == ("learn/quizzes.md", None)
    assert loaded.minutes == 3 + 10 + 15 + 20 + 5


def test_no_paths_folder_means_no_paths(tmp_path):
    assert load_paths(tmp_path) == {}


# ---------------------------------------------------------------- bad input, one message each


def test_step_naming_both_page_and_quiz(tmp_path):
    text = one_bad_step("- page: theory/rapport.md\n  quiz: theories\n")
    assert problems(tmp_path, first=text) == [
        "data/paths/first.yml:7: step 3 names both a page and a quiz — a step is one of page, quiz, scenario or reflect"
    ]


def test_step_naming_none(tmp_path):
    assert problems(tmp_path, first=one_bad_step("- minutes: 5\n")) == [
        "data/paths/first.yml:7: step 3 has none of page, quiz, scenario or reflect — a step is one of page, quiz, scenario or reflect"
    ]


def test_step_naming_all_three(tmp_path):
    text = one_bad_step("- page: theory/rapport.md\n  quiz: theories\n  reflect: Why?\n")
    assert problems(tmp_path, first=text) == [
        "data/paths/first.yml:7: step 3 names a page, a quiz and a reflection prompt — a step is one of page, quiz, scenario or reflect"
    ]


def test_page_not_in_docs(tmp_path):
    text = one_bad_step("- reflect: Why?\n- page: theory/nope.md\n")
    assert problems(tmp_path, first=text) == ["data/paths/first.yml:8: step 4: page 'theory/nope.md' is not in docs/"]


def test_page_outside_docs_is_not_in_docs(tmp_path):
    assert problems(tmp_path, first=one_bad_step("- page: ../mkdocs.yml\n")) == [
        "data/paths/first.yml:7: step 3: page '../mkdocs.yml' is not in docs/"
    ]


def test_page_without_heading_needs_a_title(tmp_path):
    assert problems(tmp_path, first=one_bad_step("- page: untitled.md\n")) == [
        "data/paths/first.yml:7: step 3: page 'untitled.md' has no '# ' heading — give the step a title"
    ]
    good = load_paths(site(tmp_path, first=one_bad_step("- page: untitled.md\n  title: Untitled\n")))
    assert good["first"].steps[2].title == "Untitled"


def test_quiz_that_does_not_exist_lists_known_quizzes(tmp_path):
    text = one_bad_step("- reflect: Why?\n- quiz: nope\n")
    assert problems(tmp_path, first=text) == [
        "data/paths/first.yml:8: step 4: quiz 'nope' does not exist (known quizzes: theories, unplaced)"
    ]


def test_empty_and_missing_steps(tmp_path):
    assert problems(tmp_path, first="title: T\naudience: A\nsummary: S\nsteps: []\n") == [
        "data/paths/first.yml:4: the path has no steps"
    ]
    assert problems(tmp_path, first="title: T\naudience: A\nsummary: S\n") == [
        "data/paths/first.yml:1: the path has no steps"
    ]


def test_unknown_keys_in_a_step_and_at_the_top(tmp_path):
    text = "title: T\naudience: A\nsummary: S\ncolour: red\nsteps:\n  - page: theory/index.md\n    minuts: 5\n"
    assert problems(tmp_path, first=text) == [
        "data/paths/first.yml:4: unknown key 'colour' (check the spelling)",
        "data/paths/first.yml:7: step 1: unknown key 'minuts' (check the spelling). Did you mean: minutes?",
    ]


def test_bad_minutes(tmp_path):
    assert problems(tmp_path, first=one_bad_step("- reflect: Why?\n  minutes: soon\n")) == [
        "data/paths/first.yml:8: step 3: 'minutes' must be a whole number"
    ]
    assert problems(tmp_path, first=one_bad_step("- reflect: Why?\n  minutes: 0\n")) == [
        "data/paths/first.yml:8: step 3: minutes must be between 1 and 600"
    ]


def test_missing_title_audience_and_summary(tmp_path):
    assert problems(tmp_path, first="steps:\n  - page: theory/index.md\n") == [
        "data/paths/first.yml:1: the path has no title: add 'title:' with a title",
        "data/paths/first.yml:1: the path has no audience: add 'audience:' with an audience",
        "data/paths/first.yml:1: the path has no summary: add 'summary:' with a summary",
    ]


def test_step_that_is_not_a_mapping(tmp_path):
    assert problems(tmp_path, first=one_bad_step("- theory/rapport.md\n")) == [
        "data/paths/first.yml:7: step 3 must be 'key: value' lines starting with page:, quiz: or reflect:"
    ]


def test_the_same_step_twice(tmp_path):
    assert problems(tmp_path, first=one_bad_step("- page: theory/index.md\n")) == [
        "data/paths/first.yml:7: step 3: page 'theory/index.md' is already step 1 — a path lists each step once"
    ]


def test_yaml_syntax_error(tmp_path):
    text = 'title: "Your first weeks: the practice model\naudience: A\n'
    out = problems(tmp_path, first=text)
    assert len(out) == 1 and out[0].startswith("data/paths/first.yml:3: YAML syntax error")


def test_unquoted_colon_in_title_is_a_yaml_error(tmp_path):
    out = problems(tmp_path, first="title: Your first weeks: the practice model\naudience: A\n")
    assert out == ["data/paths/first.yml:1: YAML syntax error: mapping values are not allowed here"]


def test_path_not_on_any_page(tmp_path):
    assert problems(tmp_path, third=GOOD) == [
        "data/paths/third.yml:1: the path is not on any page — add {{ learning_path(\"third\") }} to a page in docs/learn/paths/"
    ]


def test_bad_file_name(tmp_path):
    assert problems(tmp_path, First_Path=GOOD) == [
        "data/paths/First_Path.yml:1: path file name 'First_Path.yml' may use only lower-case letters, digits and '-'"
    ]


def test_every_problem_in_every_file_is_reported_together(tmp_path):
    first = one_bad_step("- page: theory/rapport.md\n  quiz: theories\n- page: theory/nope.md\n")
    second = "title: T\naudience: A\nsummary: S\nsteps:\n  - quiz: nope\n"
    assert problems(tmp_path, first=first, second=second) == [
        "data/paths/first.yml:7: step 3 names both a page and a quiz — a step is one of page, quiz, scenario or reflect",
        "data/paths/first.yml:9: step 4: page 'theory/nope.md' is not in docs/",
        "data/paths/second.yml:5: step 1: quiz 'nope' does not exist (known quizzes: theories, unplaced)",
    ]


# ---------------------------------------------------------------- reading pages and rendering


def test_first_heading_skips_fences_and_strips_markdown():
    assert site_index.first_heading("```\n# code\n```\n# Real *title* [link](x.md) { #id }\n") == "Real title link"
    assert site_index.first_heading("## Only a sub-heading\n") is None


def test_banner_goes_after_the_first_heading():
    md = "```\n# code\n```\n# Title\n\nIntro.\n"
    assert pages.insert_after_h1(md, "<div>B</div>") == "```\n# code\n```\n# Title\n\n<div>B</div>\n\n\nIntro.\n"
    assert pages.insert_after_h1("No heading.", "<div>B</div>").startswith("\n<div>B</div>\n\nNo heading.")


def test_duration_and_labels():
    assert render.duration(45) == "about 45 minutes"
    assert render.duration(60) == "about 1 hour"
    assert render.duration(125) == "about 2 hours 5 minutes"
    long = "Which of the agencies in the practice cycle is most likely to knock your visits off course, and why would that be so"
    assert paths.short_label(long).endswith("…") and len(paths.short_label(long)) <= 71


def _renderer(loaded) -> render.Renderer:
    quizzes = {"theories": paths.QuizInfo("Theories <quiz>", "abc123", "theory/theories.md", "quiz-theories")}
    return render.Renderer(loaded, quizzes, lambda target: "/" + target, exists=lambda src: True, site_name="Site")


def test_path_html_has_ordered_steps_toggles_and_the_quiz_hash(tmp_path):
    loaded = load_paths(site(tmp_path, first=GOOD))
    html = _renderer(loaded).path(loaded["first"])
    assert "\n\n" not in html  # one HTML block: Markdown leaves it alone
    assert '<ol class="rbp-steps" role="list">' in html
    assert html.count("data-step-toggle>Mark as done</button>") == 2  # one toggle per page step
    assert 'aria-describedby="first-step-1-title" data-step-toggle>Mark as done</button>' in html
    assert "&#34;hash&#34;:&#34;abc123&#34;" in html  # JSON in a data- attribute, escaped
    assert "Quiz: Theories &lt;quiz&gt;" in html  # titles are escaped
    assert "&#34;label&#34;:&#34;Quiz: Theories &lt;quiz&gt;&#34;" in html  # escaped inside the attribute
    assert '<a href="/theory/theories.md#quiz-theories">' in html
    assert "Write a reflection" in html and "What I learnt" in html and "Peer reflection (if there was one)" in html
    # Start path is a real link to step 1, there without JavaScript too.
    assert '<a class="md-button md-button--primary" href="/theory/index.md" data-path-go>Start path</a>' in html


def test_banner_for_a_page_step_and_for_a_quiz_on_its_page(tmp_path):
    loaded = load_paths(site(tmp_path, first=GOOD))
    entries = render.banner_entries(loaded, "theory/rapport.md")
    assert [(p.id, s.number) for p, s in entries] == [("first", 4)]
    html = _renderer(loaded).banner(entries, "theory/rapport.md")
    assert "Step 4 of 5 in" in html
    assert 'rel="prev">' in html and "Previous: Reflect: How does containment" in html
    assert "Next: Quiz: Not on a page" not in html  # an unknown quiz title falls back to its id
    assert "Next: Quiz: unplaced" in html
    assert "data-step-toggle>Mark as done</button>" in html
    # As served, one quiet line; the full banner waits, hidden, for a reader who has started the path.
    assert '<p class="rbp-banner__quiet" data-banner-quiet>Part of the learning path <a href="/learn/paths/first.md">' in html
    assert '<div class="rbp-banner__full" data-banner-full hidden>' in html
    quiz_banner = _renderer(loaded).banner(render.banner_entries(loaded, "theory/theories.md"), "theory/theories.md")
    assert "Step 2 of 5 in" in quiz_banner and "the quiz on this page" in quiz_banner
    assert "data-step-toggle" not in quiz_banner
    assert render.banner_entries(loaded, "learn/quizzes.md") == []  # the list of quizzes is not a step


def test_my_learning_parts_render(tmp_path):
    loaded = load_paths(site(tmp_path, first=GOOD))
    r = _renderer(loaded)
    first = r.my_learning("paths", list(loaded.values()), with_data=True)
    assert "data-paths-catalogue" in first and "&#34;site&#34;:&#34;Site&#34;" in first
    later = r.my_learning("record", list(loaded.values()), with_data=False)
    assert "data-paths-catalogue" not in later
    for name in ("Export CPD record", "Export data", "Import data", "Clear all my learning data"):
        assert name in later
    log = r.my_learning("reflections", list(loaded.values()), with_data=False)
    assert 'value="step|first|reflect:how-does-containment-change-how-you-prepare-for-a-difficult"' in log


def test_the_script_checks_stored_reflections_against_the_same_limits():
    import re

    from tests.support.build import ROOT

    script = (ROOT / "docs" / "assets" / "javascripts" / "learning.js").read_text(encoding="utf-8")
    js = {name: int(value) for name, value in re.findall(r"const (MAX_TEXT|MAX_MINUTES|MAX_TITLE|MAX_WHO) = (\d+);", script)}
    assert js == {"MAX_TEXT": paths.MAX_TEXT, "MAX_MINUTES": paths.MAX_REFLECTION_MINUTES, "MAX_TITLE": paths.MAX_TITLE,
                  "MAX_WHO": paths.MAX_WHO}
    types = re.search(r"const TYPES = \[([^\]]*)\];", script).group(1)
    assert re.findall(r'"([^"]+)"', types) == [key for key, _ in paths.CPD_TYPES]
