"""Version the site's own stylesheets and scripts by their content, so hosting can cache them for a year.

Material names its bundles with a content hash (``bundle.a5f9d56c.min.js``); the site's own files
keep their names and get ``?v=<hash>`` instead, from the ``config.extra.rbp_fingerprint`` function this
hook gives the theme's templates (the ``asset`` macro in ``overrides/main.html``). A new
build with a changed file gives it a new address, so no reader keeps an old copy
(``deploy/nginx.conf`` sends ``immutable`` only for addresses that carry a version).

It also gives the theme's Jinja environment a compiled-template cache that outlives a rebuild
(``macros/buildcache.py``), so the live preview does not compile Material's templates each time,
and lists the theme's files without walking Material's 14,000 icons (the same files result).
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from mkdocs.plugins import event_priority

from macros import buildcache


@event_priority(100)  # before Material's search plugin makes its environments
def on_config(config, **_kwargs):
    buildcache.quicken(config.theme, Path(config["config_file_path"]).parent / ".cache" / "jinja")
    config.extra["rbp_fingerprint"] = fingerprinter(Path(config["docs_dir"]))
    config.extra["rbp_engine"] = "mkdocs"  # templates that differ by engine ask (Zensical runs no hooks)
    return config


def fingerprinter(docs: Path):
    """``fingerprint(path)``: the first 10 hex digits of the SHA-256 of ``docs/<path>``, for the
    templates as ``config.extra.rbp_fingerprint`` (a value in ``extra``, not a Jinja filter, so a
    template that Zensical renders without this hook still works, with unversioned addresses)."""

    @cache  # one build: a file's hash is read once however many pages link it
    def fingerprint(path: str) -> str:
        source = docs / path
        if not source.is_file():
            raise FileNotFoundError(f"overrides/main.html: no file docs/{path} to link")
        return hashlib.sha256(source.read_bytes()).hexdigest()[:10]

    return fingerprint
