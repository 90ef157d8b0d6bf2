"""The little the macros need from the engine that builds the site, in one place.

MkDocs with Material is the default build; Zensical (``make zensical``) is the other. The macros
import these names from here, never from ``mkdocs`` or ``mkdocs_macros``, so they also load in an
environment that has only Zensical:

- ``PluginError``: MkDocs's error that stops a build with its message and no traceback;
- ``get_relative_url``: MkDocs's rule for one site URL relative to another;
- ``register_error_format``: tells mkdocs-macros how to print a data error (``file:line: message``);
- ``is_zensical(env)``: whether a macro environment is Zensical's.
"""
from __future__ import annotations

from typing import Any, Callable

def _parts(path: str) -> list[str]:
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out:
                out.pop()
        else:
            out.append(part)
    return out


def relative_url(url: str, other: str) -> str:
    """``url`` relative to ``other``, as ``mkdocs.utils.get_relative_url`` (MkDocs 1.6) makes it
    (tests/unit/test_engine.py compares the two)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    here, there = _parts(other), _parts(url)
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


try:
    from mkdocs.exceptions import PluginError
    from mkdocs.utils import get_relative_url
except ImportError:  # an environment with Zensical only
    class PluginError(Exception):  # type: ignore[no-redef]
        """An error that stops the build with its message."""

    get_relative_url = relative_url


def register_error_format(error_type: type, render: Callable[[Any], str]) -> None:
    """Make mkdocs-macros print ``render(error)`` for ``error_type`` instead of its traceback dump."""
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # Zensical prints the exception's message itself
        return
    format_error.register(error_type)(lambda error, markdown, page: render(error))


def is_zensical(env: Any) -> bool:
    """Whether ``env`` is Zensical's macro environment (``zensical.extensions.macros.MacroEnv``)."""
    return type(env).__module__.startswith("zensical")


def page_src(env: Any) -> str:
    """The docs-relative source of the page being rendered: ``theory/index.md``."""
    page = env.page
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path  # Zensical's page has only its path


def page_url(env: Any) -> str:
    """The site-relative URL of the page being rendered: ``theory/``."""
    return env.page.url.lstrip("/")


def jinja_env(env: Any):
    """The Jinja environment the macros render with: mkdocs-macros keeps it as ``env.env``;
    Zensical does not expose its own, so text inside data (quiz text that cites) gets a strict one."""
    own = getattr(env, "env", None)
    if own is not None:
        return own
    import jinja2  # noqa: PLC0415
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)  # noqa: S701 (Markdown, not HTML)
