"""macros/prerender.py gives exactly what Jinja gives, or leaves the page to Jinja."""
from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from macros import prerender
from tests.support.build import ROOT


def stub(name):
    return lambda *args, **kwargs: f"<{name} {args!r} {sorted(kwargs.items())!r}>"


# Every macro the site registers (ARCHITECTURE.md, Contracts).
MACROS = {n: stub(n) for n in ("cite contact link quiz quiz_list worksheet learning_path learning_paths my_learning diagram "
                               "reading_list glossary_list content_health latest_updates").split()}


def jinja(text: str) -> str:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.globals.update(MACROS)
    return env.from_string(text).render()


@pytest.mark.parametrize("text", [
    'A claim {{ cite("hollis1964") }}.\n',
    "Two {{ cite('a') }} and {{cite(\"b\", page=12)}} calls\n\nand a line\n",
    '{{ link("pams", "the PAMS site") }} {{ latest_updates(3) }} {{ quiz( "theories" ) }}',
    'No call at all, ends with two newlines\n\n',
    'Unicode “quotes” — {{ contact("duty-team") }}',
    '{{ cite("a",\n   page="4–5") }}\n',
])
def test_plain_calls_match_jinja(text):
    assert prerender.render(text, MACROS) == jinja(text)


@pytest.mark.parametrize("text", [
    '{% raw %}{{ cite("x") }}{% endraw %}',
    "{# a comment #} text",
    '{{ config.site_name }}',
    '{{ cite("a") | upper }}',
    '{{ cite(key) }}',
    '{{ cite("a", page=true) }}',
    '{{ cite(None) }}',
    '{{ cite(-1) }}',
    '{{ unknown_macro("a") }}',
    '{{- cite("a") }}',
    '{{ cite("a" ~ "b") }}',
    '{{ cite(*["a"]) }}',
    '{{ cite(**{"a": 1}) }}',
])
def test_anything_else_is_left_to_jinja(text):
    assert prerender.render(text, MACROS) is None


def test_a_call_that_fails_is_left_to_jinja_to_report():
    def broken(key):
        raise ValueError("docs/x.md:3: no reference 'nope'")
    assert prerender.render('{{ cite("nope") }}', {"cite": broken}) is None


@pytest.mark.parametrize("page", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md")))
def test_every_real_page_renders_as_jinja_would(page):
    text = (ROOT / page).read_text(encoding="utf-8")
    fast = prerender.render(text, MACROS)
    if fast is not None:
        assert fast == jinja(text)


def test_most_real_pages_skip_jinja():
    """A guard on the build's cost: if this drops, a new page pattern is sending pages back to Jinja."""
    pages = list((ROOT / "docs").rglob("*.md"))
    left = [p for p in pages if any(s in p.read_text() for s in ("{{", "{%", "{#"))
            and prerender.render(p.read_text(), MACROS) is None]
    assert len(left) <= len(pages) // 10, left
