"""Quizzes: ``data/quizzes/<id>.yml``, checked at load time; ``macros/quiz_render.py`` shows them.

``load`` validates every quiz (schema, answer rules, ``learn_more`` targets, links and
citations in the text) and reports each problem as ``file:line: message``.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from . import inline, loader
from .loader import DataError, Document, Loc, Problem
from .site import SiteIndex

QUIZZES = "data/quizzes"
TYPES = ("single", "multiple", "true_false", "ordering", "matching")
# Certainty-based marking (confidence: true): marks for a right and a wrong answer at each level of
# certainty; a question with no level chosen counts as low. Guessing confidently costs more than doubt.
CERTAINTY = {"low": (1, 0), "medium": (2, -2), "high": (3, -6)}
PASS_BY = ("score", "certainty")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


# ---------------------------------------------------------------- schema


class _Strict(BaseModel):
    # "text: 1996" in YAML is a number; authors mean the text.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class Option(_Strict):
    text: str = Field(min_length=1)
    correct: bool = False
    feedback: str | None = None


class Pair(_Strict):
    left: str = Field(min_length=1)
    right: str = Field(min_length=1)


class _Question(_Strict):
    prompt: str = Field(min_length=1)
    explanation: str | None = None
    learn_more: str | None = None


class Single(_Question):
    type: Literal["single"]
    options: list[Option]


class Multiple(_Question):
    type: Literal["multiple"]
    options: list[Option]


class TrueFalse(_Question):
    type: Literal["true_false"]
    answer: bool
    feedback_true: str | None = None
    feedback_false: str | None = None


class Ordering(_Question):
    type: Literal["ordering"]
    items: list[Annotated[str, Field(min_length=1)]]


class Matching(_Question):
    type: Literal["matching"]
    pairs: list[Pair]


Question = Annotated[Union[Single, Multiple, TrueFalse, Ordering, Matching], Field(discriminator="type")]
QUESTION_TYPES = {"single": Single, "multiple": Multiple, "true_false": TrueFalse, "ordering": Ordering, "matching": Matching}
QUESTION = TypeAdapter(Question)


class _Header(_Strict):
    """The quiz without its questions, which are checked one by one for clearer messages."""

    title: str = Field(min_length=1)
    intro: str | None = None
    pass_mark: int = Field(strict=True)
    confidence: bool = Field(False, strict=True)
    pass_by: Literal["score", "certainty"] = "score"
    questions: list[Any]


class Quiz(_Strict):
    title: str
    intro: str | None = None
    pass_mark: int
    confidence: bool = False
    pass_by: str = "score"
    questions: list[Question]


# ---------------------------------------------------------------- loading and checking


@dataclass
class LoadedQuiz:
    id: str
    quiz: Quiz
    doc: Document
    hash: str
    cites: list[str] = field(default_factory=list)  # reference keys its text cites


@dataclass
class Quizzes:
    quizzes: dict[str, LoadedQuiz] = field(default_factory=dict)
    placements: dict[str, list[str]] = field(default_factory=dict)  # quiz id -> docs pages that place it
    index: SiteIndex | None = None  # the pages quizzes link to, for link text


def _q(i: int) -> str:
    return f"question {i + 1}"


def _question_message(i: int, qtype: str | None) -> loader.Describe:
    def describe(loc: Loc, err: dict) -> str:
        kind = err["type"]
        rel = loc[2:]  # after ("questions", i)
        if kind == "missing" and rel == ("prompt",):
            return f"{_q(i)} has no prompt"
        if kind == "missing" and len(rel) == 1:
            return f"{_q(i)} ({qtype}) has no '{rel[0]}'"
        if kind == "missing" and len(rel) >= 3 and rel[0] == "options":
            return f"{_q(i)}: option {rel[1] + 1} has no '{rel[-1]}'"
        if kind == "missing" and len(rel) >= 3 and rel[0] == "pairs":
            return f"{_q(i)}: pair {rel[1] + 1} has no '{rel[-1]}'"
        return f"{_q(i)}: {loader.default_message(loc, err)}"

    return describe


def _header_message(loc: Loc, err: dict) -> str:
    if err["type"] == "missing":
        return {"title": "the quiz has no title", "pass_mark": "the quiz has no pass_mark (a percentage from 1 to 100)",
                "questions": "the quiz has no questions"}.get(str(loc[-1]), loader.default_message(loc, err))
    if loc == ("pass_mark",) and err["type"] in {"int_type", "int_parsing", "int_from_float"}:
        return "pass_mark must be a whole number between 1 and 100"
    if loc == ("confidence",):
        return "confidence must be true or false"
    if loc == ("pass_by",):
        return "pass_by must be score (the plain score, the default) or certainty (the certainty-based score)"
    return loader.default_message(loc, err)


def _duplicates(values: list[str]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    out = []
    for j, value in enumerate(values):
        key = " ".join(value.split()).casefold()
        if key in seen:
            out.append((j, value))
        seen.add(key)
    return out


def _rules(i: int, q: Any) -> list[tuple[Loc, str]]:
    """Answer rules the schema cannot express; each with the location to point at."""
    at: Loc = ("questions", i)
    out: list[tuple[Loc, str]] = []
    if isinstance(q, (Single, Multiple)):
        if len(q.options) < 2:
            out.append((at + ("options",), f"{_q(i)} needs at least two options"))
        correct = [j for j, o in enumerate(q.options) if o.correct]
        if not correct and q.options:
            out.append((at, f"{_q(i)} has no correct option"))
        if isinstance(q, Single) and len(correct) > 1:
            out.append((at + ("options", correct[1], "correct"),
                        f"{_q(i)} (single) has {len(correct)} correct options; it needs exactly one "
                        "(use type: multiple if more than one is right)"))
        for j, text in _duplicates([o.text for o in q.options]):
            out.append((at + ("options", j, "text"), f"{_q(i)} lists the option '{text}' twice"))
    elif isinstance(q, Ordering):
        if len(q.items) < 2:
            out.append((at + ("items",), f"{_q(i)} (ordering) needs at least two items"))
        for j, text in _duplicates(q.items):
            out.append((at + ("items", j), f"{_q(i)} (ordering) lists '{text}' twice"))
    elif isinstance(q, Matching):
        if len(q.pairs) < 2:
            out.append((at + ("pairs",), f"{_q(i)} (matching) needs at least two pairs"))
        for side in ("left", "right"):
            for j, text in _duplicates([getattr(p, side) for p in q.pairs]):
                out.append((at + ("pairs", j, side), f"{_q(i)} (matching) lists '{text}' twice"))
    return out


def question_fields(i: int, q: Any) -> list[tuple[Loc, str, str]]:
    """Every text field of question ``i``: (location, label for messages, text)."""
    at: Loc = ("questions", i)
    out: list[tuple[Loc, str, str]] = [(at + ("prompt",), f"{_q(i)}: prompt", q.prompt)]
    if q.explanation:
        out.append((at + ("explanation",), f"{_q(i)}: explanation", q.explanation))
    if isinstance(q, (Single, Multiple)):
        for j, o in enumerate(q.options):
            out.append((at + ("options", j, "text"), f"{_q(i)}: option {j + 1}", o.text))
            if o.feedback:
                out.append((at + ("options", j, "feedback"), f"{_q(i)}: option {j + 1} feedback", o.feedback))
    elif isinstance(q, TrueFalse):
        for name in ("feedback_true", "feedback_false"):
            if getattr(q, name):
                out.append((at + (name,), f"{_q(i)}: {name}", getattr(q, name)))
    elif isinstance(q, Ordering):
        for j, item in enumerate(q.items):
            out.append((at + ("items", j), f"{_q(i)}: item {j + 1}", item))
    elif isinstance(q, Matching):
        for j, p in enumerate(q.pairs):
            out.append((at + ("pairs", j, "left"), f"{_q(i)}: pair {j + 1} left", p.left))
            out.append((at + ("pairs", j, "right"), f"{_q(i)}: pair {j + 1} right", p.right))
    return out


_CITE = re.compile(r"""\bcite\(\s*["']([^"']*)["']""")


def _check_text(doc: Document, index: SiteIndex, refs: set[str] | None, loc: Loc, label: str, text: str) -> list[Problem]:
    syntax = inline.syntax_error(text)
    if syntax:
        return [doc.problem(loc, f"{label}: the {{{{ … }}}} part is not valid: {syntax}")]
    problems = []
    if refs is not None:
        for key in _CITE.findall(text):
            if key not in refs:
                near = loader.closest(key, refs)
                hint = f" Did you mean: {', '.join(near)}?" if near else ""
                problems.append(doc.problem(loc, f"{label}: unknown reference '{key}' in cite().{hint}"))
    return problems + [doc.problem(loc, message) for message in inline.problems(text, index, label)]


def certainty_mark(right: bool, level: str | None) -> int:
    """One question's certainty-based mark: right 1, 2, 3 and wrong 0, −2, −6 for low, medium, high."""
    marks = CERTAINTY[level if level in CERTAINTY else "low"]
    return marks[0] if right else marks[1]


def certainty_score(answers: list[tuple[bool, str | None]]) -> tuple[int, int]:
    """(score, the best possible score) for a quiz's (right, level) answers."""
    return sum(certainty_mark(right, level) for right, level in answers), CERTAINTY["high"][0] * len(answers)


def content_hash(quiz: Quiz) -> str:
    """Changes whenever anything in the quiz changes, so an old stored result is dropped."""
    dump = quiz.model_dump(mode="json")
    # Settings left at their defaults are left out, so a quiz that does not use them keeps the hash it
    # had before they existed (and its readers keep their results).
    for name in ("confidence", "pass_by"):
        if dump[name] == Quiz.model_fields[name].default:
            del dump[name]
    data = json.dumps(dump, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def texts(quiz: Quiz) -> list[str]:
    """Every text in a quiz, for finding what it cites."""
    out = [quiz.title, quiz.intro or ""]
    for i, q in enumerate(quiz.questions):
        out += [text for _loc, _label, text in question_fields(i, q)]
    return out


def check(doc: Document, index: SiteIndex, refs: set[str] | None = None) -> Quiz:
    """Validate one quiz document; raise DataError listing every problem."""
    data, header, problems = loader.read_top(doc, _Header, "a quiz must be 'key: value' lines: title, pass_mark and questions", _header_message)
    if "pass_mark" in data and isinstance(data["pass_mark"], int) and not isinstance(data["pass_mark"], bool):
        if not 1 <= data["pass_mark"] <= 100:
            problems.append(doc.problem(("pass_mark",), "pass_mark must be between 1 and 100"))
    if data.get("pass_by") == "certainty" and data.get("confidence") is not True:
        problems.append(doc.problem(("pass_by",), "pass_by: certainty needs confidence: true, so that readers say how sure they are"))
    raw_questions = data.get("questions")
    if isinstance(raw_questions, list) and not raw_questions:
        problems.append(doc.problem(("questions",), "the quiz has no questions"))
    questions = []
    for i, raw in enumerate(raw_questions if isinstance(raw_questions, list) else []):
        at: Loc = ("questions", i)
        if not isinstance(raw, dict):
            problems.append(doc.problem(at, f"{_q(i)} must be 'key: value' lines starting with 'type:'"))
            continue
        qtype = raw.get("type")
        if qtype is None:
            problems.append(doc.problem(at, f"{_q(i)} has no type (use one of: {', '.join(TYPES)})"))
            continue
        if qtype not in TYPES:
            problems.append(doc.problem(at + ("type",), f"{_q(i)}: unknown type '{qtype}' (use one of: {', '.join(TYPES)})"))
            continue
        try:
            q = QUESTION.validate_python(raw)
        except ValidationError as exc:
            describe = _question_message(i, qtype)
            for err in exc.errors(include_url=False):
                # The discriminated union puts the type's name first in the location; drop it.
                rel = tuple(err["loc"][1:] if err["loc"][:1] == (qtype,) else err["loc"])
                message = describe(at + rel, err)
                if err["type"] == "extra_forbidden":
                    message = loader.with_hint(message, loader.did_you_mean(rel[-1], loader.fields_at(QUESTION_TYPES[qtype], rel[:-1])))
                problems.append(doc.problem(at + rel, message))
            continue
        problems.extend(doc.problem(loc, message) for loc, message in _rules(i, q))
        if q.learn_more is not None:
            why = index.problem_with(q.learn_more)
            if why:
                problems.append(doc.problem(at + ("learn_more",), f"{_q(i)}: learn_more '{q.learn_more}' {why}"))
        for loc, label, text in question_fields(i, q):
            problems.extend(_check_text(doc, index, refs, loc, label, text))
        questions.append(q)
    if header is not None:
        for loc, label, text in [(("title",), "title", header.title), (("intro",), "intro", header.intro)]:
            if text:
                problems.extend(_check_text(doc, index, refs, loc, label, text))
    if problems or header is None:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    return Quiz(title=header.title, intro=header.intro, pass_mark=header.pass_mark, confidence=header.confidence,
                pass_by=header.pass_by, questions=questions)


def file_ids(root: Path) -> list[str]:
    """The ids of the quiz files, whether or not they are valid."""
    return loader.yml_names(root / QUIZZES)


def load(root: Path, index: SiteIndex, references: dict | None) -> Quizzes:
    """Every quiz, checked against the pages in ``index`` and the keys of ``references``
    (None when data/references.yml could not be read: citations are then not checked)."""
    folder = root / QUIZZES
    result = Quizzes(placements=index.placements("quiz"), index=index)
    if not folder.is_dir():
        return result
    refs = set(references) if references is not None else None
    passed, problems = loader.read_each(
        root, folder, ID_RE, "quiz files must be named like theories.yml: lowercase letters, digits, '-' and '_', ending .yml",
        lambda doc: check(doc, index, refs))
    for key, doc, quiz in passed:
        cites = list(dict.fromkeys(k for text in texts(quiz) for k in _CITE.findall(text)))
        result.quizzes[key] = LoadedQuiz(key, quiz, doc, content_hash(quiz), cites)
    if problems:
        raise DataError(problems)
    return result
