"""The risk-weighting worksheet in real Chromium, driven the way a practitioner would: by role and name."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.site.test_worksheet_build import worksheet_project
from tests.support.browser import axe_violations
from tests.support.build import mkdocs_build
from tests.support.server import SiteServer

pytestmark = pytest.mark.browser

PAGE = "tools/risk-worksheet/"
KEY = "rbp:worksheet:risk-analysis"
XSS = ['<img src=x onerror="window.__xss=1">', "<script>window.__xss=1</script>", '"><svg onload=window.__xss=1>']


# ---------------------------------------------------------------- helpers


def open_worksheet(watch, path=PAGE):
    page = watch.goto(path)
    expect(page.locator("[data-worksheet][data-rbp-ready]")).to_have_count(1)
    return page


def row(page, name: str):
    return page.get_by_role("group", name=name, exact=True)


def add_factor(page, kind: str, description: str, weight: int | None = None, domain: str | None = None, evidence: str = ""):
    page.get_by_role("button", name=f"Add {kind} factor").click()
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("data-field", "description")
    group = row(page, page.locator("fieldset").filter(has=focused).locator("legend").first.text_content())
    focused.fill(description)
    if domain:
        group.get_by_label("Domain").select_option(label=domain)
    if weight is not None:
        group.get_by_label("Weight").select_option(str(weight))
    if evidence:
        group.get_by_label("Evidence or source").fill(evidence)
    return group


def stored(page, area: str = "sessionStorage"):
    raw = page.evaluate(f"k => window.{area}.getItem(k)", KEY)
    return json.loads(raw) if raw is not None else None


def screen(page) -> list:
    """Everything the user can see in the form: each row's legend and field values, and the balance."""
    return page.evaluate("""() => {
        const app = document.querySelector('.rbp-ws-app');
        const rows = [...app.querySelectorAll('[data-row]')].map(r => [r.querySelector('legend').textContent,
            ...[...r.querySelectorAll('[data-field]')].map(f => f.value), r.querySelector('[data-links-count]')?.textContent]);
        const balance = [...app.querySelectorAll('[data-balance-text]')].map(b => b.textContent);
        return [rows, balance, app.querySelector('[data-clusters]')?.textContent];
    }""")


def js_errors(watch) -> list[str]:
    return list(watch.console_errors)


def overall(page):
    return page.locator(".rbp-ws-balance__item--all [data-balance-text]")


def caution(page):
    return page.locator("[data-caution-region]").get_by_text("A longer list can be deceptive")


def confirm(page, answer: str):
    page.get_by_role("button", name=answer).click()


def load_example(page):
    page.get_by_role("button", name="Load practice example").click()
    expect(row(page, "Protective factor 5")).to_be_visible()


# ---------------------------------------------------------------- factors


