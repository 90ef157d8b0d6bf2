"""Worksheet schema and renderer: every bad input names its file and line; output is safe HTML."""
from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import pytest

import macros
from macros import site, worksheet
from macros.loader import DataError
from tests.support.build import ROOT

BASE = """\
title: Demo worksheet
notice: Do not enter names.
domains:
  - id: child
    label: Child
  - id: parenting
    label: Parenting
weights:
  - value: 1
    label: Low
  - value: 2
    label: High
caution: A longer list can deceive.
judgement: This is your judgement.
example:
  title: Practice example
  summary: Made up.
  factors:
    - id: r1
      kind: risk
      description: A risk.
      domain: child
      weight: 2
      interacts_with: [r2]
    - id: r2
      kind: risk
      description: Another risk.
      domain: parenting
      weight: 1
    - id: p1
      kind: protective
      description: A strength.
      domain: child
      weight: 1
  changes:
    - what: Something changes.
      domain: parenting
      weeks: 4
      addresses: [r1]
"""


def load_text(tmp_path: Path, text: str, name: str = "demo") -> dict[str, worksheet.Loaded]:
    folder = tmp_path / "data" / "worksheets"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return macros.load(tmp_path).worksheets


def problems(tmp_path: Path, text: str, name: str = "demo") -> list[str]:
    with pytest.raises(DataError) as info:
        load_text(tmp_path, text, name)
    return [str(p) for p in info.value.problems]


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def test_the_base_fixture_is_valid(tmp_path):
    sheets = load_text(tmp_path, BASE)
    sheet = sheets["demo"].sheet
    assert [d.id for d in sheet.domains] == ["child", "parenting"]
    assert sheet.sections.factors and sheet.sections.changes


def test_the_real_worksheets_load():
    sheets = macros.load(ROOT).worksheets
    assert {"risk-analysis", "change-review"} <= set(sheets)
    risk = sheets["risk-analysis"].sheet
    assert [d.label for d in risk.domains] == ["Child's developmental needs", "Parenting capacity", "Family and environmental factors"]
    assert [w.value for w in risk.weights] == [1, 2, 3, 4, 5]
    assert risk.example and "fictional" in risk.example.summary
    review = sheets["change-review"].sheet
    assert review.sections.factors is False and review.sections.changes is True


