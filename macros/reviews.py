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
from pathlib import Path

from markupsafe import escape

from . import loader
from .loader import DataError, Document, Problem
from .pages import first_heading, insert_after_h1, long_date

DOCS = "docs"
KEYS = ("owner", "reviewed", "review_every")
DEFAULT_MONTHS = 12
DUE_SOON_DAYS = 30
BUILD_DATE_VAR = "RBP_BUILD_DATE"
HEALTH_PAGE = "about/content-health.md"
# Dated posts are news, not pages to keep up to date.
NOT_REVIEWED = ("updates/",)
# A lower-case word without spaces is meant as a key in data/contacts.yml.
KEY_LIKE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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


def front_matter(text: str, path: str) -> Document | None:
    """The page's front matter as a Document whose lines count from the top of the file."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        raise DataError(Problem(path, 1, "front matter starts with '---' but has no closing '---' line"))
    # The YAML starts on line 2 of the page, so every line number moves down one.
    try:
        doc = loader.parse("\n".join(lines[1:end]) + "\n", path)
    except DataError as exc:
        raise DataError([Problem(p.file, p.line + 1 if p.line else 1, p.message) for p in exc.problems]) from None
    doc.lines = {loc: line + 1 for loc, line in doc.lines.items()}
    return doc


def _typo_of(key: str) -> str | None:
    if key in KEYS:
        return None
    near = difflib.get_close_matches(key.lower().replace("-", "_").replace(" ", "_"), KEYS, n=1, cutoff=0.7)
    return near[0] if near else None


def check_front_matter(doc: Document, contacts: dict | None) -> tuple[Review | None, list[Problem]]:
    """Validate the review keys; ``contacts`` None means data/contacts.yml could not be read."""
    data = doc.data
    if data is None:
        return None, []
    if not isinstance(data, dict):
        return None, [doc.problem((), "front matter must be 'key: value' lines")]
    problems: list[Problem] = []
    for key in data:
        near = _typo_of(str(key))
        if near:
            problems.append(doc.problem((key,), f"unknown key '{key}': did you mean '{near}'?"))
    present = [k for k in KEYS if k in data]
    if not present:
        return None, problems
    first = doc.line_of((present[0],))
    for key in ("owner", "reviewed"):
        if key not in data:
            hint = "a team, role or contact key" if key == "owner" else "the date it was last reviewed, YYYY-MM-DD"
            problems.append(Problem(doc.path, first, f"missing '{key}' ({hint})"))

    owner = data.get("owner")
    owner_name = None
    if "owner" in data:
        if not isinstance(owner, str) or not owner.strip():
            problems.append(doc.problem(("owner",), "'owner' must be a team, role or contact key, written as text"))
        else:
            owner = owner.strip()
            owner_name = owner
            if contacts is not None and KEY_LIKE.match(owner):
                if owner in contacts:
                    c = contacts[owner]
                    owner_name = f"{c.name}, {c.role}" if c.role else c.name
                else:
                    near = loader.closest(owner, contacts)
                    hint = f" Did you mean: {', '.join(near)}?" if near else ""
                    problems.append(doc.problem(("owner",), (
                        f"owner '{owner}' looks like a contact key but is not in data/contacts.yml.{hint} "
                        "Write a team or role in words (for example: Learning and Development Team) or a key from data/contacts.yml"
                    )))

    reviewed = data.get("reviewed")
    day = None
    if "reviewed" in data:
        text = str(reviewed).strip() if isinstance(reviewed, (str, int)) and not isinstance(reviewed, bool) else ""
        try:
            if not ISO_DATE.match(text):
                raise ValueError
            day = dt.date.fromisoformat(text)
        except ValueError:
            problems.append(doc.problem(("reviewed",), f"'reviewed' must be a date written YYYY-MM-DD, not '{reviewed}'"))

    months = data.get("review_every", DEFAULT_MONTHS)
    if "review_every" in data and (isinstance(months, bool) or not isinstance(months, int) or months < 1):
        problems.append(doc.problem(("review_every",), f"'review_every' must be a whole number of months, 1 or more, not '{months}'"))
        months = None

    if problems or owner_name is None or day is None or months is None:
        return None, problems
    return Review(owner, owner_name, day, months), []


def read_page(path: Path, root: Path, contacts: dict | None) -> PageInfo:
    docs = root / DOCS
    src = path.relative_to(docs).as_posix()
    rel = f"{DOCS}/{src}"
    text = path.read_text(encoding="utf-8")
    doc = front_matter(text, rel)
    review, problems = check_front_matter(doc, contacts) if doc else (None, [])
    if problems:
        raise DataError(problems)
    meta_title = doc.data.get("title") if doc and isinstance(doc.data, dict) else None
    return PageInfo(src, str(meta_title or first_heading(text) or src), review)


def reviewed_pages(docs: Path) -> list[Path]:
    return [p for p in sorted(docs.rglob("*.md")) if not p.relative_to(docs).as_posix().startswith(NOT_REVIEWED)]


def load(root: Path) -> Reviews:
    from . import contacts as contacts_feature

    try:
        contacts = contacts_feature.load(root).contacts
    except DataError:
        contacts = None  # reported by the contacts feature; do not guess at owner keys meanwhile
    docs = root / DOCS
    files = reviewed_pages(docs) if docs.is_dir() else []
    pages = loader.collect(*(lambda p=p: read_page(p, root, contacts) for p in files))
    return Reviews(pages, build_date())


# ---------------------------------------------------------------- rendering


STATUS_TEXT = {"overdue": "Overdue", "due": "Due soon", "ok": "Up to date"}


def review_line(review: Review, today: dt.date) -> str:
    """The small line under a page's heading (HTML)."""
    sep = '<span aria-hidden="true"> · </span>'
    due_word = "Review overdue since" if status(review, today) == "overdue" else "Next review due"
    return (
        f'<p class="rbp-review" data-review-status="{status(review, today)}">'
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
    from .context import relative_url

    @env.macro
    def content_health() -> str:
        """Every page's owner and review dates, the next review due first."""
        return render_health(reviews, lambda target: relative_url(env, target))

    env.variables["reviews"] = reviews


def post_page(env) -> None:
    """Show the owner and review dates under the page's heading."""
    reviews = env.variables.get("reviews")
    info = reviews.by_src.get(env.page.file.src_uri) if reviews is not None else None
    if info is not None and info.review is not None:
        env.markdown = insert_after_h1(env.markdown, review_line(info.review, reviews.today))