def test_add_edit_and_remove_factors_by_keyboard(watch):
    page = open_worksheet(watch)
    assert [k for k in page.evaluate("Object.keys(sessionStorage).concat(Object.keys(localStorage))") if k.startswith("rbp:")] == []

    add = page.get_by_role("button", name="Add risk factor")
    add.focus()
    page.keyboard.press("Enter")
    first = row(page, "Risk factor 1")
    expect(first.get_by_label("Description")).to_be_focused()
    page.keyboard.type("Parent drinks heavily most evenings")
    page.keyboard.press("Tab")
    expect(first.get_by_label("Domain")).to_be_focused()
    page.keyboard.press("ArrowDown")  # Child's developmental needs
    page.keyboard.press("ArrowDown")  # Parenting capacity
    expect(first.get_by_label("Domain")).to_have_value("parenting")
    page.keyboard.press("Tab")
    expect(first.get_by_label("Weight")).to_be_focused()
    page.keyboard.type("4")  # "4 – Strong", as a keyboard user picks from a closed list
    page.keyboard.press("Tab")
    page.keyboard.type("Health visitor's report")
    expect(overall(page)).to_have_text("Risk 4 (1 factor) · Protective 0 (0 factors)")
    assert stored(page)["factors"][0] == {"id": "r1", "kind": "risk", "description": "Parent drinks heavily most evenings",
                                          "domain": "parenting", "weight": 4, "evidence": "Health visitor's report", "interacts_with": []}

    add.focus()
    page.keyboard.press("Enter")
    second = row(page, "Risk factor 2")
    expect(second.get_by_label("Description")).to_be_focused()
    page.keyboard.type("Child has missed health appointments")
    second.get_by_label("Domain").select_option(label="Child's developmental needs")

    protective = page.get_by_role("button", name="Add protective factor")
    protective.focus()
    page.keyboard.press("Enter")
    strength = row(page, "Protective factor 1")
    expect(strength.get_by_label("Description")).to_be_focused()
    page.keyboard.type("Grandparent visits daily")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    expect(overall(page)).to_have_text("Risk 4 (2 factors) · Protective 2 (1 factor)")
    expect(page.get_by_text("1 factor is not weighed yet")).to_be_visible()

    # edit in place
    first.get_by_label("Description").fill("Parent drinks heavily some evenings")
    first.get_by_label("Weight").select_option("3")
    expect(overall(page)).to_have_text("Risk 3 (2 factors) · Protective 2 (1 factor)")

    # filter by domain
    page.get_by_label("Show risk factors from").select_option(label="Parenting capacity")
    expect(first).to_be_visible()
    expect(second).to_be_hidden()
    expect(page.get_by_role("region", name="Risk factors", exact=True).get_by_text("Showing 1 of 2.")).to_be_visible()
    page.get_by_label("Show risk factors from").select_option(label="All domains")

    # remove by keyboard: the next row takes focus and the removal is announced
    first.get_by_role("button", name="Remove").focus()
    page.keyboard.press("Enter")
    renumbered = row(page, "Risk factor 1")
    expect(renumbered.get_by_label("Description")).to_have_value("Child has missed health appointments")
    expect(renumbered.get_by_label("Description")).to_be_focused()
    expect(page.locator("[data-live]")).to_have_text("Risk factor 1 removed: Parent drinks heavily some evenings")
    expect(row(page, "Risk factor 2")).to_have_count(0)

    strength.get_by_role("button", name="Remove").focus()
    page.keyboard.press("Enter")
    expect(protective).to_be_focused()
    expect(page.get_by_text("No protective factors yet.")).to_be_visible()
    assert [f["description"] for f in stored(page)["factors"]] == ["Child has missed health appointments"]
    assert not js_errors(watch) and not watch.external


def test_balance_and_the_deceptive_list_caution(watch):
    page = open_worksheet(watch)
    risk = add_factor(page, "risk", "Violence at home", 5, "Family and environmental factors")
    for name in ("Nursery place", "Aunt nearby", "Warm home"):
        add_factor(page, "protective", name, 1, "Family and environmental factors")
    text = "Risk 5 (1 factor) · Protective 3 (3 factors)"
    expect(overall(page)).to_have_text(text)
    expect(page.get_by_role("img", name=text)).to_have_count(2)  # all domains, and the one domain used
    expect(page.locator('[data-balance="family"] [data-balance-text]')).to_have_text(text)
    expect(page.locator('[data-balance="child"] [data-balance-text]')).to_have_text("Risk 0 (0 factors) · Protective 0 (0 factors)")
    expect(page.locator("[data-caution-region]")).to_have_attribute("role", "status")
    expect(caution(page)).to_be_visible()
    expect(page.locator("[data-caution-region]")).to_contain_text("(Tuck, 2004)")
    expect(page.get_by_text("Weighing is professional judgement.")).to_be_visible()

    risk.get_by_label("Weight").select_option("3")  # equal weight: the longer list still misleads
    expect(overall(page)).to_have_text("Risk 3 (1 factor) · Protective 3 (3 factors)")
    expect(caution(page)).to_be_visible()
    risk.get_by_label("Weight").select_option("2")  # the protective weight is greater
    expect(caution(page)).to_be_hidden()
    row(page, "Protective factor 3").get_by_role("button", name="Remove").click()
    expect(overall(page)).to_have_text("Risk 2 (1 factor) · Protective 2 (2 factors)")
    expect(caution(page)).to_be_visible()