BAD = [
    ("missing title", edit("title: Demo worksheet\n", ""), ["data/worksheets/demo.yml:1: missing 'title'"]),
    ("unknown key", edit("notice: Do not enter names.\n", "notice: Do not enter names.\ncolour: red\n"),
     ["data/worksheets/demo.yml:3: unknown key 'colour' (check the spelling)"]),
    ("unknown section", edit("notice: Do not enter names.\n", "notice: Do not enter names.\nsections:\n  factor: false\n"),
     ["data/worksheets/demo.yml:4: unknown key 'factor' (check the spelling). Did you mean: factors?"]),
    ("domain without label", edit("  - id: parenting\n    label: Parenting\n", "  - id: parenting\n"),
     ["data/worksheets/demo.yml:6: domain 2 has no 'label'"]),
    ("duplicate domain id", edit("  - id: parenting\n    label: Parenting\n", "  - id: child\n    label: Parenting\n"),
     ["data/worksheets/demo.yml:6: domain id 'child' is used twice (first on line 4)",
      "data/worksheets/demo.yml:28: practice example factor 'r2' names unknown domain 'parenting'. Known domains: child",
      "data/worksheets/demo.yml:37: practice example change 1 names unknown domain 'parenting'. Known domains: child"]),
    ("domain id with spaces", edit("  - id: parenting\n", "  - id: Parenting capacity\n"),
     ["data/worksheets/demo.yml:6: domain 2: 'id' may use only lower-case letters, digits and '-'"]),
    ("weights not ascending", edit("  - value: 2\n", "  - value: 0\n"),
     ["data/worksheets/demo.yml:11: weight 0 comes after 1: list the scale from weakest to strongest"]),
    ("duplicate weight", edit("  - value: 2\n", "  - value: 1\n"),
     ["data/worksheets/demo.yml:11: weight 1 is used twice (first on line 9)"]),
    ("weight as words", edit("  - value: 2\n", "  - value: two\n"),
     ["data/worksheets/demo.yml:11: weight scale step 2: 'value' must be a whole number"]),
    ("example factor with unknown domain", edit("      domain: parenting\n      weight: 1\n", "      domain: parent\n      weight: 1\n"),
     ["data/worksheets/demo.yml:28: practice example factor 'r2' names unknown domain 'parent'. Known domains: child, parenting"]),
    ("example factor with unknown weight", edit("      weight: 2\n", "      weight: 5\n"),
     ["data/worksheets/demo.yml:23: practice example factor 'r1' has weight 5, which is not on the weight scale (1, 2)"]),
    ("interacts with unknown factor", edit("[r2]", "[r9]"),
     ["data/worksheets/demo.yml:24: practice example factor 'r1' interacts with unknown factor 'r9'. Known factors: r1, r2, p1"]),
    ("interacts across kinds", edit("[r2]", "[p1]"),
     ["data/worksheets/demo.yml:24: practice example factor 'r1' is a risk factor but 'p1' is not: factors interact with factors of the same kind"]),
    ("interacts with itself", edit("[r2]", "[r1]"),
     ["data/worksheets/demo.yml:24: practice example factor 'r1' cannot interact with itself"]),
    ("duplicate example factor id", edit("    - id: p1\n", "    - id: r1\n"),
     ["data/worksheets/demo.yml:30: practice example factor id 'r1' is used twice (first on line 19)"]),
    ("bad kind", edit("      kind: protective\n", "      kind: strength\n"),
     ["data/worksheets/demo.yml:31: practice example factor 3: 'kind' must be risk or protective"]),
    ("example factor without description", edit("      description: A strength.\n", ""),
     ["data/worksheets/demo.yml:30: practice example factor 3 has no 'description'"]),
    ("change addresses unknown factor", edit("addresses: [r1]", "addresses: [x1]"),
     ["data/worksheets/demo.yml:39: practice example change 1 addresses unknown factor 'x1'. Known factors: r1, r2, p1"]),
    ("change with too many weeks", edit("weeks: 4", "weeks: 9999"),
     ["data/worksheets/demo.yml:38: practice example change 1: 'weeks' must be from 1 to 520"]),
    ("change with an impossible date", edit("weeks: 4", "date: 2026-13-01"),
     ["data/worksheets/demo.yml:38: practice example change 1: 'date' must be a date written YYYY-MM-DD, not '2026-13-01'"]),
    ("no caution with factors", edit("caution: A longer list can deceive.\n", ""),
     ["data/worksheets/demo.yml:1: missing 'caution' (a worksheet with factors must say it)"]),
    ("factors switched off but the example has some", edit("notice: Do not enter names.\n", "notice: Do not enter names.\nsections:\n  factors: false\n"),
     ["data/worksheets/demo.yml:20: the practice example has factors but this worksheet's factors are switched off"]),
    ("YAML syntax error", edit("title: Demo worksheet\n", "title: [Demo worksheet\n"),
     ["data/worksheets/demo.yml:2: YAML syntax error: expected ',' or ']', but got ':'"]),
    ("duplicate key", edit("notice: Do not enter names.\n", "notice: Do not enter names.\ntitle: Again\n"),
     ["data/worksheets/demo.yml:3: duplicate key 'title'"]),
    ("a list, not a worksheet", "- a\n- b\n",
     ["data/worksheets/demo.yml:1: a worksheet file must be a set of 'key: value' lines (title, notice, domains …)"]),
    ("empty file", "\n",
     ["data/worksheets/demo.yml:1: the file is empty: a worksheet needs at least title, notice and domains"]),
]


@pytest.mark.parametrize("text, expected", [(t, e) for _, t, e in BAD], ids=[name for name, _, _ in BAD])
def test_bad_worksheet_names_file_and_line(tmp_path, text, expected):
    assert problems(tmp_path, text) == expected


def test_every_bad_file_is_reported_together(tmp_path):
    folder = tmp_path / "data" / "worksheets"
    folder.mkdir(parents=True)
    (folder / "one.yml").write_text(edit("title: Demo worksheet\n", ""))
    (folder / "two.yml").write_text(edit("  - value: 2\n", "  - value: 1\n"))
    with pytest.raises(DataError) as info:
        macros.load(tmp_path).worksheets
    assert str(info.value) == ("data/worksheets/one.yml:1: missing 'title'\n"
                               "data/worksheets/two.yml:11: weight 1 is used twice (first on line 9)")


def test_file_name_must_be_an_id(tmp_path):
    assert problems(tmp_path, BASE, name="Risk Analysis") == [
        "data/worksheets/Risk Analysis.yml:1: worksheet file name 'Risk Analysis.yml' may use only lower-case letters, digits and '-'"]


def test_a_worksheet_without_factors_needs_no_weights(tmp_path):
    text = "title: Review\nnotice: No names.\nsections:\n  factors: false\ndomains:\n  - id: a\n    label: A\n"
    sheet = load_text(tmp_path, text)["demo"].sheet
    html = worksheet.render(load_text(tmp_path, text)["demo"])
    assert sheet.weights == []
    assert 'data-add="change"' in html and 'data-add="risk"' not in html and "data-balance" not in html


