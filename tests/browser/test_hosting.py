"""deploy/nginx.conf serves the site with security headers, and no page breaks its CSP."""
from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from tests.support.build import ROOT

from tests.support.browser import search
from tests.support.nginx import Nginx

pytestmark = pytest.mark.browser

# Record every CSP violation the browser reports, not only those it logs to the console.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def nginx(site_dir, tmp_path_factory):
    with Nginx(site_dir, tmp_path_factory.mktemp("nginx")) as server:
        yield server


def test_security_headers(nginx):
    with urllib.request.urlopen(nginx.url + "theory/") as response:
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]


def fetch(url: str, encoding: str | None = None):
    """(status, headers, body) for url, asking for `encoding` as a browser would."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request) as response:
        return response.status, response.headers, response.read()


def own_assets(html: str) -> list[str]:
    """The site's own stylesheets and scripts a page links, and the scripts core.js loads for it."""
    refs = re.findall(r'(?:href|src)="\.\./\.\./(assets/(?:stylesheets|javascripts)/[\w-]+\.(?:css|js)\?v=[0-9a-f]+)"', html)
    loaded = re.search(r'src="\.\./\.\./(assets/javascripts/)core\.js[^"]*"[^>]*data-rbp-scripts="([^"]*)"', html)
    return refs + [loaded.group(1) + name for name in loaded.group(2).split()] if loaded else refs


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_text_is_compressed(nginx, encoding):
    _, _, page = fetch(nginx.url + "tools/risk-worksheet/")
    html = page.decode()
    bundle = re.search(r'src="\.\./\.\./(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', html).group(1)
    for path in ["tools/risk-worksheet/", "search/search_index.json", "feed.xml", bundle, *own_assets(html)]:
        _, headers, body = fetch(nginx.url + path, encoding)
        assert headers["Content-Encoding"] == encoding, path
        assert "Accept-Encoding" in headers["Vary"], path
    _, headers, _ = fetch(nginx.url + "tools/risk-worksheet/", "identity")
    assert headers["Content-Encoding"] is None  # a client that asks for none gets none


def test_versioned_assets_are_kept_a_year_and_pages_revalidate(nginx):
    _, headers, page = fetch(nginx.url + "theory/theories/")
    assert headers["Cache-Control"] == "no-cache" and (headers["ETag"] or headers["Last-Modified"])
    html = page.decode()
    material = re.findall(r'(?:href|src)="\.\./\.\./(assets/(?:stylesheets|javascripts)/[\w]+\.[0-9a-f]{8}\.min\.(?:css|js))"', html)
    ours = own_assets(html)
    assert len(material) >= 3 and any("quiz.js" in a for a in ours) and any("site.css" in a for a in ours)
    for path in material + ours:
        _, headers, _ = fetch(nginx.url + path)
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", path
    for path in ["assets/javascripts/core.js", "search/search_index.json", "feed.xml", "assets/images/favicon.svg"]:
        _, headers, _ = fetch(nginx.url + path)  # no version in the address: check before each use
        assert headers["Cache-Control"] == "no-cache", path
    with pytest.raises(urllib.error.HTTPError) as err:
        fetch(nginx.url + "no-such-page/")
    assert err.value.code == 404 and err.value.headers["Cache-Control"] == "no-cache"


def test_versions_follow_content(site_dir):
    """An asset's ?v= is its content's hash, the same on every page that links it."""
    import hashlib
    seen = {}
    for page in site_dir.rglob("index.html"):
        html = page.read_text()
        found = re.findall(r'assets/((?:stylesheets|javascripts)/[\w-]+\.(?:css|js))\?v=([0-9a-f]+)', html)
        for names in re.findall(r'data-rbp-scripts="([^"]*)"', html):
            found += [("javascripts/" + name, version) for name, version in re.findall(r'([\w-]+\.js)\?v=([0-9a-f]+)', names)]
        for path, version in found:
            seen.setdefault(path, set()).add(version)
    assert {"stylesheets/site.css", "stylesheets/print.css", "javascripts/core.js", "javascripts/quiz.js"} <= set(seen)
    for path, versions in seen.items():
        assert len(versions) == 1, path
        assert versions == {hashlib.sha256((ROOT / "docs" / "assets" / path).read_bytes()).hexdigest()[:10]}, path


def test_generated_header_file_is_not_served(nginx):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(nginx.url + "csp-header.conf")
    assert err.value.code == 404


def test_every_page_runs_under_the_policy(page, nginx, pages):
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(RECORD_VIOLATIONS)
    problems = []
    for path in pages:
        page.goto(nginx.url + path)
        page.wait_for_load_state("load")
        violations = page.evaluate("window.__cspViolations")
        if violations or console:
            problems.append(f"{path}: {violations} {console}")
        console.clear()
    assert not problems, "\n".join(problems)


def test_search_and_instant_navigation_run_under_the_policy(page, nginx):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(nginx.url)
    search(page, "Solihull").first.wait_for()
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("load")
    assert page.evaluate("window.__cspViolations") == []


def test_every_interactive_component_runs_under_the_policy(page, nginx):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(nginx.url + "theory/theories/")
    page.get_by_role("button", name="Check answers").click()
    page.get_by_role("button", name="Mark anyway").click()  # nothing is answered: the quiz asks first
    page.get_by_role("status").filter(has_text="You scored").wait_for()
    page.goto(nginx.url + "tools/risk-worksheet/")
    page.get_by_role("button", name="Load practice example").click()
    page.get_by_role("group", name="Risk factor 1").wait_for()
    page.goto(nginx.url + "learn/paths/practice-model/")
    page.get_by_role("button", name="Mark as done").first.click()
    page.goto(nginx.url + "learn/my-learning/")
    page.get_by_role("button", name="Add CPD entry").click()
    assert page.evaluate("window.__cspViolations") == []


def test_component_scripts_are_fetched_while_the_page_parses_and_only_once(page, nginx):
    """The head announces the scripts core.js will load (link rel=preload, low priority), so the browser
    fetches them during parsing; core.js's own requests then take the preloaded responses: one request
    each, and the worksheet starts. On a page arrived at by instant navigation core.js loads them as before."""
    requested = []
    page.on("request", lambda r: requested.append(r.url.split("/")[-1].split("?")[0]) if "/assets/javascripts/" in r.url else None)
    page.goto(nginx.url + "tools/risk-worksheet/")
    page.locator(".rbp-ws[data-rbp-ready]").wait_for()
    assert requested.count("worksheet.js") == 1 and requested.count("paths.js") == 1, requested
    initiators = page.evaluate("""performance.getEntriesByType("resource").filter((e) => /javascripts\\/(worksheet|paths)\\.js/.test(e.name)).map((e) => e.initiatorType)""")
    assert initiators == ["link", "link"], initiators  # fetched for the preload, not for core.js's tag
    page.get_by_role("link", name="Assessing need and risk").first.click()  # instant navigation to the path's page
    page.locator("[data-path][data-rbp-ready]").wait_for()
    assert requested.count("path-page.js") == 1 and requested.count("learning.js") == 1, requested
