"""Helpers for browser tests: a watched page, and two accessibility engines over it."""
from __future__ import annotations

import functools
from urllib.parse import urlparse

import pytest

from tests.support.build import ROOT

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


class Watch:
    """Wraps a Playwright page: blocks and records off-site requests, collects console errors."""

    def __init__(self, page, site_url: str):
        self.page = page
        self.site_url = site_url
        self.host = urlparse(site_url).netloc
        self.external: list[str] = []
        self.console_errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
        page.route("**/*", self._route)

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.console_errors.append(msg.text)

    def _route(self, route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or (url.scheme in ("http", "https") and url.netloc == self.host):
            route.fallback()  # let other handlers (the sitemap rewrite) see it too
        else:
            self.external.append(route.request.url)
            route.abort()

    def goto(self, path: str = ""):
        self.page.goto(self.site_url + path.lstrip("/"))
        self.page.wait_for_load_state("load")
        return self.page


def _engine(name: str, path: str) -> str:
    script = ROOT / "node_modules" / path
    if not script.exists():
        pytest.exit(f"{name} is missing ({script}): run the tests with make test, which installs it with npm ci", returncode=3)
    return script.read_text(encoding="utf-8")


@functools.cache
def _scripts() -> tuple[str, str]:
    return _engine("axe-core", "axe-core/axe.min.js"), _engine("HTML_CodeSniffer", "html_codesniffer/build/HTMLCS.js")


_RUN_BOTH = r"""async ([selector, tags, coloursOnly]) => {
  const root = selector ? document.querySelector(selector) : document;
  const out = [];
  const only = coloursOnly ? {type: "rule", values: ["color-contrast", "link-in-text-block"]} : {type: "tag", values: tags};
  const axeResult = await axe.run(selector ? root : document, {runOnly: only});
  for (const v of axeResult.violations) {
    const targets = v.nodes.slice(0, 5).map(n => [].concat(n.target).join(",")).join("; ");
    const detail = ((v.nodes[0] && v.nodes[0].failureSummary) || "").replace(/\n/g, " ").slice(0, 200);
    out.push(`axe ${v.id} (${v.impact}): ${v.help} — ${targets} — ${detail}`);
  }
  await new Promise(done => HTMLCS.process("WCAG2AA", root, done));
  for (const m of HTMLCS.getMessages()) {
    if (m.type !== HTMLCS.ERROR || (coloursOnly && !/Guideline1_4\.1_4_3\./.test(m.code))) continue;
    const html = m.element && m.element.outerHTML ? m.element.outerHTML.replace(/\s+/g, " ").slice(0, 160) : "";
    out.push(`HTML_CodeSniffer ${m.code}: ${m.msg.slice(0, 160)} — ${html}`);
  }
  return out;
}"""


def accessibility_problems(page, context: str | None = None, colours_only: bool = False) -> list[str]:
    """WCAG 2.2 A and AA errors from two engines, one readable line each: axe-core (WCAG 2.0–2.2
    A/AA rules) and HTML_CodeSniffer (its WCAG2AA standard), both the versions pinned in
    package-lock.json, over the whole page or the element ``context`` selects.

    ``colours_only`` keeps to contrast (axe's color-contrast and link-in-text-block, HTML_CodeSniffer's
    1.4.3): for a second colour scheme of markup already checked in full.

    Running transitions are finished first: a colour measured half-way through a hover fade is
    not what anyone reads.
    """
    page.evaluate("document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} })")
    axe_js, htmlcs_js = _scripts()
    if not page.evaluate("typeof axe !== 'undefined' && typeof HTMLCS !== 'undefined'"):
        # Evaluated through the browser's devtools protocol: the page's CSP does not apply.
        page.evaluate(axe_js)
        page.evaluate(htmlcs_js)
    return page.evaluate(_RUN_BOTH, [context, WCAG_AA, colours_only])


def search(page, term: str):
    """Open search with "/" and type ``term``; retry while the search index is still loading.

    Material drops a query typed before its search worker is ready, so a person would simply
    type again: so does this.
    """
    page.keyboard.press("/")
    box = page.get_by_role("textbox", name="Search")
    results = page.locator(".md-search-result__item")
    for _ in range(30):
        box.fill("")
        box.press_sequentially(term)
        try:
            results.first.wait_for(state="visible", timeout=1000)
            break
        except Exception:
            continue
    return results
