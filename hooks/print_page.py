"""The whole framework on one page, to print or save as PDF from the browser.

``docs/about/print.md`` holds the introduction and a marker. Once every page has been turned
into HTML, this hook replaces the marker with a table of contents and every framework page
(The model, Assessment and practice, Tools, Support and reading) in navigation order. Each
page's ids get the page's name in front, so anchors stay unique, and links are rewritten: to
a page that is printed here they jump within this page; to anything else they stay working.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import urljoin, urlsplit

from markupsafe import escape
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from macros import buildcache
from macros.page_html import mark_external_links
from macros.pages import PRINT_PAGE, PRINTED

MARKER = "<div data-rbp-print-framework></div>"
HEADING_SHIFT = 2  # page h1 → h3, under its part's h2
# Material's instant navigation takes over same-page links and, once the reader has scrolled,
# can put them back where they were; a link with a target is left to the browser, which jumps.
SAME_PAGE = ' target="_self"'

# (?<![\w-]) keeps data-id="…" and data-href="…" out of it.
ID = re.compile(r'(?<![\w-])id="([^"]+)"')
URL_ATTR = re.compile(r'(?<![\w-])(href|src|xlink:href)="([^"]*)"')
ID_REFS = re.compile(r'(?<![\w-])(for|aria-labelledby|aria-describedby|aria-controls|aria-owns|headers|list)="([^"]*)"')
CSS_URL = re.compile(r"url\(#([^)]+)\)")
HEADING = re.compile(r"<(/?)h([1-6])\b")
# Interactive parts have no use on paper: quizzes, scenarios and worksheets become a pointer to the page,
# learning-path banners go. Each is a <div> found by its opening tag.
INTERACTIVE = re.compile(r'<div\b[^>]*(?:\bdata-quiz="|\bdata-scenario="|\bdata-worksheet="|\bclass="rbp-banners")[^>]*>')
DIV = re.compile(r"<(/?)div\b[^>]*>")


def page_slug(src_uri: str) -> str:
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")


def framework_pages(nav) -> list:
    return [p for p in nav.pages if p.file.src_uri.startswith(PRINTED)]


def section_title(page) -> str:
    parent = page.parent
    return parent.title if parent is not None else page.title


def _shift(match: re.Match) -> str:
    return f"<{match.group(1)}h{min(6, int(match.group(2)) + HEADING_SHIFT)}"


def rebase(html: str, page, here_url: str, printed: dict[str, str]) -> str:
    """One page's HTML made to work inside the print page."""
    prefix = page_slug(page.file.src_uri)
    ids = set(ID.findall(html))
    local = lambda i: f"{prefix}--{i}" if i in ids else i

    def url(match: re.Match) -> str:
        attr, value = match.group(1), match.group(2)
        if value.startswith("#"):
            return f'{attr}="#{local(value[1:])}"' if value[1:] in ids else match.group(0)
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith(("/", "data:")) or not value:
            return match.group(0)
        target = urljoin("/" + page.url, value)
        path, _, fragment = target.partition("#")
        path = path.lstrip("/")
        if path in printed:
            anchor = f"{printed[path]}--{fragment}" if fragment else printed[path]
            return f'{attr}="#{anchor}"'
        rel = get_relative_url(posixpath.normpath(path) if path else ".", here_url)
        if (path.endswith("/") or not path) and not rel.endswith("/"):
            rel += "/"
        return f'{attr}="{rel}{"#" + fragment if fragment else ""}"'

    html = ID.sub(lambda m: f'id="{local(m.group(1))}"', html)
    html = ID_REFS.sub(lambda m: f'{m.group(1)}="{" ".join(local(i) for i in m.group(2).split())}"', html)
    html = CSS_URL.sub(lambda m: f"url(#{local(m.group(1))})", html)
    html = URL_ATTR.sub(url, html)
    return HEADING.sub(_shift, html)


