"""What's new: dated posts in ``docs/updates/posts/`` (Material's blog plugin shows them).

This module checks each post's front matter (``file:line: message``) and gives the home page
``{{ latest_updates(3) }}``; ``hooks/feed.py`` writes the RSS feed from the same posts.

    ---
    date: 2026-11-26
    categories:
      - Site news
    description: One sentence that says what changed, for the home page and the feed.
    ---

    # A heading that says what changed
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from . import loader
from .loader import DataError, Problem
from .pages import first_heading, long_date
from .reviews import DOCS, ISO_DATE, front_matter

POSTS = "updates/posts"
INDEX = "updates/index.md"
# At the site root: Material's instant navigation fetches sitemap.xml beside every rel="alternate" link.
FEED = "feed.xml"
# Editors choose from these; the blog plugin makes a page for each one used.
CATEGORIES = ("Framework change", "New learning", "Events", "Site news")
REQUIRED = ("date", "categories", "description")
# Other front-matter keys Material's blog plugin understands for a post.
OPTIONAL = ("draft", "slug", "title", "pin", "readtime", "hide", "search")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Post:
    src: str  # docs-relative: "updates/posts/2026-11-26-site-launched.md"
    title: str
    date: dt.date
    categories: tuple[str, ...]
    description: str
    draft: bool = False


def check_post(text: str, src: str) -> Post:
    """Validate one post; raise every problem in it at once."""
    rel = f"{DOCS}/{src}"
    doc = front_matter(text, rel)
    if doc is None or not isinstance(doc.data, dict):
        raise DataError(Problem(rel, 1, "a post must start with front matter: '---', then date, categories and description, then '---'"))
    data = doc.data
    problems = []
    for key in data:
        if key not in REQUIRED + OPTIONAL:
            problems.append(doc.problem((key,), f"unknown key '{key}' (check the spelling). A post may have: {', '.join(REQUIRED + OPTIONAL)}"))
    for key in REQUIRED:
        if key not in data:
            problems.append(Problem(rel, 1, f"missing '{key}'"))

    day = None
    if "date" in data:
        value = str(data["date"]).strip()
        try:
            if not ISO_DATE.match(value):
                raise ValueError
            day = dt.date.fromisoformat(value)
        except ValueError:
            problems.append(doc.problem(("date",), f"'date' must be a date written YYYY-MM-DD, not '{data['date']}'"))

    categories = data.get("categories")
    if "categories" in data:
        if not isinstance(categories, list) or not categories:
            problems.append(doc.problem(("categories",), f"'categories' must be a list, one '- category' a line, from: {', '.join(CATEGORIES)}"))
            categories = []
        for i, name in enumerate(categories):
            if name not in CATEGORIES:
                near = loader.closest(str(name), CATEGORIES)
                hint = f" Did you mean: {', '.join(near)}?" if near else ""
                problems.append(doc.problem(("categories", i), f"unknown category '{name}'.{hint} Categories: {', '.join(CATEGORIES)}"))

    description = data.get("description")
    if "description" in data and (not isinstance(description, str) or not description.strip()):
        problems.append(doc.problem(("description",), "'description' must be one or two sentences of text"))

    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        problems.append(doc.problem(("draft",), "'draft' must be true or false"))
    slug = data.get("slug")
    if slug is not None and not (isinstance(slug, str) and SLUG.match(slug)):
        problems.append(doc.problem(("slug",), "'slug' may use only lower-case letters, digits and '-'"))

    title = data.get("title") or first_heading(text) or ""
    if not title:
        problems.append(Problem(rel, None, "a post needs a heading line, for example '# New quiz on attachment'"))
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    return Post(src, str(title), day, tuple(categories), " ".join(description.split()), draft)


def load(root: Path) -> list[Post]:
    """Every post, newest first."""
    folder = root / DOCS / POSTS
    files = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    posts = loader.collect(
        *(lambda f=f: check_post(f.read_text(encoding="utf-8"), f.relative_to(root / DOCS).as_posix()) for f in files)
    )
    return sorted(posts, key=lambda p: (p.date, p.title), reverse=True)


def published(posts: list[Post]) -> list[Post]:
    return [p for p in posts if not p.draft]


def render_latest(posts: list[Post], count: int, link_to) -> str:
    """The newest posts as a Markdown list, each linking to the post's source so MkDocs checks the link."""
    latest = published(posts)[:count]
    if not latest:
        return f"Nothing yet. [See all updates]({link_to(INDEX)})."
    out = []
    for post in latest:
        title = post.title.replace("[", "\\[").replace("]", "\\]")
        out.append(
            f'- **[{title}]({link_to(post.src)})**  \n'
            f'  <time datetime="{post.date.isoformat()}">{long_date(post.date)}</time> · {", ".join(post.categories)}  \n'
            f"  {post.description}"
        )
    out += ["", f"[All updates]({link_to(INDEX)})", ""]
    return "\n".join(out)


def register(env, posts: list[Post]) -> None:
    from .context import relative_url

    @env.macro
    def latest_updates(count: int = 3) -> str:
        """The newest posts from What's new, with date, categories and summary."""
        return render_latest(posts, int(count), lambda target: relative_url(env, target))

    env.variables["updates"] = posts
