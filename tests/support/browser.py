"""Helpers for browser tests: a watched page and an axe-core scan."""
from __future__ import annotations

from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_axe = Axe()


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


def axe_violations(page, context=None) -> list[str]:
    """WCAG 2.0–2.2 A and AA violations, one readable line each.

    Running transitions are finished first: a colour measured half-way through a hover fade is
    not what anyone reads.
    """
    page.evaluate("document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} })")
    results = _axe.run(page, context=context, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    out = []
    for v in results.response["violations"]:
        targets = "; ".join(",".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in v["nodes"][:5])
        detail = (v["nodes"][0].get("failureSummary") or "").replace("\n", " ")[:200] if v["nodes"] else ""
        out.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets} — {detail}")
    return out


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
