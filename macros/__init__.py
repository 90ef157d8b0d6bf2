"""mkdocs-macros entry point: reads and checks everything once, then registers each feature's macros.

The order of :func:`load` is the order of the dependencies, and each feature gets what it
needs as arguments (see ARCHITECTURE.md):

    pages (the site index) ─┬─ glossary, reviews, posts
    contacts and links ─────┼─ references ─┬─ quizzes, scenarios ─┬─ citations ("cited on")
                            │              │                      └─ learning paths
                            │              └─ worksheets
                            └─ (reviews name owners by contact key)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import (blocks, contacts, diagrams, engine, glossary, loader, paths, paths_render, prerender, quiz, quiz_render,
               references, reviews, scenario, scenario_render, site, updates, worksheet)
from .engine import register_error_format
from .loader import DataError, Problem

# Authors need file:line: message, not mkdocs-macros' traceback dump.
register_error_format(DataError, str)


@dataclass
class SiteData:
    """Everything the site's data holds, read and checked once per build."""

    index: site.SiteIndex
    directory: contacts.Directory
    library: references.Library
    glossary: glossary.Glossary
    diagrams: dict[str, str]
    quizzes: quiz.Quizzes
    scenarios: scenario.Scenarios
    worksheets: dict[str, worksheet.Loaded]
    paths: dict[str, paths.LearningPath]
    reviews: reviews.Reviews
    posts: list[updates.Post]
    cited: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # reference -> pages citing it
    quiz_info: dict[str, paths.QuizInfo] = field(default_factory=dict)  # what paths show of each quiz
    scenario_info: dict[str, paths.ScenarioInfo] = field(default_factory=dict)  # and of each scenario
    failed: set[str] = field(default_factory=set)  # features whose data has problems (load_all only)


def load(root: Path, docs_dir: Path | None = None, nav=None) -> SiteData:
    """Read every page and data file once, in dependency order; raise every problem together."""
    data, problems = load_all(root, docs_dir, nav)
    if problems:
        raise DataError(problems)
    return data


def load_all(root: Path, docs_dir: Path | None = None, nav=None) -> tuple[SiteData, list[Problem]]:
    """What :func:`load` does, giving back the problems with what could be loaded (``make check``).

    A feature whose dependency failed still runs where it can (a quiz's citations are not checked
    while references are broken), so one run lists as many problems as it can find; the names of
    the features that failed are in ``SiteData.failed``.
    """
    problems: list[Problem] = []
    failed: set[str] = set()

    def attempt(name: str, load_it: Callable[[], Any], fallback: Any) -> tuple[Any, bool]:
        try:
            return load_it(), True
        except DataError as exc:
            problems.extend(exc.problems)
            failed.add(name)
            return fallback, False

    index = site.scan(docs_dir or root / "docs", nav, root)
    problems.extend(index.example_problems())
    directory, contacts_ok = attempt("contacts", lambda: contacts.load(root), contacts.Directory({}, {}))
    library, refs_ok = attempt("references", lambda: references.load(root, directory.links if contacts_ok else None),
                               references.Library({}, {}))
    known_refs = library.references if refs_ok else None
    terms, _ = attempt("glossary", lambda: glossary.load(root, index), glossary.Glossary([]))
    quizzes, quizzes_ok = attempt("quizzes", lambda: quiz.load(root, index, known_refs), quiz.Quizzes(index=index))
    # While quizzes are broken, paths still know which quiz files exist.
    quiz_ids = list(quizzes.quizzes) if quizzes_ok else quiz.file_ids(root)
    scenarios, scenarios_ok = attempt("scenarios", lambda: scenario.load(root, index, known_refs), scenario.Scenarios(index=index))
    scenario_ids = list(scenarios.scenarios) if scenarios_ok else scenario.file_ids(root)
    sheets, _ = attempt("worksheets", lambda: worksheet.load(root, known_refs), {})
    learning, _ = attempt("paths", lambda: paths.load(root, index, quiz_ids, scenario_ids), {})
    page_reviews, _ = attempt("reviews", lambda: reviews.load(index, directory.contacts if contacts_ok else None),
                              reviews.Reviews([], reviews.build_date()))
    posts, _ = attempt("posts", lambda: updates.load(index), [])
    # "Not cited" warnings would be guesses while quizzes or scenarios (which cite too) are broken.
    cited = references.cited_on(library, index, {k: q.cites for k, q in quizzes.quizzes.items()}, warn=quizzes_ok and scenarios_ok,
                                scenario_cites={k: s.cites for k, s in scenarios.scenarios.items()})
    data = SiteData(index, directory, library, terms, diagrams.load(), quizzes, scenarios, sheets, learning,
                    page_reviews, posts, cited, paths.quiz_info(quizzes, index), paths.scenario_info(scenarios, index), failed)
    return data, problems


