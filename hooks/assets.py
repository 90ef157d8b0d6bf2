"""Version the site's own stylesheets and scripts by their content, so hosting can cache them for a year.

Material names its bundles with a content hash (``bundle.a5f9d56c.min.js``); the site's own files
keep their names and get ``?v=<hash>`` instead, from the ``fingerprint`` filter this hook gives the
theme's templates: ``{{ path | url }}?v={{ path | fingerprint }}`` in ``overrides/main.html``. A new
build with a changed file gives it a new address, so no reader keeps an old copy
(``deploy/nginx.conf`` sends ``immutable`` only for addresses that carry a version).

It also gives the theme's Jinja environment a compiled-template cache that outlives a rebuild
(``macros/buildcache.py``), so the live preview does not compile Material's templates each time.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from macros import buildcache


def on_env(env, config, files, **_kwargs):
    docs = Path(config["docs_dir"])

    @cache  # one build: a file's hash is read once however many pages link it
    def fingerprint(path: str) -> str:
        source = docs / path
        if not source.is_file():
            raise FileNotFoundError(f"overrides/main.html: no file docs/{path} to link")
        return hashlib.sha256(source.read_bytes()).hexdigest()[:10]

    env.filters["fingerprint"] = fingerprint
    env.bytecode_cache = buildcache.THEME
    return env
