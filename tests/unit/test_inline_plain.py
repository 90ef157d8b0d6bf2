"""Inline's shortcut for plain text gives exactly what Markdown gives."""
from __future__ import annotations

import pytest
import yaml

from macros import inline
from tests.support.build import ROOT


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def by_markdown(text: str) -> str:
    md, _ = inline._markdown(lambda href: href)
    return inline._inline(md.convert(text))


REAL = sorted({t for f in (ROOT / "data").rglob("*.yml") for t in strings(yaml.safe_load(f.read_text(encoding="utf-8")))})


def test_plain_text_in_the_real_data_is_unchanged_by_markdown():
    plain = [t for t in REAL if inline.is_plain(t)]
    assert len(plain) > len(REAL) // 2  # the shortcut is the common case
    assert [t for t in plain if by_markdown(t) != t] == []


@pytest.mark.parametrize("text", [
    "- a list", "+ a list", "1. a list", "# a heading", "> a quote", "    code", "Tom & Jerry", "a <b>",
    "line one\nline two", "two spaces at the end  ", "*stress*", "a [link](x.md)", "snake_case", "`code`",
    "a {: .class }", "Ends with a backslash\\", "=== underline", "---",
])
def test_anything_markdown_would_change_takes_the_long_way(text):
    assert not inline.is_plain(text)


