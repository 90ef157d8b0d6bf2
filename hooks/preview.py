"""The live preview rebuilds only what an edit changes; ``macros/preview.py`` decides and remembers.

Under ``mkdocs build`` (and ``mkdocs serve`` without ``--dirty``) every handler here does nothing.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

import macros
from macros import preview, updates

log = logging.getLogger("mkdocs.plugins.rbp.preview")
POLL_SECONDS = 0.1  # how often the preview looks for saved files (MkDocs polls every 0.5 s)


def on_startup(command, dirty, **_kwargs):
    preview.start(command, dirty)


def _always(src: str) -> bool:
    # What's new is built by the blog plugin from every post at once, so it is always rebuilt.
    return src.startswith(updates.POSTS.split("/")[0] + "/")


def on_files(files, config, **_kwargs):
    if not preview.STATE.active:
        return files
    pages = files.documentation_pages()
    root = Path(config["config_file_path"]).parent
    plan = preview.plan(root, Path(config["docs_dir"]), [f.src_uri for f in pages], macros.for_config(config).paths)
    preview.STATE.rebuilt = plan
    preview.STATE.built = set()
    for f in pages:
        modified = plan is None or f.src_uri in plan or _always(f.src_uri) or f.src_uri not in preview.STATE.pages
        f.is_modified = (lambda value: lambda: value)(modified)
    if plan is not None:
        log.info(f"Preview: rebuilding {', '.join(sorted(plan)) or 'no page'} (and What's new)")
    return files


@event_priority(-100)  # after every other handler has made the pages
def on_env(env, config, files, **_kwargs):
    if not preview.STATE.active:
        return env
    for f in files.documentation_pages():
        if f.page is None:
            continue
        if f.is_modified():
            preview.keep(f.page)
        elif not preview.restore(f.page):
            raise RuntimeError(f"preview: nothing kept for {f.src_uri}")  # on_files rebuilds such pages
    return env


def on_page_context(context, page, config, nav, **_kwargs):
    preview.STATE.built.add(page.url)
    return context


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config, **_kwargs):
    if not preview.STATE.active:
        return
    search = config.plugins.get("material/search")
    if search is not None:
        rebuilt = None if preview.STATE.rebuilt is None else preview.STATE.built
        search.search_index.entries = preview.merge_search(search.search_index.entries, rebuilt)
        search.search_index_prev = None  # Material's own merge assumes one page changed
    preview.commit()


def on_serve(server, config, builder, **_kwargs):
    """Look for saved files every POLL_SECONDS instead of MkDocs's half second. MkDocs's observer
    polls, and each watched folder's emitter waits its timeout between looks; the folders in
    ``watch:`` are watched here first (MkDocs then counts them as watched), so all are quicker."""
    if preview.STATE.active:
        for item in config["watch"]:
            server.watch(item)
        for emitter in getattr(server.observer, "emitters", ()):
            if hasattr(emitter, "_timeout"):
                emitter._timeout = POLL_SECONDS
    return server
