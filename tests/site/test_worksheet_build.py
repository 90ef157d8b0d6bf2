"""Worksheets in real builds: the page renders, a second worksheet is YAML only, bad data stops the build."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.support.build import ROOT, mkdocs_build

FIXTURE = ROOT / "tests" / "fixtures" / "worksheet"


def worksheet_project(dest: Path) -> Path:
    """The fixture site with the real worksheet data, macros and assets (no other pages to break)."""
    shutil.copytree(FIXTURE, dest)
    (dest / "macros").symlink_to(ROOT / "macros")  # mkdocs-macros imports from the project folder
    shutil.copytree(ROOT / "data" / "worksheets", dest / "data" / "worksheets")
    # The fixture has no reading list, so the worksheet cannot cite one.
    sheet = dest / "data" / "worksheets" / "risk-analysis.yml"
    sheet.write_text("".join(line for line in sheet.read_text().splitlines(True) if not line.startswith("cite:")))
    assets = dest / "docs" / "assets"
    for kind, name in (("javascripts", "core.js"), ("javascripts", "worksheet.js"), ("stylesheets", "worksheet.css")):
        (assets / kind).mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "docs" / "assets" / kind / name, assets / kind / name)
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return worksheet_project(tmp_path / "project")


def test_risk_worksheet_page_renders_for_readers_without_javascript(site_dir):
    html = (site_dir / "tools" / "risk-worksheet" / "index.html").read_text()
    assert html.count('data-worksheet="risk-analysis"') == 1
    assert 'href="../../practice/risk-analysis/"' in html
    assert "This is a thinking tool, not a case record" in html
    assert "The interactive worksheet needs JavaScript." in html
    for caption in ("Domains of the Assessment Framework", "Weight scale, from weakest to strongest",
                    "Risk factors in the practice example", "Protective factors in the practice example",
                    "What needs to change in the practice example"):
        assert f"<caption>{caption}</caption>" in html
    assert '<div class="rbp-ws-app" hidden>' in html
    assert "{{" not in html and "onclick" not in html


def test_second_worksheet_is_only_yaml(project, tmp_path):
    build = mkdocs_build(project, tmp_path / "out")
    assert build.ok, build.output
    html = (tmp_path / "out" / "index.html").read_text()
    assert 'data-worksheet="change-review"' in html
    assert "Add change" in html and "Add risk factor" not in html and "Balance" not in html
    assert "<caption>What needs to change in the practice example</caption>" in html


def test_broken_worksheet_stops_the_build_with_every_problem(project, tmp_path):
    path = project / "data" / "worksheets" / "change-review.yml"
    text = path.read_text()
    text = text.replace("sections:\n", "sections:\n  colour: red\n").replace("    label: Family and environmental factors\n", "")
    path.write_text(text)
    (project / "data" / "worksheets" / "dup.yml").write_text(
        "title: Dup\nnotice: No names.\nsections:\n  factors: false\ndomains:\n  - id: a\n    label: A\n  - id: a\n    label: B\n")
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "data/worksheets/change-review.yml:17: unknown key 'colour' (check the spelling)" in build.output
    assert "data/worksheets/change-review.yml:26: domain 3 has no 'label'" in build.output
    assert "data/worksheets/dup.yml:8: domain id 'a' is used twice (first on line 6)" in build.output
    assert "Traceback" not in build.output


def test_yaml_syntax_error_stops_the_build(project, tmp_path):
    (project / "data" / "worksheets" / "extra.yml").write_text("title: Extra\nnotice: [No names\ndomains: []\n")
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "data/worksheets/extra.yml:3: YAML syntax error: expected ',' or ']', but got ':'" in build.output
    assert "Traceback" not in build.output


def test_unknown_worksheet_names_page_line_and_known_ids(project, tmp_path):
    (project / "docs" / "index.md").write_text('# Review\n\n{{ worksheet("change-reveiw") }}\n')
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert ("docs/index.md: unknown worksheet 'change-reveiw' (line 3). Did you mean: change-review? "
            "Known worksheets: change-review, risk-analysis") in build.output
    assert "Traceback" not in build.output


def test_tools_page_lists_the_worksheet_first_as_a_card(site_dir):
    html = (site_dir / "tools" / "index.html").read_text()
    article = html[html.index("<article"):html.index("</article>")]
    pages = [h for h in re.findall(r'<a [^>]*href="([^"#][^"]*)"', article) if not h.startswith("..")]
    assert pages[0] == "risk-worksheet/", pages
    card = re.search(r'<div class="grid cards">\s*<ul>\s*<li>(.*?)</li>', article, re.S)
    assert card, "the worksheet is a Material grid card (md_in_html and attr_list)"
    assert '<a href="risk-worksheet/">Risk-weighting worksheet</a>' in card.group(1)
    assert "phone" in card.group(1) and "supervision" in card.group(1)
