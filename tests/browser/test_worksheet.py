"""The risk-weighting worksheet in real Chromium, driven the way a practitioner would: by role and name."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.site.test_worksheet_build import worksheet_project
from tests.support.browser import Watch, accessibility_problems
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


def open_row(page, name: str):
    """A row is one line until it is opened to edit (its first button); a row that is open stays open."""
    group = row(page, name)
    toggle = group.get_by_role("button").first
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    return group


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

    # remove by keyboard: "removed … Undo" takes its place and the focus, the next row follows, and it is announced
    first.get_by_role("button", name="Remove").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Undo removing risk factor 1")).to_be_focused()
    renumbered = row(page, "Risk factor 1")
    expect(renumbered.get_by_label("Description")).to_have_value("Child has missed health appointments")
    page.keyboard.press("Tab")
    expect(renumbered.get_by_role("button", name=re.compile("^Child has missed health appointments"))).to_be_focused()
    expect(page.locator("[data-live]")).to_have_text("Risk factor 1 removed: Parent drinks heavily some evenings. Choose Undo to put it back.")
    expect(row(page, "Risk factor 2")).to_have_count(0)

    strength.get_by_role("button", name="Remove").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Undo removing protective factor 1")).to_be_focused()
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
    expect(page.locator("[data-dock-caution]")).to_have_text("A longer list can deceive")  # in the dock, in view
    expect(page.locator("[data-caution-region]")).to_contain_text("(Tuck, 2004)")
    expect(page.get_by_text("Weighing is professional judgement.")).to_be_visible()

    risk.get_by_label("Weight").select_option("3")  # equal weight: the longer list still misleads
    expect(overall(page)).to_have_text("Risk 3 (1 factor) · Protective 3 (3 factors)")
    expect(caution(page)).to_be_visible()
    risk.get_by_label("Weight").select_option("2")  # the protective weight is greater
    expect(caution(page)).to_be_hidden()
    expect(page.locator("[data-dock-caution]")).to_be_hidden()
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

    open_row(page, "Risk factor 1").get_by_label("Weight").select_option("1")
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
    open_row(page, "Risk factor 1").get_by_label("Weight").select_option("3")
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
    open_row(page, "Risk factor 1").get_by_text("Interacts with:").click()
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
def test_filled_worksheet_has_no_accessibility_problems(watch, scheme):
    page = watch.page
    page.emulate_media(color_scheme=scheme)
    open_worksheet(watch)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    load_example(page)
    open_row(page, "Risk factor 1").get_by_text("Interacts with:").click()
    open_row(page, "Change 1").get_by_text("Addresses:").click()
    page.get_by_role("button", name="Clear worksheet").click()  # the inline confirmation is on screen too
    page.get_by_label("Import").set_input_files(files=[{"name": "x.json", "mimeType": "application/json", "buffer": b"nope"}])
    expect(page.get_by_role("alert")).not_to_be_empty()
    assert accessibility_problems(page) == []


def test_phone_width_has_no_sideways_scrolling(watch):
    page = watch.page
    page.set_viewport_size({"width": 360, "height": 740})
    open_worksheet(watch)
    load_example(page)
    open_row(page, "Change 1").get_by_text("Addresses:").click()
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


# ---------------------------------------------------------------- on a phone mid-case, on screen in supervision

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
EXAMPLE_WEIGHTS = {"risk": [5, 4, 3, 2], "protective": [3, 2, 2, 2, 1]}

# The focused element: is its focus drawn, and is any of it under the sticky dock or the note at the foot of the screen?
FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const dock = document.querySelector('[data-dock]').getBoundingClientRect();
    const note = document.querySelector('[data-said]');
    const n = note.hidden ? null : note.getBoundingClientRect();
    const inDock = !!el.closest('[data-dock]');
    const under = (b) => b && r.top < b.bottom - 1 && r.bottom > b.top + 1;
    return {name: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 60), tag: el.tagName,
            visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
            covered: !inDock && r.height > 0 && (under(dock) || under(n)),
            onScreen: r.height > 0 && r.bottom > 0 && r.top < innerHeight};
}"""


