"""Every example in the authoring guide works: its YAML passes the real schemas, its pages the real checks.

A YAML example says which file it belongs to in its first line (``# data/quizzes/home-visits.yml``,
``# data/references.yml (add to the end)``). A Markdown example that starts with ``---`` is the top
of a page (or of a post, when it has ``date:``). Every example is put into a copy of the project and
checked with the same code the build runs.
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

import macros
from macros import quiz, reviews, site, updates
from tests.support.build import ROOT, copy_project

GUIDE = ROOT / "docs" / "about" / "authoring.md"
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>\w*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
KIND = re.compile(r"^# (?P<file>\S+)(?: \((?P<how>[^)]*)\))?$")
MACRO = re.compile(r"\{\{\s*(\w+)\(")


def examples(lang: str) -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return [textwrap.dedent(m.group("body")) for m in FENCE.finditer(text) if m.group("lang") == lang]


YAML = examples("yaml")
MARKDOWN = examples("markdown")


def kind_of(block: str) -> tuple[str, str]:
    m = KIND.match(block.splitlines()[0])
    assert m, f"a YAML example must start with a comment naming its file:\n{block}"
    return m.group("file"), m.group("how") or ""


def test_the_guide_has_an_example_of_every_kind():
    files = {kind_of(b)[0] for b in YAML}
    for expected in ["data/references.yml", "data/glossary.yml", "data/contacts.yml", "data/links.yml", "mkdocs.yml"]:
        assert expected in files
    for folder in ["data/quizzes/", "data/scenarios/", "data/worksheets/", "data/paths/"]:
        assert any(f.startswith(folder) for f in files), folder
    assert any("date:" in b for b in MARKDOWN if b.startswith("---")), "an update post"
    assert any("owner:" in b for b in MARKDOWN if b.startswith("---")), "a page with review front matter"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The real project with every guide example added to it."""
    root = copy_project(tmp_path_factory.mktemp("guide") / "project")
    for block in YAML:
        file, how = kind_of(block)
        if file == "mkdocs.yml":
            continue
        target = root / file
        target.parent.mkdir(parents=True, exist_ok=True)
        if how.startswith("add to") and target.exists():
            target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + block, encoding="utf-8")
        else:
            assert not target.exists(), f"the example {file} would replace a real file: give it a new name"
            target.write_text(block, encoding="utf-8")
        if file.startswith("data/paths/"):
            # A path is shown on one page of its own, as the guide says.
            key = Path(file).stem
            page = root / "docs" / "learn" / "paths" / f"{key}.md"
            page.write_text(f"# Path\n\n{{{{ learning_path(\"{key}\") }}}}\n", encoding="utf-8")
    return root


def test_every_yaml_example_passes_the_real_checks(project):
    loaded = macros.load(project)  # raises with file:line on any problem
    new = {kind_of(b)[0]: b for b in YAML}
    for file in new:
        stem = Path(file).stem
        if file.startswith("data/quizzes/"):
            assert stem in loaded.quizzes.quizzes
        elif file.startswith("data/scenarios/"):
            assert stem in loaded.scenarios.scenarios
        elif file.startswith("data/worksheets/"):
            assert stem in loaded.worksheets
        elif file.startswith("data/paths/"):
            assert stem in loaded.paths
    for file, container in [("data/references.yml", loaded.library.references),
                            ("data/contacts.yml", loaded.directory.contacts),
                            ("data/links.yml", loaded.directory.links)]:
        key = yaml.safe_load(new[file]).popitem()[0]
        assert key in container, f"{file} example '{key}' was not loaded"
    term = yaml.safe_load(new["data/glossary.yml"])[0]["term"]
    assert term in [t.term for t in loaded.glossary.terms]


def test_the_quiz_example_shows_every_question_type_with_explanation_and_learn_more():
    block = next(b for b in YAML if kind_of(b)[0].startswith("data/quizzes/"))
    questions = yaml.safe_load(block)["questions"]
    assert {q["type"] for q in questions} == set(quiz.TYPES)
    assert all(q.get("explanation") and q.get("learn_more") for q in questions)


def test_the_quiz_example_uses_certainty_based_marking():
    block = next(b for b in YAML if kind_of(b)[0].startswith("data/quizzes/"))
    assert yaml.safe_load(block)["confidence"] is True


def test_the_scenario_example_has_choices_an_ending_and_a_path_step(project):
    block = next(b for b in YAML if kind_of(b)[0].startswith("data/scenarios/"))
    loaded = macros.load(project)
    sc = loaded.scenarios.scenarios[Path(kind_of(block)[0]).stem].scenario
    assert any(n.choices for n in sc.nodes) and len(sc.endings) >= 2 and all(n.ending.read_more for n in sc.endings)
    path = next(b for b in YAML if kind_of(b)[0].startswith("data/paths/"))
    steps = loaded.paths[Path(kind_of(path)[0]).stem].steps
    assert "scenario" in {s.kind for s in steps}


def test_the_nav_example_is_valid_nav(project):
    block = next(b for b in YAML if kind_of(b)[0] == "mkdocs.yml")
    nav = yaml.safe_load(block)
    assert isinstance(nav, list) and isinstance(nav[0], dict)
    pages = [p if isinstance(p, str) else next(iter(p.values())) for p in next(iter(nav[0].values()))]
    assert all(p.endswith(".md") for p in pages)
    assert (project / "docs" / pages[0]).is_file()


@pytest.mark.parametrize("block", [b for b in MARKDOWN if b.startswith("---")], ids=lambda b: b.split("\n# ", 1)[-1].split("\n")[0])
def test_page_and_post_examples_pass_the_front_matter_checks(block, project):
    if "\ndate:" in block:
        post = updates.check_post(site.read_page("updates/posts/example.md", block, "docs/updates/posts/example.md"))
        assert post.categories and post.description
    else:
        doc = site.front_matter(block, "docs/example.md")
        review, problems = reviews.check_front_matter(doc, macros.load(project).directory.contacts)
        assert problems == [] and review is not None


def test_markdown_examples_use_only_macros_that_exist(built):
    m = re.search(r"Config macros: \[([^\]]*)\]", built.output)
    assert m, "mkdocs-macros lists its macros in the build log"
    known = set(re.findall(r"'(\w+)'", m.group(1)))
    used = {name for b in MARKDOWN for name in MACRO.findall(b)} | {name for b in YAML for name in MACRO.findall(b)}
    assert used and used <= known, used - known


def test_macro_examples_are_shown_not_run(site_dir):
    html = (site_dir / "about" / "authoring" / "index.html").read_text(encoding="utf-8")
    assert "{{ cite(&quot;smith2020&quot;) }}" in html or '{{ cite("smith2020") }}' in html
    assert "{{ quiz(&quot;home-visits&quot;) }}" in html or '{{ quiz("home-visits") }}' in html
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert "rbp-cite" not in article and "reading-list/index.md#" not in article, "a macro in the guide ran"
