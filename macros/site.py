"""The site index: every page under docs/, read once per build.

For each page it keeps what features ask of pages: the title, the heading anchors (as the toc
extension makes them), the front matter with its line numbers, a word count, the position in
the navigation, and the macro calls the page really makes. A call inside ``{% raw %}``, a code
fence or inline code is an example, not a call: the authoring guide shows macros that way.

Features read this index; none of them reads ``docs/`` itself.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Iterable

from markdown.extensions.toc import slugify, unique

from . import loader
from .loader import DataError, Document, Problem

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$")
HEADING = re.compile(r"^\s{0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_H1_ATTRS = re.compile(r"\s*\{[:#.][^{}]*\}\s*$|\s*\{\s*[#.][^{}]*\}\s*$")
_ATTRS = re.compile(r"\{:?\s*([^{}]*)\}\s*$")
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_CALL = re.compile(r"""\b([A-Za-z_]\w*)\(\s*(?:(["'])(.*?)\2)?""")


@dataclass(frozen=True)
class Call:
    """``{{ name("key") }}`` on a page: the macro, its first argument if it is text, and the line."""

    macro: str
    key: str | None
    line: int


@dataclass
class Page:
    src: str  # docs-relative: "theory/index.md"
    text: str
    heading: str | None  # the first "# " heading, as plain text
    anchors: dict[str, str]  # heading id -> heading text, as the toc extension makes them
    calls: list[Call]
    words: int
    meta: Document | None = None  # front matter, with lines counted from the top of the file
    meta_problems: list[Problem] = field(default_factory=list)
    nav: int | None = None  # position in the navigation, None when the page is not in it
    unprotected: list[Call] = field(default_factory=list)  # examples in code that macros would run

    @property
    def title(self) -> str:
        """The page's title as lists show it: front matter ``title``, else its heading, else its name."""
        meta = self.meta.data if self.meta is not None and isinstance(self.meta.data, dict) else {}
        return str(meta.get("title") or self.heading or fallback_title(self.src))

    def keys(self, macro: str) -> list[str]:
        """The first argument of every call of ``macro`` on this page, in order."""
        return [c.key for c in self.calls if c.macro == macro and c.key is not None]


def fallback_title(src: str) -> str:
    stem = posixpath.splitext(posixpath.basename(src))[0]
    return stem.replace("-", " ").capitalize()


# ---------------------------------------------------------------- reading one page


def plain_heading(text: str) -> str:
    """Heading text as the table of contents sees it: no macros, links, code or emphasis marks."""
    text = MACRO.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = re.sub(r"[`*]|(?<!\w)_|_(?!\w)", "", text)
    return " ".join(text.split())


def heading_index(lines: list[str]) -> int | None:
    """Index of the first ``# `` heading line outside code fences."""
    fenced = False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and H1.match(line):
            return i
    return None


def first_heading(text: str) -> str | None:
    """The text of the first ``# `` heading outside code fences, without attributes or Markdown."""
    lines = text.splitlines()
    at = heading_index(lines)
    if at is None:
        return None
    title = _H1_ATTRS.sub("", H1.match(lines[at]).group(1))
    title = _LINK.sub(r"\1", MACRO.sub("", title))
    return re.sub(r"[*_`]", "", title).strip() or None


def anchors(text: str) -> dict[str, str]:
    """Every heading's id (explicit ``{ #id }`` or made by the toc extension's rules) and its text."""
    out: dict[str, str] = {}
    used: set[str] = set()
    fenced = False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        m = None if fenced else HEADING.match(line)
        if not m:
            continue
        heading, explicit = m.group(2), None
        attrs = _ATTRS.search(heading)
        if attrs:
            heading = heading[: attrs.start()].rstrip()
            ids = re.findall(r"#([\w.:-]+)", attrs.group(1))
            explicit = ids[-1] if ids else None
        plain = plain_heading(heading)
        anchor = explicit or unique(slugify(plain, "-"), used)
        used.add(anchor)
        out[anchor] = plain
    return out


def _blank(match: re.Match) -> str:
    # Keep the newlines so line numbers stay true.
    return "\n" * match.group(0).count("\n")


def live_source(text: str) -> str:
    """The page with its examples blanked out: raw blocks, code fences and inline code."""
    text = _RAW.sub(_blank, text)
    lines, fenced = [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
            lines.append("")
        elif fenced:
            lines.append("")
        else:
            lines.append(_INLINE_CODE.sub("", line))
    return "\n".join(lines)


def _calls_in(source: str) -> list[Call]:
    calls = []
    for expr in _EXPRESSION.finditer(source):
        for m in _CALL.finditer(expr.group(0)):
            line = source.count("\n", 0, expr.start() + m.start()) + 1
            calls.append(Call(m.group(1), m.group(3), line))
    return calls


def macro_calls(text: str) -> list[Call]:
    """Every macro call inside ``{{ … }}`` outside examples, with its line."""
    return _calls_in(live_source(text))


def unprotected_examples(text: str) -> list[Call]:
    """Macro calls shown in code but not inside ``{% raw %}``: mkdocs-macros would still run them."""
    real = set(macro_calls(text))
    return [c for c in _calls_in(_RAW.sub(_blank, text)) if c not in real]


def front_matter(text: str, path: str) -> Document | None:
    """The page's front matter as a Document whose lines count from the top of the file."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        raise DataError(Problem(path, 1, "front matter starts with '---' but has no closing '---' line"))
    # The YAML starts on line 2 of the page, so every line number moves down one.
    try:
        doc = loader.parse("\n".join(lines[1:end]) + "\n", path)
    except DataError as exc:
        raise DataError([Problem(p.file, p.line + 1 if p.line else 1, p.message) for p in exc.problems]) from None
    doc.lines = {loc: line + 1 for loc, line in doc.lines.items()}
    return doc


def read_page(src: str, text: str, shown_as: str) -> Page:
    """One page's entry in the index; ``shown_as`` is how messages name it (``docs/x.md``).

    The live preview rebuilds the whole site for each saved file: a page whose text has not changed
    since the last build in this process is not read again (a fresh copy, as the index sets ``nav``)."""
    return replace(_read_page(src, text, shown_as))


@lru_cache(maxsize=4096)
def _read_page(src: str, text: str, shown_as: str) -> Page:
    meta, problems = None, []
    try:
        meta = front_matter(text, shown_as)
    except DataError as exc:
        problems = exc.problems
    return Page(src, text, first_heading(text), anchors(text), macro_calls(text),
                len(re.findall(r"\w+", MACRO.sub(" ", text))), meta, problems,
                unprotected=unprotected_examples(text))


# ---------------------------------------------------------------- the whole site


def nav_sources(nav) -> list[str]:
    """The pages a ``nav:`` setting lists, in order."""
    out: list[str] = []

    def walk(item) -> None:
        if isinstance(item, str):
            if item.endswith(".md") and "://" not in item:
                out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return out


def _default_order(srcs: Iterable[str]) -> list[str]:
    # MkDocs' own order when there is no nav: folder by folder, index first.
    def key(src: str):
        parts = PurePosixPath(src).parts
        return (parts[:-1], PurePosixPath(src).stem != "index", parts[-1])

    return sorted(srcs, key=key)


class SiteIndex:
    """Every page under ``docs_dir``, read once."""

    def __init__(self, docs_dir: Path, pages: dict[str, Page], nav: list[str], shown_dir: str = "docs"):
        self.docs_dir = docs_dir
        self.shown_dir = shown_dir  # how messages name the docs folder
        self.pages = pages
        self.nav = [src for src in nav if src in pages]
        for n, src in enumerate(self.nav):
            pages[src].nav = n

    def page(self, src: str) -> Page | None:
        return self.pages.get(src)

    def has_page(self, src: str) -> bool:
        return src in self.pages

    def shown(self, src: str) -> str:
        """How messages name a page: ``docs/theory/index.md``."""
        return f"{self.shown_dir}/{src}"

    def placements(self, macro: str) -> dict[str, list[str]]:
        """key -> the pages that call ``macro("key")``, in source order."""
        out: dict[str, list[str]] = {}
        for src, page in self.pages.items():
            for key in dict.fromkeys(page.keys(macro)):
                out.setdefault(key, []).append(src)
        return out

    def example_problems(self) -> list[Problem]:
        """A macro shown in code without ``{% raw %}`` runs anyway: say where, and how to show it."""
        return [
            Problem(self.shown(src), c.line, f"the example {{{{ {c.macro}(…) }}}} in code will run: "
                    "put {% raw %} before it and {% endraw %} after it to show it as it is")
            for src, page in self.pages.items() for c in page.unprotected
        ]

    def nav_pages(self) -> list[Page]:
        return [self.pages[src] for src in self.nav]

    def nav_rank(self, src: str) -> int:
        """Sort key: the page's place in the navigation, pages outside it last."""
        page = self.pages.get(src)
        return page.nav if page is not None and page.nav is not None else len(self.nav)

    def problem_with(self, target: str) -> str | None:
        """Why a docs-relative ``page.md#anchor`` target is not valid, or None."""
        path, _, anchor = target.partition("#")
        path = posixpath.normpath(path) if path else ""
        if not path or path.startswith("../") or path.startswith("/") or not path.endswith(".md"):
            return "is not a page in docs/ (write it like theory/index.md#a-heading)"
        page = self.pages.get(path)
        if page is None:
            return "is not a page in docs/"
        if anchor and anchor not in page.anchors:
            return f"points to '#{anchor}', but {path} has no heading with that id"
        return None

    def link_text(self, target: str) -> str:
        """A target's heading text, or the page's title."""
        path, _, anchor = target.partition("#")
        page = self.pages.get(posixpath.normpath(path))
        if page is None:
            return path
        heading = page.heading or fallback_title(page.src)
        return page.anchors.get(anchor, heading) if anchor else heading


def scan(docs_dir: Path, nav=None, root: Path | None = None) -> SiteIndex:
    """Read every Markdown page under ``docs_dir`` once. ``nav`` is mkdocs.yml's ``nav:`` setting."""
    try:
        shown_dir = docs_dir.relative_to(root).as_posix() if root is not None else "docs"
    except ValueError:
        shown_dir = docs_dir.as_posix()
    pages: dict[str, Page] = {}
    files = sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []
    for path in files:
        src = path.relative_to(docs_dir).as_posix()
        pages[src] = read_page(src, path.read_text(encoding="utf-8", errors="replace"), f"{shown_dir}/{src}")
    order = nav_sources(nav) if nav else _default_order(pages)
    return SiteIndex(docs_dir, pages, order, shown_dir)
