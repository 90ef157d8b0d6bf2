"""The file-share build works opened from a folder (file://) with no network, search included."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import search
from tests.support.build import ROOT, mkdocs_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    build = mkdocs_build(ROOT, tmp_path_factory.mktemp("offline") / "site", config="mkdocs.offline.yml",
                         env={"RBP_OFFLINE": "true"})
    assert build.ok, build.output
    return build.site


def test_offline_build_loads_nothing_from_a_cdn(offline_site):
    html = (offline_site / "index.html").read_text()
    assert "unpkg.com" not in html and "cdn" not in html.lower()
    assert 'src="assets/vendor/iframe-worker/shim.js"' in html
    assert (offline_site / "search" / "search_index.js").exists()


def test_search_works_from_a_folder_with_no_network(page, offline_site):
    blocked = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.context.route("**/*", only_files)
    page.goto((offline_site / "tools" / "solihull-approach.html").as_uri())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Solihull")
    results = search(page, "containment")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text("Solihull")
    assert blocked == []
    # links between pages work from the folder too
    page.keyboard.press("Escape")
    page.get_by_role("navigation", name="Footer").get_by_role("link").last.click()
    assert page.url.startswith("file://") and page.url.endswith(".html")
