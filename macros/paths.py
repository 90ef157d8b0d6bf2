"""Learning paths: ``data/paths/<id>.yml`` is an ordered list of pages to read, quizzes to pass and
prompts to reflect on. This module checks them against the site index and the quizzes;
``macros/paths_render.py`` shows them.
"""
from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints, ValidationError

from . import loader
from .loader import DataError, Document, Loc, Problem
from .quiz import Quizzes
from .site import SiteIndex

FOLDER = "data/paths"
QUIZ_LIST_PAGE = "learn/quizzes.md"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
KINDS = ("page", "quiz", "scenario", "reflect")
DEFAULT_MINUTES = {"quiz": 10, "scenario": 15, "reflect": 15}
WORDS_PER_MINUTE = 150
MAX_MINUTES = 600
# Limits of a CPD entry: the forms' maxlength and max; learning.js checks stored records against the same
# numbers (its MAX_TEXT, MAX_MINUTES, MAX_TITLE and MAX_WHO), and tests/unit/test_paths.py keeps them in step.
MAX_TEXT = 5000
MAX_REFLECTION_MINUTES = 1440
MAX_TITLE = 300
MAX_WHO = 200
LIMITS = {"text": MAX_TEXT, "minutes": MAX_REFLECTION_MINUTES, "title": MAX_TITLE, "who": MAX_WHO}
# Types of CPD activity (key kept in the browser, label shown); learning.js's TYPES lists the same keys.
CPD_TYPES = (
    ("reading", "Reading"), ("e-learning", "E-learning"), ("path", "A learning path"), ("quiz", "A quiz"),
    ("supervision", "Supervision"), ("course", "A course or event"), ("shadowing", "Shadowing"), ("other", "Other"),
)
PARTS = ("paths", "quizzes", "scenarios", "reflections", "record")
# Pages a reflection can be linked to: everything but the learning pages and the site's own pages.
NOT_LINKABLE = ("learn/", "about/", "updates/")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


# ---------------------------------------------------------------- schema


class Step(BaseModel):
    """One step: exactly one of page, quiz, scenario or reflect (checked after validation, for a clear message)."""

    model_config = ConfigDict(extra="forbid")
    page: Text | None = None
    quiz: Text | None = None
    scenario: Text | None = None
    reflect: Text | None = None
    title: Text | None = None  # page and quiz titles come from the page or quiz unless given
    minutes: Annotated[StrictInt, Field(ge=1, le=MAX_MINUTES)] | None = None
    note: Text | None = None


class PathFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Text
    audience: Text
    summary: Text
    steps: list[Any] | None = None  # each step is validated on its own so messages can name it


@dataclass
class PathStep:
    number: int
    kind: str  # page | quiz | scenario | reflect
    key: str  # stable key kept in the reader's browser: page:theory/index.md, quiz:pams, scenario:<id>, reflect:<slug>
    title: str  # link text; for a reflection, a short label made from the prompt
    minutes: int
    note: str | None = None
    page: str | None = None  # docs page to open: the page itself, or where the quiz sits
    anchor: str | None = None  # the quiz's (or scenario's) id on that page, when it is placed there
    quiz: str | None = None
    scenario: str | None = None
    prompt: str | None = None


@dataclass
class LearningPath:
    id: str
    title: str
    audience: str
    summary: str
    steps: list[PathStep]
    placed_on: str  # docs page that shows the path with {{ learning_path("id") }}
    doc: Document | None = None

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.steps)


@dataclass
class Site:
    """What path files are checked against: the site's pages and the quizzes and scenarios that exist."""

    index: SiteIndex
    quizzes: list[str]
    quiz_pages: dict[str, str]  # quiz id -> first page that places it
    path_pages: dict[str, list[str]]  # path id -> pages that place it
    scenarios: list[str] = field(default_factory=list)
    scenario_pages: dict[str, str] = field(default_factory=dict)  # scenario id -> first page that places it

    def has_page(self, page: str) -> bool:
        if page.startswith("/") or posixpath.normpath(page) != page or not page.endswith(".md"):
            return False
        return self.index.has_page(page)

    def title(self, page: str) -> str | None:
        return self.index.pages[page].heading

    def quiz_host(self, quiz: str) -> tuple[str, str | None] | None:
        """Where a quiz step links: the page that places the quiz (at its anchor), else the quiz list."""
        if quiz in self.quiz_pages:
            return self.quiz_pages[quiz], f"quiz-{quiz}"
        if self.has_page(QUIZ_LIST_PAGE):
            return QUIZ_LIST_PAGE, None
        return None

    def reading_minutes(self, page: str) -> int:
        return max(2, math.ceil(self.index.pages[page].words / WORDS_PER_MINUTE))


