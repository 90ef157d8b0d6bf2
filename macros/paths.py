"""Learning paths: ``data/paths/<id>.yml`` is an ordered list of pages to read, quizzes to pass and
prompts to reflect on.

``{{ learning_path("id") }}`` renders one path, ``{{ learning_paths() }}`` lists them all and
``{{ my_learning("part") }}`` renders the parts of the My learning page. ``post_page`` adds a
"Step 3 of 8 in …" banner under the heading of every page that is a step. The HTML is complete
without JavaScript; ``docs/assets/javascripts/paths.js`` adds progress, the "Mark as done"
toggles, reflections and the CPD record, all kept in the reader's browser.
"""
from __future__ import annotations

import json
import math
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints, ValidationError

from . import loader
from .context import page_path, unknown
from .loader import DataError, Document, Loc, Problem
from .pages import insert_after_h1
from .quiz import Quizzes
from .site import SiteIndex
from .urls import Here

FOLDER = "data/paths"
QUIZ_LIST_PAGE = "learn/quizzes.md"
MY_LEARNING_PAGE = "learn/my-learning.md"
WORKSHEET_PAGE = "tools/risk-worksheet.md"  # keeps its own store (rbp:worksheet:*), cleared there
TEMPLATES = Path(__file__).parent / "templates" / "paths"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
KINDS = ("page", "quiz", "reflect")
DEFAULT_MINUTES = {"quiz": 10, "reflect": 15}
WORDS_PER_MINUTE = 150
MAX_MINUTES = 600
# The longest reflection text; the page passes it to the scripts (data-max-text, the catalogue's limits).
MAX_TEXT = 5000
PARTS = ("paths", "quizzes", "reflections", "record")
# Pages a reflection can be linked to: everything but the learning pages and the site's own pages.
NOT_LINKABLE = ("learn/", "about/", "updates/")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


# ---------------------------------------------------------------- schema


class Step(BaseModel):
    """One step: exactly one of page, quiz or reflect (checked after validation, for a clear message)."""

    model_config = ConfigDict(extra="forbid")
    page: Text | None = None
    quiz: Text | None = None
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
    kind: str  # page | quiz | reflect
    key: str  # stable key kept in the reader's browser: page:theory/index.md, quiz:pams, reflect:<slug>
    title: str  # link text; for a reflection, a short label made from the prompt
    minutes: int
    note: str | None = None
    page: str | None = None  # docs page to open: the page itself, or where the quiz sits
    anchor: str | None = None  # the quiz's id on that page, when the quiz is placed there
    quiz: str | None = None
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
    """What path files are checked against: the site's pages and the quizzes that exist."""

    index: SiteIndex
    quizzes: list[str]
    quiz_pages: dict[str, str]  # quiz id -> first page that places it
    path_pages: dict[str, list[str]]  # path id -> pages that place it

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


def site_for(index: SiteIndex, quiz_ids: list[str]) -> Site:
    quiz_pages = index.placements("quiz")
    # A quiz step links to where the quiz sits with its page, not to the list of every quiz.
    first = {k: next((p for p in v if p != QUIZ_LIST_PAGE), v[0]) for k, v in quiz_pages.items()}
    return Site(index, sorted(quiz_ids), first, index.placements("learning_path"))


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


_THING = {"page": "a page", "quiz": "a quiz", "reflect": "a reflection prompt"}


def _kind_problem(n: int, kinds: list[str]) -> str:
    rule = "a step is one of page, quiz or reflect"
    if not kinds:
        return f"step {n} has none of page, quiz or reflect — {rule}"
    if len(kinds) == 2:
        return f"step {n} names both {_THING[kinds[0]]} and {_THING[kinds[1]]} — {rule}"
    return f"step {n} names a page, a quiz and a reflection prompt — {rule}"


def check(doc: Document, site: Site, path_id: str) -> LearningPath:
    """Validate one path document; raise DataError listing every problem in it."""
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise DataError(doc.problem((), "a path must be 'key: value' lines: title, audience, summary and steps"))
    problems: list[Problem] = []
    try:
        header = PathFile.model_validate(data)
    except ValidationError as exc:
        header = None
        problems.extend(loader.validation_problems(doc, exc, describe=_header_message, model=PathFile))
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
        else:
            made = PathStep(n, kind, f"reflect:{slug(step.reflect)}", step.title or short_label(step.reflect),
                            minutes or DEFAULT_MINUTES["reflect"], step.note, prompt=step.reflect)
        if made.key in seen:
            what = {"page": f"page '{made.page}'", "quiz": f"quiz '{made.quiz}'", "reflect": "this reflection prompt"}[kind]
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


