"""The same site built by both engines: MkDocs (the default build) and Zensical (``make zensical``).

In each build every internal link resolves, every URL the scripts read from ``data-`` attributes
(which neither engine rewrites) points at a page that exists, and the Zensical build has every part
the MkDocs build has: quizzes, worksheet, step banners, review lines, glossary tooltips, feed, CSP
file and the print page.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from tests.support.build import ENGINE, ROOT, copy_project, mkdocs_build, zensical_build

BASE = "http://site.invalid/"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag in ("a", "area") and a.get("href"):
            self.hrefs.append(a["href"])


@lru_cache(maxsize=None)
def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def target_file(site: Path, url_path: str) -> Path | None:
    path = site / unquote(url_path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.exists() else None


DATA_ATTR = re.compile(r'\s(data-[a-z-]+)="([^"]*)"')
SCRIPTS = re.compile(r'<script src="([^"]*core\.js)[^"]*"[^>]*data-rbp-scripts="([^"]*)"')


@pytest.fixture(scope="session")
def zensical_site(built, tmp_path_factory) -> Path:
    pytest.importorskip("zensical", reason="Zensical is installed by make test and make zensical")
    if ENGINE == "zensical":
        return built.site
    build = zensical_build(copy_project(tmp_path_factory.mktemp("zensical") / "project"))
    assert build.returncode == 0, build.output
    return build.site


@pytest.fixture(scope="session")
def mkdocs_site(built, tmp_path_factory) -> Path:
    if ENGINE == "mkdocs":
        return built.site
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build.site


@pytest.fixture(params=["mkdocs", "zensical"])
def build(request) -> Path:
    return request.getfixturevalue(f"{request.param}_site")


def _pages(site: Path) -> list[tuple[str, str]]:
    return [(p.relative_to(site).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]


def _resolve(site: Path, page: str, href: str) -> str | None:
    """What is wrong with ``href`` on ``page``, or None if it leads to a page (and anchor) that exists."""
    url = urlparse(urljoin(BASE + page, href))
    if f"{url.scheme}://{url.netloc}/" != BASE:
        return None
    target = target_file(site, url.path)
    if target is None:
        return "no such page"
    if url.fragment and target.suffix == ".html" and unquote(url.fragment) not in parse(target).ids:
        return f"no anchor #{url.fragment}"
    return None


def _hrefs_in(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "href" and isinstance(item, str):
                yield item
            else:
                yield from _hrefs_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _hrefs_in(item)


def script_urls(text: str):
    """Every URL a script takes from the page: data-href, each href in a data- attribute's JSON, and
    the component scripts core.js loads from beside itself."""
    for name, raw in DATA_ATTR.findall(text):
        value = html.unescape(raw)
        if name == "data-href":
            yield name, value
        elif value[:1] in "{[":
            for href in _hrefs_in(json.loads(value)):
                yield name, href
    for core, names in SCRIPTS.findall(text):
        folder = core.rsplit("/", 1)[0] + "/"
        for script in names.split():
            yield "data-rbp-scripts", folder + script


def test_every_internal_link_resolves(build):
    broken, checked = [], 0
    for page, _ in _pages(build):
        for href in parse(build / page).hrefs:
            if href.startswith(("mailto:", "tel:", "javascript:", "data:", "blob:")):
                continue
            checked += 1
            if (problem := _resolve(build, page, href)) is not None:
                broken.append(f"{page}: {href} ({problem})")
    assert checked > 500
    assert not broken, "\n".join(broken)


def test_every_url_the_scripts_read_resolves(build):
    broken, checked = [], 0
    for page, text in _pages(build):
        for attribute, href in script_urls(text):
            checked += 1
            if (problem := _resolve(build, page, href.split("?")[0] if attribute == "data-rbp-scripts" else href)) is not None:
                broken.append(f"{page}: {attribute} {href} ({problem})")
    assert checked > 200
    assert not broken, "\n".join(broken)


PARTS = {
    "quizzes": re.compile(r'data-quiz="'),
    "worksheets": re.compile(r'data-worksheet="'),
    "step banners": re.compile(r"data-path-banner="),
    "review lines": re.compile(r'class="rbp-review"'),
    "glossary tooltips": re.compile(r'<abbr tabindex="0" title='),
    "record links": re.compile(r"#your-cpd-record"),
    "links marked for print": re.compile(r"data-print-url="),
    "print page parts": re.compile(r'class="rbp-print-page"'),
}


def test_the_zensical_build_has_every_part_the_mkdocs_build_has(mkdocs_site, zensical_site):
    def count(site: Path) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for page, text in _pages(site):
            for part, pattern in PARTS.items():
                if n := len(pattern.findall(text)):
                    found.setdefault(part, {})[page] = n
        return found

    mkdocs, zensical = count(mkdocs_site), count(zensical_site)
    assert set(mkdocs) == set(PARTS)  # every part is on some page, so the comparison means something
    assert zensical == mkdocs
    for name in ("feed.xml", "csp-header.conf"):
        assert (zensical_site / name).read_text(encoding="utf-8").strip(), name
    assert (zensical_site / "feed.xml").read_text(encoding="utf-8") == (mkdocs_site / "feed.xml").read_text(encoding="utf-8")
