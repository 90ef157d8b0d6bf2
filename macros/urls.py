"""Links from the page being rendered to other pages: one place that knows how URLs are made.

Macros write two kinds of link. In Markdown they write a link to the ``.md`` source
(:meth:`Here.md_link`), which MkDocs checks and resolves. In raw HTML and in ``data-``
attributes for scripts, nothing resolves them later, so they get the finished URL relative to
the page (:meth:`Here.url`).
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from .engine import get_relative_url, page_src, page_url

SAFE_SCHEMES = {"http", "https", "mailto"}


def unsafe(href: str) -> bool:
    """A link with a scheme that could run code or leave the web (javascript:, data:, file: …)."""
    scheme = urlsplit(href).scheme.lower()
    return bool(scheme) and scheme not in SAFE_SCHEMES


def default_url(src: str, use_directory_urls: bool = True) -> str:
    """A page's site URL as MkDocs makes it: ``theory/index.md`` -> ``theory/``."""
    stem = src[:-3]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass
class Here:
    """The page being rendered: its source, its URL, and how to find other pages' URLs."""

    src: str = "index.md"  # docs-relative source of the page
    page_url: str = ""  # the page's URL, relative to the site root ("theory/")
    dest_url: Callable[[str], str | None] | None = None  # docs path -> site URL, None if no such page

    @classmethod
    def of(cls, env) -> "Here":
        """The page mkdocs-macros is rendering now."""
        files = env.variables.get("files")
        if not hasattr(files, "get_file_from_path"):  # Zensical passes an empty list
            files = None
        use_dirs = env.conf.get("use_directory_urls", True)

        def dest_url(path: str) -> str | None:
            if files is not None:
                file = files.get_file_from_path(path)
                return file.url if file is not None else None
            return default_url(path, use_dirs)

        return cls(page_src(env), page_url(env), dest_url)

    def site_url(self, src: str) -> str | None:
        return self.dest_url(src) if self.dest_url is not None else default_url(src)

    def url(self, target: str) -> str | None:
        """``theory/index.md#a`` (docs-relative) as a URL relative to this page, or None if no such page."""
        path, _, anchor = target.partition("#")
        if anchor and path == self.src:
            return f"#{anchor}"
        url = self.site_url(path)
        if url is None:
            return None
        rel = get_relative_url(url, self.page_url)
        if url.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return rel + (f"#{anchor}" if anchor else "")

    def link(self, href: str, base: str = "") -> str | None:
        """An href written in text, relative to ``base`` (a docs folder), made safe and page-relative."""
        if not href or unsafe(href):
            return None
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("#") or not parts.path.endswith(".md"):
            return href
        target = posixpath.normpath(posixpath.join(base, parts.path))
        return self.url(target + (f"#{parts.fragment}" if parts.fragment else ""))

    def md_link(self, target: str) -> str:
        """A Markdown link target from this page to a docs page (``../reading-list/index.md#x``)."""
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(self.src) or ".")
        return rel + (f"#{anchor}" if anchor else "")
