"""Publishing in the built site: What's new and its feed, review lines, content health, the print page."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import macros
from macros import updates
from tests.support.build import ROOT, mkdocs_build
from tests.support.config import SITE_URL

FIXTURE = ROOT / "tests" / "fixtures" / "publishing"
FRAMEWORK = ("theory/", "practice/", "tools/", "reading-list/")


def read(site: Path, url: str) -> str:
    path = site / url
    return (path / "index.html" if url.endswith("/") or not url else path).read_text(encoding="utf-8")


def local_target(site: Path, page_url: str, href: str) -> Path:
    """The file a relative link on ``page_url`` opens."""
    path = urlsplit(urljoin("/" + page_url, href)).path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


# ---------------------------------------------------------------- What's new and the feed


def test_feed_lists_every_post_newest_first_with_absolute_links(site_dir):
    root = ET.parse(site_dir / updates.FEED).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.find("channel").findall("item")
    posts = updates.published(macros.load(ROOT).posts)
    assert posts, "the site ships at least the launch post"
    assert [i.findtext("title") for i in items] == [p.title for p in posts]
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert dates == sorted(dates, reverse=True)
    for item in items:
        link = item.findtext("link")
        assert link.startswith(SITE_URL), link
        assert (site_dir / link[len(SITE_URL):] / "index.html").is_file(), f"{link} is not a built page"
        assert item.findtext("guid") == link
        assert item.findtext("description")


def test_launch_post_is_on_the_updates_page_and_its_category_page(site_dir):
    html = read(site_dir, "updates/")
    assert "The Relationship-Based Practice site has launched" in html
    assert (site_dir / "updates" / "category" / "site-news" / "index.html").is_file()
    m = re.search(r'<a href="([^"]+)" type="application/rss\+xml">', html)
    assert m and local_target(site_dir, "updates/", m.group(1)) == site_dir / updates.FEED


def test_every_page_links_the_feed_from_its_head(site_dir, pages):
    for url in pages:
        html = read(site_dir, url)
        head = html.split("</head>", 1)[0]
        m = re.search(r'<link rel="alternate feed" type="application/rss\+xml" title="[^"]+" href="([^"]+)"', head)
        assert m, f"{url or 'home'} has no feed link"
        # Material fetches sitemap.xml again for each link[rel=alternate] (the exact value): none here.
        assert not re.search(r'<link[^>]* rel="alternate"', html), url
        assert local_target(site_dir, url, m.group(1)) == site_dir / updates.FEED, url


def test_home_page_shows_the_latest_posts_with_working_links(site_dir):
    html = read(site_dir, "")
    section = html.split('id="whats-new"', 1)[1]
    for post in updates.published(macros.load(ROOT).posts)[:3]:
        m = re.search(r'<a href="([^"]+)">' + re.escape(post.title) + "</a>", section)
        assert m, post.title
        assert local_target(site_dir, "", m.group(1)).is_file()


# ---------------------------------------------------------------- review lines and content health


def test_content_pages_show_owner_and_review_dates_under_the_heading(site_dir):
    html = read(site_dir, "theory/rapport/")
    m = re.search(r"</h1>\s*<p class=\"rbp-review\"[^>]*>(.*?)</p>", html, re.S)
    assert m, "the review line follows the heading"
    text = re.sub(r"<[^>]+>", "", m.group(1))
    assert text == "Owner: Learning and Development Team · Last reviewed 26 November 2026 · Next review due 26 November 2027"


@pytest.fixture
def fixture_site(tmp_path):
    project = tmp_path / "publishing"
    shutil.copytree(FIXTURE, project)
    (project / "macros").symlink_to(ROOT / "macros")
    return project


def health_rows(html: str) -> list[tuple[str, str]]:
    table = html.split('id="pages-by-next-review-date"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", table, re.S)
    return [(re.sub(r"<[^>]+>", "", s).strip(), re.sub(r"<[^>]+>", "", p).strip()) for s, p in rows]


def test_content_health_orders_and_flags_pages_for_a_fixed_build_date(fixture_site, tmp_path, monkeypatch):
    monkeypatch.setenv("RBP_BUILD_DATE", "2026-11-30")
    build = mkdocs_build(fixture_site, tmp_path / "out")
    assert build.ok, build.output
    html = (tmp_path / "out" / "about" / "content-health" / "index.html").read_text()
    assert health_rows(html) == [
        ("⚠ Overdue", "Long overdue page"),
        ("⚠ Overdue", "Overdue page"),
        ("Due soon", "Due soon page"),
        ("Up to date", "Fixture home"),
        ("Up to date", "Content health"),
    ]
    assert "Worked out on <strong>30 November 2026</strong>" in html
    assert "<strong>2 pages overdue</strong>" in html
    assert "<strong>1 page with no owner</strong>" in html
    assert "Page with no owner" in html.split('id="pages-with-no-owner"', 1)[1]
    page = (tmp_path / "out" / "theory" / "overdue" / "index.html").read_text()
    assert "Owner: A Person, Practice Lead" in page and "Review overdue since" in page


def test_the_calendar_never_fails_the_build(fixture_site, tmp_path, monkeypatch):
    monkeypatch.setenv("RBP_BUILD_DATE", "2040-01-01")
    build = mkdocs_build(fixture_site, tmp_path / "out")
    assert build.ok, build.output
    html = (tmp_path / "out" / "about" / "content-health" / "index.html").read_text()
    assert [s for s, _ in health_rows(html)] == ["⚠ Overdue"] * 5


@pytest.mark.parametrize("front, message", [
    ("owner: Learning and Development Team\nreviewed: 2025-13-01\n",
     "docs/theory/overdue.md:3: 'reviewed' must be a date written YYYY-MM-DD, not '2025-13-01'"),
    ("owner: lead\nreviewed: 2025-01-15\nreview_every: 0\n",
     "docs/theory/overdue.md:4: 'review_every' must be a whole number of months, 1 or more, not '0'"),
    ("title: Overdue\nowner: laed\nreviewed: 2025-01-15\n",
     "docs/theory/overdue.md:3: owner 'laed' looks like a contact key but is not in data/contacts.yml. Did you mean: lead?"),
    ("owner: lead\nreveiwed: 2025-01-15\n",
     "docs/theory/overdue.md:3: unknown key 'reveiwed': did you mean 'reviewed'?"),
])
def test_front_matter_mistakes_stop_the_build_with_file_and_line(fixture_site, tmp_path, front, message):
    (fixture_site / "docs" / "theory" / "overdue.md").write_text(f"---\n{front}---\n\n# Overdue page\n")
    build = mkdocs_build(fixture_site, tmp_path / "out")
    assert build.returncode != 0
    assert message in build.output, build.output
    assert "Traceback" not in build.output


# ---------------------------------------------------------------- the print page


def framework_sources() -> list[str]:
    """Framework pages in menu order, read from the nav in mkdocs.yml."""
    nav = (ROOT / "mkdocs.yml").read_text().split("\nnav:", 1)[1]
    return [src for src in re.findall(r"([\w/-]+\.md)\s*$", nav, re.M) if src.startswith(FRAMEWORK)]


def test_print_page_has_every_framework_page_in_menu_order_with_contents(site_dir):
    html = read(site_dir, "about/print/")
    printed = re.findall(r'<article class="rbp-print-page" id="([^"]+)" data-print-source="([^"]+)"', html)
    assert [src for _, src in printed] == framework_sources()
    toc = html.split('class="rbp-print-toc"', 1)[1].split("</nav>", 1)[0]
    for pid, _ in printed:
        assert f'href="#{pid}"' in toc


def test_print_page_ids_are_unique_and_every_jump_lands(site_dir):
    html = read(site_dir, "about/print/")
    ids = re.findall(r'(?<![\w-])id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    missing = {h for h in re.findall(r'href="#([^"]+)"', html) if h not in set(ids)}
    assert not missing, missing
    body = html.split('class="rbp-print-toc"', 1)[1]
    for href in set(re.findall(r'href="([^"#][^"]*)"', body)):
        if not urlsplit(href).scheme and not href.startswith("mailto:"):
            assert local_target(site_dir, "about/print/", href).exists(), href


def test_print_page_leaves_out_interactive_parts(site_dir):
    html = read(site_dir, "about/print/")
    assert not re.search(r'data-(quiz|worksheet|path-banner)="', html)
    assert "the quiz on this page works only on screen" in html


def test_external_links_carry_their_address_for_print(site_dir):
    html = read(site_dir, "practice/assessment/")
    links = re.findall(r'<a ([^>]*href="https?://[^"]+"[^>]*)>', html.split('class="md-content"', 1)[1].split("</article>", 1)[0])
    assert links and all("data-print-url=" in a for a in links)


def test_every_real_page_has_an_owner_and_review_date():
    """The build allows a page without review details (small fixture sites have none); the real site may not."""
    loaded = macros.load(ROOT).reviews
    unowned = [p for p in loaded.pages if p.review is None]
    assert not unowned, "add owner/reviewed front matter to: " + ", ".join(p.src for p in unowned)