@pytest.fixture
def phone(browser, site_url):
    """A 390 × 844 touch screen: the phone a social worker has between home visits."""
    context = browser.new_context(viewport=PHONE, has_touch=True, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    yield Watch(page, site_url)
    context.close()


@pytest.fixture(params=["phone", "laptop"])
def screen_size(request, browser, site_url):
    """The worksheet at 390 × 844 (touch) and at 1280 × 800."""
    small = request.param == "phone"
    context = browser.new_context(viewport=PHONE if small else LAPTOP, has_touch=small, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    watch = Watch(page, site_url)
    watch.small = small
    yield watch
    context.close()


def dock(page):
    return page.locator("[data-dock]")


def dock_balance(page):
    return page.locator("[data-dock-balance]")


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["height"] > 0


def tool(page, name: str):
    """A worksheet tool in the dock; on a phone the tools are behind the worksheet menu."""
    button = dock(page).get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.get_by_role("button", name="Worksheet menu").click()
    expect(button).to_be_visible()
    return button


def test_the_practice_example_fits_in_five_phone_screens_with_rows_closed(phone):
    page = open_worksheet(phone)
    load_example(page)
    toggles = page.locator("[data-row] [data-toggle]")
    expect(toggles).to_have_count(13)
    assert toggles.evaluate_all("ts => ts.every(t => t.getAttribute('aria-expanded') === 'false')")
    for name in ("Risk factor 1", "Protective factor 5", "Change 4"):
        expect(row(page, name).get_by_label("Weight" if "factor" in name else "What needs to change")).to_be_hidden()
    # each closed row still says what it is, its domain and its weight
    first = row(page, "Risk factor 1").get_by_role("button").first
    expect(first).to_contain_text("Mother's former partner was violent to her")
    expect(first).to_contain_text("Family and environmental factors")
    expect(first).to_contain_text("Weight 5")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 5 * PHONE["height"], f"the page is {height} px long: {height / PHONE['height']:.1f} screens"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # a row opens to edit and closes again
    first.click()
    expect(first).to_have_attribute("aria-expanded", "true")
    expect(row(page, "Risk factor 1").get_by_label("Weight")).to_have_value("5")
    row(page, "Risk factor 1").get_by_role("button", name="Done with risk factor 1").click()
    expect(first).to_have_attribute("aria-expanded", "false")
    expect(first).to_be_focused()
    assert not js_errors(phone) and not phone.external


def test_after_changing_any_weight_the_balance_is_in_view(screen_size):
    page = open_worksheet(screen_size)
    load_example(page)
    weights = {kind: list(values) for kind, values in EXAMPLE_WEIGHTS.items()}
    for kind, count in (("risk", 4), ("protective", 5)):
        for i in range(count):
            group = open_row(page, f"{kind.capitalize()} factor {i + 1}")
            weight = group.get_by_label("Weight")
            new = 1 if weights[kind][i] != 1 else 4
            weight.focus()
            weight.select_option(str(new))
            weights[kind][i] = new
            risk, protective = sum(weights["risk"]), sum(weights["protective"])
            expect(dock_balance(page)).to_have_text(f"Risk {risk} from 4 factors · Protective {protective} from 5")
            # where the weight was changed, without scrolling: the figure is on screen, and the dock hides nothing focused
            assert in_viewport(page, dock_balance(page)), f"{kind} factor {i + 1}: the balance is out of view"
            assert in_viewport(page, weight), f"{kind} factor {i + 1}: the weight control is out of view"
            state = page.evaluate(FOCUS)
            assert state and state["tag"] == "SELECT" and not state["covered"], state
            group.get_by_role("button", name=re.compile("^Done")).click()
    expect(overall(page)).to_have_text(f"Risk {sum(weights['risk'])} (4 factors) · Protective {sum(weights['protective'])} (5 factors)")
    assert not js_errors(screen_size)


def test_risk_and_protective_sit_side_by_side_only_where_there_is_room(screen_size):
    page = open_worksheet(screen_size)
    load_example(page)
    risk = page.get_by_role("region", name="Risk factors", exact=True).bounding_box()
    protective = page.get_by_role("region", name="Protective factors", exact=True).bounding_box()
    if screen_size.small:
        assert protective["y"] >= risk["y"] + risk["height"] and abs(protective["x"] - risk["x"]) < 1
    else:
        assert abs(protective["y"] - risk["y"]) < 1 and protective["x"] >= risk["x"] + risk["width"]


def test_remove_then_undo_restores_the_factor_exactly(watch):
    page = open_worksheet(watch)
    load_example(page)
    before, before_store = screen(page), stored(page)
    assert before_store["factors"][0]["interacts_with"] == ["r2", "r4"]

    group = open_row(page, "Risk factor 1")
    group.get_by_role("button", name="Remove risk factor 1").click()
    undo = page.get_by_role("button", name="Undo removing risk factor 1")
    expect(undo).to_be_focused()
    expect(page.locator("[data-undo]")).to_contain_text("Risk factor 1 removed: “Mother's former partner was violent")
    expect(page.locator("[data-said]")).to_be_visible()
    expect(page.locator("[data-said]")).to_have_text("Risk factor 1 removed.")
    expect(page.locator("[data-live]")).to_contain_text("Risk factor 1 removed: Mother's former partner")
    expect(dock_balance(page)).to_have_text("Risk 9 from 3 factors · Protective 10 from 5")
    gone = stored(page)
    assert "r1" not in [f["id"] for f in gone["factors"]]
    assert all("r1" not in f["interacts_with"] for f in gone["factors"]) and all("r1" not in c["addresses"] for c in gone["changes"])

    # a factor added meanwhile takes a new id, not the one waiting to be restored
    add_factor(page, "risk", "Added while the undo waits", 2)
    assert stored(page)["factors"][-1]["id"] not in ("r1", "r2", "r3", "r4")
    row(page, "Risk factor 4").get_by_role("button", name="Remove risk factor 4").click()  # the new one: this undo replaces the first
    expect(page.get_by_role("button", name=re.compile("^Undo"))).to_have_count(1)
    page.get_by_role("button", name="Undo removing risk factor 4").click()
    expect(row(page, "Risk factor 4").get_by_label("Description")).to_have_value("Added while the undo waits")
    row(page, "Risk factor 4").get_by_role("button", name="Remove risk factor 4").click()

    # the first removal can no longer be undone, so start again, and undo a change too
    load_example_again(page)
    open_row(page, "Risk factor 1").get_by_role("button", name="Remove risk factor 1").click()
    page.get_by_role("button", name="Undo removing risk factor 1").click()
    expect(row(page, "Risk factor 1").get_by_label("Description")).to_be_focused()  # it was open: it comes back open
    assert screen(page) == before
    assert stored(page) == before_store
    expect(page.get_by_role("region", name="Interactions")).to_contain_text("Risk cluster 1: 3 factors")
    expect(page.locator("[data-said]")).to_have_text(re.compile("^Risk factor 1 is back"))

    open_row(page, "Change 2").get_by_role("button", name="Remove change 2").click()
    page.get_by_role("button", name="Undo removing change 2").click()
    assert screen(page) == before
    assert stored(page) == before_store
    assert not js_errors(watch)


def load_example_again(page):
    page.get_by_role("button", name="Load practice example").click()
    confirm(page, "Replace with practice example")
    expect(row(page, "Risk factor 4")).to_be_visible()


def test_download_summary_holds_every_factor_and_change_with_typed_markup_inert(watch, tmp_path):
    page = open_worksheet(watch)
    load_example(page)
    add_factor(page, "protective", XSS[0], 3, "Parenting capacity", evidence=XSS[1])
    page.get_by_role("button", name="Add change").click()
    change = row(page, "Change 5")
    change.get_by_label("What needs to change").fill(XSS[2])
    change.get_by_label("Who will help").fill(XSS[0])
    data = stored(page)

    with page.expect_download() as info:
        page.get_by_role("button", name="Download summary").click()
    download = info.value
    today = page.evaluate("rbp.today()")
    assert download.suggested_filename == f"risk-analysis-summary-{today}.html"
    expect(page.locator("[data-said]")).to_contain_text(f"Downloaded risk-analysis-summary-{today}.html")
    expect(page.locator("[data-live]")).to_contain_text(f"Downloaded risk-analysis-summary-{today}.html")
    html = Path(download.path()).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in html and "<script" not in html.lower()

    # read as a browser reads it, with scripts on: typed text is text, and every part is there
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    doc = page.context.new_page()
    doc.goto(saved.as_uri())
    assert doc.evaluate("window.__xss") is None
    assert doc.locator("img, script, svg, [onerror], [onload]").count() == 0
    text = doc.locator("body").text_content()
    for f in data["factors"]:
        assert f["description"] in text and f["evidence"] in text
    for c in data["changes"]:
        assert c["what"] in text and c["who"] in text
    expect(doc.get_by_role("heading", level=1)).to_have_text("Risk-weighting worksheet: summary")
    for heading in ("Factors by domain", "Balance", "Interactions", "What needs to change"):
        expect(doc.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    for domain in ("Child's developmental needs", "Parenting capacity", "Family and environmental factors"):
        expect(doc.get_by_role("heading", name=domain)).to_be_visible()
    expect(doc.get_by_role("row").filter(has=doc.get_by_role("rowheader", name="Risk factor 1", exact=True))).to_contain_text("5 (Very strong)")
    expect(doc.get_by_role("row").filter(has_text="Change 1")).to_contain_text("within 2 weeks")
    expect(doc.get_by_text("All domains: Risk 14 (4 factors) · Protective 13 (6 factors)")).to_be_visible()
    expect(doc.get_by_text("A longer list can be deceptive.")).to_be_visible()
    expect(doc.get_by_text("Risk cluster 1: 3 factors")).to_be_visible()
    expect(doc.get_by_text("This is a thinking tool, not a case record")).to_be_visible()
    doc.close()
    assert not js_errors(watch) and not watch.external


def test_summary_view_shows_the_summary_read_only_for_supervision(screen_size):
    page = open_worksheet(screen_size)
    load_example(page)
    expect(tool(page, "Summary view")).to_have_attribute("aria-pressed", "false")
    tool(page, "Summary view").click()
    expect(tool(page, "Summary view")).to_have_attribute("aria-pressed", "true")
    summary = page.get_by_role("region", name="Risk-weighting worksheet: summary")
    expect(summary).to_be_visible()
    expect(page.locator("[data-said]")).to_contain_text("Summary view")
    for text in ("Mother's former partner was violent", "The home is warm and clean", "A safety plan is agreed",
                 "Risk cluster 1: 3 factors", "All domains: Risk 14 (4 factors) · Protective 10 (5 factors)",
                 "A longer list can be deceptive."):
        expect(summary).to_contain_text(text)
    # read-only: nothing to type in or add, and the balance stays in view
    app = page.locator(".rbp-ws-app")
    for role in ("textbox", "combobox", "checkbox"):
        expect(app.get_by_role(role)).to_have_count(0 if role != "checkbox" else 1)  # (only "Keep on this device")
    expect(page.get_by_role("button", name="Add risk factor")).to_be_hidden()
    assert in_viewport(page, dock_balance(page)) or in_viewport(page, summary.get_by_role("heading").first)
    tool(page, "Summary view").click()
    expect(summary).to_be_hidden()
    expect(page.get_by_role("button", name="Add risk factor")).to_be_visible()
    assert not js_errors(screen_size)


@pytest.mark.parametrize("action, expected", [
    ("Export", "Exported risk-analysis-"),
    ("Download summary", "Downloaded risk-analysis-summary-"),
    ("Print summary", None),
    ("Clear worksheet", "Worksheet cleared."),
])
def test_every_action_shows_a_visible_confirmation_where_it_is_in_view(screen_size, action, expected):
    page = open_worksheet(screen_size)
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    load_example(page)
    said, live = page.locator("[data-said]"), page.locator("[data-live]")
    expect(said).to_have_text("Practice example loaded: 4 risk factors, 5 protective factors and 4 changes.")
    open_row(page, "Change 4").get_by_label("Domain").focus()  # far down the page, at the end of the work
    assert in_viewport(page, tool(page, action)), f"{action} is out of reach at the end of the work"
    if action in ("Export", "Download summary"):
        with page.expect_download():
            tool(page, action).click()
    else:
        tool(page, action).click()
    if action == "Print summary":
        assert page.evaluate("window.__printed") is True
        return
    if action == "Clear worksheet":
        confirm(page, "Yes, clear the worksheet")
    expect(said).to_contain_text(expected)
    expect(said).to_be_visible()
    assert in_viewport(page, said), "the confirmation is out of view"
    assert said.text_content() in live.text_content() or live.text_content().startswith(said.text_content().rstrip("."))


def test_keyboard_alone_weighs_removes_undoes_and_downloads_with_visible_focus(screen_size):
    page = open_worksheet(screen_size)
    page.get_by_role("button", name="Load practice example").focus()
    page.keyboard.press("Enter")
    expect(row(page, "Change 4")).to_be_visible()
    seen = []

    def tab(until, back=False, limit=80):
        for _ in range(limit):
            page.keyboard.press("Shift+Tab" if back else "Tab")
            state = page.evaluate(FOCUS)
            assert state, "focus left the page"
            seen.append(state)
            assert state["visible"], f"focus is not visible on {state}"
            assert not state["covered"], f"the dock covers the focused {state}"
            if until(state):
                return state
        raise AssertionError(f"never reached the target; last focus: {seen[-1]}")

    # to the second risk factor's row, open it, weigh it, and the balance shows the new weight
    tab(lambda s: s["name"].startswith("Mother drinks heavily"))
    toggle = row(page, "Risk factor 2").get_by_role("button").first
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    tab(lambda s: s["tag"] == "SELECT" and s["name"].startswith("Not weighed yet"))  # the weight's first option starts its text
    expect(row(page, "Risk factor 2").get_by_label("Weight")).to_be_focused()
    page.keyboard.type("1")
    expect(dock_balance(page)).to_have_text("Risk 11 from 4 factors · Protective 10 from 5")
    assert in_viewport(page, dock_balance(page))

    # remove it, undo with the same key, and it is back, open, with focus in it
    tab(lambda s: s["name"].startswith("Remove"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Undo removing risk factor 2")).to_be_focused()
    expect(dock_balance(page)).to_have_text("Risk 10 from 3 factors · Protective 10 from 5")
    page.keyboard.press("Enter")
    expect(row(page, "Risk factor 2").get_by_label("Description")).to_be_focused()
    expect(dock_balance(page)).to_have_text("Risk 11 from 4 factors · Protective 10 from 5")

    # close it with Done, then back up to the tools and download the summary
    tab(lambda s: s["name"].startswith("Done"))
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    if screen_size.small:
        tab(lambda s: s["name"] == "Worksheet menu", back=True)
        page.keyboard.press("Enter")
        expect(page.get_by_role("button", name="Worksheet menu")).to_have_attribute("aria-expanded", "true")
        tab(lambda s: s["name"] == "Download summary")
    else:
        tab(lambda s: s["name"] == "Download summary", back=True)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".html")
    expect(page.locator("[data-said]")).to_contain_text("Downloaded risk-analysis-summary-")
    if screen_size.small:  # the menu closes once a tool is chosen, and Escape closes it too
        expect(page.get_by_role("button", name="Worksheet menu")).to_have_attribute("aria-expanded", "false")
        page.get_by_role("button", name="Worksheet menu").focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        page.keyboard.press("Escape")
        expect(page.get_by_role("button", name="Worksheet menu")).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_role("button", name="Worksheet menu")).to_be_focused()
    assert not js_errors(screen_size)


def test_jump_links_bring_each_part_into_view_clear_of_the_dock(screen_size):
    page = open_worksheet(screen_size)
    load_example(page)
    jump = page.get_by_role("navigation", name="Parts of the worksheet")
    for link, heading in (("What needs to change", "What needs to change"), ("Balance", "Balance"),
                          ("Interactions", "Interactions"), ("Factors", "Risk factors")):
        if screen_size.small:
            page.get_by_role("button", name="Worksheet menu").click()
        jump.get_by_role("link", name=link, exact=True).click()
        target = page.get_by_role("heading", name=heading, exact=True)
        expect(target).to_be_in_viewport()
        page.wait_for_timeout(100)
        top = target.bounding_box()["y"]
        bottom = dock(page).bounding_box()
        assert top >= bottom["y"] + bottom["height"] - 1, f"{heading} is under the dock"
        if screen_size.small:
            expect(page.get_by_role("button", name="Worksheet menu")).to_have_attribute("aria-expanded", "false")


def test_the_measured_heights_are_set_on_the_root_alone(phone):
    # The dock's height and the note's room are custom properties on <html>, registered as not inherited:
    # an inherited one restyles and lays out the whole page each time it changes, and the note sets one
    # on every action.
    page = open_worksheet(phone)
    load_example(page)
    read = """name => [getComputedStyle(document.documentElement).getPropertyValue(name).trim(),
                      getComputedStyle(document.querySelector('[data-dock]')).getPropertyValue(name).trim()]"""
    height = round(dock(page).bounding_box()["height"])
    page.wait_for_function("h => parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--rbp-ws-dock')) >= h - 1", arg=height)
    root, inside = page.evaluate(read, "--rbp-ws-dock")
    assert abs(float(root.removesuffix("px")) - height) <= 1 and inside == "0px", (root, inside)
    expect(page.locator("[data-said]")).to_be_visible()  # the example's confirmation
    root, inside = page.evaluate(read, "--rbp-ws-said")
    assert float(root.removesuffix("px")) > 0 and inside == "0px", (root, inside)


def test_the_balance_is_announced_politely_once_weighing_pauses(watch):
    page = open_worksheet(watch)
    load_example(page)
    region = page.locator("[data-balance-live]")
    expect(region).to_have_attribute("role", "status")
    expect(region).to_be_empty()  # loading says what was loaded, not the balance as well
    weight = open_row(page, "Risk factor 1").get_by_label("Weight")
    for value in ("4", "3", "2"):
        weight.select_option(value)
    expect(dock_balance(page)).to_have_text("Risk 11 from 4 factors · Protective 10 from 5")
    assert region.text_content() == "", "announced at once, on every change"
    expect(region).to_have_text("Balance: risk 11 from 4 factors, protective 10 from 5 factors.", timeout=4000)
    page.evaluate("() => { window.__said = []; new MutationObserver(() => window.__said.push(document.querySelector('[data-balance-live]').textContent)).observe(document.querySelector('[data-balance-live]'), {childList: true, characterData: true, subtree: true}); }")
    row(page, "Risk factor 1").get_by_label("Description").press_sequentially(" Again", delay=20)
    page.wait_for_timeout(1800)
    assert page.evaluate("window.__said") == [], "typing is not weighing: the balance is not said again"


def test_touch_targets_are_at_least_44_px_on_a_phone(phone):
    page = open_worksheet(phone)
    load_example(page)
    open_row(page, "Risk factor 1").get_by_text("Interacts with:").click()
    open_row(page, "Change 1")
    page.get_by_role("button", name="Worksheet menu").click()
    small = page.evaluate("""() => {
        const out = [];
        const app = document.querySelector('.rbp-ws-app');
        for (const el of app.querySelectorAll('button, a[href], select, textarea, input, summary, label.md-button')) {
            if (el.closest('p:not(.rbp-ws-dock__balance), li.rbp-ws-cluster') && el.tagName === 'A') continue;  // links in running text
            let box = el.getBoundingClientRect();
            if (el.type === 'checkbox' || el.type === 'file') box = (el.labels[0] || el.closest('label')).getBoundingClientRect();
            if (!box.width || !box.height) continue;  // not shown
            if (box.width < 44 || box.height < 44) out.push(`${el.tagName} ${(el.textContent || el.value || el.type).trim().slice(0, 30)} ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
        return out;
    }""")
    assert small == [], "smaller than 44 × 44: " + "; ".join(small)


def luminance(rgb: str) -> tuple[float, float]:
    """Relative luminance and alpha of a computed rgb()/rgba() colour."""
    parts = [float(x) for x in re.findall(r"[\d.]+", rgb)]
    r, g, b = (c / 255 for c in parts[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2], parts[3] if len(parts) > 3 else 1.0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_risk_and_protective_bars_carry_the_same_visual_weight(watch, scheme):
    page = watch.page
    page.emulate_media(color_scheme=scheme)
    open_worksheet(watch)
    load_example(page)
    bars = page.evaluate("""() => ['risk', 'protective'].map(k => {
        const s = getComputedStyle(document.querySelector('.rbp-ws-balance__item--all [data-bar=' + k + ']'));
        return [s.fill, s.fillOpacity, s.strokeWidth, s.stroke];
    })""")
    (risk_fill, risk_opacity, *_), (prot_fill, prot_opacity, *_) = bars
    (lr, ar), (lp, ap) = luminance(risk_fill), luminance(prot_fill)
    assert ar == ap == 1.0 and float(risk_opacity) == float(prot_opacity) == 1.0, bars  # both solid
    assert abs(lr - lp) < 0.08, f"risk luminance {lr:.2f}, protective {lp:.2f}: one looks heavier"
    # and on paper: the printed summary's bars are solid too, and print in colour as they are
    page.evaluate("() => { window.print = () => {}; }")
    page.get_by_role("button", name="Print summary").click()
    page.emulate_media(media="print")
    printed = page.evaluate("""() => ['risk', 'protective'].map(k => {
        const s = getComputedStyle(document.querySelector('[data-summary] .rbp-ws-sbar--' + k + ' > span'));
        return [s.backgroundColor, s.printColorAdjust, parseFloat(s.width) > 0];
    })""")
    (pr, pa), (pp, pa2) = luminance(printed[0][0]), luminance(printed[1][0])
    assert pa == pa2 == 1.0 and printed[0][1] == printed[1][1] == "exact" and printed[0][2] and printed[1][2], printed
    assert abs(pr - pp) < 0.08, printed
    page.emulate_media(media="screen")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_axe_finds_nothing_with_rows_closed_or_open(browser, site_url, scheme):
    context = browser.new_context(viewport=PHONE, has_touch=True, color_scheme=scheme, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(site_url + PAGE)
        expect(page.locator("[data-worksheet][data-rbp-ready]")).to_have_count(1)
        load_example(page)
        assert accessibility_problems(page) == [], "rows closed"
        page.get_by_role("button", name="Worksheet menu").click()
        assert accessibility_problems(page) == [], "menu open"
        page.keyboard.press("Escape")
        open_row(page, "Protective factor 1").get_by_text("Interacts with:").click()
        open_row(page, "Change 2")
        assert accessibility_problems(page) == [], "rows open"
        row(page, "Protective factor 1").get_by_role("button", name="Remove protective factor 1").click()
        assert accessibility_problems(page) == [], "a removal waiting to be undone"
        tool(page, "Summary view").click()
        assert accessibility_problems(page) == [], "summary view"
    finally:
        context.close()


PREVIOUS_VERSION_RECORD = {
    # Exactly what the worksheet before issue #14 stored (sessionStorage, or localStorage with "Keep on this device").
    "v": 1, "worksheet": "risk-analysis",
    "factors": [
        {"id": "r1", "kind": "risk", "description": "Rent arrears and a notice to quit", "domain": "family", "weight": 4,
         "evidence": "Letter from the landlord", "interacts_with": ["r2"]},
        {"id": "r2", "kind": "risk", "description": "Parent low in mood", "domain": "parenting", "weight": None,
         "evidence": "", "interacts_with": ["r1"]},
        {"id": "p3", "kind": "protective", "description": "Grandmother visits daily", "domain": "", "weight": 2,
         "evidence": "", "interacts_with": []},
    ],
    "changes": [
        {"id": "c4", "what": "Rent is paid on time", "domain": "family", "who": "Housing officer", "date": "2027-01-15",
         "weeks": None, "how": "Landlord confirms", "addresses": ["r1"]},
    ],
    "example": False,
}


@pytest.mark.parametrize("area", ["sessionStorage", "localStorage"])
def test_a_worksheet_saved_by_the_previous_version_still_loads(watch, area):
    page = open_worksheet(watch)
    page.evaluate("([area, k, v]) => window[area].setItem(k, v)", [area, KEY, json.dumps(PREVIOUS_VERSION_RECORD)])
    page.reload()
    expect(page.locator("[data-worksheet][data-rbp-ready]")).to_have_count(1)
    expect(page.get_by_role("alert")).to_be_empty()
    if area == "localStorage":
        expect(page.get_by_label("Keep on this device")).to_be_checked()
    expect(row(page, "Risk factor 1").get_by_role("button").first).to_contain_text("Rent arrears and a notice to quit")
    expect(row(page, "Risk factor 2").get_by_role("button").first).to_contain_text("Not weighed")
    expect(row(page, "Protective factor 1").get_by_role("button").first).to_contain_text("no domain yet")
    expect(dock_balance(page)).to_have_text("Risk 4 from 2 factors · Protective 2 from 1")
    expect(open_row(page, "Change 1").get_by_label("By when")).to_have_value("2027-01-15")
    expect(row(page, "Change 1").get_by_text("Addresses: Risk factor 1")).to_be_visible()
    expect(page.get_by_role("region", name="Interactions")).to_contain_text("Risk cluster 1: 2 factors")
    # and what this version writes back is the same shape, so the previous version could read it too
    open_row(page, "Risk factor 2").get_by_label("Weight").select_option("3")
    again = stored(page, area)
    assert again == {**PREVIOUS_VERSION_RECORD, "factors": [PREVIOUS_VERSION_RECORD["factors"][0],
                                                           {**PREVIOUS_VERSION_RECORD["factors"][1], "weight": 3},
                                                           PREVIOUS_VERSION_RECORD["factors"][2]]}
    assert not js_errors(watch)


def test_the_tools_page_lists_the_worksheet_first_as_a_card(phone):
    page = phone.goto("tools/")
    content = page.locator(".md-content__inner")
    pages = [f"{phone.site_url}tools/{name}/" for name in ("risk-worksheet", "questionnaires-and-scales", "pams", "sscb-toolkits", "solihull-approach")]
    tools = [h for h in content.locator("a[href]").evaluate_all("links => links.map(a => a.href)") if h in pages]
    assert tools and tools[0] == pages[0], tools
    card = content.locator(".grid.cards > ul > li").first
    expect(card.get_by_role("link", name="Risk-weighting worksheet")).to_be_visible()
    assert card.evaluate("li => getComputedStyle(li).borderTopStyle") != "none", "the card is drawn as a card"
    card.get_by_role("link", name="Risk-weighting worksheet").click()
    expect(page).to_have_url(re.compile(re.escape(phone.site_url + PAGE)))
    expect(page.locator("[data-worksheet][data-rbp-ready]")).to_have_count(1)


def test_download_summary_is_named_with_the_local_date(browser, site_url):
    """At 12:30 UTC on 26 November 2026 it is already 27 November in Auckland."""
    context = browser.new_context(locale="en-GB", timezone_id="Pacific/Auckland", accept_downloads=True)
    page = context.new_page()
    try:
        page.clock.set_fixed_time(dt.datetime(2026, 11, 26, 12, 30, tzinfo=dt.timezone.utc))
        page.goto(site_url + PAGE)
        expect(page.locator("[data-worksheet][data-rbp-ready]")).to_have_count(1)
        load_example(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="Download summary").click()
        assert info.value.suggested_filename == "risk-analysis-summary-2026-11-27.html"
        assert "Downloaded on 27 November 2026." in Path(info.value.path()).read_text(encoding="utf-8")
    finally:
        context.close()