def replace_interactive(html: str, note) -> str:
    """Swap each quiz, scenario or worksheet for ``note`` and drop path banners (balanced <div> matching)."""
    out, pos = [], 0
    while (start := INTERACTIVE.search(html, pos)) is not None:
        depth, end = 0, len(html)
        for tag in DIV.finditer(html, start.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        out.append(html[pos:start.start()])
        if "rbp-banners" not in start.group(0):
            tag = start.group(0)
            out.append(note("quiz" if "data-quiz=" in tag else "practice scenario" if "data-scenario=" in tag else "worksheet"))
        pos = end
    out.append(html[pos:])
    return "".join(out)


def printable(p, page, printed: dict[str, str]) -> str:
    """Page ``p`` as the print page shows it. The live preview rebuilds the print page for every edit to
    a framework page, so what each page gave is kept (``macros/buildcache.py``) and only the edited
    page is made again."""
    key = (p.content or "", p.file.src_uri, p.url, p.title, page.url, tuple(printed.items()))
    made = buildcache.PRINTED.get(key)
    if made is None:
        made = replace_interactive(rebase(p.content or "", p, page.url, printed), online_note(p, page))
        buildcache.remember(buildcache.PRINTED, key, made)
    return made


def online_note(p, here):
    href = get_relative_url(p.url or ".", here.url)
    if (p.url.endswith("/") or not p.url) and not href.endswith("/"):
        href += "/"
    return lambda kind: (
        f'<p class="rbp-print-note"><strong>On the website:</strong> the {kind} on this page works only on screen. '
        f'Use it on the <a href="{href}">{escape(p.title)}</a> page.</p>'
    )


def build(page, nav) -> tuple[str, TableOfContents]:
    pages = framework_pages(nav)
    printed = {p.url: page_slug(p.file.src_uri) for p in pages}
    sections: list[tuple[str, list]] = []
    for p in pages:
        title = section_title(p)
        if not sections or sections[-1][0] != title:
            sections.append((title, []))
        sections[-1][1].append(p)

    toc_html = ['<nav class="rbp-print-toc" aria-labelledby="print-contents">',
                '<h2 id="print-contents">Contents</h2>', "<ol>"]
    body, toc = [], []
    for n, (title, members) in enumerate(sections, start=1):
        sid = f"part-{n}"
        link = AnchorLink(str(escape(title)), sid, 2)
        toc.append(link)
        toc_html.append(f'<li><a href="#{sid}"{SAME_PAGE}>{escape(title)}</a><ol>')
        body.append(f'<section class="rbp-print-part" aria-labelledby="{sid}"><h2 id="{sid}">{escape(title)}</h2>')
        for p in members:
            pid = page_slug(p.file.src_uri)
            link.children.append(AnchorLink(str(escape(p.title)), pid, 3))
            toc_html.append(f'<li><a href="#{pid}"{SAME_PAGE}>{escape(p.title)}</a></li>')
            body.append(
                f'<article class="rbp-print-page" id="{pid}" data-print-source="{escape(p.file.src_uri)}">'
                f"{printable(p, page, printed)}</article>"
            )
        toc_html.append("</ol></li>")
        body.append("</section>")
    toc_html += ["</ol>", "</nav>"]
    return "\n".join(toc_html + body), TableOfContents(toc)


def on_page_content(html, page, config, files, **_kwargs):
    return mark_external_links(html)


def on_page_context(context, page, config, nav, **_kwargs):
    if page.file.src_uri == PRINT_PAGE and page.content and MARKER in page.content:
        html, toc = build(page, nav)
        page.content = page.content.replace(MARKER, html)
        items = list(page.toc.items) if page.toc else []
        if items and items[0].level == 1:  # the page's own h1: the contents belong under it
            items[0].children.extend(toc.items)
            page.toc = TableOfContents(items)
        else:
            page.toc = TableOfContents(items + toc.items)
    return context