def test_no_caution_when_the_risk_list_is_longer(watch):
    page = open_worksheet(watch)
    for name in ("Rent arrears", "Missed appointments", "Poor sleep"):
        add_factor(page, "risk", name, 1, "Child's developmental needs")
    add_factor(page, "protective", "Strong bond with grandparent", 5, "Child's developmental needs")
    expect(overall(page)).to_have_text("Risk 3 (3 factors) · Protective 5 (1 factor)")
    expect(page.get_by_role("img", name="Risk 3 (3 factors) · Protective 5 (1 factor)")).to_have_count(2)
    expect(caution(page)).to_be_hidden()


def test_interacting_factors_are_shown_together(watch):
    page = open_worksheet(watch)
    add_factor(page, "risk", "Domestic abuse", 5, "Family and environmental factors")
    add_factor(page, "risk", "Parental drinking", 4, "Parenting capacity")
    add_factor(page, "risk", "Isolation", 2, "Family and environmental factors")
    first = row(page, "Risk factor 1")
    first.get_by_text("Interacts with:").click()
    first.get_by_label("Parental drinking").check()
    first.get_by_label("Isolation").check()
    expect(first.get_by_text("Interacts with: Risk factor 2, Risk factor 3")).to_be_visible()
    # interaction goes both ways
    expect(row(page, "Risk factor 2").get_by_text("Interacts with: Risk factor 1")).to_be_visible()
    interactions = page.get_by_role("region", name="Interactions")
    expect(interactions).to_contain_text("Risk cluster 1: 3 factors")
    expect(interactions).to_contain_text("Separate weights 5, 4 and 2. Together, how strong are they? That is your judgement, not a sum.")
    expect(row(page, "Risk factor 3").get_by_text("Interacts: part of risk cluster 1")).to_be_visible()
    row(page, "Risk factor 3").get_by_label("Weight").select_option("3")
    expect(interactions).to_contain_text("Isolation — Risk factor 3, Family and environmental factors, weight 3 (Moderate)")
    expect(interactions).to_contain_text("Separate weights 5, 4 and 3.")
    # renaming a factor renames it in the open list and the cluster
    row(page, "Risk factor 2").get_by_label("Description").fill("Parent drinks most evenings")
    expect(first.get_by_label("Parent drinks most evenings")).to_be_checked()
    expect(interactions).to_contain_text("Parent drinks most evenings")
    # untick both: no cluster left
    first.get_by_label("Parent drinks most evenings").uncheck()
    first.get_by_label("Isolation").uncheck()
    expect(page.get_by_text("No interactions marked yet.")).to_be_visible()
    assert [f["interacts_with"] for f in stored(page)["factors"]] == [[], [], []]


def test_changes_with_timescales_and_the_printed_summary(watch):
    page = open_worksheet(watch)
    add_factor(page, "risk", "Parental drinking", 4, "Parenting capacity")
    page.get_by_role("button", name="Add change").click()
    change = row(page, "Change 1")
    expect(change.get_by_label("What needs to change")).to_be_focused()
    change.get_by_label("What needs to change").fill("Child is never in sole care of a parent who has been drinking")
    change.get_by_label("Domain").select_option(label="Parenting capacity")
    change.get_by_label("Who will help").fill("Parent; alcohol service")
    change.get_by_label("By when").fill("2026-03-14")
    weeks = change.get_by_label("Or within (weeks)")
    weeks.fill("0")
    expect(weeks).to_have_attribute("aria-invalid", "true")
    expect(change.get_by_text("Weeks must be a whole number from 1 to 520.")).to_be_visible()
    weeks.fill("6")
    expect(weeks).not_to_have_attribute("aria-invalid", "true")
    change.get_by_label("How we will know").fill("Alcohol service reports match what is seen on visits")
    change.get_by_text("Addresses:").click()
    change.get_by_label("Parental drinking").check()
    expect(change.get_by_text("Addresses: Risk factor 1")).to_be_visible()
    assert stored(page)["changes"][0] == {
        "id": "c2", "what": "Child is never in sole care of a parent who has been drinking", "domain": "parenting",
        "who": "Parent; alcohol service", "date": "2026-03-14", "weeks": 6,
        "how": "Alcohol service reports match what is seen on visits", "addresses": ["r1"]}

    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    page.get_by_role("button", name="Print summary").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    summary = page.locator("[data-summary]")
    expect(summary).to_be_visible()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Add change")).to_be_hidden()
    expect(summary).to_contain_text("This is a thinking tool, not a case record")
    expect(summary.get_by_role("row").filter(has_text="Change 1")).to_contain_text("within 6 weeks (by 14 March 2026)")
    expect(summary.get_by_role("row").filter(has_text="Change 1")).to_contain_text("Risk factor 1")
    expect(summary).to_contain_text("All domains: Risk 4 (1 factor) · Protective 0 (0 factors)")
    page.emulate_media(media="screen")
    expect(summary).to_be_hidden()


