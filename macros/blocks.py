"""Components reach Markdown as a small placeholder, and their HTML is put back after conversion.

A quiz, scenario, worksheet, learning path or My learning part is one large raw HTML block that
Python-Markdown leaves as it is, but only after parsing all of it: its HTML-block parser and MkDocs's
anchor finder each walk every tag (a third of this site's Markdown time). :func:`block` stores the
HTML and gives Markdown ``<div data-rbp-block="key"><i id="…"></i>…</div>`` instead: the same
kind of block, holding the ids the HTML has so MkDocs still knows them as anchors (links to
``page.md#quiz-theories`` are checked as before). This extension's postprocessor, the last step of
conversion, swaps each placeholder for its HTML, so the page's HTML is what it was, byte for byte.

Only output that Markdown would keep whole is replaced: it starts with a block-level tag and has no
blank line and no ``markdown`` attribute. Anything else is returned unchanged.

A Markdown extension, so both MkDocs and Zensical run it; under Zensical (which runs no MkDocs
events or hooks) it also adds what ``on_post_page_macros`` adds (:func:`after_macros`), gives the
component HTML's links the source-relative form Zensical reads (:func:`source_relative`) and makes
the per-page HTML changes of ``macros/page_html.py``. ARCHITECTURE.md, "Two engines".
"""
from __future__ import annotations

import hashlib
import html as htmllib
import os
import posixpath
import re
from typing import Callable

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .engine import relative_url
from .page_html import glossary_html, mark_external_links

_BLOCKS: dict[str, str] = {}  # key -> HTML, for the build in progress (cleared by begin())
_FIRST_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>")
_ID = re.compile(r'(?<![\w-])(id|name)="([^"]*)"')
PLACEHOLDER = re.compile(r'<div data-rbp-block="([0-9a-f]{20})">(?:<i id="[^"]*"></i>)*</div>')
# Python-Markdown's block-level tags that a component's HTML starts with.
BLOCK_TAGS = {"div", "section", "form", "nav", "aside", "details", "figure", "table", "ul", "ol", "dl", "p"}


# Under Zensical only (None under MkDocs): the page being rendered, as (URL, source), and what
# MkDocs's on_post_page_macros would add to its Markdown.
_PAGE: tuple[str, str] | None = None
_AFTER_MACROS: Callable[[str], str] | None = None
_HREF = re.compile(r'(?<![\w-])href="([^"]*)"')


def begin(zensical_page: tuple[str, str] | None = None) -> None:
    """A new build (MkDocs) or a new page (Zensical, with its URL and source): forget the last blocks."""
    global _PAGE, _AFTER_MACROS
    _BLOCKS.clear()
    _PAGE = zensical_page
    _AFTER_MACROS = None


def after_macros(add: Callable[[str], str]) -> None:
    """Under Zensical: ``add(markdown)`` gives the page's Markdown once its macros ran (the step
    banner, review line … that MkDocs adds in on_post_page_macros)."""
    global _AFTER_MACROS
    _AFTER_MACROS = add


def source_relative(href: str, page_url: str, src: str) -> str:
    """A link written relative to the page's URL (``../paths/x/`` on ``learn/my-learning/``) as the
    same target relative to the page's source folder (``paths/x/`` from ``learn/my-learning.md``).

    Zensical resolves every relative ``href`` in a page's HTML against its source file, as it does
    ``.md`` links; MkDocs leaves raw HTML alone. Scripts read ``data-`` attributes, which neither
    engine touches, so those keep page-relative URLs."""
    parts = re.match(r"([^?#]*)(.*)", href)
    path, rest = parts.group(1), parts.group(2)
    if not path or path.startswith("/") or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", path):
        return href
    target = posixpath.normpath(posixpath.join(page_url, path))
    target = "" if target == "." else target
    if target and (path.endswith("/") or posixpath.basename(path) in (".", "..")):
        target += "/"
    folder = posixpath.dirname(src)
    rel = relative_url(target, folder + "/" if folder else "")
    return (rel + "/" if not target and rel != "." else rel) + rest


def _for_engine(html: str) -> str:
    if _PAGE is None or "href=" not in html:
        return html
    page_url, src = _PAGE
    return _HREF.sub(lambda m: f'href="{source_relative(m.group(1), page_url, src)}"', html)


def anchors(html: str) -> list[str]:
    """What MkDocs counts as anchors in HTML: every ``id``, and ``name`` on ``<a>``."""
    found = []
    for tag in _TAG.finditer(html):
        for attr in _ID.finditer(tag.group(2) or ""):
            if attr.group(1) == "id" or tag.group(1).lower() == "a":
                found.append(htmllib.unescape(attr.group(2)))
    return list(dict.fromkeys(found))


def block(html: str) -> str:
    """A placeholder for ``html`` if Markdown would keep it whole, else ``html`` itself.
    ``RBP_NO_BLOCKS=1`` turns placeholders off (the site must come out the same either way)."""
    if os.environ.get("RBP_NO_BLOCKS") == "1":
        return html
    first = _FIRST_TAG.match(html)
    if not first or first.group(1).lower() not in BLOCK_TAGS or "\n\n" in html or " markdown=" in html:
        return html
    key = hashlib.sha1(html.encode("utf-8")).hexdigest()[:20]
    _BLOCKS[key] = html
    ids = "".join(f'<i id="{htmllib.escape(i)}"></i>' for i in anchors(html))
    return f'<div data-rbp-block="{key}">{ids}</div>'


def blocked(fn):
    """``fn`` with its output passed through :func:`block` (for a macro)."""
    def wrapped(*args, **kwargs):
        return block(fn(*args, **kwargs))

    wrapped.__name__, wrapped.__doc__ = fn.__name__, fn.__doc__
    return wrapped


def restore(text: str) -> str:
    def put_back(match: re.Match) -> str:
        try:
            return _for_engine(_BLOCKS[match.group(1)])
        except KeyError:
            raise RuntimeError(f"macros/blocks.py: no HTML kept for block {match.group(1)} (made in another build?)") from None

    return PLACEHOLDER.sub(put_back, text) if "data-rbp-block" in text else text


class Restore(Postprocessor):
    def run(self, text: str) -> str:
        text = restore(text)
        # Zensical runs no hooks: what hooks/abbreviations.py and hooks/print_page.py do to each page under MkDocs
        return mark_external_links(glossary_html(text)) if _PAGE is not None else text


class AfterMacros(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        add = _AFTER_MACROS
        return add("\n".join(lines)).split("\n") if add is not None else lines


class BlocksExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(Restore(md), "rbp_blocks", 0)  # after raw HTML is put back (30)
        # After Zensical's macros (35), before raw HTML is set aside (20); MkDocs never sets it.
        md.preprocessors.register(AfterMacros(md), "rbp_after_macros", 33)


def ensure(conf) -> None:
    """Have MkDocs convert pages with this extension, if the config does not list it (a test fixture's)."""
    extensions = conf["markdown_extensions"]
    if not any(e == "macros.blocks" or isinstance(e, BlocksExtension) for e in extensions):
        extensions.append(BlocksExtension())


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return BlocksExtension(**kwargs)
