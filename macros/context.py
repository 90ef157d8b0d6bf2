"""Where a macro was called from, so errors can name the page and line."""
from __future__ import annotations

from pathlib import Path

from .engine import page_src
from .loader import DataError, unknown_key_message
from .site import SiteIndex


def page_path(env) -> str:
    """The page being rendered, as the author sees it: ``docs/theory/index.md``."""
    docs = Path(env.conf["docs_dir"])
    root = Path(env.project_dir)
    try:
        prefix = docs.relative_to(root).as_posix()
    except ValueError:
        prefix = docs.as_posix()
    return f"{prefix}/{page_src(env)}"


def unknown(env, index: SiteIndex, macro: str, kind: str, key: str, known) -> DataError:
    """The error for ``{{ macro("key") }}`` with a key that does not exist, at its line in the file
    (the index counts lines from the top of the file, front matter included)."""
    page = index.page(page_src(env))
    line = next((c.line for c in page.calls if c.macro == macro and c.key == key), None) if page else None
    return DataError(unknown_key_message(page_path(env), kind, key, known, line))


def check_placed_once(env, index: SiteIndex, macro: str, what: str, key: str) -> None:
    """Stop the build if ``{{ macro("key") }}`` is on the page being rendered more than once: two
    copies would share element ids and answers."""
    page = index.page(page_src(env))
    if page is not None and page.keys(macro).count(key) > 1:
        raise DataError(f"{page_path(env)}: the {what} '{key}' is placed twice on this page; place it once")
