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



def test_compiled_theme_templates_outlive_a_rebuild():
    """The live preview's second build reuses compiled templates; an edited template is compiled afresh."""
    import jinja2

    from macros.buildcache import MemoryBytecodeCache

    cache = MemoryBytecodeCache()
    sources = {"page.html": "Hello {{ name }}"}
    compiled = []

    class Counting(jinja2.DictLoader):
        def get_source(self, environment, template):
            compiled.append(template)
            return super().get_source(environment, template)

    def build():
        env = jinja2.Environment(loader=Counting(sources), bytecode_cache=cache)
        return env.get_template("page.html").render(name="reader")

    assert build() == "Hello reader" and len(cache.store) == 1
    first = dict(cache.store)
    assert build() == "Hello reader" and cache.store == first  # same source: same entry, nothing new
    sources["page.html"] = "Hi {{ name }}"
    assert build() == "Hi reader" and len(cache.store) == 2
