"""The live preview rebuilds only the pages an edit changes (``make serve``, i.e. ``mkdocs serve --dirty``).

MkDocs's own ``--dirty`` rebuilds a page when its Markdown is newer than its HTML: a data edit
shows nowhere, every other page loses its title in the navigation, and the search index keeps
one page. Here, in the ``mkdocs serve`` process, each rebuild compares every input with the last
good build and decides:

- **a page's text only** (its title, front matter, headings and macro calls unchanged): that page,
  and the print page when the page is printed there;
- **one quiz, scenario or worksheet file** (``data/quizzes/<id>.yml`` …): the pages that call a
  macro with that id, the pages that list them (``COLLECTIONS``), every page of a learning path
  with it as a step (step banners carry the path), and the print page when one of those is printed;
- **anything else** (a title, front matter, a heading, a call added, a page added or removed, a
  learning path, contacts, references, the glossary, links, an asset, ``overrides/``, ``hooks/``,
  ``macros/``, ``mkdocs.yml``, What's new): every page.

The pages not rebuilt get back what the last build made of them (their Markdown, HTML, table of
contents, title, anchors), so the navigation, the print page and the search index see every page
as a full build would. ``tests/site/test_live_preview.py`` checks that after each kind of edit the
preview's files equal a fresh ``mkdocs build`` of the edited project.

The state lives here, beside the macros that read the same pages and data; ``hooks/preview.py`` only
passes MkDocs's events in. ``mkdocs build`` never uses it (``on_startup`` says which command runs).
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import site, updates
from .pages import PRINT_PAGE, PRINTED
# Data folders whose files are each one component placed by id; any other data file changes every page.
ONE_ID = ("quizzes", "scenarios", "worksheets")
# Macros whose output lists or counts every quiz, scenario or worksheet (or what cites references).
COLLECTIONS = {"quiz_list", "my_learning", "learning_paths", "reading_list"}  # (a path's own page: path_pages)
# The inputs a rebuild compares, relative to the project; changes elsewhere are not watched.
INPUTS = ("docs", "data", "macros", "hooks", "overrides", "mkdocs.yml")
# What a page's build leaves on its Page object that other pages' builds read.
KEPT = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")
DIRTY_WARNING = "A 'dirty' build is being performed"


@dataclass
class State:
    active: bool = False  # `mkdocs serve --dirty` started this process
    inputs: dict[str, tuple[int, int]] | None = None  # path -> (mtime_ns, size) at the last good build
    pending: dict[str, tuple[int, int]] | None = None  # the same, for the build in progress
    pages: dict[str, dict] = field(default_factory=dict)  # src_uri -> the KEPT attributes
    shapes: dict[str, tuple] = field(default_factory=dict)  # src_uri -> what other pages see of it
    search: list[dict] = field(default_factory=list)  # the last search index's entries
    rebuilt: set[str] | None = None  # the pages this build was planned to rebuild (None: every page)
    built: set[str] = field(default_factory=set)  # the addresses of the pages this build has built


STATE = State()


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns on every --dirty build, which `strict: true` turns into a failed build; the
    preview says what it rebuilt instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def start(command: str, dirty: bool) -> None:
    STATE.__init__()
    STATE.active = command == "serve" and dirty
    if STATE.active:
        logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyWarning())


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    seen: dict[str, tuple[int, int]] = {}

    def walk(path: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.name == "__pycache__":
                    continue
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path)
                elif entry.is_file():
                    st = entry.stat()
                    seen[os.path.relpath(entry.path, root).replace(os.sep, "/")] = (st.st_mtime_ns, st.st_size)

    for name in INPUTS:
        path = root / name
        if path.is_dir():
            walk(str(path))
        elif path.is_file():
            st = path.stat()
            seen[name] = (st.st_mtime_ns, st.st_size)
    return seen


def shape(text: str) -> tuple:
    """What other pages, the navigation and the data checks see of a page: its front matter, title,
    headings and macro calls. If this is unchanged, an edit changes the page alone."""
    front = re.match(r"---\n.*?\n---\n", text, re.S)
    return (front.group(0) if front else "", site.first_heading(text), tuple(site.anchors(text).items()),
            tuple((c.macro, c.key) for c in site.macro_calls(text)))


def is_printed(src: str) -> bool:
    return src.startswith(PRINTED)


def path_pages(paths: dict, key: str) -> set[str]:
    """Every page of each learning path with ``key`` as a quiz or scenario step: each carries the
    path's steps (with the quiz's content hash) for its step banner, and the path's own page."""
    pages: set[str] = set()
    for path in paths.values():
        if any(key in (step.quiz, step.scenario) for step in path.steps):
            pages.update(step.page for step in path.steps if step.page)
            pages.add(path.placed_on)
    return pages


def plan(root: Path, docs: Path, pages: list[str], paths: dict) -> set[str] | None:
    """The pages to rebuild (None: all of them), from what changed since the last good build;
    ``paths`` are this build's learning paths."""
    now = snapshot(root)
    STATE.pending = now
    before = STATE.inputs
    if not STATE.active or before is None or not STATE.pages:
        return None
    changed = sorted(p for p in now.keys() | before.keys() if now.get(p) != before.get(p))
    if not changed:
        return set()
    rebuild: set[str] = set()
    for path in changed:
        if path not in now or path not in before:
            return None  # a file added or removed: the navigation and the data checks change
        if path.startswith("docs/") and path.endswith(".md") and not path.startswith(f"docs/{updates.POSTS}/"):
            src = path[len("docs/"):]
            if src == updates.INDEX or src not in STATE.shapes:
                return None
            if shape((docs / src).read_text(encoding="utf-8")) != STATE.shapes[src]:
                return None
            rebuild.add(src)
            continue
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == "data" and parts[1] in ONE_ID and parts[2].endswith(".yml"):
            key = parts[2][: -len(".yml")]
            for src, calls in ((s, STATE.shapes[s][3]) for s in pages if s in STATE.shapes):
                if any(k == key or macro in COLLECTIONS for macro, k in calls):
                    rebuild.add(src)
            rebuild |= path_pages(paths, key)
            continue
        return None
    if any(is_printed(src) for src in rebuild):
        rebuild.add(PRINT_PAGE)
    return rebuild


def keep(page) -> None:
    """Remember what this build made of a page, for later builds that do not rebuild it."""
    src = page.file.src_uri
    STATE.pages[src] = {name: getattr(page, name, None) for name in KEPT}
    if page.markdown is not None and page.file.abs_src_path:
        STATE.shapes[src] = shape(Path(page.file.abs_src_path).read_text(encoding="utf-8"))


def restore(page) -> bool:
    """Give a page that is not rebuilt what its last build made; False if there is nothing kept."""
    kept = STATE.pages.get(page.file.src_uri)
    if kept is None:
        return False
    for name, value in kept.items():
        setattr(page, name, value)
    page.links_to_anchors = {}  # checked when it was built; its keys were that build's files
    return True


def location_page(location: str) -> str:
    return location.split("#", 1)[0]


def merge_search(entries: list[dict], rebuilt_urls: set[str] | None) -> list[dict]:
    """The search index: this build's entries, and the last index's for the pages not rebuilt."""
    if rebuilt_urls is None:
        merged = list(entries)
    else:
        merged = [e for e in STATE.search if location_page(e["location"]) not in rebuilt_urls] + list(entries)
    STATE.search = merged
    return merged


def commit() -> None:
    """The build succeeded: the next one compares with what it read."""
    STATE.inputs = STATE.pending