# ---------------------------------------------------------------- whole worksheet: example, export, import, clear


def test_practice_example_asks_before_replacing_work(watch):
    page = open_worksheet(watch)
    load_example(page)
    expect(page.locator("[data-example-flag]")).to_contain_text("This family is fictional")
    expect(page.locator("[data-example-flag]")).to_be_visible()
    expect(overall(page)).to_have_text("Risk 14 (4 factors) · Protective 10 (5 factors)")
    expect(caution(page)).to_be_visible()
    expect(page.get_by_role("region", name="Interactions")).to_contain_text("Risk cluster 1: 3 factors")
    expect(row(page, "Change 4")).to_be_visible()

    row(page, "Risk factor 1").get_by_label("Weight").select_option("1")
    before = screen(page)
    page.get_by_role("button", name="Load practice example").click()
    expect(page.get_by_text("Replace everything in the worksheet with the practice example?")).to_be_focused()
    confirm(page, "Cancel")
    expect(page.get_by_role("button", name="Load practice example")).to_be_focused()
    assert screen(page) == before
    page.get_by_role("button", name="Load practice example").click()
    confirm(page, "Replace with practice example")
    expect(row(page, "Risk factor 1").get_by_label("Weight")).to_have_value("5")


def test_export_clear_import_round_trip(watch):
    page = open_worksheet(watch)
    load_example(page)
    add_factor(page, "protective", "Uncle helps at weekends", 2, "Family and environmental factors", "Uncle's account")
    before, before_store = screen(page), stored(page)

    with page.expect_download() as info:
        page.get_by_role("button", name="Export").click()
    download = info.value
    assert download.suggested_filename.startswith("risk-analysis-") and download.suggested_filename.endswith(".json")
    exported = json.loads(Path(download.path()).read_text())
    assert (exported["format"], exported["v"], exported["worksheet"]) == ("rbp-worksheet", 1, "risk-analysis")
    assert exported["factors"] == before_store["factors"] and exported["changes"] == before_store["changes"]

    page.get_by_role("button", name="Clear worksheet").click()
    confirm(page, "Yes, clear the worksheet")
    expect(page.get_by_text("No risk factors yet.")).to_be_visible()
    expect(overall(page)).to_have_text("Risk 0 (0 factors) · Protective 0 (0 factors)")
    assert stored(page) is None and stored(page, "localStorage") is None

    page.get_by_label("Import").set_input_files(download.path())
    expect(row(page, "Protective factor 6")).to_be_visible()
    assert screen(page) == before
    assert stored(page) == before_store
    assert not js_errors(watch)


