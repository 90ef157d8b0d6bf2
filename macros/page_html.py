"""Changes both engines make to each page's HTML once Markdown is converted: applied by hooks
(hooks/abbreviations.py, hooks/print_page.py) under MkDocs and by the postprocessor in
macros/blocks.py under Zensical, which runs no hooks.

- Glossary abbreviations become reachable by keyboard and touch, so their tooltip shows on focus
  too. An abbreviation inside a link is unwrapped instead: a focusable element inside a link
  would be a nested control, and the link itself already says where it goes.
- Links to other websites are tagged with their address, so print.css can print it.
"""
from __future__ import annotations

import re

LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.S)
ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)
EXTERNAL_LINK = re.compile(r'<a\b(?![^>]*\bdata-print-url=)([^>]*?\bhref="(https?://[^"]+)")')


def glossary_html(html: str) -> str:
    html = LINK.sub(lambda m: ABBR.sub(r"\1", m.group(0)), html)
    return html.replace("<abbr title=", '<abbr tabindex="0" title=')


def mark_external_links(html: str) -> str:
    """Tag links to other websites so print.css can print their address (Material's instant
    navigation makes every href absolute in the browser, so CSS cannot tell them apart)."""
    return EXTERNAL_LINK.sub(lambda m: f'<a data-print-url="{m.group(2)}"{m.group(1)}', html)
