"""Playwright on the system Chromium (browsers cannot be downloaded here)."""
from __future__ import annotations

import shutil
import urllib.request

import pytest

from tests.support.browser import Watch
from tests.support.config import SITE_URL

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home at start-up; the test machine has no network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.exit("No system Chromium found: install it (apt-get install -y chromium) or run .ci/run", returncode=3)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": _chromium(), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/London"}


@pytest.fixture
def watch(page, site_url) -> Watch:
    """The page, with every request outside the site blocked and recorded, and console errors kept."""
    return Watch(page, site_url)


@pytest.fixture
def nojs_page(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def instant_navigation(page):
    """Let Material's instant navigation work on the test server's port.

    Material only navigates instantly to URLs listed in sitemap.xml, which carry site_url's
    host and port; rewrite them to whatever origin the test is using so tests see what users see.
    """
    def rewrite(route):
        try:
            with urllib.request.urlopen(route.request.url, timeout=10) as response:
                body = response.read().decode("utf-8")
        except OSError:
            route.fallback()  # not served here (e.g. file://): leave it to the browser
            return
        origin = "/".join(route.request.url.split("/")[:3]) + "/"
        route.fulfill(status=200, content_type="application/xml", body=body.replace(SITE_URL, origin))

    page.route("**/sitemap.xml", rewrite)
    yield
