"""Version the site's own stylesheets and scripts by their content, so hosting can cache them for a year.

Material names its bundles with a content hash (``bundle.a5f9d56c.min.js``); the site's own files
keep their names and get ``?v=<hash>`` instead, from the ``fingerprint`` filter this hook gives the
theme's templates: ``{{ path | url }}?v={{ path | fingerprint }}`` in ``overrides/main.html``. A new
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
    return config


def on_env(env, config, files, **_kwargs):
    docs = Path(config["docs_dir"])

    @cache  # one build: a file's hash is read once however many pages link it
    def fingerprint(path: str) -> str:
        source = docs / path
        if not source.is_file():
            raise FileNotFoundError(f"overrides/main.html: no file docs/{path} to link")
        return hashlib.sha256(source.read_bytes()).hexdigest()[:10]

    env.filters["fingerprint"] = fingerprint
    return env
