"""Quizzes: the schema and its plain-English errors (with line numbers), and the HTML the macro renders."""
from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

import macros
from macros import quiz as Q
from macros import quiz_render as R
from macros import site
from macros.inline import Inline
from macros.urls import Here
from macros.loader import DataError, parse
from tests.support.build import ROOT

PAGE = """\
# The model

## Theories supporting relationship-based practice

Text.

## A child's right to live with their parents { #article-9 }

## Who counts as "family"

## Who counts as "family"

```
## Not a heading
```
"""

GOOD = """\
title: Attachment and relationship-based practice
intro: Five questions on the theories behind the model.
pass_mark: 80
questions:
  - type: single
    prompt: Which three theories does the model bring together?
    options:
      - text: Attachment, psychoanalysis and systems theory
        correct: true
        feedback: Yes.
      - text: Behaviourism, cognitive and task-centred
        feedback: These influence practice, but the model names a different three.
    explanation: The model draws on attachment theory, psychoanalysis and systems theory.
    learn_more: theory/index.md#theories-supporting-relationship-based-practice
  - type: multiple
    prompt: Which are domains?
    options:
      - {text: Parenting capacity, correct: true}
      - {text: Housing, correct: false}
  - type: true_false
    prompt: Reciprocity applies to all relationships.
    answer: true
  - type: ordering
    prompt: Put these in order.
    items: [first, second, third]
  - type: matching
    prompt: Match them.
    pairs:
      - {left: Containment, right: Bion (1959)}
      - {left: Reciprocity, right: Brazelton et al. (1974)}
"""


RUCH = 'ruch2010:\n  authors: ["Ruch, G."]\n  year: 2010\n  title: Relationship-Based Social Work\n  group: framework\n'


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "theory").mkdir(parents=True)
    (tmp_path / "docs" / "theory" / "index.md").write_text(PAGE)
    (tmp_path / "data" / "quizzes").mkdir(parents=True)
    return tmp_path


def write(root: Path, name: str, text: str) -> None:
    (root / "data" / "quizzes" / name).write_text(textwrap.dedent(text))


def problems(root: Path, **files: str) -> list[str]:
    for name, text in files.items():
        write(root, f"{name}.yml", text)
    with pytest.raises(DataError) as caught:
        macros.load(root).quizzes
    return [str(p) for p in caught.value.problems]


def quiz_with(question: str, pass_mark: int | str = 80) -> str:
    """A quiz whose only question starts on line 5."""
    return f"title: T\npass_mark: {pass_mark}\nquestions:\n  - type: single\n" + textwrap.indent(textwrap.dedent(question), "    ")


TWO_OPTIONS = """\
options:
  - text: A
    correct: true
  - text: B
"""

# ---------------------------------------------------------------- good data


def test_good_quiz_loads_with_every_type(root):
    write(root, "attachment.yml", GOOD)
    data = macros.load(root).quizzes
    quiz = data.quizzes["attachment"].quiz
    assert [q.type for q in quiz.questions] == ["single", "multiple", "true_false", "ordering", "matching"]
    assert quiz.pass_mark == 80
    assert re.fullmatch(r"[0-9a-f]{16}", data.quizzes["attachment"].hash)


def test_no_quiz_folder_is_fine(tmp_path):
    assert macros.load(tmp_path).quizzes.quizzes == {}


def test_numbers_in_text_are_text(root):
    write(root, "years.yml", quiz_with("prompt: When?\noptions:\n  - text: 1996\n    correct: true\n  - text: 2015\n"))
    options = macros.load(root).quizzes.quizzes["years"].quiz.questions[0].options
    assert [o.text for o in options] == ["1996", "2015"]


# ---------------------------------------------------------------- bad data: one message each, with its line


def test_unknown_type(root):
    text = "title: T\npass_mark: 80\nquestions:\n  - type: singel\n    prompt: P\n"
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:4: question 1: unknown type 'singel' (use one of: single, multiple, true_false, ordering, matching)"
    ]


def test_missing_type(root):
    text = "title: T\npass_mark: 80\nquestions:\n  - prompt: P\n"
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:4: question 1 has no type (use one of: single, multiple, true_false, ordering, matching)"
    ]


