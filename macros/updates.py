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
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, ValidationError

from . import loader
from .loader import DataError, IsoDate, Loc, Problem
from .pages import long_date
from .site import Page, SiteIndex
from .urls import Here

DOCS = "docs"

POSTS = "updates/posts"
INDEX = "updates/index.md"
# At the site root (Material would fetch sitemap.xml beside a link[rel=alternate]; the head's feed link is
# rel="alternate feed" so that it does not, overrides/main.html).
FEED = "feed.xml"
# Editors choose from these; the blog plugin makes a page for each one used.
CATEGORIES = ("Framework change", "New learning", "Events", "Site news")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Post:
    src: str  # docs-relative: "updates/posts/2026-11-26-site-launched.md"
    title: str
    date: dt.date
    categories: tuple[str, ...]
    description: str
    draft: bool = False


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class PostMeta(BaseModel):
    """A post's front matter: ours, and the keys Material's blog plugin understands."""

    model_config = ConfigDict(extra="forbid")
    date: IsoDate
    categories: Annotated[list[str], Field(min_length=1)]
    description: Text
    draft: StrictBool = False
    slug: Annotated[str, StringConstraints(pattern=SLUG.pattern)] | None = None
    title: Text | None = None
    pin: Any = None
    readtime: Any = None
    hide: Any = None
    search: Any = None


KEYS = tuple(PostMeta.model_fields)
_MESSAGES = {
    "categories": f"'categories' must be a list, one '- category' a line, from: {', '.join(CATEGORIES)}",
    "description": "'description' must be one or two sentences of text",
    "draft": "'draft' must be true or false",
    "slug": "'slug' may use only lower-case letters, digits and '-'",
}


def _describe(loc: Loc, err: dict) -> str:
    if err["type"] == "extra_forbidden":
        return f"unknown key '{loc[0]}' (check the spelling).{loader.did_you_mean(loc[0], KEYS)} A post may have: {', '.join(KEYS)}"
    if loc[:1] == ("date",):
        return f"'date' must be a date written YYYY-MM-DD, not '{err.get('input')}'"
    return _MESSAGES.get(loc[0], loader.default_message(loc, err)) if loc else loader.default_message(loc, err)


def check_post(page: Page) -> Post:
    """Validate one post's front matter (from the site index); raise every problem in it at once."""
    rel = f"{DOCS}/{page.src}"
    if page.meta_problems:
        raise DataError(page.meta_problems)
    doc = page.meta
    if doc is None or not isinstance(doc.data, dict):
        raise DataError(Problem(rel, 1, "a post must start with front matter: '---', then date, categories and description, then '---'"))
    problems: list[Problem] = []
    meta = None
    try:
        meta = PostMeta.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            if err["type"] == "missing":
                problems.append(Problem(rel, 1, f"missing '{loc[0]}'"))
            elif loc[:1] != ("categories",) or err["type"] != "string_type":
                problems.append(doc.problem(loc, _describe(loc, err)))
    categories = doc.data.get("categories")
    for i, name in enumerate(categories if isinstance(categories, list) else []):
        if name not in CATEGORIES:
            hint = loader.did_you_mean(str(name), CATEGORIES, cutoff=0.4)
            problems.append(doc.problem(("categories", i), f"unknown category '{name}'.{hint} Categories: {', '.join(CATEGORIES)}"))
    title = (meta.title if meta else None) or page.heading or ""
    if not title:
        problems.append(Problem(rel, None, "a post needs a heading line, for example '# New quiz on attachment'"))
    if problems or meta is None:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    return Post(page.src, str(title), meta.date, tuple(meta.categories), " ".join(meta.description.split()), meta.draft)


def load(index: SiteIndex) -> list[Post]:
    """Every post, newest first."""
    pages = [p for src, p in index.pages.items() if src.startswith(POSTS + "/")]
    posts = loader.collect(*(lambda p=p: check_post(p) for p in pages))
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
    @env.macro
    def latest_updates(count: int = 3) -> str:
        """The newest posts from What's new, with date, categories and summary."""
        return render_latest(posts, int(count), Here.of(env).md_link)
