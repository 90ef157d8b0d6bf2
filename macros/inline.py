"""Safe inline Markdown for text that comes from YAML (quiz prompts, feedback …).

Text from YAML is never HTML: ``<script>`` shows as text. Links are made safe and
page-relative, images become their alt text, and macros in the text (``{{ cite("key") }}``)
are rendered, their output kept as it is. :func:`problems` checks a text at load time so an
editor hears of a bad link or a second paragraph with its file and line.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import unescape
from typing import Any, Callable
from urllib.parse import urlsplit

import jinja2
import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .site import MACRO, SiteIndex
from .urls import Here, unsafe

_TAG = re.compile(r"<[^>]+>")
_STASHED = re.compile("\ue000([0-9]+)\ue001")
_ONE_P = re.compile(r"^<p>(.*)</p>$", re.S)
_SYNTAX = jinja2.Environment()
# Text Markdown would leave as it is: no markup characters, no line breaks, and a first character
# that cannot start a list, heading, quote or code block. Most quiz texts are this; converting
# them was most of the time a page with a quiz took to build.
_PLAIN = re.compile(r"[A-Za-z\"'‘“(][^\\`*_\[\]<>&{}!#|~\n\ue000\ue001]*")

Jinja = Callable[[str, Callable[[Any], str]], str]  # render {{ … }} with every macro, wrapping each output


class _Links(Treeprocessor):
    """Make links safe and page-relative; keep a list of every link target seen."""

    def __init__(self, md, resolve: Callable[[str], str | None]):
        super().__init__(md)
        self.resolve = resolve
        self.seen: list[str] = []
        self.images = 0

    def run(self, root):
        for parent in list(root.iter()):
            for i, el in enumerate(list(parent)):
                if el.tag == "img":
                    self.images += 1
                    span = etree.Element("span")
                    span.text = el.get("alt", "")
                    span.tail = el.tail
                    parent.remove(el)
                    parent.insert(i, span)
        for a in root.iter("a"):
            href = a.get("href", "")
            self.seen.append(href)
            a.set("href", self.resolve(href) or "")
            if not a.get("href"):
                del a.attrib["href"]
        return None


def _markdown(resolve: Callable[[str], str | None]) -> tuple[markdown.Markdown, _Links]:
    md = markdown.Markdown(extensions=["attr_list"])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    links = _Links(md, resolve)
    md.treeprocessors.register(links, "rbp_links", 1)
    return md, links


def unwrap(html: str) -> str | None:
    """The inside of a single paragraph, or None if the HTML is anything else."""
    m = _ONE_P.match(html.strip())
    if m and "<p>" not in m.group(1) and "</p>" not in m.group(1):
        return m.group(1)
    return None


def _inline(html: str) -> str:
    inner = unwrap(html)
    return html if inner is None else inner


def text_of(html: str) -> str:
    """Visible text of rendered HTML (for accessible names and <option> labels); escape it again to use it."""
    return " ".join(unescape(_TAG.sub("", html)).split())


def is_plain(text: str) -> bool:
    """True when Markdown would give the text back unchanged (one line, no markup, no links)."""
    return bool(_PLAIN.fullmatch(text)) and not text.endswith(" ")


class Inline:
    """Renders one-line texts for one page: ``inline("A *safe* [link](theory/index.md)")``."""

    def __init__(self, here: Here, jinja: Jinja | None = None):
        self.here = here
        self.jinja = jinja
        # Authors write links relative to docs/; macros (cite) write them relative to the page.
        self.md, _ = _markdown(lambda href: here.link(href, ""))
        self.md_macro, _ = _markdown(lambda href: here.link(href, here.src.rpartition("/")[0]))
        self.stash: list[str] = []

    def _macro_output(self, value: Any) -> str:
        out = "" if value is None else str(value)
        if not out.lstrip().startswith("<"):
            self.md_macro.reset()
            out = _inline(self.md_macro.convert(out))
        self.stash.append(out)
        # Private-use characters: Markdown leaves them alone, and no author types them.
        return f"\ue000{len(self.stash) - 1}\ue001"

    def __call__(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        if is_plain(text):
            return Markup(text)
        self.md.reset()
        self.stash = []
        source = text
        if ("{{" in text or "{%" in text) and self.jinja is not None:
            source = self.jinja(text, self._macro_output)
        html = _inline(self.md.convert(source))
        return Markup(_STASHED.sub(lambda m: self.stash[int(m.group(1))], html))


_CHECKER: tuple[markdown.Markdown, _Links] | None = None


def _checker() -> tuple[markdown.Markdown, _Links]:
    """One Markdown converter for every check (making one per text was most of a quiz's load time)."""
    global _CHECKER
    if _CHECKER is None:
        _CHECKER = _markdown(lambda href: href)
    md, links = _CHECKER
    md.reset()
    links.seen, links.images = [], 0
    return md, links


def syntax_error(text: str) -> str | None:
    """Why the ``{{ … }}`` parts of a text are not valid Jinja, or None."""
    if "{" not in text:
        return None
    try:
        _SYNTAX.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return exc.message
    return None


def problems(text: str, index: SiteIndex, what: str) -> list[str]:
    """What is wrong with one text: more than one paragraph, images, links that go nowhere."""
    out = []
    if is_plain(text):
        return out
    md, links = _checker()
    html = md.convert(MACRO.sub("", text))
    if html.strip() and unwrap(html) is None:
        out.append(f"{what} must be one line of text (no blank lines, lists or headings)")
    if links.images:
        out.append(f"{what}: images are not supported in quizzes")
    for href in links.seen:
        parts = urlsplit(href)
        if unsafe(href):
            out.append(f"{what}: the link '{href}' is not allowed; link to a page in docs/ or an https:// address")
        elif not parts.scheme and not parts.netloc and parts.path:
            why = index.problem_with(href)
            if why:
                out.append(f"{what}: the link '{href}' {why}")
    return out