def bad_files(good: dict) -> list[tuple[str, bytes, str]]:
    def variant(change) -> bytes:
        data = json.loads(json.dumps(good))
        change(data)
        return json.dumps(data).encode()

    def factor(key, value):
        return lambda d: d["factors"][0].__setitem__(key, value)

    return [
        ("not-json.json", b"{this is not json", "could not be read as JSON"),
        ("other-format.json", b'{"hello": "world"}', "It is not a worksheet exported from this site."),
        ("newer.json", variant(lambda d: d.__setitem__("v", 2)), "newer version of this site"),
        ("other-worksheet.json", variant(lambda d: d.__setitem__("worksheet", "change-review")), "It is for a different worksheet (“change-review”)"),
        ("unknown-domain.json", variant(factor("domain", "housing")), "Risk factor 1 names a domain this worksheet does not use."),
        ("off-scale.json", variant(factor("weight", 7)), "Risk factor 1 has a weight that is not on this worksheet's scale (1 to 5)."),
        ("wrong-type.json", variant(factor("description", 42)), "Risk factor 1: “Description” must be text."),
        ("too-long.json", variant(factor("evidence", "x" * 1001)), "Risk factor 1: “Evidence or source” is too long"),
        ("bad-link.json", variant(factor("interacts_with", ["nobody"])), "Risk factor 1 interacts with a factor that is not in the file."),
        ("not-a-list.json", variant(lambda d: d.__setitem__("factors", {"a": 1})), "Its list of factors is not a list."),
        ("bad-weeks.json", variant(lambda d: d["changes"][0].__setitem__("weeks", -3)), "Change 1: weeks must be a whole number from 1 to 520."),
        ("bad-date.json", variant(lambda d: d["changes"][0].__setitem__("date", "2026-02-30")), "Change 1: “By when” must be a date"),
        ("same-id.json", variant(lambda d: d["factors"][1].__setitem__("id", d["factors"][0]["id"])), "Risk factor 2 has the same id as another entry."),
    ]


def test_bad_imports_are_refused_and_change_nothing(watch):
    page = open_worksheet(watch)
    load_example(page)
    before, before_store = screen(page), stored(page)
    good = {"format": "rbp-worksheet", **before_store}
    alert = page.get_by_role("alert")
    for name, content, message in bad_files(good):
        page.get_by_label("Import").set_input_files(files=[{"name": name, "mimeType": "application/json", "buffer": content}])
        expect(alert).to_contain_text(f"Could not import “{name}”.")
        expect(alert).to_contain_text(message)
        expect(alert).to_contain_text("Nothing has changed.")
        assert screen(page) == before, name
        assert stored(page) == before_store, name
    # a good file still imports after all that (after asking, since the worksheet is not empty)
    page.get_by_label("Import").set_input_files(files=[{"name": "good.json", "mimeType": "application/json", "buffer": json.dumps(good).encode()}])
    confirm(page, "Replace with the imported file")
    expect(alert).to_be_empty()
    assert screen(page) == before
    # the same clusters, but new rows: re-weighing still updates the Interactions panel
    row(page, "Risk factor 1").get_by_label("Weight").select_option("3")
    expect(page.get_by_role("region", name="Interactions")).to_contain_text("Separate weights 3, 4 and 2.")


# ---------------------------------------------------------------- storage


def test_reload_keeps_work_and_keep_on_this_device_moves_it(watch):
    page = open_worksheet(watch)
    expect(page.get_by_label("Show risk factors from")).to_be_hidden()  # nothing to filter yet
    page.get_by_text("The domains and the weight scale").click()
    assert stored(page) is None, "reading is not work: nothing is stored"
    add_factor(page, "risk", "Unsafe sleeping arrangements", 3)
    page.reload()
    expect(row(page, "Risk factor 1").get_by_label("Description")).to_have_value("Unsafe sleeping arrangements")
    expect(page.get_by_text("Your work is kept in this browser tab only.")).to_be_visible()

    keep = page.get_by_label("Keep on this device")
    expect(page.get_by_text("Only tick this on a computer that nobody else uses")).to_be_visible()
    keep.check()
    assert stored(page, "localStorage")["factors"][0]["description"] == "Unsafe sleeping arrangements"
    assert stored(page) is None
    page.reload()
    expect(page.get_by_label("Keep on this device")).to_be_checked()
    expect(row(page, "Risk factor 1").get_by_label("Weight")).to_have_value("3")
    expect(page.get_by_text("Your work is kept on this device")).to_be_visible()

    page.get_by_label("Keep on this device").uncheck()
    assert stored(page, "localStorage") is None
    assert stored(page)["factors"][0]["weight"] == 3


