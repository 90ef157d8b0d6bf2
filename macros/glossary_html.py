"""Glossary abbreviations reachable by keyboard and touch, so their tooltip shows on focus too.

An abbreviation inside a link is unwrapped instead: a focusable element inside a link would
be a nested control, and the link itself already says where it goes. Applied to a page's HTML by
hooks/abbreviations.py (MkDocs) and by the postprocessor in macros/blocks.py (Zensical).
"""
from __future__ import annotations

import re

LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.S)
ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)


def glossary_html(html: str) -> str:
    html = LINK.sub(lambda m: ABBR.sub(r"\1", m.group(0)), html)
    return html.replace("<abbr title=", '<abbr tabindex="0" title=')