def test_single_with_no_correct_option(root):
    text = quiz_with("prompt: P\noptions:\n  - text: A\n  - text: B\n")
    assert problems(root, attachment=text) == ["data/quizzes/attachment.yml:4: question 1 has no correct option"]


def test_single_with_two_correct_options_points_at_the_second(root):
    text = quiz_with("prompt: P\noptions:\n  - text: A\n    correct: true\n  - text: B\n    correct: true\n")
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:10: question 1 (single) has 2 correct options; it needs exactly one "
        "(use type: multiple if more than one is right)"
    ]


def test_multiple_with_none_correct(root):
    text = "title: T\npass_mark: 80\nquestions:\n  - type: multiple\n    prompt: P\n    options: [{text: A}, {text: B}]\n"
    assert problems(root, bad=text) == ["data/quizzes/bad.yml:4: question 1 has no correct option"]


def test_fewer_than_two_options(root):
    text = quiz_with("prompt: P\noptions:\n  - text: A\n    correct: true\n")
    assert problems(root, bad=text) == ["data/quizzes/bad.yml:6: question 1 needs at least two options"]


def test_ordering_needs_two_items(root):
    text = "title: T\npass_mark: 80\nquestions:\n  - type: ordering\n    prompt: P\n    items: [only]\n"
    assert problems(root, bad=text) == ["data/quizzes/bad.yml:6: question 1 (ordering) needs at least two items"]


def test_ordering_with_a_duplicate_item_points_at_the_repeat(root):
    text = """\
    title: T
    pass_mark: 80
    questions:
      - type: true_false
        prompt: P
        answer: true
      - type: true_false
        prompt: P
        answer: true
      - type: true_false
        prompt: P
        answer: false
      - type: ordering
        prompt: Put them in order.
        items:
          - Containment
          - Reciprocity
          - Containment
    """
    assert problems(root, bad=text) == ["data/quizzes/bad.yml:18: question 4 (ordering) lists 'Containment' twice"]


def test_matching_with_duplicate_left_and_right(root):
    text = """\
    title: T
    pass_mark: 80
    questions:
      - type: matching
        prompt: Match.
        pairs:
          - {left: Containment, right: Bion (1959)}
          - {left: Containment, right: Brazelton et al. (1974)}
          - {left: Reciprocity, right: Bion (1959)}
    """
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:8: question 1 (matching) lists 'Containment' twice",
        "data/quizzes/bad.yml:9: question 1 (matching) lists 'Bion (1959)' twice",
    ]


def test_matching_needs_two_pairs(root):
    text = "title: T\npass_mark: 80\nquestions:\n  - type: matching\n    prompt: P\n    pairs: [{left: A, right: B}]\n"
    assert problems(root, bad=text) == ["data/quizzes/bad.yml:6: question 1 (matching) needs at least two pairs"]


@pytest.mark.parametrize("mark", [0, 101, -5])
def test_pass_mark_out_of_range(root, mark):
    assert problems(root, bad=quiz_with("prompt: P\n" + TWO_OPTIONS, pass_mark=mark)) == [
        "data/quizzes/bad.yml:2: pass_mark must be between 1 and 100"
    ]


@pytest.mark.parametrize("mark", ["eighty", "true", "80.5"])
def test_pass_mark_must_be_a_whole_number(root, mark):
    assert problems(root, bad=quiz_with("prompt: P\n" + TWO_OPTIONS, pass_mark=mark)) == [
        "data/quizzes/bad.yml:2: pass_mark must be a whole number between 1 and 100"
    ]


def test_missing_prompt(root):
    assert problems(root, bad=quiz_with(TWO_OPTIONS)) == ["data/quizzes/bad.yml:4: question 1 has no prompt"]


def test_missing_title_pass_mark_and_questions(root):
    assert problems(root, bad="intro: Hello\n") == [
        "data/quizzes/bad.yml:1: the quiz has no title",
        "data/quizzes/bad.yml:1: the quiz has no pass_mark (a percentage from 1 to 100)",
        "data/quizzes/bad.yml:1: the quiz has no questions",
    ]


