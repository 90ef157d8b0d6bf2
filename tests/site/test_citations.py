"""Every citation lands on a reading-list entry, and every backlink points at a page that really cites it."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from tests.site.test_site import prose
from tests.support.build import ROOT

CITE_LINK = re.compile(r'<a class="rbp-cite" href="([^"]+)"')
AUTHOR_YEAR = re.compile(r"\((?:[A-Z][a-z]+(?: et al\.)?(?: and [A-Z][a-z]+)?),? (?:19|20)\d\d\)")


def html_for(site: Path, url_path: str) -> Path:
    path = site / url_path.lstrip("/")
    return path / "index.html" if url_path.endswith("/") or not path.suffix else path


def test_every_cite_link_lands_on_an_existing_entry(site_dir, pages):
    seen = 0
    for page in pages:
        html = html_for(site_dir, "/" + page).read_text()
        for href in CITE_LINK.findall(html):
            target = urlparse(urljoin("http://x/" + page, href))
            assert target.fragment, f"{page}: citation {href} has no anchor"
            entry = html_for(site_dir, target.path).read_text()
            assert f'id="{target.fragment}"' in entry, f"{page}: {href} does not land on an entry"
            seen += 1
    assert seen >= 20


def test_every_backlink_points_at_a_page_that_cites_the_entry(site_dir):
    reading = html_for(site_dir, "/reading-list/").read_text()
    entries = re.findall(r'<div class="rbp-ref" id="([^"]+)">(.*?)</div>', reading, re.S)
    assert len(entries) >= 15
    for key, body in entries:
        cited = re.search(r"<strong>Cited on:</strong>(.*?)</p>", body, re.S)
        assert cited, f"{key} has no Cited on line"
        for href in re.findall(r'href="([^"]+)"', cited.group(1)):
            page = urlparse(urljoin("http://x/reading-list/", href)).path
            html = html_for(site_dir, page).read_text()
            assert re.search(rf'class="rbp-cite" href="[^"]*#{key}"', html), f"{page} is listed as citing {key} but does not"


def test_no_author_year_citation_is_typed_by_hand():
    offenders = []
    for md in (ROOT / "docs").rglob("*.md"):
        for line_no, line in enumerate(prose(md.read_text()).splitlines(), 1):
            if AUTHOR_YEAR.search(line):
                offenders.append(f"{md.relative_to(ROOT)}:{line_no}: {line.strip()[:80]}")
    assert not offenders, "use {{ cite() }}:\n" + "\n".join(offenders)


def test_replaced_guidance_says_so(site_dir):
    reading = html_for(site_dir, "/reading-list/").read_text()
    entry = re.search(r'id="hmg2015">(.*?)</div>', reading, re.S).group(1)
    assert "Working Together to Safeguard Children 2023" in entry


def test_glossary_lists_required_terms_with_anchors(site_dir):
    html = html_for(site_dir, "/reading-list/glossary/").read_text()
    for term in ["ASYE", "AP", "CC Inform", "CIN", "CP", "CSE", "DfES", "DH", "FGC", "L&amp;D", "MECC", "PAMS", "RBP",
                 "SSCB", "UNCRC", "Early Help", "Containment", "Reciprocity", "Use of self", "Threshold",
                 "Protective factor", "Risk factor"]:
        # (each heading's text is a link to itself: macros/heading_links.py)
        assert re.search(rf'<h3 id="(term-[a-z-]+)"><a class="rbp-heading-link" href="#\1">{re.escape(term)}<', html), f"glossary lacks {term}"


def test_abbreviations_are_explained_where_used(site_dir):
    html = html_for(site_dir, "/tools/pams/").read_text()
    assert re.search(r'<abbr tabindex="0" title="Parent Assessment Manual Software: [^"]+">PAMS</abbr>', html)