def test_clear_asks_then_empties_screen_and_storage(watch):
    page = open_worksheet(watch)
    load_example(page)
    page.get_by_label("Keep on this device").check()
    page.get_by_role("button", name="Clear worksheet").click()
    expect(page.get_by_text("Clear the worksheet? This removes everything")).to_be_focused()
    page.keyboard.press("Escape")
    expect(row(page, "Risk factor 1")).to_be_visible()
    assert stored(page, "localStorage") is not None
    page.get_by_role("button", name="Clear worksheet").click()
    confirm(page, "Yes, clear the worksheet")
    expect(page.locator("[data-row]")).to_have_count(0)
    expect(page.get_by_label("Keep on this device")).not_to_be_checked()
    assert stored(page) is None and stored(page, "localStorage") is None
    expect(page.locator("[data-live]")).to_have_text("Worksheet cleared. Nothing is saved in this browser.")
    page.reload()
    expect(page.locator("[data-row]")).to_have_count(0)


@pytest.mark.parametrize("raw, message", [
    ("{not json", "could not be read, so it has been cleared"),
    ('{"v": 9, "worksheet": "risk-analysis"}', "came from a newer version of this site"),
    ('{"v": 1, "worksheet": "risk-analysis", "factors": [{"kind": "risk", "id": "r1", "weight": 99}]}', "was not in the expected form"),
])
def test_corrupt_stored_data_is_set_aside_with_a_message(watch, raw, message):
    page = open_worksheet(watch)
    page.evaluate("([k, v]) => sessionStorage.setItem(k, v)", [KEY, raw])
    page.reload()
    expect(page.locator("[data-worksheet][data-rbp-ready]")).to_have_count(1)
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(page.locator("[data-row]")).to_have_count(0)
    assert stored(page) is None
    add_factor(page, "risk", "Still works", 2)
    assert stored(page)["factors"][0]["description"] == "Still works"
    assert not js_errors(watch)


def test_instant_navigation_keeps_work_and_does_not_start_twice(watch):
    page = open_worksheet(watch)  # the sitemap is pointed at the test server (conftest), so navigation is instant
    add_factor(page, "risk", "Before navigating", 2)
    page.evaluate("() => { window.__samePage = true; }")
    page.get_by_role("link", name="three parts of risk analysis").click()
    expect(page).to_have_url(re.compile(re.escape(watch.site_url + "practice/risk-analysis/")))
    page.locator(".md-tabs").get_by_role("link", name="Tools").click()
    expect(page).to_have_url(re.compile(re.escape(watch.site_url + "tools/") + "(#.*)?$"))
    page.locator(".md-sidebar--primary").get_by_role("link", name="Risk-weighting worksheet").click()
    expect(page).to_have_url(re.compile(re.escape(watch.site_url + PAGE)))
    expect(row(page, "Risk factor 1").get_by_label("Description")).to_have_value("Before navigating")
    assert page.evaluate("window.__samePage") is True, "Material's instant navigation kept the page"
    page.get_by_role("button", name="Add risk factor").click()
    expect(page.locator("[data-row]")).to_have_count(2)
    assert not js_errors(watch)


# ---------------------------------------------------------------- safety and accessibility


def test_typed_and_imported_markup_stays_text(watch):
    page = open_worksheet(watch)
    page.evaluate("() => { window.print = () => {}; }")
    for i, payload in enumerate(XSS):
        add_factor(page, "risk", payload, 3, evidence=payload)
    add_factor(page, "risk", "plain", 2)
    row(page, "Risk factor 1").get_by_text("Interacts with:").click()
    for payload in XSS[1:]:
        row(page, "Risk factor 1").get_by_label(payload).check()
    page.get_by_role("button", name="Add change").click()
    change = row(page, "Change 1")
    for label in ("What needs to change", "Who will help", "How we will know"):
        change.get_by_label(label).fill(XSS[0])
    change.get_by_text("Addresses:").click()
    page.get_by_role("button", name="Print summary").click()

    def check_inert():
        assert page.evaluate("window.__xss") is None
        root = page.locator("[data-worksheet]")
        assert root.locator("img, script, [onerror], [onload]").count() == 0
        assert page.locator(".rbp-ws-summary svg").count() == 0
        expect(page.get_by_role("region", name="Interactions")).to_contain_text(XSS[0])
        summary = page.locator("[data-summary]").text_content()
        for payload in XSS:
            assert payload in summary

    check_inert()
    with page.expect_download() as info:
        page.get_by_role("button", name="Export").click()
    page.get_by_role("button", name="Clear worksheet").click()
    confirm(page, "Yes, clear the worksheet")
    page.get_by_label("Import").set_input_files(info.value.path())
    expect(row(page, "Risk factor 3").get_by_label("Description")).to_have_value(XSS[2])
    row(page, "Risk factor 1").get_by_text("Interacts with:").click()
    page.get_by_role("button", name="Print summary").click()
    check_inert()