def test_empty_questions(root):
    assert problems(root, bad="title: T\npass_mark: 50\nquestions: []\n") == ["data/quizzes/bad.yml:3: the quiz has no questions"]


def test_unknown_key_in_an_option(root):
    text = """\
    title: T
    pass_mark: 80
    questions:
      - type: true_false
        prompt: P
        answer: true
      - type: single
        prompt: P
        options:
          - text: A
            corect: true
          - text: B
    """
    found = problems(root, bad=text)
    assert "data/quizzes/bad.yml:11: question 2: unknown key 'corect' (check the spelling). Did you mean: correct?" in found


def test_unknown_key_at_the_top(root):
    assert problems(root, bad="titel: T\n" + quiz_with("prompt: P\n" + TWO_OPTIONS)) == [
        "data/quizzes/bad.yml:1: unknown key 'titel' (check the spelling). Did you mean: title?"
    ]


def test_true_false_needs_its_answer(root):
    text = "title: T\npass_mark: 80\nquestions:\n  - type: true_false\n    prompt: P\n"
    assert problems(root, bad=text) == ["data/quizzes/bad.yml:4: question 1 (true_false) has no 'answer'"]


def test_learn_more_to_a_page_that_does_not_exist(root):
    text = quiz_with("prompt: P\nlearn_more: theory/nope.md\n" + TWO_OPTIONS)
    assert problems(root, bad=text) == ["data/quizzes/bad.yml:6: question 1: learn_more 'theory/nope.md' is not a page in docs/"]


def test_learn_more_to_an_anchor_that_does_not_exist(root):
    text = quiz_with("prompt: P\nlearn_more: theory/index.md#nope\n" + TWO_OPTIONS)
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:6: question 1: learn_more 'theory/index.md#nope' points to '#nope', "
        "but theory/index.md has no heading with that id"
    ]


@pytest.mark.parametrize("target", [
    "theory/index.md",
    "theory/index.md#theories-supporting-relationship-based-practice",
    "theory/index.md#article-9",  # an explicit { #id }
    "theory/index.md#who-counts-as-family_1",  # the second heading with the same text
])
def test_learn_more_targets_that_exist(root, target):
    write(root, "ok.yml", quiz_with(f"prompt: P\nlearn_more: {target}\n" + TWO_OPTIONS))
    assert macros.load(root).quizzes.quizzes["ok"].quiz.questions[0].learn_more == target


def test_heading_in_a_code_block_is_not_an_anchor(root):
    text = quiz_with("prompt: P\nlearn_more: theory/index.md#not-a-heading\n" + TWO_OPTIONS)
    assert len(problems(root, bad=text)) == 1


def test_yaml_syntax_error(root):
    text = "title: T\npass_mark: 80\nquestions:\n  - type: single\n    prompt: [unclosed\n    options: []\n"
    found = problems(root, bad=text)
    assert len(found) == 1 and found[0].startswith("data/quizzes/bad.yml:6: YAML syntax error")


def test_every_problem_in_every_file_is_reported_together(root):
    write(root, "good.yml", GOOD)
    found = problems(
        root,
        first=quiz_with("prompt: P\noptions:\n  - text: A\n  - text: B\n", pass_mark=0),
        second="title: T\npass_mark: 80\nquestions:\n  - type: nope\n  - type: ordering\n    prompt: P\n    items: [a, a]\n",
    )
    assert found == [
        "data/quizzes/first.yml:2: pass_mark must be between 1 and 100",
        "data/quizzes/first.yml:4: question 1 has no correct option",
        "data/quizzes/second.yml:4: question 1: unknown type 'nope' (use one of: single, multiple, true_false, ordering, matching)",
        "data/quizzes/second.yml:7: question 2 (ordering) lists 'a' twice",
    ]


def test_file_names_must_be_ids(root):
    write(root, "Bad Name.yml", GOOD)
    assert problems(root) == [
        "data/quizzes/Bad Name.yml: quiz files must be named like theories.yml: lowercase letters, digits, '-' and '_', ending .yml"
    ]


def test_text_must_be_one_paragraph(root):
    text = quiz_with("prompt: |\n  First paragraph.\n\n  Second paragraph.\n" + TWO_OPTIONS)
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:5: question 1: prompt must be one line of text (no blank lines, lists or headings)"
    ]


