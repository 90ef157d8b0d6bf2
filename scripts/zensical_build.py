"""Build the site with Zensical instead of MkDocs (``make zensical``), then do what MkDocs's hooks do
after a build, which Zensical does not run: correct the theme's markup, minify the site's own JS and
CSS, write the What's new feed, fill the print page and write the Content-Security-Policy file.

    .venv/bin/python scripts/zensical_build.py                  # into ./site-zensical
    .venv/bin/python scripts/zensical_build.py --project DIR    # a copy of the project (tests)

The configuration is ``mkdocs.zensical.yml``: ``mkdocs.yml`` with its own output folder (Zensical
keeps it inside the project). What still differs from the MkDocs build is listed in the README,
"Two engines".
"""
from __future__ import annotations

import argparse
import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = "mkdocs.zensical.yml"


class _Config(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it where it matters here: ``!ENV [NAME, default]`` from the environment."""


def _env(loader: _Config, node: yaml.Node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *keys, default = names if len(names) > 1 else (names[0], None)
    return next((os.environ[k] for k in keys if k in os.environ), default)


_Config.add_constructor("!ENV", _env)
_Config.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(project: Path, name: str = CONFIG) -> dict:
    """The config Zensical reads: ``name``, with ``INHERIT`` merged over its parent."""
    config = yaml.load((project / name).read_text(encoding="utf-8"), Loader=_Config) or {}
    parent = config.pop("INHERIT", None)
    if parent:
        return {**read_config(project, parent), **config}
    return config


def _hook(project: Path, name: str):
    """One of hooks/*.py, loaded as MkDocs loads it (by file)."""
    spec = importlib.util.spec_from_file_location(f"rbp_hook_{name}", project / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import would (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def post_urls(site: Path, posts) -> dict[str, str]:
    """Each post's URL, found in the built site (the blog plugin's dated folders) by its heading."""
    from macros import updates  # noqa: PLC0415

    urls = {updates.INDEX: "updates/"}
    for post in posts:
        folder = site / "updates" / post.date.strftime("%Y/%m/%d")
        for page in sorted(folder.glob("*/index.html")):
            heading = re.search(r"<h1\b[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
            if heading and html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip() == post.title:
                urls[post.src] = page.parent.relative_to(site).as_posix() + "/"
                break
    return urls


def nav_pages(nav, section: str | None = None):
    """(source, navigation title or None, section title or None) for each page in ``nav``, in order."""
    for item in nav or []:
        if isinstance(item, str):
            yield item, None, section
            continue
        for title, value in item.items():
            if isinstance(value, str):
                yield value, title, section
            else:
                yield from nav_pages(value, title)


ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
# What the theme puts in the article around the page's own HTML: Zensical's skip-link target, the component script.
THEME_PARTS = re.compile(r'<a id="__skip" tabindex="-1"></a>|<script\b[^>]*\bsrc="[^"]*core\.js[^"]*"[^>]*></script>')


def write_print_page(project: Path, site: Path, config: dict) -> int:
    """The whole framework on one page (hooks/print_page.py makes it from each page as MkDocs builds it;
    here it is made from the built pages). The number of pages printed."""
    from macros.pages import PRINT_PAGE  # noqa: PLC0415
    from macros.urls import default_url  # noqa: PLC0415

    print_page = _hook(project, "print_page")
    pages = []
    for src, title, section in nav_pages(config.get("nav")):
        url = default_url(src)
        built = site / url / "index.html"
        found = ARTICLE.search(built.read_text(encoding="utf-8")) if built.is_file() else None
        if found is None:
            continue
        content = THEME_PARTS.sub("", found.group(1)).strip()
        heading = re.search(r"<h1\b[^>]*>(.*?)</h1>", content, re.S)
        title = title or (html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip() if heading else src)
        pages.append(SimpleNamespace(file=SimpleNamespace(src_uri=src), url=url, title=title, content=content,
                                     parent=SimpleNamespace(title=section) if section else None))
    here = SimpleNamespace(url=default_url(PRINT_PAGE), file=SimpleNamespace(src_uri=PRINT_PAGE))
    target = site / here.url / "index.html"
    text = target.read_text(encoding="utf-8")
    if print_page.MARKER not in text:
        raise SystemExit(f"{target}: the print page has no {print_page.MARKER} to fill")
    body, _toc = print_page.build(here, SimpleNamespace(pages=pages))
    target.write_text(text.replace(print_page.MARKER, body), encoding="utf-8")
    return len(print_page.framework_pages(SimpleNamespace(pages=pages)))


def correct_theme_markup(project: Path, site: Path) -> int:
    """hooks/theme_markup.py's corrections on every built page (Zensical's theme writes Material's markup)."""
    correct = _hook(project, "theme_markup").correct
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        fixed = correct(text, page.relative_to(site).as_posix())
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    return len(pages)


def build(project: Path) -> Path:
    config = read_config(project)
    site = project / config.get("site_dir", "site-zensical")
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if zensical is None:
        raise SystemExit("Zensical is not installed: run make zensical (it installs the pinned version)")
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([zensical, "build", "--clean", "-f", str(project / CONFIG)], cwd=project, env=env)
    if done.returncode != 0:
        raise SystemExit(done.returncode)

    sys.path.insert(0, str(project))
    import macros  # noqa: PLC0415  (the project's own, after its folder is on the path)

    data = macros.load(project, project / config.get("docs_dir", "docs"), config.get("nav"))
    corrected = correct_theme_markup(project, site)
    saved = _hook(project, "minify").minify_tree(site)
    posts = _hook(project, "feed").write_feed(site, data.posts, post_urls(site, data.posts), config.get("site_url"),
                                               config.get("site_name", ""))
    printed = write_print_page(project, site, config)
    hashes = _hook(project, "csp").write_policy(site)  # last: it reads every page's inline scripts
    print(f"After the build: theme markup corrected on {corrected} pages, own JS and CSS minified ({saved // 1024} KB smaller), feed.xml with {posts} post(s), "
          f"the print page with {printed} page(s), csp-header.conf with {hashes} inline script hash(es)")
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    args = parser.parse_args()
    site = build(args.project.resolve())
    print(f"Zensical build in {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
