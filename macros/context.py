"""Where a macro was called from, so errors can name the page and line."""
from __future__ import annotations

from pathlib import Path

from .loader import DataError, unknown_key_message


def page_path(env) -> str:
    """The page being rendered, as the author sees it: ``docs/theory/index.md``."""
    docs = Path(env.conf["docs_dir"])
    root = Path(env.project_dir)
    try:
        prefix = docs.relative_to(root).as_posix()
    except ValueError:
        prefix = docs.as_posix()
    return f"{prefix}/{env.page.file.src_uri}"


def call_line(env, name: str, key: str) -> int | None:
    """Line of the first ``name("key"`` call in the page's Markdown, if found."""
    text = getattr(env, "markdown", "") or ""
    for quote in ('"', "'"):
        needle = f"{name}({quote}{key}{quote}"
        for number, line in enumerate(text.splitlines(), start=1):
            if needle in line.replace(" ", ""):
                return number
    return None


def unknown(env, macro: str, kind: str, key: str, known) -> DataError:
    """The error for ``{{ macro("key") }}`` with a key that does not exist."""
    return DataError(unknown_key_message(page_path(env), kind, key, known, call_line(env, macro, key)))