def test_links_in_text_must_be_pages_or_web_addresses(root):
    text = quiz_with(
        "prompt: See [the page](theory/nope.md) or [this](javascript:alert(1)).\n"
        "explanation: '![a picture](https://example.org/x.png)'\n" + TWO_OPTIONS
    )
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:5: question 1: prompt: the link 'theory/nope.md' is not a page in docs/",
        "data/quizzes/bad.yml:5: question 1: prompt: the link 'javascript:alert(1)' is not allowed; link to a page in docs/ or an https:// address",
        "data/quizzes/bad.yml:6: question 1: explanation: images are not supported in quizzes",
    ]


def test_text_problems_are_reported_with_schema_problems(root):
    text = """\
    title: T
    pass_mark: 80
    questions:
      - type: true_false
        prompt: P
        answer: true
        feedback_ture: oops
      - type: true_false
        prompt: See [this](theory/nope.md).
        answer: true
    """
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:7: question 1: unknown key 'feedback_ture' (check the spelling). Did you mean: feedback_true, feedback_false?",
        "data/quizzes/bad.yml:9: question 2: prompt: the link 'theory/nope.md' is not a page in docs/",
    ]


def test_unknown_reference_in_cite(root):
    (root / "data" / "references.yml").write_text(RUCH)
    text = quiz_with("prompt: P\nexplanation: 'As Ruch says {{ cite(\"ruch201\") }}.'\n" + TWO_OPTIONS)
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:6: question 1: explanation: unknown reference 'ruch201' in cite(). Did you mean: ruch2010?"
    ]


def test_broken_macro_syntax_in_text(root):
    text = quiz_with("prompt: 'See {{ cite(\"x\" }}'\n" + TWO_OPTIONS)
    found = problems(root, bad=text)
    assert len(found) == 1 and found[0].startswith("data/quizzes/bad.yml:5: question 1: prompt: the {{ … }} part is not valid")


# ---------------------------------------------------------------- anchors, as the table of contents makes them


def test_page_anchors_match_the_toc_extension():
    page = site.read_page("x.md", PAGE + '\n## Use *emphasis* and `code` {{ cite("x") }} here\n\n### [A link](x.md)\n', "docs/x.md")
    assert page.title == "The model"
    assert list(page.anchors) == [
        "the-model",
        "theories-supporting-relationship-based-practice",
        "article-9",
        "who-counts-as-family",
        "who-counts-as-family_1",
        "use-emphasis-and-code-here",
        "a-link",
    ]


# ---------------------------------------------------------------- rendering