def test_both_parts_switched_off_is_an_error(tmp_path):
    text = "title: Review\nnotice: No names.\nsections:\n  factors: false\n  changes: false\ndomains:\n  - id: a\n    label: A\n"
    assert problems(tmp_path, text) == ["data/worksheets/demo.yml:3: a worksheet needs factors or changes (or both) switched on"]


# ---------------------------------------------------------------- rendering


def rendered(tmp_path, text=BASE) -> str:
    return worksheet.render(load_text(tmp_path, text)["demo"], "(Tuck, 2004)")


def definition(html: str) -> dict:
    raw = re.search(r' data-worksheet-definition="([^"]*)"', html).group(1)
    return json.loads(unescape(raw))


def test_render_has_root_notice_static_tables_and_hidden_form(tmp_path):
    html = rendered(tmp_path)
    assert html.startswith('<div class="rbp-ws" data-worksheet="demo" id="ws-demo" data-worksheet-definition="{&#34;id&#34;:&#34;demo&#34;')
    assert "<script" not in html  # Material's instant navigation would run any script block as JavaScript
    assert "This is a thinking tool, not a case record" in html
    assert "The interactive worksheet needs JavaScript." in html
    assert '<div class="rbp-ws-app" hidden>' in html
    assert "<caption>Risk factors in the practice example</caption>" in html
    assert "<caption>Weight scale, from weakest to strongest</caption>" in html
    # Markdown would break a raw HTML block at a blank line
    assert "\n\n" not in html


def test_definition_holds_what_the_script_needs(tmp_path):
    data = definition(rendered(tmp_path))
    assert data["id"] == "demo"
    assert data["domains"] == [{"id": "child", "label": "Child"}, {"id": "parenting", "label": "Parenting"}]
    assert data["weights"] == [{"value": 1, "label": "Low"}, {"value": 2, "label": "High"}]
    factors = {f["id"]: f for f in data["example"]["factors"]}
    # interaction goes both ways even though only r1 names r2
    assert factors["r2"]["interacts_with"] == ["r1"]
    assert data["example"]["changes"][0] == {"id": "c1", "what": "Something changes.", "domain": "parenting", "who": "",
                                             "date": "", "weeks": 4, "how": "", "addresses": ["r1"]}


def test_static_example_names_factors_and_timescales(tmp_path):
    html = rendered(tmp_path)
    assert "<th scope=\"row\">Risk factor 2</th><td>Another risk.</td><td>Parenting</td><td>1 (Low)</td><td></td><td>Risk factor 1</td>" in html
    assert "<td>within 4 weeks</td>" in html


def test_text_from_yaml_is_escaped_everywhere(tmp_path):
    text = edit("title: Demo worksheet\n", "title: \"</script><img src=x onerror=alert(1)>\"\n")
    text = text.replace("description: A risk.", "description: \"<b>bold</b> & </script>\"")
    html = rendered(tmp_path, text)
    assert "<img src=x" not in html and "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;/script&gt;" in html
    assert "</script>" not in html
    assert definition(html)["title"] == "</script><img src=x onerror=alert(1)>"


@pytest.mark.parametrize("weeks, date, expected", [
    (6, None, "within 6 weeks"), (1, None, "within 1 week"), (None, "2026-03-14", "by 14 March 2026"),
    (2, "2026-03-14", "within 2 weeks (by 14 March 2026)"), (None, None, "not set"),
])
def test_timescale_words(weeks, date, expected):
    change = worksheet.ExampleChange(what="x", domain="a", weeks=weeks, date=date)
    assert worksheet.timescale(change) == expected


# ---------------------------------------------------------------- the macro


class FakeEnv:
    """Just enough of mkdocs-macros' env for the worksheet macro."""

    def __init__(self, tmp_path, markdown='# Page\n\n{{ worksheet("nope") }}\n'):
        self.macros = {}
        self.variables = {"references": {}}
        self.project_dir = str(tmp_path)
        self.conf = {"docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"), "use_directory_urls": True}
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri="tools/page.md"), url="tools/page/")
        self.markdown = markdown

    def macro(self, fn):
        self.macros[fn.__name__] = fn
        return fn


def test_unknown_id_names_page_line_and_known_ids(tmp_path):
    env = FakeEnv(tmp_path)
    (tmp_path / "docs" / "tools").mkdir(parents=True)
    (tmp_path / "docs" / "tools" / "page.md").write_text(env.markdown)
    worksheet.register(env, load_text(tmp_path, BASE), {}, site.scan(tmp_path / "docs"))
    with pytest.raises(DataError) as info:
        env.macros["worksheet"]("nope")
    assert str(info.value) == "docs/tools/page.md: unknown worksheet 'nope' (line 3). Known worksheets: demo"


