"""What several features do to what they put in a page: their Jinja partials, one HTML block
Markdown leaves alone, JSON for a ``data-`` attribute, a line under the heading, and dates written
the way pages show them."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jinja2

from . import buildcache
from .site import heading_index


# The page that prints the whole framework, and the sections it prints (hooks/print_page.py; the
# live preview rebuilds it when a page in them changes, macros/preview.py).
PRINT_PAGE = "about/print.md"
PRINTED = ("theory/", "practice/", "tools/", "reading-list/")


def templates(folder: Path) -> jinja2.Environment:
    """A feature's Jinja partials in ``folder``: autoescaped, strict about undefined names, and with
    block tags that leave no blank lines."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              bytecode_cache=buildcache.PARTIALS)


def insert_after_h1(markdown: str, block: str) -> str:
    """Put ``block`` right after the page's first ``# `` heading (or at the top if it has none)."""
    lines = markdown.split("\n")
    at = heading_index(lines)
    at = 0 if at is None else at + 1
    return "\n".join(lines[:at] + ["", block, ""] + lines[at:])


def long_date(day: dt.date) -> str:
    """26 November 2026."""
    return f"{day.day} {day:%B %Y}"


def compact(html: str) -> str:
    """One raw HTML block for Markdown: no blank lines, no indentation that could read as code."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def data_json(data: Any) -> str:
    """Compact JSON for a ``data-`` attribute (the template escapes it).

    Not a <script type="application/json"> block: Material's instant navigation re-runs every
    script in the page as JavaScript, and a strict CSP would block it.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
