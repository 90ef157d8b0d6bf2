"""Every built page is valid HTML to the W3C Nu Html Checker (the vnu-jar pinned in package-lock.json),
Material's markup included (hooks/theme_markup.py and overrides/README.md say what is corrected)."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from mkdocs.exceptions import PluginError

from hooks import theme_markup
from tests.support.build import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_check(folder) -> list[dict]:
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.exit(f"The Nu Html Checker needs Java and {VNU}: run the tests with make test (.ci/run installs Java)", returncode=3)
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(folder)],
        capture_output=True, text=True, timeout=600,
    )
    return json.loads(proc.stderr or '{"messages": []}')["messages"]


def test_every_built_page_is_valid_html(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 40
    problems = [
        f"{m['url'].split(str(site_dir))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in nu_check(site_dir)
    ]
    assert problems == []


def test_the_checker_does_find_invalid_html(tmp_path):
    """The check above can fail: the markup Material writes without the corrections is reported."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body>'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<label class="md-nav__link" for="__drawer" tabindex="">x</label></body></html>'
    )
    messages = [m["message"] for m in nu_check(tmp_path)]
    assert any("autocomplete" in m for m in messages)
    assert any("tabindex" in m for m in messages)


def test_a_theme_upgrade_that_changes_the_corrected_markup_stops_the_build():
    page = '<header class="md-header"></header><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    with pytest.raises(PluginError, match=r"^about/index\.md: Material's markup changed \(search toggle not found\)"):
        theme_markup.correct(page, "about/index.md")


def test_the_corrections_on_a_page(site_dir):
    html = (site_dir / "theory" / "index.html").read_text(encoding="utf-8")
    assert 'autocomplete="off">' not in html.split('class="md-search__form"')[0]  # the two toggles
    assert 'tabindex=""' not in html
    assert '<div class="md-header__option" data-md-component="palette">' in html
    assert 'for="__toc"' not in html  # a section's index page has no table-of-contents toggle