def load(root: Path, index: SiteIndex, quiz_ids: list[str]) -> dict[str, LearningPath]:
    """Every path, checked against the pages in ``index`` and the quizzes that exist."""
    folder = root / FOLDER
    if not folder.is_dir():
        return {}
    site = site_for(index, quiz_ids)
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


# ---------------------------------------------------------------- rendering

_templates = Environment(
    loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
    trim_blocks=True, lstrip_blocks=True,
)


def duration(minutes: int) -> str:
    """``about 1 hour 45 minutes``."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return "about " + " ".join(parts)


def script_json(data: Any) -> str:
    """Compact JSON for a data- attribute (the template escapes it).

    Not a <script type="application/json"> block: Material's instant navigation re-runs every
    script in the page as JavaScript, and a strict CSP would block it.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def compact(html: str) -> str:
    """One HTML block with no blank lines, so Markdown leaves it alone."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


@dataclass
class QuizInfo:
    title: str
    hash: str | None
    page: str | None = None  # where the quiz sits
    anchor: str | None = None


class Renderer:
    """Renders paths for one page: every URL is relative to that page."""

    def __init__(self, paths: dict[str, LearningPath], quizzes: dict[str, QuizInfo], url_of,
                 page_titles=None, exists=None, site_name: str = ""):
        self.paths = paths
        self.quizzes = quizzes
        self.url_of = url_of  # docs path (+ optional #anchor) -> URL relative to the current page
        self.page_titles = page_titles or []  # [(src, title)] for the "Linked step or page" list
        self.exists = exists or (lambda src: False)  # is this docs page in the site?
        self.site_name = site_name

    def optional_url(self, src: str) -> str | None:
        return self.url_of(src) if self.exists(src) else None

    def step_id(self, path: LearningPath, step: PathStep) -> str:
        return f"{path.id}-step-{step.number}"

    def step_title(self, step: PathStep) -> str:
        if step.kind == "quiz":
            return step.title or self.quizzes.get(step.quiz, QuizInfo(step.quiz, None)).title
        return step.title

    def step_href(self, path: LearningPath, step: PathStep) -> str:
        if step.kind == "page":
            return self.url_of(step.page)
        if step.kind == "quiz":
            return self.url_of(step.page + (f"#{step.anchor}" if step.anchor else ""))
        return self.url_of(f"{path.placed_on}#{self.step_id(path, step)}")

    def label(self, step: PathStep) -> str:
        """How a step is named in lists and banners: ``Quiz: Theories behind the model``."""
        title = self.step_title(step)
        return {"page": title, "quiz": f"Quiz: {title}", "reflect": f"Reflect: {title}"}[step.kind]

    def definition(self, path: LearningPath) -> dict[str, Any]:
        """What paths.js needs to work out progress: each step's key, kind and (for quizzes) hash."""
        steps = []
        for s in path.steps:
            entry = {"n": s.number, "key": s.key, "kind": s.kind, "label": self.label(s),
                     "href": self.step_href(path, s), "anchor": self.step_id(path, s)}
            if s.quiz:
                entry["quiz"] = s.quiz
                entry["hash"] = self.quizzes.get(s.quiz, QuizInfo("", None)).hash
            if s.prompt:
                entry["prompt"] = s.prompt
            steps.append(entry)
        return {"id": path.id, "title": path.title, "href": self.url_of(path.placed_on), "steps": steps}

    def catalogue(self, ordered: list[LearningPath]) -> dict[str, Any]:
        quizzes = {}
        for key, info in sorted(self.quizzes.items()):
            href = self.url_of(info.page + (f"#{info.anchor}" if info.anchor else "")) if info.page else None
            quizzes[key] = {"title": info.title, "hash": info.hash, "href": href}
        return {
            "site": self.site_name,
            "paths": [self.definition(p) for p in ordered],
            "quizzes": quizzes,
            "limits": {"text": MAX_TEXT},
        }

    def path(self, path: LearningPath) -> str:
        html = _templates.get_template("path.html").render(
            p=path, r=self, steps=path.steps, time=duration(path.minutes), limits={"text": MAX_TEXT},
            definition=script_json(self.definition(path)), my_learning=self.optional_url(MY_LEARNING_PAGE),
        )
        return compact(html)

    def list(self, ordered: list[LearningPath], with_data: bool = True) -> str:
        html = _templates.get_template("list.html").render(
            paths=ordered, r=self, duration=duration,
            catalogue=script_json(self.catalogue(ordered)) if with_data else None,
        )
        return compact(html)

    def banner(self, entries: list[tuple[LearningPath, PathStep]], here: str) -> str:
        lines = []
        for path, step in entries:
            i = step.number - 1
            prev_step = path.steps[i - 1] if i > 0 else None
            next_step = path.steps[i + 1] if i + 1 < len(path.steps) else None
            lines.append({
                "path": path, "step": step, "prev": prev_step, "next": next_step,
                "id": f"rbp-banner-{path.id}-{step.number}",
                "on_page": lambda s: s is not None and s.page == here,
                "definition": script_json(self.definition(path)),
            })
        html = _templates.get_template("banner.html").render(lines=lines, r=self)
        return compact(html)

    def my_learning(self, part: str, ordered: list[LearningPath], with_data: bool) -> str:
        html = _templates.get_template(f"my-{part}.html").render(
            paths=ordered, r=self, duration=duration, limits={"text": MAX_TEXT},
            catalogue=script_json(self.catalogue(ordered)) if with_data else None,
            pages=self.page_titles, quizzes_page=self.optional_url(QUIZ_LIST_PAGE),
            worksheet_page=self.optional_url(WORKSHEET_PAGE),
        )
        return compact(html)