def site_for(index: SiteIndex, quiz_ids: list[str], scenario_ids: list[str] | None = None) -> Site:
    quiz_pages = index.placements("quiz")
    # A quiz step links to where the quiz sits with its page, not to the list of every quiz.
    first = {k: next((p for p in v if p != QUIZ_LIST_PAGE), v[0]) for k, v in quiz_pages.items()}
    scenario_pages = {k: v[0] for k, v in index.placements("scenario").items()}
    return Site(index, sorted(quiz_ids), first, index.placements("learning_path"), sorted(scenario_ids or []), scenario_pages)


# ---------------------------------------------------------------- loading and checking


def slug(text: str, limit: int = 60) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}" if out else word[:limit]
    return out or "reflection"


def short_label(text: str, limit: int = 70) -> str:
    """A reflection prompt's first sentence, or its start cut at a word, for lists and banners."""
    text = " ".join(text.split())
    first = re.split(r"(?<=[.?!])\s", text, maxsplit=1)[0]
    if len(first) <= limit + 20:
        return first
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:—-.")
    return cut + "…"


_HEADER_NAMES = {"title": "a title", "audience": "an audience", "summary": "a summary"}


def _header_message(loc: Loc, err: dict) -> str:
    if err["type"] == "missing" and len(loc) == 1 and loc[0] in _HEADER_NAMES:
        return f"the path has no {loc[0]}: add '{loc[0]}:' with {_HEADER_NAMES[loc[0]]}"
    return loader.default_message(loc, err)


def _step_message(n: int):
    def describe(loc: Loc, err: dict) -> str:
        if loc and loc[-1] == "minutes" and err["type"] in {"greater_than_equal", "less_than_equal"}:
            return f"step {n}: minutes must be between 1 and {MAX_MINUTES}"
        return f"step {n}: {loader.default_message(loc, err)}"
    return describe


_THING = {"page": "a page", "quiz": "a quiz", "scenario": "a scenario", "reflect": "a reflection prompt"}


def _kind_problem(n: int, kinds: list[str]) -> str:
    rule = "a step is one of page, quiz, scenario or reflect"
    if not kinds:
        return f"step {n} has none of page, quiz, scenario or reflect — {rule}"
    if len(kinds) == 2:
        return f"step {n} names both {_THING[kinds[0]]} and {_THING[kinds[1]]} — {rule}"
    return f"step {n} names {', '.join(_THING[k] for k in kinds[:-1])} and {_THING[kinds[-1]]} — {rule}"


def check(doc: Document, site: Site, path_id: str) -> LearningPath:
    """Validate one path document; raise DataError listing every problem in it."""
    data, header, problems = loader.read_top(doc, PathFile, "a path must be 'key: value' lines: title, audience, summary and steps", _header_message)
    raw_steps = data.get("steps")
    if raw_steps is None or raw_steps == []:
        problems.append(doc.problem(("steps",), "the path has no steps"))
        raw_steps = []
    elif not isinstance(raw_steps, list):
        raw_steps = []  # reported by the header check: 'steps' must be a list
    steps: list[PathStep] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_steps):
        n, at = i + 1, ("steps", i)
        if not isinstance(raw, dict):
            problems.append(doc.problem(at, f"step {n} must be 'key: value' lines starting with page:, quiz: or reflect:"))
            continue
        try:
            step = Step.model_validate(raw)
        except ValidationError as exc:
            problems.extend(loader.validation_problems(doc, exc, prefix=at, describe=_step_message(n), model=Step))
            continue
        kinds = [k for k in KINDS if getattr(step, k) is not None]
        if len(kinds) != 1:
            problems.append(doc.problem(at, _kind_problem(n, kinds)))
            continue
        kind = kinds[0]
        minutes = step.minutes
        if kind == "page":
            page = step.page
            if not site.has_page(page):
                problems.append(doc.problem(at + ("page",), f"step {n}: page '{page}' is not in docs/"))
                continue
            title = step.title or site.title(page)
            if not title:
                problems.append(doc.problem(at + ("page",), f"step {n}: page '{page}' has no '# ' heading — give the step a title"))
                continue
            made = PathStep(n, kind, f"page:{page}", title, minutes or site.reading_minutes(page), step.note, page=page)
        elif kind == "quiz":
            if step.quiz not in site.quizzes:
                known = ", ".join(site.quizzes) or "none"
                problems.append(doc.problem(at + ("quiz",), f"step {n}: quiz '{step.quiz}' does not exist (known quizzes: {known})"))
                continue
            host = site.quiz_host(step.quiz)
            if host is None:
                problems.append(doc.problem(at + ("quiz",), f"step {n}: quiz '{step.quiz}' is not on any page — add {{{{ quiz(\"{step.quiz}\") }}}} to a page first"))
                continue
            made = PathStep(n, kind, f"quiz:{step.quiz}", step.title or "", minutes or DEFAULT_MINUTES["quiz"], step.note,
                            page=host[0], anchor=host[1], quiz=step.quiz)
        elif kind == "scenario":
            if step.scenario not in site.scenarios:
                known = ", ".join(site.scenarios) or "none"
                problems.append(doc.problem(at + ("scenario",), f"step {n}: scenario '{step.scenario}' does not exist (known scenarios: {known})"))
                continue
            if step.scenario not in site.scenario_pages:
                problems.append(doc.problem(at + ("scenario",), f"step {n}: scenario '{step.scenario}' is not on any page — add {{{{ scenario(\"{step.scenario}\") }}}} to a page first"))
                continue
            made = PathStep(n, kind, f"scenario:{step.scenario}", step.title or "", minutes or DEFAULT_MINUTES["scenario"], step.note,
                            page=site.scenario_pages[step.scenario], anchor=f"scenario-{step.scenario}", scenario=step.scenario)
        else:
            made = PathStep(n, kind, f"reflect:{slug(step.reflect)}", step.title or short_label(step.reflect),
                            minutes or DEFAULT_MINUTES["reflect"], step.note, prompt=step.reflect)
        if made.key in seen:
            what = {"page": f"page '{made.page}'", "quiz": f"quiz '{made.quiz}'", "scenario": f"scenario '{made.scenario}'",
                    "reflect": "this reflection prompt"}[kind]
            problems.append(doc.problem(at + (kind,), f"step {n}: {what} is already step {seen[made.key]} — a path lists each step once"))
            continue
        seen[made.key] = n
        steps.append(made)
    placed = site.path_pages.get(path_id, [])
    if not placed:
        problems.append(doc.problem((), f"the path is not on any page — add {{{{ learning_path(\"{path_id}\") }}}} to a page in docs/learn/paths/"))
    elif len(placed) > 1:
        problems.append(doc.problem((), f"the path is on more than one page ({', '.join(placed)}) — place it on one page"))
    if problems or header is None:
        raise DataError(problems)
    return LearningPath(path_id, header.title, header.audience, header.summary, steps, placed[0], doc)