def test_without_javascript_the_method_and_example_are_readable(nojs_page, site_url):
    page = nojs_page
    page.goto(site_url + PAGE)
    expect(page.get_by_text("The interactive worksheet needs JavaScript.")).to_be_visible()
    expect(page.get_by_text("This is a thinking tool, not a case record")).to_be_visible()
    expect(page.get_by_role("link", name="three parts of risk analysis")).to_be_visible()
    for name in ("Domains of the Assessment Framework", "Weight scale, from weakest to strongest",
                 "Risk factors in the practice example", "Protective factors in the practice example",
                 "What needs to change in the practice example"):
        expect(page.get_by_role("table", name=name)).to_be_visible()
    expect(page.get_by_role("table", name="Risk factors in the practice example").get_by_role("row")).to_have_count(5)
    expect(page.get_by_role("button", name="Add risk factor")).to_have_count(0)
    expect(page.get_by_role("button", name="Export")).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_filled_worksheet_has_no_axe_violations(watch, scheme):
    page = watch.page
    page.emulate_media(color_scheme=scheme)
    open_worksheet(watch)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    load_example(page)
    row(page, "Risk factor 1").get_by_text("Interacts with:").click()
    row(page, "Change 1").get_by_text("Addresses:").click()
    page.get_by_role("button", name="Clear worksheet").click()  # the inline confirmation is on screen too
    page.get_by_label("Import").set_input_files(files=[{"name": "x.json", "mimeType": "application/json", "buffer": b"nope"}])
    expect(page.get_by_role("alert")).not_to_be_empty()
    assert axe_violations(page) == []


def test_phone_width_has_no_sideways_scrolling(watch):
    page = watch.page
    page.set_viewport_size({"width": 360, "height": 740})
    open_worksheet(watch)
    load_example(page)
    row(page, "Change 1").get_by_text("Addresses:").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


# ---------------------------------------------------------------- a second worksheet is YAML only


@pytest.fixture(scope="module")
def review_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("review")
    project = worksheet_project(base / "project")
    build = mkdocs_build(project, base / "site")
    assert build.ok, build.output
    with SiteServer(base / "site") as server:
        yield server.url


def test_change_review_worksheet_from_yaml_alone(page, review_url):
    page.goto(review_url)
    expect(page.locator('[data-worksheet="change-review"][data-rbp-ready]')).to_have_count(1)
    expect(page.get_by_role("button", name="Add risk factor")).to_have_count(0)
    expect(page.get_by_role("region", name="Balance")).to_have_count(0)
    page.get_by_role("button", name="Load practice example").click()
    expect(row(page, "Change 2").get_by_label("Or within (weeks)")).to_have_value("4")
    page.get_by_role("button", name="Add change").click()
    expect(row(page, "Change 3").get_by_label("What needs to change")).to_be_focused()
    expect(row(page, "Change 3").get_by_text("Addresses:")).to_have_count(0)
    stored_review = json.loads(page.evaluate("sessionStorage.getItem('rbp:worksheet:change-review')"))
    assert len(stored_review["changes"]) == 3 and stored_review["factors"] == []
    other = {"format": "rbp-worksheet", "v": 1, "worksheet": "risk-analysis", "factors": [], "changes": []}
    page.get_by_label("Import").set_input_files(files=[{"name": "risk.json", "mimeType": "application/json", "buffer": json.dumps(other).encode()}])
    expect(page.get_by_role("alert")).to_contain_text("It is for a different worksheet (“risk-analysis”), not the What needs to change - review.")
