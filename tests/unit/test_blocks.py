"""macros/blocks.py: which output becomes a placeholder, the anchors it keeps, and putting it back."""
from __future__ import annotations

import markdown
import pytest

from macros import blocks

QUIZ = '<div class="rbp-quiz" id="quiz-x" data-quiz="x">\n<form><input name="q1" id="q1-a"><a name="old">x</a></form>\n</div>'


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["md_in_html", "abbr", blocks.BlocksExtension()])


def test_a_component_converts_to_the_same_html_through_its_placeholder():
    blocks.begin()
    page = "# Title\n\nSome *text* with HTML.\n\n{}\n\nAfter.\n\n*[HTML]: HyperText Markup Language\n"
    assert convert(page.format(blocks.block(QUIZ))) == convert(page.format(QUIZ))
    assert "data-rbp-block" not in convert(page.format(blocks.block(QUIZ)))


def test_the_placeholder_holds_the_anchors_mkdocs_would_find():
    blocks.begin()
    assert blocks.anchors(QUIZ) == ["quiz-x", "q1-a", "old"]  # ids, and name only on <a>
    placeholder = blocks.block(QUIZ)
    assert placeholder.count("<i id=") == 3 and len(placeholder) < 150


@pytest.mark.parametrize("html", [
    '<a href="x">inline</a>',  # Markdown would wrap it in a paragraph and read the text
    "<div>one</div>\n\n<div>two</div>",  # a blank line ends a raw block
    '<div markdown="1">*read as Markdown*</div>',
    "plain text",
])
def test_output_markdown_would_not_keep_whole_is_left_alone(html):
    assert blocks.block(html) == html


def test_a_placeholder_from_another_build_is_an_error_not_a_silent_gap():
    blocks.begin()
    placeholder = blocks.block(QUIZ)
    blocks.begin()
    with pytest.raises(RuntimeError, match="no HTML kept"):
        convert(placeholder)


@pytest.mark.parametrize("href, page_url, src, expected", [
    ("../paths/practice-model/", "learn/my-learning/", "learn/my-learning.md", "paths/practice-model/"),
    ("../../my-learning/", "learn/paths/practice-model/", "learn/paths/practice-model.md", "../my-learning/"),
    ("../../#what-it-means", "theory/theories/", "theory/theories.md", "../#what-it-means"),
    ("../attachment/?record=x#a", "theory/rapport/", "theory/rapport.md", "attachment/?record=x#a"),
    ("./", "theory/", "theory/index.md", "./"),
    ("../", "theory/", "theory/index.md", "../"),
    ("#quiz-theories", "theory/theories/", "theory/theories.md", "#quiz-theories"),
    ("https://example.org/a/", "theory/", "theory/index.md", "https://example.org/a/"),
    ("mailto:team@example.org", "theory/", "theory/index.md", "mailto:team@example.org"),
])
def test_page_relative_links_become_source_relative_for_zensical(href, page_url, src, expected):
    assert blocks.source_relative(href, page_url, src) == expected


def test_links_are_rewritten_only_under_zensical_and_data_attributes_never():
    html = '<div class="x"><a href="../b/">B</a><option data-href="../b/"></option></div>'
    try:
        blocks.begin()  # MkDocs: put back as made
        assert blocks.restore(blocks.block(html)) == html
        blocks.begin(("theory/rapport/", "theory/rapport.md"))  # Zensical, on theory/rapport.md
        assert blocks.restore(blocks.block(html)) == '<div class="x"><a href="b/">B</a><option data-href="../b/"></option></div>'
    finally:
        blocks.begin()
