"""The built site's pages, as URLs relative to the site root."""
from __future__ import annotations

from pathlib import Path

SKIP = {"404.html"}


def built_pages(site: Path) -> list[str]:
    """Every HTML page a reader can reach: ``""``, ``theory/``, ``theory/rapport/`` …"""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel in SKIP or rel.startswith(("assets/", "search/")):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages
