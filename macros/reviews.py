"""Page reviews: who owns each page, when it was last reviewed, and when the next review is due.

Content pages start with front matter::

    ---
    owner: Learning and Development Team   # a team or role, or a key from data/contacts.yml
    reviewed: 2026-11-26                   # the day the page was last checked, YYYY-MM-DD
    review_every: 12                       # months until the next review (default 12)
    ---

A mistake in these keys stops the build with ``docs/<page>.md:LINE: message``. Whether a
review is overdue is worked out from the build date and is only ever shown, never an error:
the calendar must not break the build. ``RBP_BUILD_DATE=YYYY-MM-DD`` fixes the date (tests).
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from typing import Annotated

from markupsafe import escape
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints, ValidationError

from .engine import page_src
from . import loader
from .loader import ISO_DATE, DataError, Document, IsoDate, Loc, Problem
from .pages import insert_after_h1, long_date
from .site import Page, SiteIndex
from .urls import Here

KEYS = ("owner", "reviewed", "review_every")
DEFAULT_MONTHS = 12
DUE_SOON_DAYS = 30
BUILD_DATE_VAR = "RBP_BUILD_DATE"
HEALTH_PAGE = "about/content-health.md"
# Dated posts are news, not pages to keep up to date.
NOT_REVIEWED = ("updates/",)
# A lower-case word without spaces is meant as a key in data/contacts.yml.
KEY_LIKE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Review:
    owner: str  # as written in the front matter
    owner_name: str  # what readers see: the contact's name for a key, else the text
    reviewed: dt.date
    months: int

    @property
    def due(self) -> dt.date:
        return add_months(self.reviewed, self.months)


@dataclass(frozen=True)
class PageInfo:
    src: str  # docs-relative: "theory/index.md"
    title: str
    review: Review | None  # None: the page has no owner yet


@dataclass
class Reviews:
    pages: list[PageInfo]
    today: dt.date
    by_src: dict[str, PageInfo] = field(init=False)

    def __post_init__(self) -> None:
        self.by_src = {p.src: p for p in self.pages}

    @property
    def owned(self) -> list[PageInfo]:
        """Pages with an owner, the next review due first (so overdue pages lead)."""
        return sorted((p for p in self.pages if p.review), key=lambda p: (p.review.due, p.title.casefold()))

    @property
    def unowned(self) -> list[PageInfo]:
        return sorted((p for p in self.pages if not p.review), key=lambda p: p.src)


# ---------------------------------------------------------------- dates


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months; 31 January + 1 month is the last day of February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def build_date() -> dt.date:
    """Today, or the date in ``RBP_BUILD_DATE`` so a build can be reproduced."""
    value = os.environ.get(BUILD_DATE_VAR, "").strip()
    if not value:
        return loader.today()
    try:
        if not ISO_DATE.match(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DataError(f"{BUILD_DATE_VAR}: '{value}' must be a date written YYYY-MM-DD") from None


def status(review: Review, today: dt.date) -> str:
    """``overdue``, ``due`` (within 30 days, or today) or ``ok``."""
    if review.due < today:
        return "overdue"
    if review.due <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return "due"
    return "ok"


# ---------------------------------------------------------------- front matter

Months = Annotated[StrictInt, Field(ge=1)]
Owner = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class PageMeta(BaseModel):
    """A page's review keys. Other keys belong to MkDocs and Material (title, hide, search …)."""

    model_config = ConfigDict(extra="allow")
    owner: Owner | None = None
    reviewed: IsoDate | None = None
    review_every: Months = DEFAULT_MONTHS


def _describe(loc: Loc, err: dict) -> str:
    value = err.get("input")
    if loc == ("owner",):
        return "'owner' must be a team, role or contact key, written as text"
    if loc == ("reviewed",):
        return f"'reviewed' must be a date written YYYY-MM-DD, not '{value}'"
    if loc == ("review_every",):
        return f"'review_every' must be a whole number of months, 1 or more, not '{value}'"
    return loader.default_message(loc, err)


def _owner_name(doc: Document, owner: str, contacts: dict | None) -> tuple[str, list[Problem]]:
    """What readers see for an owner: the contact's name for a key, else the words written."""
    if contacts is None or not KEY_LIKE.match(owner):
        return owner, []
    if owner in contacts:
        c = contacts[owner]
        return (f"{c.name}, {c.role}" if c.role else c.name), []
    hint = loader.did_you_mean(owner, contacts, cutoff=0.4)
    return owner, [doc.problem(("owner",), (
        f"owner '{owner}' looks like a contact key but is not in data/contacts.yml.{hint} "
        "Write a team or role in words (for example: Learning and Development Team) or a key from data/contacts.yml"
    ))]


def check_front_matter(doc: Document, contacts: dict | None) -> tuple[Review | None, list[Problem]]:
    """Validate the review keys; ``contacts`` None means data/contacts.yml could not be read."""
    data = doc.data
    if data is None:
        return None, []
    if not isinstance(data, dict):
        return None, [doc.problem((), "front matter must be 'key: value' lines")]
    # Other keys are allowed, so only a near miss of a review key is a mistake.
    problems = [doc.problem((key,), f"unknown key '{key}': did you mean '{near}'?")
                for key in data if (near := _typo_of(str(key)))]
    present = [k for k in KEYS if k in data]
    if not present:
        return None, problems
    first = doc.line_of((present[0],))
    for key in ("owner", "reviewed"):
        if key not in data:
            hint = "a team, role or contact key" if key == "owner" else "the date it was last reviewed, YYYY-MM-DD"
            problems.append(Problem(doc.path, first, f"missing '{key}' ({hint})"))
    try:
        meta = PageMeta.model_validate(data)
    except ValidationError as exc:
        meta = None
        problems += loader.validation_problems(doc, exc, describe=_describe)
    owner = data.get("owner")
    owner_name = None
    if isinstance(owner, str) and owner.strip():
        owner_name, owner_problems = _owner_name(doc, owner.strip(), contacts)
        problems += owner_problems
    if problems or meta is None or meta.owner is None or meta.reviewed is None:
        return None, sorted(problems, key=lambda p: p.line or 0)
    return Review(meta.owner, owner_name, meta.reviewed, meta.review_every), []


def _typo_of(key: str) -> str | None:
    if key in KEYS:
        return None
    near = difflib.get_close_matches(key.lower().replace("-", "_").replace(" ", "_"), KEYS, n=1, cutoff=0.7)
    return near[0] if near else None


def page_info(page: Page, contacts: dict | None) -> PageInfo:
    if page.meta_problems:
        raise DataError(page.meta_problems)
    review, problems = check_front_matter(page.meta, contacts) if page.meta else (None, [])
    if problems:
        raise DataError(problems)
    meta = page.meta.data if page.meta and isinstance(page.meta.data, dict) else {}
    return PageInfo(page.src, str(meta.get("title") or page.heading or page.src), review)


def load(index: SiteIndex, contacts: dict | None) -> Reviews:
    """Every page's review, from the index; ``contacts`` None if data/contacts.yml could not be read
    (owner keys are then not checked, rather than guessed at)."""
    pages = [p for src, p in index.pages.items() if not src.startswith(NOT_REVIEWED)]
    return Reviews(loader.collect(*(lambda p=p: page_info(p, contacts) for p in pages)), build_date())


# ---------------------------------------------------------------- rendering


STATUS_TEXT = {"overdue": "Overdue", "due": "Due soon", "ok": "Up to date"}


def review_line(review: Review, today: dt.date) -> str:
    """The small line under a page's heading (HTML)."""
    sep = '<span aria-hidden="true"> · </span>'
    due_word = "Review overdue since" if status(review, today) == "overdue" else "Next review due"
    return (
        f'<p class="rbp-review" data-search-exclude data-review-status="{status(review, today)}">'
        f"<span>Owner: {escape(review.owner_name)}</span>{sep}"
        f'<span>Last reviewed <time datetime="{review.reviewed.isoformat()}">{long_date(review.reviewed)}</time></span>{sep}'
        f'<span>{due_word} <time datetime="{review.due.isoformat()}">{long_date(review.due)}</time></span>'
        "</p>"
    )


def _cell(text: str) -> str:
    return str(escape(text)).replace("|", "&#124;")


def render_health(reviews: Reviews, link_to) -> str:
    """The content health report as Markdown: counts, then every page by next review date."""
    today = reviews.today
    owned = reviews.owned
    counts = {k: sum(1 for p in owned if status(p.review, today) == k) for k in STATUS_TEXT}
    unowned = reviews.unowned
    plural = lambda n, word: f"{n} {word}" + ("" if n == 1 else "s")
    out = [
        f"Worked out on **{long_date(today)}**, the day this copy of the site was built.",
        "",
        f"- **{plural(counts['overdue'], 'page')} overdue** for review",
        f"- {plural(counts['due'], 'page')} due for review in the next {DUE_SOON_DAYS} days",
        f"- {plural(counts['ok'], 'page')} up to date",
        f"- **{plural(len(unowned), 'page')} with no owner**",
        "",
        "## Pages by next review date",
        "",
        "Overdue pages come first.",
        "",
        "| Status | Page | Owner | Last reviewed | Next review due |",
        "| --- | --- | --- | --- | --- |",
    ]
    for page in owned:
        r = page.review
        st = status(r, today)
        label = f"**{STATUS_TEXT[st]}**" if st != "ok" else STATUS_TEXT[st]
        mark = '<span class="rbp-health__mark" aria-hidden="true">⚠</span> ' if st == "overdue" else ""
        out.append(
            f"| {mark}{label} | [{_cell(page.title)}]({link_to(page.src)}) | {_cell(r.owner_name)} "
            f"| {long_date(r.reviewed)} | {long_date(r.due)} |"
        )
    if not owned:
        out.append("| — | No page has an owner yet | | | |")
    out += ["", "## Pages with no owner", ""]
    if unowned:
        out += [
            "These pages have no `owner`, `reviewed` and `review_every` front matter yet, so nobody is reminded to review them.",
            "",
        ]
        out += [f"- [{_cell(p.title)}]({link_to(p.src)}) (`docs/{p.src}`)" for p in unowned]
    else:
        out.append("Every page has an owner.")
    out += [""]
    return "\n".join(out)


def register(env, reviews: Reviews) -> None:
    @env.macro
    def content_health() -> str:
        """Every page's owner and review dates, the next review due first."""
        return render_health(reviews, Here.of(env).md_link)


def post_page(env, reviews: Reviews) -> None:
    """Show the owner and review dates under the page's heading."""
    info = reviews.by_src.get(page_src(env))
    if info is not None and info.review is not None:
        env.markdown = insert_after_h1(env.markdown, review_line(info.review, reviews.today))