# The data of the build in progress, for the hooks (the feed) that run after the pages.
_builds: dict[str, SiteData] = {}


def for_config(config) -> SiteData:
    """The data :func:`define_env` loaded for this build (loaded now if macros did not run)."""
    key = str(config["config_file_path"])
    if key not in _builds:
        _builds[key] = load(Path(key).parent, Path(config["docs_dir"]), config["nav"])
    return _builds[key]


# Macros whose output is one component's HTML: Markdown gets a placeholder for it (macros/blocks.py).
BLOCK_MACROS = ("quiz", "quiz_list", "scenario", "worksheet", "learning_path", "learning_paths", "my_learning", "diagram")


def _site_data(env) -> SiteData:
    """The site's data for this build. MkDocs runs define_env once per build; Zensical runs it for
    every page, so there the data is kept for as long as no input file has changed."""
    root = Path(env.project_dir)
    docs = root / env.conf.get("docs_dir", "docs")
    nav = env.conf.get("nav")
    if not engine.is_zensical(env):
        return load(root, docs, nav)
    return loader.once(("site-data", str(root), str(docs)), loader.inputs_stamp(root, docs),
                       lambda: load(root, docs, nav))


def define_env(env) -> None:
    zensical_page = (engine.page_url(env), engine.page_src(env)) if engine.is_zensical(env) and env.page else None
    blocks.begin(zensical_page)
    blocks.ensure(env.conf)
    data = _site_data(env)
    if zensical_page:
        blocks.after_macros(_zensical_page_parts(env, data))
    _builds[str(env.conf.get("config_file_path") or Path(env.project_dir) / "mkdocs.yml")] = data
    index, refs = data.index, data.library.references
    contacts.register(env, data.directory, index)
    references.register(env, data.library, data.cited, index)
    glossary.register(env, data.glossary)
    glossary.configure(env.conf, data.glossary)
    diagrams.register(env, data.diagrams, index)
    quiz_render.register(env, data.quizzes, index)
    scenario_render.register(env, data.scenarios, index, paths_render.scenario_record_url(index))
    worksheet.register(env, data.worksheets, refs, index)
    paths_render.register(env, data.paths, data.quiz_info, index, data.scenario_info)
    reviews.register(env, data.reviews)
    updates.register(env, data.posts)
    for name in BLOCK_MACROS:
        env.macros[name] = blocks.blocked(env.macros[name])


def on_pre_page_macros(env) -> None:
    """Plain calls are rendered without Jinja, and pages with none skip it (macros/prerender.py)."""
    prerender.pre_page(env)


def on_post_page_macros(env) -> None:
    """After a page's macros ran (mkdocs-macros), each feature adds to its Markdown."""
    prerender.post_page(env)
    add_page_parts(env, for_config(env.conf))


def add_page_parts(env, data: SiteData) -> None:
    """What each feature adds to a page's Markdown once its macros ran: the glossary page's own
    abbreviations, a path step's banner and "Record this as CPD", the review line. The last added
    sits nearest the heading. MkDocs calls this from on_post_page_macros; Zensical, which has no
    such event, through the preprocessor macros/blocks.py runs after its macros."""
    glossary.post_page(env, data.glossary)
    paths_render.post_page(env, data.paths, data.quiz_info, data.index, data.scenario_info)
    reviews.post_page(env, data.reviews)


@dataclass
class _PageText:
    """The part of a macro environment add_page_parts reads, around a page's Markdown (Zensical)."""

    markdown: str
    page: Any
    conf: Any
    variables: Any


def _zensical_page_parts(env, data: SiteData):
    def add(markdown: str) -> str:
        text = _PageText(markdown, env.page, env.conf, env.variables)
        add_page_parts(text, data)
        return text.markdown

    return add
