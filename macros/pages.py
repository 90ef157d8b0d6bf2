"""What several features do to a page's Markdown and to dates: add a line under the heading,
and write a date the way pages show it."""
from __future__ import annotations

import datetime as dt

from .site import heading_index


def insert_after_h1(markdown: str, block: str) -> str:
    """Put ``block`` right after the page's first ``# `` heading (or at the top if it has none)."""
    lines = markdown.split("\n")
    at = heading_index(lines)
    at = 0 if at is None else at + 1
    return "\n".join(lines[:at] + ["", block, ""] + lines[at:])


def long_date(day: dt.date) -> str:
    """26 November 2026."""
    return f"{day.day} {day:%B %Y}"
