"""The real site: builds strictly, holds every section of the framework, and loads nothing from elsewhere."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from tests.support.build import ROOT

DOCS = ROOT / "docs"

# A phrase from every section of the 2015 framework document, as the site words it.
SECTION_PHRASES = {
    "mission": "the right help at the right time",
    "UNCRC Article 9": "Article 9",
    "key understandings": "key understandings",
    "attachment": "attachment theory",
    "psychoanalysis": "psychoanalysis",
    "systems theory": "systems theory",
    "use of self": "use of self",
    "theories influencing practice": "Coulshed and Orme",
    "Teater": "Teater",
    "theory and method": "tools for intervention",
    "CC Inform": "CC Inform",
    "advanced practitioners": "advanced practitioner",
    "ASYE": "assessed and supported year",
    "legal AP": "legal",
    "library": "library",
    "essential reading list": "West Mercia",
    "threshold framework": "Accessing the Right Services at the Right Time",
    "three domains": "parenting capacity",
    "family and environmental factors": "family and environmental factors",
    "questionnaires and scales": "questionnaires and scales",
    "what an assessment should establish": "urgent action",
    "seven-stage approach": "seven",
    "risk analysis": "protective factors",
    "Tuck": "Tuck",
    "PAMS": "PAMS",
    "learning disability guidance": "learning disability",
    "neglect toolkit": "Neglect",
    "CSE toolkit": "sexual exploitation",
    "self-harm": "self-harm",
    "suicide prevention": "suicide",
    "under-18s protocol": "Brook",
    "parental substance misuse": "alcohol",
    "Solihull": "Solihull",
    "containment": "containment",
    "reciprocity": "reciprocity",
    "behaviour management": "behaviour management",
    "ten-week groups": "ten weeks",
    "MECC": "Making Every Contact Count",
    "practice cycle": "intimate/flowing",
    "FGC": "Family Group Conference",
    "independent coordinator": "independent coordinator",
    "staying together": "special guardianship",
    "rapport": "rapport",
    "Trevithick": "Trevithick",
}

TYPOS = ["Wet Mercia", "principals of MECC", "best affect", "neighbors"]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


@pytest.fixture(scope="session")
def texts(site_dir, pages) -> dict[str, str]:
    return {p: page_text((site_dir / (p + "index.html" if p.endswith("/") or p == "" else p)).read_text()) for p in pages}


def test_build_is_strict_and_clean(built):
    assert built.ok, "\n".join(built.warnings) or built.output


@pytest.mark.parametrize("section", SECTION_PHRASES)
def test_every_section_of_the_document_has_a_home(texts, section):
    phrase = SECTION_PHRASES[section].lower()
    assert any(phrase in t.lower() for t in texts.values()), f"no page mentions {phrase!r} ({section})"


def test_document_typos_are_fixed(texts):
    for page, text in texts.items():
        for typo in TYPOS:
            assert typo.lower() not in text.lower(), f"{page} repeats the typo {typo!r}"


def test_no_placeholder_pages(texts):
    for page, text in texts.items():
        assert "TODO" not in text and "placeholder" not in text.lower(), page


class _Assets(HTMLParser):
    """Every URL a page would load by itself (not links a reader follows)."""

    LOADS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("source", "srcset"),
             ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("image", "href"), ("use", "href")}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") not in ("alternate", "canonical", "next", "prev") and a.get("href"):
            self.urls.append(a["href"])
        for t, attr in self.LOADS:
            if tag == t and a.get(attr):
                self.urls.append(a[attr])
        if "style" in a:
            self.urls.extend(re.findall(r"url\(['\"]?([^'\")]+)", a["style"]))


def is_external(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.scheme and parsed.scheme not in ("data", "blob")) or url.startswith("//")


def test_no_page_loads_anything_from_another_site(site_dir):
    offenders = []
    for html in site_dir.rglob("*.html"):
        parser = _Assets()
        parser.feed(html.read_text())
        offenders += [f"{html.relative_to(site_dir)}: {u}" for u in parser.urls if is_external(u)]
    for css in site_dir.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import\s+)['\"]?([^'\")\s;]+)", css.read_text()):
            if is_external(url):
                offenders.append(f"{css.relative_to(site_dir)}: {url}")
    assert not offenders, "\n".join(offenders)


def prose(markdown: str) -> str:
    """A page's Markdown without code blocks and code spans (where examples for authors live)."""
    markdown = re.sub(r"^(```|~~~).*?^\1", "", markdown, flags=re.S | re.M)
    return re.sub(r"`[^`\n]+`", "", markdown)


def test_pages_never_type_addresses_themselves():
    """Contacts and links live in data/*.yml so L&D can update them in one place."""
    offenders = []
    for md in DOCS.rglob("*.md"):
        text = prose(md.read_text())
        for pattern in (r"https?://", r"www\.", r"[\w.+-]+@[\w-]+\.[\w.]+"):
            for m in re.finditer(pattern, text):
                offenders.append(f"{md.relative_to(ROOT)}: {m.group(0)}")
    assert not offenders, "\n".join(offenders)


HEAD = re.compile(r"<head>(.*?)</head>", re.S)
STYLESHEET = re.compile(r'<link rel="stylesheet" href="[^"]*?assets/stylesheets/([\w.-]+?)(?:\.[0-9a-f]{8}\.min)?\.css[^"]*"([^>]*)>')


def test_first_paint_waits_only_for_what_the_first_screen_needs(site_dir, pages):
    """Render-blocking in <head>: Material's two stylesheets, site.css and the page's own components'
    CSS. print.css is media="print"; no script file in <head>; core.js and Material's bundle are
    deferred (the parser never waits for a script, so the content paints before the bundle runs)."""
    for rel in pages:
        html = (site_dir / rel / "index.html" if not rel.endswith(".html") else site_dir / rel).read_text()
        head = HEAD.search(html).group(1)
        sheets = STYLESHEET.findall(head)
        blocking = [name for name, attrs in sheets if 'media="print"' not in attrs]
        assert blocking[:3] == ["main", "palette", "site"], rel
        assert ("print", ' media="print"') in sheets, rel
        assert set(blocking[3:]) <= {"quiz", "scenario", "worksheet", "diagrams", "paths", "learning", "path-page", "my-learning"}, rel
        assert not re.search(r"<script[^>]*\bsrc=", head), rel
        for tag in re.findall(r"<script[^>]*core\.js[^>]*>", html):
            assert " defer" in tag, rel
        # The scripts core.js will load are preloaded from <head>, at low priority, in its order.
        named = re.findall(r'data-rbp-scripts="([^"]*)"', html)
        preloaded = re.findall(r'<link rel="preload" as="script" href="[^"]*assets/javascripts/([^"]+)" fetchpriority="low">', head)
        assert preloaded == (named[0].split() if named else []), rel
        bundle = re.findall(r"<script[^>]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js[^>]*>", html)
        assert len(bundle) == 1 and " defer" in bundle[0], (rel, bundle)


def test_print_stylesheet_holds_only_print_rules():
    """print.css is linked with media="print": a screen rule put there would silently never apply."""
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "docs/assets/stylesheets/print.css").read_text(), flags=re.S)
    depth, top_level, i = 0, [], 0
    for m in re.finditer(r"[{}]", css):
        if m.group() == "{":
            if depth == 0:
                top_level.append(css[i:m.start()].strip().split(";")[-1].strip())
            depth += 1
        else:
            depth -= 1
        i = m.end()
    assert top_level and all(rule.startswith(("@media print", "@page")) for rule in top_level), top_level
