"""Every internal link and anchor in the built HTML resolves, including raw HTML the macros emit."""
from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

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


def test_every_internal_link_and_anchor_resolves(site_dir):
    broken, checked = [], 0
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        here = BASE + rel
        for href in parse(html).hrefs:
            if href.startswith(("mailto:", "tel:", "javascript:", "data:", "blob:")):
                continue
            url = urlparse(urljoin(here, href))
            if f"{url.scheme}://{url.netloc}/" != BASE:
                continue  # another site: not ours to check offline
            target = target_file(site_dir, url.path)
            checked += 1
            if target is None:
                broken.append(f"{rel}: {href} (no such page)")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in parse(target).ids:
                broken.append(f"{rel}: {href} (no anchor #{url.fragment})")
    assert checked > 500
    assert not broken, "\n".join(broken)