def test_unknown_citation_names_the_worksheet_line(tmp_path):
    folder = tmp_path / "data" / "worksheets"
    folder.mkdir(parents=True)
    (folder / "demo.yml").write_text(edit("judgement:", "cite: tuk2004\njudgement:"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        worksheet.load(tmp_path, {"tuck2004": object()})
    assert str(info.value) == "data/worksheets/demo.yml:14: unknown reference 'tuk2004'. Did you mean: tuck2004? Known references: tuck2004"


def test_citation_links_to_the_reading_list(tmp_path):
    from macros.references import Reference

    (tmp_path / "docs" / "reading-list").mkdir(parents=True)
    (tmp_path / "docs" / "reading-list" / "index.md").write_text("# Reading list\n")
    refs = {"tuck2004": Reference(authors=["Tuck, V."], year=2004, title="Risk", group="framework")}
    folder = tmp_path / "data" / "worksheets"
    folder.mkdir(parents=True)
    (folder / "demo.yml").write_text(edit("judgement:", "cite: tuck2004\njudgement:"), encoding="utf-8")
    env = FakeEnv(tmp_path)
    worksheet.register(env, worksheet.load(tmp_path, refs), refs, site.scan(tmp_path / "docs"))
    html = env.macros["worksheet"]("demo")
    assert 'A longer list can deceive. (<a href="../../reading-list/#tuck2004">Tuck, 2004</a>)' in html


# ---------------------------------------------------------------- compact rows, the dock (issue #14)


def test_rows_are_one_line_that_opens_to_edit(tmp_path):
    html = rendered(tmp_path)
    for kind in ("factor", "change"):
        template = re.search(rf'<template data-template="{kind}">(.*?)</template>', html, re.S).group(1)
        head, body = template.split('<div class="rbp-ws-row__body" data-body hidden>', 1)
        assert '<button type="button" class="rbp-ws-row__head" aria-expanded="false" data-toggle>' in head
        assert "data-head-what" in head and "data-head-domain" in head
        assert ("data-head-weight" in head) == (kind == "factor") and ("data-head-when" in head) == (kind == "change")
        assert "data-field" not in head and 'data-field="domain"' in body  # the fields wait, closed, until the row opens
        assert "data-close" in body and "data-remove" in body


def test_the_dock_holds_the_balance_caution_jump_links_and_tools(tmp_path):
    html = rendered(tmp_path)
    dock = re.search(r'<div class="rbp-ws-dock" data-dock>(.*?)<div class="rbp-ws-work" data-work>', html, re.S).group(1)
    assert "Risk 0 from 0 factors" in dock and "A longer list can deceive" in dock
    assert 'role="status" data-balance-live' in dock
    jump = re.search(r'<nav class="rbp-ws-jump" aria-label="Parts of the worksheet" data-jump>(.*?)</nav>', dock, re.S).group(1)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', jump)
    assert [name for _, name in links] == ["Factors", "Interactions", "Balance", "What needs to change"]
    ids = set(re.findall(r' id="([^"]+)"', html))
    assert all(target in ids for target, _ in links), "every jump link has a target"
    tools = re.findall(r'<button type="button" class="md-button[^"]*"[^>]*data-action="(\w+)"[^>]*>([^<]+)</button>', dock)
    assert tools == [("view", "Summary view"), ("print", "Print summary"), ("summary", "Download summary"),
                     ("export", "Export"), ("clear", "Clear worksheet")]
    assert 'aria-pressed="false" data-action="view"' in dock
    assert re.search(r'aria-expanded="false" aria-controls="ws-demo-dock-panel"[^>]*data-menu>Menu</button>', dock)
    assert 'id="ws-demo-dock-panel"' in dock


def test_a_worksheet_without_factors_has_tools_but_no_balance_in_its_dock(tmp_path):
    text = "title: Review\nnotice: No names.\nsections:\n  factors: false\ndomains:\n  - id: a\n    label: A\n"
    html = worksheet.render(load_text(tmp_path, text)["demo"])
    dock = re.search(r'<div class="rbp-ws-dock" data-dock>(.*?)<div class="rbp-ws-work" data-work>', html, re.S).group(1)
    assert "data-dock-balance" not in dock and "rbp-ws-jump" not in dock and "data-balance-live" not in dock
    assert ">Download summary</button>" in dock and ">Export</button>" in dock


def test_the_markup_carries_no_script_or_style_of_its_own(tmp_path):
    """The CSP allows no inline scripts; worksheet.js and worksheet.css do all of it."""
    html = rendered(tmp_path)
    assert not re.search(r"\son[a-z]+=", html)
    assert " style=" not in html and "<style" not in html and "javascript:" not in html
