"""The site index: one reading of every page, and only real macro calls counted."""
from __future__ import annotations

import textwrap

import macros
from macros import site
from tests.support.build import ROOT

GUIDE = textwrap.dedent('''\
    # Authoring guide

    Place a quiz like this:

    {% raw %}
    {{ quiz("home-visits") }} and cite like this: {{ cite("smith2020") }}
    {% endraw %}

    ```markdown
    {{ quiz("in-a-fence") }}
    ```

    Or inline: `{{ cite("in-code") }}`. A real one: {{ cite("ruch2010", page=3) }}
    {{ quiz('real') }}
    ''')


def test_examples_in_raw_blocks_fences_and_inline_code_are_not_calls():
    page = site.read_page("about/authoring.md", GUIDE, "docs/about/authoring.md")
    assert [(c.macro, c.key, c.line) for c in page.calls] == [("cite", "ruch2010", 13), ("quiz", "real", 14)]


def test_an_example_in_code_without_raw_would_run_and_is_reported():
    assert site.read_page("g.md", GUIDE, "docs/g.md").unprotected == [
        site.Call("quiz", "in-a-fence", 10), site.Call("cite", "in-code", 13)]
    assert site.scan(ROOT / "docs").example_problems() == []  # the real site protects every example


def test_a_raw_example_is_neither_a_placement_nor_a_citation(tmp_path):
    (tmp_path / "docs" / "about").mkdir(parents=True)
    (tmp_path / "docs" / "about" / "authoring.md").write_text(GUIDE)
    index = site.scan(tmp_path / "docs")
    assert index.placements("quiz") == {"real": ["about/authoring.md"]}
    assert index.placements("cite") == {"ruch2010": ["about/authoring.md"]}


def test_the_real_guide_places_and_cites_nothing_it_only_shows():
    data = macros.load(ROOT)
    guide = data.index.page("about/authoring.md")
    assert guide is not None and "home-visits" in guide.text and "smith2020" in guide.text
    assert "home-visits" not in data.quizzes.placements
    assert "smith2020" not in data.cited
    assert all(page != "about/authoring.md" for pages in data.quizzes.placements.values() for page in pages)


def test_titles_anchors_words_and_nav_order(tmp_path):
    docs = tmp_path / "docs"
    (docs / "b").mkdir(parents=True)
    (docs / "index.md").write_text("---\nowner: L&D\nreviewed: 2026-11-26\n---\n\n# Home { #top }\n\n## Same\n\n## Same\n")
    (docs / "b" / "page.md").write_text("```\n# not a heading\n```\n\n# The *real* title\n\nsome words here\n")
    (docs / "a.md").write_text("No heading.\n")
    index = site.scan(docs, nav=[{"Home": "index.md"}, {"B": [{"Page": "b/page.md"}]}])
    home, page, bare = index.page("index.md"), index.page("b/page.md"), index.page("a.md")
    assert list(home.anchors) == ["top", "same", "same_1"]
    assert home.meta.data["owner"] == "L&D" and home.meta.line_of(("reviewed",)) == 3
    assert page.title == "The real title" and bare.title == "A"
    assert [p.src for p in index.nav_pages()] == ["index.md", "b/page.md"]
    assert index.nav_rank("a.md") == 2  # not in the nav: last
    assert site.scan(docs).nav == ["index.md", "a.md", "b/page.md"]  # no nav: MkDocs' own order
