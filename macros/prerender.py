"""Pages without Jinja: most pages need mkdocs-macros only for a few plain calls.

mkdocs-macros compiles every page into a Jinja template before rendering it — the largest cost
it adds to a build (a few ms a page). This module is its ``on_pre_page_macros`` step:

* a page with no ``{{``, ``{%`` or ``{#`` is not rendered at all;
* a page whose only Jinja is plain calls with literal arguments, ``{{ cite("hollis1964") }}`` or
  ``{{ link("pams", "the PAMS site") }}``, has each call replaced by the macro's output — what
  Jinja would print — and is then not rendered either;
* anything else (``{% raw %}``, filters, variables, a call that fails) is left to Jinja, so its
  output and its error messages are exactly mkdocs-macros' own.

A page that sets ``render_macros`` in its front matter keeps that setting.
"""
from __future__ import annotations

import ast
import re
from typing import Any, Callable, Mapping

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
_CALL = re.compile(r"\s*([A-Za-z_]\w*)\((.*)\)\s*", re.S)


def _literal(node: ast.AST) -> bool:
    """A string or number: the same in Jinja and Python (True/None are not Jinja's spelling)."""
    return isinstance(node, ast.Constant) and type(node.value) in (str, int, float)


def _call(expression: str, macros: Mapping[str, Callable]) -> tuple[Callable, list, dict] | None:
    """(macro, args, kwargs) when the expression is ``name(literal, …, key=literal)``, else None."""
    m = _CALL.fullmatch(expression)
    if not m or m.group(1) not in macros:
        return None
    try:
        tree = ast.parse(f"_({m.group(2)})", mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(tree, ast.Call) or not all(map(_literal, tree.args)):
        return None
    if any(k.arg is None or not _literal(k.value) for k in tree.keywords):
        return None
    return macros[m.group(1)], [a.value for a in tree.args], {k.arg: k.value.value for k in tree.keywords}


def render(markdown: str, macros: Mapping[str, Callable]) -> str | None:
    """The page with every macro call replaced by its output, or None if Jinja must render it."""
    if "{%" in markdown or "{#" in markdown:
        return None
    calls = []
    for m in _EXPRESSION.finditer(markdown):
        call = _call(m.group(1), macros)
        if call is None:
            return None
        calls.append((m, call))
    out, last = [], 0
    for m, (macro, args, kwargs) in calls:
        try:
            value: Any = macro(*args, **kwargs)
        except Exception:  # noqa: BLE001 — Jinja renders the page again and reports it its own way
            return None
        out += [markdown[last:m.start()], str(value)]
        last = m.end()
    out.append(markdown[last:])
    text = "".join(out)
    return text[:-1] if text.endswith("\n") else text  # as Jinja drops a template's last newline


def pre_page(env) -> None:
    """``on_pre_page_macros``: replace the page's calls, and say whether Jinja need render it."""
    meta = env.page.meta
    if "render_macros" in meta:
        return
    if "{{" not in env.markdown and "{%" not in env.markdown and "{#" not in env.markdown:
        _skip_jinja(env.page)
        return
    text = render(env.markdown, env.macros)
    if text is not None:
        env.markdown = text
        _skip_jinja(env.page)


def _skip_jinja(page) -> None:
    page.meta["render_macros"] = False  # mkdocs-macros' own switch, read as it renders the page
    page.rbp_prerendered = True


def post_page(env) -> None:
    """``on_post_page_macros``: take the switch out of the page's front matter again. A page whose
    ``meta`` is not empty makes Material's navigation look up icon, subtitle, encryption and status
    for it on every page of the site, so leaving it cost a build time that grew with the square of the
    page count (at 300 pages: 2.0 million template lookups instead of 1.3 million)."""
    if getattr(env.page, "rbp_prerendered", False):
        env.page.meta.pop("render_macros", None)
