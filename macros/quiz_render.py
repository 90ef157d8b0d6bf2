"""Quizzes as HTML: ``{{ quiz("<id>") }}`` and ``{{ quiz_list() }}``.

The renderer produces the whole quiz as semantic HTML that works without JavaScript;
``docs/assets/javascripts/quiz.js`` adds checking, scoring and the stored last result.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from markupsafe import Markup, escape

from .context import check_placed_once, unknown
from .engine import jinja_env
from .inline import Inline, Jinja, text_of
from .loader import DataError, Problem
from .pages import compact, data_json, templates
from .quiz import CERTAINTY, LoadedQuiz, Matching, Multiple, Ordering, Quizzes, Single, TrueFalse
from .site import SiteIndex
from .urls import Here

TEMPLATES = Path(__file__).parent / "templates" / "quiz"
# A matching option longer than this is cut off in a drop-down at 390 px, so the pair becomes radio buttons.
LONG_MATCH = 30


def shuffled(n: int, seed: str) -> list[int]:
    """A stable order of range(n) for this seed that is never the original order (n >= 2)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    if n >= 2 and order == list(range(n)):
        order = order[1:] + order[:1]
    return order


_templates = templates(TEMPLATES)


@dataclass
class _View:
    """What the template needs for one question."""

    n: int
    type: str
    name: str
    prompt: Markup
    explanation: Markup
    learn_more: tuple[str, str] | None
    options: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)  # ordering, in the order shown
    answer_items: list[Markup] = field(default_factory=list)
    pairs: list[dict] = field(default_factory=list)  # matching, left side in authored order
    rights: list[dict] = field(default_factory=list)  # matching, in the order shown
    radios: bool = False  # matching with a long option: radio groups, read in full on a phone (not a drop-down)


def _question_view(loaded: LoadedQuiz, i: int, q: Any, text: Inline, here: Here, index: SiteIndex | None) -> _View:
    qid = loaded.id
    learn = None
    if q.learn_more:
        url = here.link(q.learn_more)
        label = index.link_text(q.learn_more) if index else q.learn_more
        learn = (url or "", label)
    view = _View(n=i + 1, type=q.type, name=f"quiz-{qid}-q{i + 1}", prompt=text(q.prompt),
                 explanation=text(q.explanation), learn_more=learn)
    if isinstance(q, (Single, Multiple)):
        view.options = [{"text": text(o.text), "correct": o.correct, "feedback": text(o.feedback)}
                        for o in q.options]
    elif isinstance(q, TrueFalse):
        view.options = [
            {"text": Markup("True"), "correct": q.answer is True, "feedback": text(q.feedback_true)},
            {"text": Markup("False"), "correct": q.answer is False, "feedback": text(q.feedback_false)},
        ]
    elif isinstance(q, Ordering):
        rendered = [text(item) for item in q.items]
        view.answer_items = rendered
        view.items = [{"index": k, "html": rendered[k], "plain": text_of(rendered[k])}
                      for k in shuffled(len(q.items), f"{qid}:{i}")]
    elif isinstance(q, Matching):
        rights = [text(p.right) for p in q.pairs]
        view.pairs = [{"index": k, "left": text(p.left), "right": rights[k]} for k, p in enumerate(q.pairs)]
        view.rights = [{"index": k, "plain": text_of(rights[k])} for k in shuffled(len(q.pairs), f"{qid}:{i}")]
        view.radios = any(len(r["plain"]) > LONG_MATCH for r in view.rights)
    return view


def render_quiz(data: Quizzes, key: str, here: Here | None = None, jinja: Jinja | None = None) -> str:
    here = here or Here()
    loaded = data.quizzes[key]
    text = Inline(here, jinja)
    quiz = loaded.quiz
    try:
        questions = [_question_view(loaded, i, q, text, here, data.index) for i, q in enumerate(quiz.questions)]
        title, intro = text(quiz.title), text(quiz.intro)
    except DataError:
        raise
    except Exception as exc:  # a macro inside the quiz's text failed: say which quiz, not where in Python
        raise DataError(Problem(loaded.doc.path, None, f"could not show the quiz on {here.src}: {exc}")) from None
    html = _templates.get_template("quiz.html").render(
        id=key, hash=loaded.hash, title=title, intro=intro, pass_mark=quiz.pass_mark,
        total=len(questions), questions=questions, confidence=quiz.confidence, pass_by=quiz.pass_by,
        certainty=data_json({k: list(v) for k, v in CERTAINTY.items()}),
    )
    return compact(html)


def _summary(loaded: LoadedQuiz, text: Inline) -> dict:
    # The title becomes a link, so any link inside it is reduced to its text.
    return {"id": loaded.id, "hash": loaded.hash, "title": escape(text_of(text(loaded.quiz.title))), "intro": text(loaded.quiz.intro),
            "total": len(loaded.quiz.questions), "pass_mark": loaded.quiz.pass_mark}


def render_list(data: Quizzes, here: Here | None = None, jinja: Jinja | None = None) -> str:
    """Every quiz, linked to the page it sits on (in nav order); quizzes placed nowhere else are shown here in full."""
    here = here or Here()
    text = Inline(here, jinja)
    rank = data.index.nav_rank if data.index else (lambda src: 0)
    entries, shown_here = [], []
    for key, loaded in data.quizzes.items():
        placed = data.placements.get(key, [])
        elsewhere = sorted((p for p in placed if p != here.src and here.site_url(p) is not None),
                           key=lambda p: (rank(p), p))
        entry = _summary(loaded, text)
        if elsewhere and here.src not in placed:
            entry.update(href=(here.url(elsewhere[0]) or "") + f"#quiz-{key}",
                         page=data.index.link_text(elsewhere[0]) if data.index else elsewhere[0],
                         sort=(0, rank(elsewhere[0]), elsewhere[0], key))
        else:  # on this page: placed here by its author, or shown here because no other page has it
            entry.update(href=f"#quiz-{key}", page=None, sort=(1, 0, "", key))
            if here.src not in placed:
                shown_here.append(key)
        entries.append(entry)
    entries.sort(key=lambda e: e["sort"])
    html = compact(_templates.get_template("list.html").render(entries=entries))
    if shown_here:
        html += "\n\n## More quizzes\n\n" + "\n\n".join(render_quiz(data, key, here, jinja) for key in sorted(shown_here))
    return html


def _jinja(env) -> Jinja:
    jinja = jinja_env(env)

    def render(source: str, wrap: Callable[[Any], str]) -> str:
        # Quiz text may use the site's macros ({{ cite("key") }}); each output is kept as-is.
        macros = {name: (lambda fn: lambda *a, **k: wrap(fn(*a, **k)))(fn) for name, fn in env.macros.items()}
        return jinja.from_string(source).render(**{**env.variables, **macros})

    return render


def register(env, data: Quizzes, index: SiteIndex) -> None:
    @env.macro
    def quiz(key: str) -> str:
        """A quiz from data/quizzes/<key>.yml, as a form that works with and without JavaScript."""
        if key not in data.quizzes:
            raise unknown(env, index, "quiz", "quiz id", key, data.quizzes)
        check_placed_once(env, index, "quiz", "quiz", key)
        return render_quiz(data, key, Here.of(env), _jinja(env))

    @env.macro
    def quiz_list() -> str:
        """Every quiz with a link to where it sits; JavaScript adds the reader's last result."""
        return render_list(data, Here.of(env), _jinja(env))
