"""deploy/nginx.conf serves the site with security headers, and no page breaks its CSP."""
from __future__ import annotations

import urllib.request

import pytest

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
    page.get_by_role("status").filter(has_text="You scored").wait_for()
    page.goto(nginx.url + "tools/risk-worksheet/")
    page.get_by_role("button", name="Load practice example").click()
    page.get_by_role("group", name="Risk factor 1").wait_for()
    page.goto(nginx.url + "learn/paths/practice-model/")
    page.get_by_role("button", name="Mark as done").first.click()
    page.goto(nginx.url + "learn/my-learning/")
    page.get_by_role("button", name="Add reflection").click()
    assert page.evaluate("window.__cspViolations") == []
