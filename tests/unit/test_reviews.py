"""Page reviews and What's new posts: front-matter checks, review dates, the health report, the feed."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from hooks.feed import feed_xml
import macros
from macros import reviews, site, updates
from macros.contacts import Contact
from macros.loader import DataError

CONTACTS = {"lead": Contact(name="A Person", role="Practice Lead", email="a@example.org", checked="2026-01-01")}


def page(front: str, body: str = "# Title\n\nText.\n") -> str:
    return f"---\n{front}---\n\n{body}"


def problems(text: str, path: str = "docs/theory/x.md", contacts=CONTACTS) -> list[str]:
    doc = site.front_matter(text, path)
    _review, found = reviews.check_front_matter(doc, contacts)
    return [str(p) for p in found]


def test_good_front_matter_gives_a_review_with_default_twelve_months():
    doc = site.front_matter(page("owner: Learning and Development Team\nreviewed: 2026-11-26\n"), "docs/x.md")
    review, found = reviews.check_front_matter(doc, CONTACTS)
    assert found == []
    assert review.owner_name == "Learning and Development Team"
    assert review.due == dt.date(2027, 11, 26)


def test_an_owner_key_shows_the_contacts_name_and_role():
    doc = site.front_matter(page("owner: lead\nreviewed: 2026-01-31\nreview_every: 1\n"), "docs/x.md")
    review, _ = reviews.check_front_matter(doc, CONTACTS)
    assert review.owner_name == "A Person, Practice Lead"
    assert review.due == dt.date(2026, 2, 28)  # no 31 February


@pytest.mark.parametrize("front, expected", [
    ("owner: L&D\nreviewed: 26/11/2026\n",
     "docs/theory/x.md:3: 'reviewed' must be a date written YYYY-MM-DD, not '26/11/2026'"),
    ("owner: L&D\nreviewed: 2026-02-30\n",
     "docs/theory/x.md:3: 'reviewed' must be a date written YYYY-MM-DD, not '2026-02-30'"),
    ("owner: L&D\nreviewed: 2026-11-26\nreview_every: twelve\n",
     "docs/theory/x.md:4: 'review_every' must be a whole number of months, 1 or more, not 'twelve'"),
    ("owner: L&D\nreviewed: 2026-11-26\nreview_every: 0\n",
     "docs/theory/x.md:4: 'review_every' must be a whole number of months, 1 or more, not '0'"),
    ("owner: L&D\nreviewed: 2026-11-26\nreview_every: 1.5\n",
     "docs/theory/x.md:4: 'review_every' must be a whole number of months, 1 or more, not '1.5'"),
    ("title: X\nowner: leed\nreviewed: 2026-11-26\n",
     "docs/theory/x.md:3: owner 'leed' looks like a contact key but is not in data/contacts.yml. Did you mean: lead?"),
    ("owner: L&D\nreviewd: 2026-11-26\n",
     "docs/theory/x.md:3: unknown key 'reviewd': did you mean 'reviewed'?"),
    ("owner: L&D\nreviewed: 2026-11-26\nreview-every: 6\n",
     "docs/theory/x.md:4: unknown key 'review-every': did you mean 'review_every'?"),
    ("hide: [toc]\nowner: L&D\n",
     "docs/theory/x.md:3: missing 'reviewed' (the date it was last reviewed, YYYY-MM-DD)"),
    ("reviewed: 2026-11-26\n",
     "docs/theory/x.md:2: missing 'owner' (a team, role or contact key)"),
])
def test_front_matter_mistakes_name_the_file_and_line(front, expected):
    found = problems(page(front))
    assert any(p.startswith(expected) for p in found), found


def test_every_mistake_on_a_page_is_reported_together():
    found = problems(page("owner: nobody_here\nreviewed: tomorrow\nreview_every: -3\n"))
    assert [p.split(":")[1] for p in found] == ["2", "3", "4"]


def test_yaml_syntax_errors_count_lines_from_the_top_of_the_page():
    with pytest.raises(DataError) as exc:
        site.front_matter("---\nowner: L&D\nreviewed: [2026\n---\n# T\n", "docs/x.md")
    assert str(exc.value).startswith("docs/x.md:4: YAML syntax error")


def test_unclosed_front_matter_is_an_error():
    with pytest.raises(DataError, match="docs/x.md:1: front matter starts with '---' but has no closing"):
        site.front_matter("---\nowner: L&D\n# T\n", "docs/x.md")


def test_a_page_without_review_keys_has_no_owner_and_no_error():
    assert problems(page("hide:\n  - toc\n")) == []
    assert site.front_matter("# Just a heading\n", "docs/x.md") is None


def test_owner_keys_are_not_guessed_while_contacts_are_broken():
    assert problems(page("owner: anyone\nreviewed: 2026-11-26\n"), contacts=None) == []


def _reviews(today: dt.date) -> reviews.Reviews:
    def info(src, title, reviewed, months=12):
        return reviews.PageInfo(src, title, reviews.Review("L&D", "L&D", dt.date.fromisoformat(reviewed), months))

    return reviews.Reviews([
        info("theory/ok.md", "Up to date page", "2026-10-01"),
        info("theory/late.md", "Late page", "2025-06-01"),
        info("theory/later.md", "Very late page", "2024-01-01"),
        info("theory/soon.md", "Soon page", "2025-12-10"),
        reviews.PageInfo("learn/x.md", "No owner page", None),
    ], today)


def test_health_report_lists_overdue_first_and_marks_them_in_words():
    text = reviews.render_health(_reviews(dt.date(2026, 11, 30)), lambda src: src)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "](" in line]
    assert [r.split("](")[0].rsplit("[", 1)[1] for r in rows] == ["Very late page", "Late page", "Soon page", "Up to date page"]
    assert "**Overdue**" in rows[0] and "**Overdue**" in rows[1]
    assert "**Due soon**" in rows[2] and "Up to date" in rows[3]
    assert "**2 pages overdue**" in text
    assert "**1 page with no owner**" in text
    assert "[No owner page](learn/x.md)" in text
    assert "30 November 2026" in text


def test_the_calendar_changes_the_report_but_never_fails():
    text = reviews.render_health(_reviews(dt.date(2030, 1, 1)), lambda src: src)
    assert "**4 pages overdue**" in text


def test_build_date_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("RBP_BUILD_DATE", "2027-03-01")
    assert reviews.build_date() == dt.date(2027, 3, 1)
    monkeypatch.setenv("RBP_BUILD_DATE", "March 2027")
    with pytest.raises(DataError, match="RBP_BUILD_DATE: 'March 2027' must be a date"):
        reviews.build_date()


def test_review_line_goes_right_after_the_heading_and_says_overdue_in_words():
    review = reviews.Review("lead", "A Person", dt.date(2026, 3, 1), 12)
    line = reviews.review_line(review, dt.date(2026, 4, 1))
    assert "Owner: A Person" in line and "Last reviewed <time datetime=\"2026-03-01\">1 March 2026</time>" in line
    assert "Next review due <time datetime=\"2027-03-01\">1 March 2027</time>" in line
    late = reviews.review_line(review, dt.date(2027, 3, 2))
    assert "Review overdue since" in late
    md = "```\n# not a heading\n```\n# Real heading\n\nBody"
    assert reviews.insert_after_h1(md, "LINE").split("\n")[3:6] == ["# Real heading", "", "LINE"]


def test_load_reads_every_page_except_posts(tmp_path, monkeypatch):
    monkeypatch.setenv("RBP_BUILD_DATE", "2026-12-01")
    (tmp_path / "docs" / "updates" / "posts").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text(page("owner: L&D\nreviewed: 2026-11-26\n", "# Home\n"))
    (tmp_path / "docs" / "other.md").write_text("# Other\n")
    (tmp_path / "docs" / "updates" / "posts" / "p.md").write_text("---\ndate: 2026-11-26\n---\n# P\n")
    found = reviews.load(site.scan(tmp_path / "docs"), {})
    assert [p.src for p in found.owned] == ["index.md"]
    assert [(p.src, p.title) for p in found.unowned] == [("other.md", "Other")]
    assert found.today == dt.date(2026, 12, 1)


def test_load_reports_every_broken_page(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(page("owner: L&D\nreviewed: soon\n"))
    (tmp_path / "docs" / "b.md").write_text(page("owner: L&D\nreviewed: 2026-01-01\nreview_every: 0\n"))
    with pytest.raises(DataError) as exc:
        macros.load(tmp_path).reviews
    assert [str(p).split(": ")[0] for p in exc.value.problems] == ["docs/a.md:3", "docs/b.md:4"]


# ---------------------------------------------------------------- What's new posts

POST = "---\ndate: 2026-11-26\ncategories:\n  - Site news\ndescription: It launched.\n---\n\n# Launched\n\nText.\n"


def post_page(text: str, src: str) -> site.Page:
    return site.read_page(src, text, f"docs/{src}")


def test_a_good_post():
    post = updates.check_post(post_page(POST, "updates/posts/launch.md"))
    assert (post.title, post.date, post.categories, post.description) == ("Launched", dt.date(2026, 11, 26), ("Site news",), "It launched.")


def test_post_mistakes_are_all_reported_with_lines():
    text = "---\ndate: 26 Nov 2026\ncategories:\n  - Site nws\ndescripton: x\n---\n\nNo heading.\n"
    with pytest.raises(DataError) as exc:
        updates.check_post(post_page(text, "updates/posts/bad.md"))
    found = [str(p) for p in exc.value.problems]
    assert "docs/updates/posts/bad.md:2: 'date' must be a date written YYYY-MM-DD, not '26 Nov 2026'" in found
    assert any(p.startswith("docs/updates/posts/bad.md:4: unknown category 'Site nws'. Did you mean: Site news") for p in found)
    assert any(p.startswith("docs/updates/posts/bad.md:5: unknown key 'descripton'") for p in found)
    assert "docs/updates/posts/bad.md:1: missing 'description'" in found
    assert any("needs a heading line" in p for p in found)


def test_latest_updates_newest_first_without_drafts(tmp_path):
    folder = tmp_path / "docs" / "updates" / "posts"
    folder.mkdir(parents=True)
    for name, day, draft in [("a", "2026-11-26", ""), ("b", "2027-01-10", ""), ("c", "2027-02-01", "draft: true\n"), ("d", "2026-12-01", "")]:
        (folder / f"{name}.md").write_text(POST.replace("2026-11-26", day).replace("# Launched", f"# Post {name}").replace("---\n\n", draft + "---\n\n", 1))
    posts = macros.load(tmp_path).posts
    assert [p.title for p in posts] == ["Post c", "Post b", "Post d", "Post a"]
    text = updates.render_latest(posts, 2, lambda src: src)
    assert "[Post b](updates/posts/b.md)" in text and "[Post d](updates/posts/d.md)" in text
    assert "Post c" not in text and "Post a" not in text


def test_feed_is_rss_with_absolute_links_newest_first():
    posts = [
        updates.Post("updates/posts/new.md", "New & shiny", dt.date(2027, 1, 2), ("Events",), "Second."),
        updates.Post("updates/posts/old.md", "Old", dt.date(2026, 11, 26), ("Site news", "New learning"), "First."),
    ]
    urls = {"updates/posts/new.md": "updates/2027/01/02/new/", "updates/posts/old.md": "updates/2026/11/26/old/"}
    root = ET.fromstring(feed_xml(posts, urls, "https://intranet.example.org/rbp/", "RBP", "updates/"))
    channel = root.find("channel")
    assert root.get("version") == "2.0"
    assert channel.findtext("link") == "https://intranet.example.org/rbp/updates/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["New & shiny", "Old"]
    assert [i.findtext("link") for i in items] == [
        "https://intranet.example.org/rbp/updates/2027/01/02/new/", "https://intranet.example.org/rbp/updates/2026/11/26/old/"]
    assert items[0].findtext("pubDate") == "Sat, 02 Jan 2027 00:00:00 +0000"
    assert [c.text for c in items[1].findall("category")] == ["Site news", "New learning"]