# ---------------------------------------------------------------- mkdocs-macros


def quiz_info(quizzes: Quizzes, index: SiteIndex) -> dict[str, QuizInfo]:
    """Each quiz's title, where it sits and its content hash (the quiz feature's, so stored results match)."""
    site = site_for(index, list(quizzes.quizzes))
    out = {}
    for key, loaded in quizzes.quizzes.items():
        host = site.quiz_host(key) or (None, None)
        out[key] = QuizInfo(re.sub(r"[*_`]", "", loaded.quiz.title).strip(), loaded.hash, *host)
    return out


def ordered(paths: dict[str, LearningPath], index: SiteIndex) -> list[LearningPath]:
    """Paths in the order their pages appear in the site's navigation."""
    return sorted(paths.values(), key=lambda p: (index.nav_rank(p.placed_on), p.id))


def linkable_pages(index: SiteIndex) -> list[tuple[str, str]]:
    """Pages a reflection can be linked to, in navigation order, with their titles."""
    return [(p.src, p.heading or p.src) for p in index.nav_pages() if not p.src.startswith(NOT_LINKABLE)]


def register(env, paths: dict[str, LearningPath], quizzes: dict[str, QuizInfo], index: SiteIndex) -> None:
    data_on_page: set[str] = set()
    in_order = ordered(paths, index)
    pages = linkable_pages(index)

    def renderer() -> Renderer:
        return Renderer(paths, quizzes, Here.of(env).url, pages, exists=index.has_page,
                        site_name=env.conf.get("site_name") or "")

    def first_on_page() -> bool:
        """The data every page-level script needs goes out once a page."""
        src = env.page.file.src_uri
        if src in data_on_page:
            return False
        data_on_page.add(src)
        return True

    @env.macro
    def learning_path(key: str) -> str:
        """One learning path: its steps in order, with progress once JavaScript runs."""
        if key not in paths:
            raise unknown(env, "learning_path", "learning path", key, paths)
        if paths[key].placed_on != env.page.file.src_uri:
            raise DataError(f"{page_path(env)}: the learning path '{key}' belongs on docs/{paths[key].placed_on}; place it once")
        return renderer().path(paths[key])

    @env.macro
    def learning_paths() -> str:
        """Every learning path with who it is for, how long it takes and the reader's progress."""
        return renderer().list(in_order, with_data=first_on_page())

    @env.macro
    def my_learning(part: str) -> str:
        """A part of My learning: paths, quizzes, reflections or record (export, import, clear)."""
        if part not in PARTS:
            raise unknown(env, "my_learning", "My learning part", part, PARTS)
        return renderer().my_learning(part, in_order, with_data=first_on_page())


def banner_entries(paths: dict[str, LearningPath], src: str) -> list[tuple[LearningPath, PathStep]]:
    """The step of each path that this page is: a page step, or else a quiz that sits on it."""
    out = []
    for path in sorted(paths.values(), key=lambda p: p.id):
        page_step = next((s for s in path.steps if s.kind == "page" and s.page == src), None)
        quiz_step = next((s for s in path.steps if s.kind == "quiz" and s.anchor and s.page == src), None)
        if page_step or quiz_step:
            out.append((path, page_step or quiz_step))
    return out


def post_page(env, paths: dict[str, LearningPath], quizzes: dict[str, QuizInfo]) -> None:
    """Add the "Step 3 of 8 in …" banner under the heading of every page that is a step of a path."""
    entries = banner_entries(paths, env.page.file.src_uri)
    if entries:
        banner = Renderer(paths, quizzes, Here.of(env).url).banner(entries, env.page.file.src_uri)
        env.markdown = insert_after_h1(env.markdown, banner)
