"""Learning paths as HTML: ``{{ learning_path("id") }}``, ``{{ learning_paths() }}``, ``{{ my_learning("part") }}``
and the "Step 3 of 8 in …" banner that ``post_page`` adds under the heading of every page that is a step.

The HTML is complete without JavaScript; ``docs/assets/javascripts/paths.js`` (banner, cards), ``path-page.js`` and ``my-learning.js``
add progress, the "Mark as done" toggles, reflections and the CPD record, all kept in the reader's browser.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any


from . import blocks
from .context import page_path, unknown
from .engine import page_src
from .loader import DataError
from .pages import compact, data_json, insert_after_h1, templates
from urllib.parse import quote

from .paths import CPD_TYPES, LIMITS, NOT_LINKABLE, PARTS, LearningPath, PathStep, QuizInfo, ScenarioInfo
from .site import SiteIndex
from .urls import Here

TEMPLATES = Path(__file__).parent / "templates" / "paths"
QUIZ_LIST_PAGE = "learn/quizzes.md"
MY_LEARNING_PAGE = "learn/my-learning.md"
WORKSHEET_PAGE = "tools/risk-worksheet.md"  # keeps its own store (rbp:worksheet:*), cleared there


_templates = templates(TEMPLATES)


def duration(minutes: int) -> str:
    """``about 1 hour 45 minutes``."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return "about " + " ".join(parts)


class Renderer:
    """Renders paths for one page: every URL is relative to that page."""

    def __init__(self, paths: dict[str, LearningPath], quizzes: dict[str, QuizInfo], url_of,
                 page_titles=None, exists=None, site_name: str = "", scenarios: dict[str, ScenarioInfo] | None = None):
        self.paths = paths
        self.quizzes = quizzes
        self.scenarios = scenarios or {}
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
        if step.kind == "scenario":
            info = self.scenarios.get(step.scenario)
            return step.title or (info.title if info else step.scenario)
        return step.title

    def step_href(self, path: LearningPath, step: PathStep) -> str:
        if step.kind == "page":
            return self.url_of(step.page)
        if step.kind in ("quiz", "scenario"):
            return self.url_of(step.page + (f"#{step.anchor}" if step.anchor else ""))
        return self.url_of(f"{path.placed_on}#{self.step_id(path, step)}")

    def label(self, step: PathStep) -> str:
        """How a step is named in lists and banners: ``Quiz: Theories behind the model``."""
        title = self.step_title(step)
        return {"page": title, "quiz": f"Quiz: {title}", "scenario": f"Scenario: {title}", "reflect": f"Reflect: {title}"}[step.kind]

    def definition(self, path: LearningPath) -> dict[str, Any]:
        """What paths.js needs to work out progress: each step's key, kind and (for quizzes) hash."""
        steps = []
        for s in path.steps:
            entry = {"n": s.number, "key": s.key, "kind": s.kind, "label": self.label(s),
                     "href": self.step_href(path, s), "anchor": self.step_id(path, s)}
            if s.quiz:
                entry["quiz"] = s.quiz
                entry["hash"] = self.quizzes.get(s.quiz, QuizInfo("", None)).hash
            if s.scenario:
                entry["scenario"] = s.scenario
                info = self.scenarios.get(s.scenario)
                entry["hash"] = info.hash if info else None
            if s.prompt:
                entry["prompt"] = s.prompt
            steps.append(entry)
        return {"id": path.id, "title": path.title, "href": self.url_of(path.placed_on), "steps": steps}

    def catalogue(self, ordered: list[LearningPath]) -> dict[str, Any]:
        quizzes = {}
        for key, info in sorted(self.quizzes.items()):
            href = self.url_of(info.page + (f"#{info.anchor}" if info.anchor else "")) if info.page else None
            quizzes[key] = {"title": info.title, "hash": info.hash, "href": href}
        scenarios = {}
        for key, sc in sorted(self.scenarios.items()):
            href = self.url_of(f"{sc.page}#{sc.anchor}") if sc.page else None
            scenarios[key] = {"title": sc.title, "hash": sc.hash, "href": href, "endings": sc.endings}
        return {
            "site": self.site_name,
            "paths": [self.definition(p) for p in ordered],
            "quizzes": quizzes,
            "scenarios": scenarios,
            "limits": LIMITS,
            "types": dict(CPD_TYPES),
        }

    def path(self, path: LearningPath) -> str:
        html = _templates.get_template("path.html").render(
            p=path, r=self, steps=path.steps, time=duration(path.minutes), limits=LIMITS,
            definition=data_json(self.definition(path)), my_learning=self.optional_url(MY_LEARNING_PAGE),
        )
        return compact(html)

    def list(self, ordered: list[LearningPath], with_data: bool = True) -> str:
        html = _templates.get_template("list.html").render(
            paths=ordered, r=self, duration=duration,
            catalogue=data_json(self.catalogue(ordered)) if with_data else None,
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
                "definition": data_json(self.definition(path)),
            })
        html = _templates.get_template("banner.html").render(lines=lines, r=self)
        return compact(html)

    def my_learning(self, part: str, ordered: list[LearningPath], with_data: bool) -> str:
        html = _templates.get_template(f"my-{part}.html").render(
            paths=ordered, r=self, duration=duration, limits=LIMITS, types=CPD_TYPES,
            catalogue=data_json(self.catalogue(ordered)) if with_data else None,
            pages=self.page_titles, quizzes_page=self.optional_url(QUIZ_LIST_PAGE),
            worksheet_page=self.optional_url(WORKSHEET_PAGE),
        )
        return compact(html)


