"""What several features need from a page's Markdown: its title, where its heading is, and a
place to add a line under it; and dates written the way pages show them."""
from __future__ import annotations

import datetime as dt
import re

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ATTRS = re.compile(r"\s*\{[:#.][^{}]*\}\s*$|\s*\{\s*[#.][^{}]*\}\s*$")
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


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
    title = _ATTRS.sub("", H1.match(lines[at]).group(1))
    title = _LINK.sub(r"\1", _MACRO.sub("", title))
    return re.sub(r"[*_`]", "", title).strip() or None


def insert_after_h1(markdown: str, block: str) -> str:
    """Put ``block`` right after the page's first ``# `` heading (or at the top if it has none)."""
    lines = markdown.split("\n")
    at = heading_index(lines)
    at = 0 if at is None else at + 1
    return "\n".join(lines[:at] + ["", block, ""] + lines[at:])


def long_date(day: dt.date) -> str:
    """26 November 2026."""
    return f"{day.day} {day:%B %Y}"
