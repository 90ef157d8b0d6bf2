"""What a live preview can keep from one rebuild to the next, in the `mkdocs serve` process.

MkDocs makes a new Jinja environment for the theme on every rebuild, so each rebuild compiled
Material's templates again (about a fifth of a rebuild of this site). ``THEME`` keeps each
compiled template, keyed by its name and a checksum of its source, so an edited template is
compiled afresh and an unchanged one is not (``hooks/assets.py`` gives it to the theme). It
helps a single build too: Material's search plugin makes its own environments for its settings.
It also keeps them in ``.cache/jinja/`` (not in git), so ``make build`` and each test build of the
project load Material's templates compiled instead of compiling them (0.3–0.4 s a build here).
It lives here, beside the features' partials that share it.

``PRINTED`` keeps what the print page made of each page, so a preview rebuild remakes only the
edited page's part. ``quicken`` gives every theme environment that cache, and a file listing that skips Material's
icon folder.
"""
from __future__ import annotations

import os
from pathlib import Path

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, and in ``directory`` when one is set, so that the next build
    (another process) loads them instead of compiling. Jinja checks each entry's source checksum
    and its own and Python's version, and compiles afresh when they differ."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}
        self.directory: Path | None = None

    def _file(self, key: str) -> Path | None:
        return self.directory / f"{key}.jbc" if self.directory else None

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is None and (path := self._file(bucket.key)) is not None:
            try:
                code = path.read_bytes()
            except OSError:
                return
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        self.store[bucket.key] = code
        if (path := self._file(bucket.key)) is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                part = path.with_suffix(f".{os.getpid()}.part")
                part.write_bytes(code)
                os.replace(part, path)  # a build beside this one never reads half a file
            except OSError:
                pass  # a read-only checkout builds as before, compiling each time


THEME = MemoryBytecodeCache()
# The features' own partials (macros/templates/), compiled once and kept beside the theme's.
PARTIALS = MemoryBytecodeCache()
PARTIALS.directory = Path(__file__).resolve().parents[1] / ".cache" / "jinja"

# What hooks/print_page.py made of each page, keyed by everything it depends on.
PRINTED: dict[tuple, str] = {}
KEEP = 200  # entries a cache holds before it starts again (a long preview session edits many times)


def remember(cache: dict, key, value) -> None:
    if len(cache) >= KEEP:
        cache.clear()
    cache[key] = value


def theme_files(searchpath: list[str]) -> list[str]:
    """What ``jinja2.FileSystemLoader.list_templates`` gives, less everything inside a folder whose
    name starts with a dot.

    MkDocs lists every file of the theme to find its static files and then drops, among others,
    anything under a dot folder (its ``'.*'`` and ``'*/.*'`` patterns). Material keeps its 14,000
    icons in ``.icons``, so walking and pattern-matching them was a tenth of a second of every build
    and rebuild, for nothing. Not walking them gives MkDocs the same static files.
    """
    found: set[str] = set()
    for top in searchpath:
        for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                template = os.path.join(dirpath, name)[len(top):].strip(os.path.sep).replace(os.path.sep, "/")
                found.add(template[2:] if template[:2] == "./" else template)
    return sorted(found)


def quicken(theme, cache_dir: Path | None = None) -> None:
    """Give each Jinja environment ``theme`` makes the compiled-template cache, ``THEME`` (MkDocs makes
    one for the pages, and Material's search plugin two more on each build, to read its language
    settings), kept in ``cache_dir`` for the next build, and a file listing by :func:`theme_files`."""
    THEME.directory = cache_dir
    make = theme.get_env

    def get_env():
        env = make()
        env.bytecode_cache = THEME
        loader = env.loader
        if isinstance(loader, jinja2.FileSystemLoader):
            loader.list_templates = lambda: theme_files(list(loader.searchpath))
        return env

    theme.get_env = get_env
