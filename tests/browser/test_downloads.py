"""Downloaded files are named with the reader's own date, not the date in UTC.

At 12:30 UTC on 26 November 2026 it is already 01:30 on 27 November in Auckland (UTC+13).
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.browser import Watch

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 11, 26, 12, 30, tzinfo=dt.timezone.utc)
LOCAL_DAY = "2026-11-27"


@pytest.fixture
def auckland(browser, site_url):
    context = browser.new_context(locale="en-GB", timezone_id="Pacific/Auckland", accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    yield Watch(page, site_url)
    context.close()


def download(page, button: str):
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return info.value


def test_the_clock_is_where_local_and_utc_dates_differ(auckland):
    page = auckland.goto("")
    assert page.evaluate("new Date().toISOString().slice(0, 10)") == "2026-11-26"
    assert page.evaluate("new Date().getDate()") == 27


def test_worksheet_export_is_named_with_the_local_date(auckland):
    page = auckland.goto("tools/risk-worksheet/")
    page.get_by_role("button", name="Add risk factor").click()
    page.get_by_role("group", name="Risk factor 1", exact=True).get_by_label("Description").fill("Late-night arguments")
    exported = download(page, "Export")
    assert exported.suggested_filename == f"risk-analysis-{LOCAL_DAY}.json"
    data = json.loads(Path(exported.path()).read_text())
    assert data["exported"] == "2026-11-26T12:30:00.000Z"  # the moment itself stays in UTC
    expect(page.locator("[data-live]")).to_contain_text(f"Exported risk-analysis-{LOCAL_DAY}.json.")
    assert auckland.console_errors == []


def test_my_learning_files_are_named_with_the_local_date(auckland):
    page = auckland.goto("learn/my-learning/")
    cpd = download(page, "Export CPD record")
    assert cpd.suggested_filename == f"cpd-record-{LOCAL_DAY}.html"
    assert "exported on 27 November 2026" in Path(cpd.path()).read_text()
    data = download(page, "Export data")
    assert data.suggested_filename == f"my-learning-{LOCAL_DAY}.json"
    assert auckland.console_errors == []
