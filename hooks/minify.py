"""Minify the site's own JavaScript and CSS in the built site (sources stay readable in docs/).

Material's own bundles are already minified and are left alone, as are vendored files.
"""
from __future__ import annotations

import logging
from pathlib import Path

import rcssmin
import rjsmin

log = logging.getLogger("mkdocs.plugins.rbp.minify")

OWN = {"javascripts": (".js", rjsmin.jsmin), "stylesheets": (".css", rcssmin.cssmin)}
MATERIAL = ("bundle.", "main.", "palette.")


def minify_tree(site: Path) -> int:
    saved = 0
    for folder, (suffix, minify) in OWN.items():
        for path in sorted((site / "assets" / folder).glob(f"*{suffix}")):
            if path.name.startswith(MATERIAL):
                continue
            text = path.read_text(encoding="utf-8")
            small = minify(text)
            path.write_text(small, encoding="utf-8")
            saved += len(text) - len(small)
    return saved


def on_post_build(config, **_kwargs) -> None:
    saved = minify_tree(Path(config["site_dir"]))
    log.info("Minified the site's own JavaScript and CSS (%d KB smaller)", saved // 1024)