def load_file(path: Path, root: Path, site: Site) -> LearningPath:
    doc = loader.read(path, root)
    if not ID_RE.match(path.stem):
        raise DataError(doc.problem((), f"path file name '{path.name}' may use only lower-case letters, digits and '-'"))
    return check(doc, site, path.stem)


def load(root: Path, index: SiteIndex, quiz_ids: list[str], scenario_ids: list[str] | None = None) -> dict[str, LearningPath]:
    """Every path, checked against the pages in ``index`` and the quizzes and scenarios that exist."""
    folder = root / FOLDER
    if not folder.is_dir():
        return {}
    site = site_for(index, quiz_ids, scenario_ids)
    problems: list[Problem] = []
    files = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yaml":
            problems.append(Problem(path.relative_to(root).as_posix(), None, "path files must end .yml"))
        elif path.suffix == ".yml":
            files.append(path)
    try:
        results = loader.collect(*(lambda p=p: load_file(p, root, site) for p in files))
    except DataError as exc:
        problems.extend(exc.problems)
        results = []
    if problems:
        raise DataError(problems)
    return {p.id: p for p in results}


@dataclass
class QuizInfo:
    title: str
    hash: str | None
    page: str | None = None  # where the quiz sits
    anchor: str | None = None


def quiz_info(quizzes: Quizzes, index: SiteIndex) -> dict[str, QuizInfo]:
    """Each quiz's title, where it sits and its content hash (the quiz feature's, so stored results match)."""
    site = site_for(index, list(quizzes.quizzes))
    out = {}
    for key, loaded in quizzes.quizzes.items():
        host = site.quiz_host(key) or (None, None)
        out[key] = QuizInfo(re.sub(r"[*_`]", "", loaded.quiz.title).strip(), loaded.hash, *host)
    return out


@dataclass
class ScenarioInfo:
    title: str
    hash: str
    page: str | None = None  # where the scenario sits
    anchor: str | None = None
    endings: dict[str, str] = field(default_factory=dict)  # ending node id -> its heading, for My learning


def scenario_info(scenarios, index: SiteIndex) -> dict[str, ScenarioInfo]:
    """Each scenario's title, where it sits, its content hash and its endings (what paths and My learning show)."""
    pages = index.placements("scenario")
    out = {}
    for key, loaded in scenarios.scenarios.items():
        sc = loaded.scenario
        plain = lambda t: re.sub(r"[*_`]", "", t).strip()  # noqa: E731
        where = pages.get(key, [None])[0]
        out[key] = ScenarioInfo(plain(sc.title), loaded.hash, where, f"scenario-{key}" if where else None,
                                {n.id: plain(n.heading) for n in sc.endings})
    return out
