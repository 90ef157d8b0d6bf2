"""Glossary abbreviations reachable by keyboard and touch (macros/page_html.py says how)."""
from __future__ import annotations

from macros.page_html import glossary_html


def on_page_content(html: str, **_kwargs) -> str:
    return glossary_html(html)