# ---------------------------------------------------------------- mkdocs-macros


def ordered(paths: dict[str, LearningPath], index: SiteIndex) -> list[LearningPath]:
    """Paths in the order their pages appear in the site's navigation."""
    return sorted(paths.values(), key=lambda p: (index.nav_rank(p.placed_on), p.id))


def linkable_pages(index: SiteIndex) -> list[tuple[str, str]]:
    """Pages a reflection can be linked to, in navigation order, with their titles."""
    return [(p.src, p.heading or p.src) for p in index.nav_pages() if not p.src.startswith(NOT_LINKABLE)]


def register(env, paths: dict[str, LearningPath], quizzes: dict[str, QuizInfo], index: SiteIndex,
             scenarios: dict[str, ScenarioInfo] | None = None) -> None:
    data_on_page: set[str] = set()
    in_order = ordered(paths, index)
    pages = linkable_pages(index)

    def renderer() -> Renderer:
        return Renderer(paths, quizzes, Here.of(env).url, pages, exists=index.has_page,
                        site_name=env.conf.get("site_name") or "", scenarios=scenarios)

    def first_on_page() -> bool:
        """The data every page-level script needs goes out once a page."""
        src = page_src(env)
        if src in data_on_page:
            return False
        data_on_page.add(src)
        return True

    @env.macro
    def learning_path(key: str) -> str:
        """One learning path: its steps in order, with progress once JavaScript runs."""
        if key not in paths:
            raise unknown(env, index, "learning_path", "learning path", key, paths)
        if paths[key].placed_on != page_src(env):
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
            raise unknown(env, index, "my_learning", "My learning part", part, PARTS)
        return renderer().my_learning(part, in_order, with_data=first_on_page())


def banner_entries(paths: dict[str, LearningPath], src: str) -> list[tuple[LearningPath, PathStep]]:
    """The step of each path that this page is: a page step, or else a quiz or scenario that sits on it."""
    out = []
    for path in sorted(paths.values(), key=lambda p: p.id):
        page_step = next((s for s in path.steps if s.kind == "page" and s.page == src), None)
        quiz_step = next((s for s in path.steps if s.kind in ("quiz", "scenario") and s.anchor and s.page == src), None)
        if page_step or quiz_step:
            out.append((path, page_step or quiz_step))
    return out


_linkable_cache: dict[int, tuple[SiteIndex, set[str]]] = {}


def _linkable(index: SiteIndex) -> set[str]:
    """The pages a CPD entry can be linked to, worked out once per build (the index is built once)."""
    if id(index) not in _linkable_cache or _linkable_cache[id(index)][0] is not index:
        _linkable_cache.clear()
        _linkable_cache[id(index)] = (index, {src for src, _ in linkable_pages(index)})
    return _linkable_cache[id(index)][1]


def record_link(here_url, src: str) -> str:
    """"Record this as CPD" at the foot of a content page: a link to My learning's CPD form, filled in with
    the page (nothing is saved until the reader saves; no script on the content page)."""
    href = here_url(MY_LEARNING_PAGE) + "?record=" + quote(src, safe="/") + "#your-cpd-record"
    return compact(_templates.get_template("record-link.html").render(href=href))


def scenario_record_url(index: SiteIndex):
    """For scenarios: the URL of My learning's CPD form filled in for this scenario on this page, or None
    where there is no My learning or the page cannot be linked to a CPD entry."""
    def url(env, key: str) -> str | None:
        src = page_src(env)
        if not index.has_page(MY_LEARNING_PAGE) or src not in _linkable(index):
            return None
        here = Here.of(env).url
        return here(MY_LEARNING_PAGE) + "?record=" + quote(src, safe="/") + "&scenario=" + quote(key) + "#your-cpd-record"
    return url


def post_page(env, paths: dict[str, LearningPath], quizzes: dict[str, QuizInfo], index: SiteIndex | None = None,
              scenarios: dict[str, ScenarioInfo] | None = None) -> None:
    """Add the "Part of the learning path …" line under the heading of every page that is a step of a path,
    and "Record this as CPD" at the foot of every page a CPD entry can be linked to."""
    src = page_src(env)
    here = Here.of(env).url
    entries = banner_entries(paths, src)
    if entries:
        banner = Renderer(paths, quizzes, here, scenarios=scenarios).banner(entries, src)
        env.markdown = insert_after_h1(env.markdown, blocks.block(banner))
    if index is not None and index.has_page(MY_LEARNING_PAGE) and src != "index.md" and src in _linkable(index):
        env.markdown = env.markdown.rstrip("\n") + "\n\n" + blocks.block(record_link(here, src)) + "\n"
