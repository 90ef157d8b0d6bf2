"""Search finds content, not page furniture: step banners, review lines, "Record this as CPD", forms
and controls are marked data-search-exclude and left out of Material's search index."""
from __future__ import annotations

import json

import pytest

from tests.support.build import ROOT

# Words the site's furniture says on many pages. Each may be in a page's index entry only if the
# page's own Markdown says it (the authoring guide and Learn describe the furniture in prose).
FURNITURE = [
    "Part of the learning path",
    "Mark as done",
    "Back to the path",
    "Record this as CPD",
    "Save CPD entry",
    "Last reviewed",
    "Next review due",
    "Check answers",
    "Clear my quiz results",
    "There is a problem",
    "Load practice example",
    "Print summary",
    "Write a reflection",
]

# The content health table's column headings are content, not a review line.
ALLOWED = {("about/content-health/", "Last reviewed"), ("about/content-health/", "Next review due")}


@pytest.fixture(scope="module")
def index(site_dir) -> list[dict]:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def source(location: str) -> str:
    path = location.split("#")[0].strip("/")
    for candidate in (ROOT / "docs" / f"{path}.md", ROOT / "docs" / path / "index.md"):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    return ""  # a blog post's generated address: posts are checked by their text alone


def test_furniture_is_not_indexed(index):
    problems = []
    for doc in index:
        text = doc["title"] + " " + doc["text"]
        said = source(doc["location"]).lower()
        for phrase in FURNITURE:
            if (doc["location"].split("#")[0], phrase) in ALLOWED:
                continue
            if phrase.lower() in text.lower() and phrase.lower() not in said:
                problems.append(f"{doc['location'] or '(home)'}: {phrase!r}")
    assert problems == []


def test_containment_finds_the_pages_about_it_not_the_step_banner_that_points_at_one(index):
    hits = {doc["location"].split("#")[0] for doc in index if "containment" in (doc["title"] + doc["text"]).lower()}
    assert "tools/solihull-approach/" in hits and "reading-list/glossary/" in hits
    # PAMS is a step before the Solihull page in a learning path: its banner says "Next: … containment".
    assert "tools/pams/" not in hits
    assert "learn/my-learning/" not in hits  # the CPD form's list of pages and steps


def test_the_check_can_fail(index, site_dir):
    """There is furniture to leave out: the PAMS page's HTML has a step banner; its index entry has not."""
    assert "Part of the learning path" in (site_dir / "tools" / "pams" / "index.html").read_text(encoding="utf-8")
    assert not any("Part of the learning path" in doc["text"] for doc in index if doc["location"].startswith("tools/pams/"))


def test_a_scenario_is_found_by_its_title_not_by_each_made_up_situation(index):
    # A result for one situation would open it out of its route (scenario.js starts at the beginning).
    locations = [e["location"] for e in index]
    assert "practice/risk-analysis/#scenario-weighing-a-referral-title" in locations
    assert not [loc for loc in locations if "#scenario-" in loc and not loc.endswith("-title")]
    page = [e for e in index if e["location"].startswith("practice/making-every-contact-count/")]
    assert "In the car, outside the house" not in " ".join(e["title"] + e["text"] for e in page)  # a situation
    assert "Mason" in " ".join(e["text"] for e in page)  # the scenario's own introduction of the family stays