class Tree(HTMLParser):
    """Collects start tags with their attributes, and the text, of rendered HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def loaded(root: Path, text: str = GOOD, name: str = "attachment") -> Q.Quizzes:
    write(root, f"{name}.yml", text)
    return macros.load(root).quizzes


def test_renders_a_form_with_a_fieldset_and_legend_per_question(root):
    html = R.render_quiz(loaded(root), "attachment", Here(src="theory/index.md", page_url="theory/"))
    tree = Tree(html)
    root_div = tree.find("div", data_quiz="attachment")
    assert len(root_div) == 1 and root_div[0]["data-quiz-hash"] == macros.load(root).quizzes.quizzes["attachment"].hash
    assert root_div[0]["data-quiz-pass"] == "80"
    assert len(tree.find("form")) == 1
    assert len(tree.find("fieldset")) == 5 and len(tree.find("legend")) == 5
    assert [a["type"] for a in tree.find("input")] == ["radio", "radio", "checkbox", "checkbox", "radio", "radio"]
    assert len(tree.find("select")) == 2
    assert len(tree.find("details")) == 5
    # Check answers and Try again exist but stay hidden (and Check disabled) until JavaScript runs.
    check = tree.find("button", data_quiz_check="")
    assert len(check) == 1 and "hidden" in check[0] and "disabled" in check[0]
    assert "hidden" in tree.find("button", data_quiz_reset="")[0]
    assert tree.find("div", role="status")
    assert "\n\n" not in html  # one raw HTML block for Markdown


def test_matching_selects_are_labelled_by_their_left_item(root):
    html = R.render_quiz(loaded(root), "attachment")
    for label, select in zip(re.findall(r'<label class="rbp-q__left" for="([^"]+)">([^<]+)<', html), Tree(html).find("select")):
        assert label[0] == select["id"]
    assert ">Containment</label>" in html and ">Reciprocity</label>" in html


def test_ordering_buttons_name_their_item(root):
    html = R.render_quiz(loaded(root), "attachment")
    for item in ("first", "second", "third"):
        for way in ("up", "down"):
            assert f'Move <span class="rbp-vh">{item} </span>{way}</span></button>' in html


def test_plain_text_names_are_escaped_once(root):
    html = R.render_quiz(loaded(root, GOOD.replace("items: [first, second, third]", "items: ['Tom & <Jerry>', second, third]")), "attachment")
    assert 'Move <span class="rbp-vh">Tom &amp; &lt;Jerry&gt; </span>up' in html


def test_shuffle_is_stable_and_never_the_right_order():
    for n in range(2, 9):
        for seed in range(200):
            order = R.shuffled(n, f"quiz-{seed}:3")
            assert sorted(order) == list(range(n))
            assert order != list(range(n))
            assert order == R.shuffled(n, f"quiz-{seed}:3")
    assert R.shuffled(1, "x") == [0]


def test_rendering_is_the_same_on_every_build(root):
    data = loaded(root)
    assert R.render_quiz(data, "attachment") == R.render_quiz(macros.load(root).quizzes, "attachment")


def test_ordering_and_matching_are_shown_shuffled(root):
    html = R.render_quiz(loaded(root), "attachment")
    shown = re.findall(r'data-item-text>([^<]+)<', html)
    assert sorted(shown) == ["first", "second", "third"] and shown != ["first", "second", "third"]
    first_select = html.split("<select", 1)[1].split("</select>", 1)[0]
    rights = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', first_select)
    assert sorted(rights) == sorted(["Bion (1959)", "Brazelton et al. (1974)"]) and rights != ["Bion (1959)", "Brazelton et al. (1974)"]


def test_matching_with_a_long_option_is_radio_buttons_not_a_drop_down(root):
    long = "Who a child turns to for comfort and how the parent responds"
    html = R.render_quiz(loaded(root, GOOD.replace("Brazelton et al. (1974)", long)), "attachment")
    assert "<select" not in html
    pairs = re.findall(r'<fieldset class="rbp-q__pair rbp-q__pair--radios" data-pair="\d">\s*<legend class="rbp-q__left">([^<]+)</legend>', html)
    assert len(pairs) == 2
    assert html.count(f'>{long}</label>') == 2  # every option under each left side, in full


def test_hash_changes_when_the_quiz_changes(root):
    before = loaded(root).quizzes["attachment"].hash
    assert loaded(root).quizzes["attachment"].hash == before
    after = loaded(root, GOOD.replace("Which are domains?", "Which are the domains?")).quizzes["attachment"].hash
    assert after != before


def test_html_in_text_is_shown_as_text_and_markdown_still_works(root):
    text = quiz_with(
        "prompt: '<script>alert(1)</script> Is *this* `code` and **bold**?'\n"
        "explanation: '<img src=x onerror=alert(2)> See [the model](theory/index.md#article-9).'\n"
        "options:\n  - text: '<b>A</b> & B'\n    correct: true\n  - text: '[bad](javascript:alert(3))'\n"
    )
    write(root, "x.yml", text.replace("  - text: '[bad](javascript:alert(3))'", "  - text: safe"))
    html = R.render_quiz(macros.load(root).quizzes, "x", Here(src="learn/quizzes.md", page_url="learn/quizzes/"))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<b>A</b>" not in html and "&lt;b&gt;A&lt;/b&gt; &amp; B" in html
    assert "<em>this</em>" in html and "<code>code</code>" in html and "<strong>bold</strong>" in html
    assert '<a href="../../theory/#article-9">the model</a>' in html


def test_unsafe_links_lose_their_address_even_if_they_reach_the_renderer():
    text = Inline(Here())
    assert str(text("[x](javascript:alert(1))")) == "<a>x</a>"
    assert str(text("[x](https://example.org)")) == '<a href="https://example.org">x</a>'


def test_learn_more_is_relative_to_the_page_and_named_by_its_heading(root):
    data = loaded(root)
    html = R.render_quiz(data, "attachment", Here(src="theory/index.md", page_url="theory/"))
    assert '<a href="#theories-supporting-relationship-based-practice">Learn more: Theories supporting relationship-based practice</a>' in html
    html = R.render_quiz(data, "attachment", Here(src="learn/quizzes.md", page_url="learn/quizzes/"))
    assert 'href="../../theory/#theories-supporting-relationship-based-practice"' in html


def test_macros_in_text_are_rendered_and_their_links_are_page_relative(root):
    def jinja(source, wrap):
        # Stands in for the site's macros: cite() returns Markdown linking relative to the page.
        return source.replace('{{ cite("ruch2010") }}', wrap("([Ruch et al., 2010](../reading-list/index.md#ruch2010){ .rbp-cite })"))

    (root / "docs" / "reading-list").mkdir()
    (root / "docs" / "reading-list" / "index.md").write_text("# Reading list\n")
    (root / "data" / "references.yml").write_text(RUCH)
    data = loaded(root, GOOD.replace("systems theory.\n", 'systems theory {{ cite("ruch2010") }}.\n', 1))
    html = R.render_quiz(data, "attachment", Here(src="theory/index.md", page_url="theory/"), jinja)
    assert '(<a class="rbp-cite" href="../reading-list/#ruch2010">Ruch et al., 2010</a>).' in html


def test_list_links_each_quiz_to_its_page_and_embeds_the_rest(root):
    (root / "docs" / "theory" / "quiz.md").write_text('# Quiz\n\n## Check your understanding\n\n{{ quiz("attachment") }}\n')
    write(root, "attachment.yml", GOOD)
    write(root, "other.yml", GOOD.replace("Attachment and relationship-based practice", "Other"))
    html = R.render_list(macros.load(root).quizzes, Here(src="learn/quizzes.md", page_url="learn/quizzes/"))
    assert '<a href="../../theory/quiz/#quiz-attachment">Attachment and relationship-based practice</a>' in html
    assert "On the page: Quiz." in html
    assert '<a href="#quiz-other">Other</a>' in html and 'data-quiz="other"' in html
    assert 'data-quiz="attachment"' not in html
    assert html.index('data-quiz-entry="attachment"') < html.index('data-quiz-entry="other"')


def test_list_does_not_repeat_a_quiz_its_own_page_already_places(root):
    (root / "docs" / "learn").mkdir()
    (root / "docs" / "learn" / "quizzes.md").write_text('# Quizzes\n\n{{ quiz_list() }}\n\n{{ quiz("attachment") }}\n')
    html = R.render_list(loaded(root), Here(src="learn/quizzes.md", page_url="learn/quizzes/"))
    assert '<a href="#quiz-attachment">' in html
    assert 'data-quiz="attachment"' not in html and "## More quizzes" not in html


# ---------------------------------------------------------------- the quizzes we ship


@pytest.fixture(scope="module")
def shipped() -> Q.Quizzes:
    return macros.load(ROOT).quizzes


def test_shipped_quizzes_cover_the_framework(shipped):
    assert len(shipped.quizzes) >= 8
    types = set()
    for key, item in shipped.quizzes.items():
        assert len(item.quiz.questions) >= 5, key
        types |= {q.type for q in item.quiz.questions}
    assert types == set(Q.TYPES)
    assert {"theories", "assessment", "risk-analysis", "thresholds-and-toolkits", "pams", "solihull", "mecc",
            "family-group-conferences"} <= set(shipped.quizzes)


def test_shipped_questions_explain_and_link_and_wrong_options_say_why(shipped):
    for key, item in shipped.quizzes.items():
        for n, q in enumerate(item.quiz.questions, start=1):
            assert q.explanation and q.learn_more, f"{key} question {n}"
            for option in getattr(q, "options", []):
                assert option.feedback, f"{key} question {n}: {option.text}"
            if q.type == "true_false":
                assert q.feedback_true and q.feedback_false, f"{key} question {n}"


def test_shipped_quizzes_are_listed_on_the_quizzes_page():
    assert "{{ quiz_list() }}" in (ROOT / "docs" / "learn" / "quizzes.md").read_text()


def test_a_stored_result_from_the_shipped_quizzes_cannot_collide(shipped):
    hashes = [item.hash for item in shipped.quizzes.values()]
    assert len(set(hashes)) == len(hashes)


def test_document_lines_come_from_the_loader():
    doc = parse(GOOD, "data/quizzes/attachment.yml")
    assert doc.line_of(("questions", 0, "options", 1, "feedback")) == 12



# ---------------------------------------------------------------- certainty-based marking (confidence: true)


@pytest.mark.parametrize("right, level, mark", [
    (True, "low", 1), (True, "medium", 2), (True, "high", 3),
    (False, "low", 0), (False, "medium", -2), (False, "high", -6),
    (True, None, 1), (False, None, 0),  # no choice counts as low
])
def test_the_certainty_scoring_table(right, level, mark):
    assert Q.certainty_mark(right, level) == mark


def test_a_certainty_score_and_its_best():
    assert Q.certainty_score([(True, "high"), (False, "high"), (True, None), (False, "medium")]) == (3 - 6 + 1 - 2, 12)
    # The table the browser marks with is this one (the quiz carries it in data-quiz-confidence).
    assert Q.CERTAINTY == {"low": (1, 0), "medium": (2, -2), "high": (3, -6)}


def test_confidence_must_be_true_or_false(root):
    text = quiz_with("prompt: P\n" + TWO_OPTIONS).replace("pass_mark: 80\n", "pass_mark: 80\nconfidence: yes please\n")
    assert problems(root, bad=text) == ["data/quizzes/bad.yml:3: confidence must be true or false"]


def test_pass_by_must_be_score_or_certainty(root):
    text = quiz_with("prompt: P\n" + TWO_OPTIONS).replace("pass_mark: 80\n", "pass_mark: 80\nconfidence: true\npass_by: marks\n")
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:4: pass_by must be score (the plain score, the default) or certainty (the certainty-based score)"
    ]


def test_pass_by_certainty_needs_confidence(root):
    text = quiz_with("prompt: P\n" + TWO_OPTIONS).replace("pass_mark: 80\n", "pass_mark: 80\npass_by: certainty\n")
    assert problems(root, bad=text) == [
        "data/quizzes/bad.yml:3: pass_by: certainty needs confidence: true, so that readers say how sure they are"
    ]


def test_confidence_renders_a_certainty_choice_with_every_question(root):
    plain = loaded(root)
    assert "data-sure" not in R.render_quiz(plain, "attachment") and "data-quiz-confidence" not in R.render_quiz(plain, "attachment")
    data = loaded(root, GOOD.replace("pass_mark: 80\n", "pass_mark: 80\nconfidence: true\n"))
    html = R.render_quiz(data, "attachment")
    assert html.count("<fieldset class=\"rbp-q__sure\" data-sure>") == 5
    assert 'name="quiz-attachment-q1-sure" value="high"' in html
    assert 'data-quiz-confidence="{&#34;low&#34;:[1,0],&#34;medium&#34;:[2,-2],&#34;high&#34;:[3,-6]}" data-quiz-pass-by="score"' in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_turning_confidence_on_changes_the_hash_but_its_absence_keeps_the_old_one(root):
    before = loaded(root).quizzes["attachment"].hash
    quiz = loaded(root).quizzes["attachment"].quiz
    legacy = Q.Quiz.model_validate({k: v for k, v in quiz.model_dump().items() if k not in ("confidence", "pass_by")})
    assert Q.content_hash(legacy) == before
    assert loaded(root, GOOD.replace("pass_mark: 80\n", "pass_mark: 80\nconfidence: true\n")).quizzes["attachment"].hash != before


def test_at_least_two_shipped_quizzes_use_certainty_based_marking():
    assert len([q for q in macros.load(ROOT).quizzes.quizzes.values() if q.quiz.confidence]) >= 2
