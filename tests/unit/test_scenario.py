"""Scenarios: the schema and every validation error with its file:line, the HTML the macro renders (every node a
section with a heading, every choice a link to the next node's anchor), and the shipped scenarios' size."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

import macros
from macros import scenario as S
from macros import scenario_render as R
from macros.loader import DataError
from macros.urls import Here
from tests.support.build import ROOT

PAGE = "# Visits\n\n## Before you go\n\nText.\n\n## After the visit\n"
RUCH = 'ruch2010:\n  authors: ["Ruch, G."]\n  year: 2010\n  title: Relationship-Based Social Work\n  group: framework\n'

GOOD = """\
title: A visit
family: Sam, 30, and her son Alex, 4.
start: door
nodes:
  - id: door
    heading: At the door
    situation: Sam opens the door.
    choices:
      - text: Go in
        next: room
        feedback: Good.
      - text: Leave
        next: gone
        feedback: You leave.
  - id: room
    heading: In the room
    situation:
      - Alex is *playing*.
      - Sam is quiet.
    choices:
      - text: Play with Alex
        next: good
        feedback: You reach him.
      - text: Ignore Alex
        next: gone
        feedback: He is not seen.
  - id: good
    heading: A good visit
    situation: You saw Alex.
    ending:
      outcome: A real picture.
      debrief: You saw the child.
      read_more: [visits.md#before-you-go]
  - id: gone
    heading: Not seen
    situation: You left.
    ending:
      outcome: No picture.
      debrief: See the child.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "visits.md").write_text(PAGE + '\n{{ scenario("visit") }}\n')
    (tmp_path / "data" / "scenarios").mkdir(parents=True)
    return tmp_path


def problems(root: Path, text: str, name: str = "bad") -> list[str]:
    (root / "data" / "scenarios" / f"{name}.yml").write_text(textwrap.dedent(text))
    with pytest.raises(DataError) as caught:
        macros.load(root)
    return [str(p) for p in caught.value.problems]


def loaded(root: Path, text: str = GOOD) -> S.Scenarios:
    (root / "data" / "scenarios" / "visit.yml").write_text(text)
    return macros.load(root).scenarios


# ---------------------------------------------------------------- good data


def test_a_good_scenario_loads(root):
    data = loaded(root)
    sc = data.scenarios["visit"].scenario
    assert [n.id for n in sc.nodes] == ["door", "room", "good", "gone"]
    assert [n.id for n in sc.endings] == ["good", "gone"]
    assert re.fullmatch(r"[0-9a-f]{16}", data.scenarios["visit"].hash)
    assert data.placements == {"visit": ["visits.md"]}


def test_the_start_is_the_first_node_unless_given(root):
    assert loaded(root, GOOD.replace("start: door\n", "")).scenarios["visit"].scenario.start == "door"


def test_the_hash_changes_with_the_content(root):
    first = loaded(root).scenarios["visit"].hash
    assert loaded(root, GOOD.replace("You leave.", "You go.")).scenarios["visit"].hash != first


# ---------------------------------------------------------------- every validation error, with its line


def test_unknown_next_node(root):
    text = GOOD.replace("        next: room\n", "        next: rooom\n")
    assert problems(root, text) == [
        "data/scenarios/bad.yml:10: node 'door', choice 1: next 'rooom' is not a node in this scenario. Did you mean: room?",
        "data/scenarios/bad.yml:15: node 'room' is never reached: no choice on the way from the start node 'door' leads to it",
        # only 'room' led to it
        "data/scenarios/bad.yml:27: node 'good' is never reached: no choice on the way from the start node 'door' leads to it",
    ]


def test_a_node_nobody_reaches(root):
    text = GOOD + "  - id: lost\n    heading: Lost\n    situation: Nobody comes here.\n    ending:\n      outcome: O.\n      debrief: D.\n"
    assert problems(root, text) == [
        "data/scenarios/bad.yml:40: node 'lost' is never reached: no choice on the way from the start node 'door' leads to it"
    ]


def test_no_ending_reachable_from_the_start(root):
    text = """\
    title: T
    family: F.
    nodes:
      - id: a
        heading: A
        situation: S.
        choices:
          - {text: To b, next: b, feedback: F.}
          - {text: Stay, next: a, feedback: F.}
      - id: b
        heading: B
        situation: S.
        choices:
          - {text: To a, next: a, feedback: F.}
          - {text: Stay, next: b, feedback: F.}
    """
    assert problems(root, text) == ["data/scenarios/bad.yml:4: no ending can be reached from the start node 'a'"]


def test_a_node_whose_choices_never_lead_to_an_ending(root):
    text = GOOD.replace("        next: gone\n        feedback: He is not seen.", "        next: loop\n        feedback: He is not seen.")
    text += ("  - id: loop\n    heading: Loop\n    situation: Round again.\n    choices:\n"
             "      - {text: Again, next: loop, feedback: F.}\n      - {text: And again, next: loop, feedback: F.}\n")
    assert problems(root, text) == ["data/scenarios/bad.yml:40: node 'loop': none of its choices leads on to an ending"]


def test_duplicate_ids(root):
    text = GOOD.replace("  - id: gone\n", "  - id: good\n")
    assert problems(root, text) == [
        "data/scenarios/bad.yml:13: node 'door', choice 2: next 'gone' is not a node in this scenario",
        "data/scenarios/bad.yml:25: node 'room', choice 2: next 'gone' is not a node in this scenario",
        "data/scenarios/bad.yml:34: node 4: the id 'good' is already node 3's — give each node its own id",
    ]


def test_an_ending_without_a_debrief(root):
    text = GOOD.replace("      debrief: See the child.\n", "")
    assert problems(root, text) == ["data/scenarios/bad.yml:37: node 'gone': the ending has no debrief — say what the route teaches and why"]


def test_an_unknown_page_in_read_more(root):
    text = GOOD.replace("read_more: [visits.md#before-you-go]", "read_more: [visits.md#during, nowhere.md]")
    assert problems(root, text) == [
        "data/scenarios/bad.yml:33: node 'good': read_more 'visits.md#during' points to '#during', but visits.md has no heading with that id",
        "data/scenarios/bad.yml:33: node 'good': read_more 'nowhere.md' is not a page in docs/",
    ]


def test_an_unknown_citation(root):
    (root / "data" / "references.yml").write_text(RUCH)
    text = GOOD.replace("      debrief: You saw the child.", "      debrief: 'You saw the child {{ cite(\"ruch201\") }}.'")
    assert problems(root, text) == [
        "data/scenarios/bad.yml:32: node 'good': debrief: unknown reference 'ruch201' in cite(). Did you mean: ruch2010?"
    ]


def test_an_unknown_start(root):
    assert problems(root, GOOD.replace("start: door", "start: dor")) == [
        "data/scenarios/bad.yml:3: start 'dor' is not a node in this scenario. Did you mean: door?"
    ]


def test_a_node_with_neither_choices_nor_an_ending(root):
    text = GOOD.replace("    situation: You left.\n    ending:\n      outcome: No picture.\n      debrief: See the child.\n",
                        "    situation: You left.\n")
    assert problems(root, text) == ["data/scenarios/bad.yml:34: node 'gone' has neither choices nor an ending — give it one of them"]


def test_a_node_with_one_choice(root):
    text = GOOD.replace("      - text: Leave\n        next: gone\n        feedback: You leave.\n", "")
    assert problems(root, text) == [
        "data/scenarios/bad.yml:8: node 'door' needs at least two choices (a decision needs more than one way to go)"
    ]


def test_a_choice_without_feedback_and_an_unknown_key(root):
    text = GOOD.replace("        feedback: Good.\n", "").replace("    heading: In the room\n", "    heading: In the room\n    header: x\n")
    assert problems(root, text) == [
        "data/scenarios/bad.yml:9: node 1: choice 1 has no 'feedback'",
        "data/scenarios/bad.yml:16: node 2: unknown key 'header' (check the spelling). Did you mean: heading?",
    ]


def test_missing_title_family_and_nodes(root):
    assert problems(root, "intro: Hello\n") == [
        "data/scenarios/bad.yml:1: the scenario has no title",
        "data/scenarios/bad.yml:1: the scenario has no family: say who the made-up family are",
        "data/scenarios/bad.yml:1: the scenario has no nodes",
    ]


def test_a_situation_of_two_paragraphs_in_one_text(root):
    text = GOOD.replace("    situation: You saw Alex.\n", "    situation: |\n      You saw Alex.\n\n      And Sam.\n")
    assert problems(root, text) == [
        "data/scenarios/bad.yml:29: node 'good': situation must be one line of text (no blank lines, lists or headings)"
    ]


def test_a_bad_file_name(root):
    assert problems(root, GOOD, name="Bad_Name") == [
        "data/scenarios/Bad_Name.yml: scenario files must be named like first-home-visit.yml: lower-case letters, digits and '-', ending .yml"
    ]


def test_an_unknown_scenario_step_in_a_path(root):
    loaded(root)
    (root / "docs" / "path.md").write_text('# Path\n\n{{ learning_path("p") }}\n')
    (root / "data" / "paths").mkdir()
    (root / "data" / "paths" / "p.yml").write_text("title: P\naudience: A\nsummary: S\nsteps:\n  - scenario: visits\n  - scenario: visit\n")
    with pytest.raises(DataError) as caught:
        macros.load(root)
    assert [str(p) for p in caught.value.problems] == [
        "data/paths/p.yml:5: step 1: scenario 'visits' does not exist (known scenarios: visit)"
    ]


def test_a_scenario_step_links_to_the_scenario_on_its_page(root):
    loaded(root)
    (root / "docs" / "path.md").write_text('# Path\n\n{{ learning_path("p") }}\n')
    (root / "data" / "paths").mkdir()
    (root / "data" / "paths" / "p.yml").write_text("title: P\naudience: A\nsummary: S\nsteps:\n  - scenario: visit\n")
    step = macros.load(root).paths["p"].steps[0]
    assert (step.key, step.page, step.anchor, step.minutes) == ("scenario:visit", "visits.md", "scenario-visit", 15)


# ---------------------------------------------------------------- the HTML


def test_every_node_is_a_section_with_a_heading_and_every_choice_a_link_to_the_next(root):
    html = R.render_scenario(loaded(root), "visit", Here(src="visits.md", page_url="visits/"))
    sections = re.findall(r'<section class="rbp-sc__node[^"]*" id="([^"]+)" aria-labelledby="([^"]+)" data-node="([^"]+)"', html)
    assert [s[2] for s in sections] == ["door", "room", "good", "gone"]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids are unique"
    for anchor, labelled, _ in sections:
        assert f'<h4 class="rbp-sc__heading" id="{labelled}" tabindex="-1" data-search-exclude>' in html  # found by its title only
    links = re.findall(r'<a href="#([^"]+)" data-choice="\d" data-next="([^"]+)">', html)
    assert links == [("scenario-visit-room", "room"), ("scenario-visit-gone", "gone"),
                     ("scenario-visit-good", "good"), ("scenario-visit-gone", "gone")]
    assert all(target in ids for target, _ in links)
    assert "This family is fictional, made up for learning" in html
    assert "<em>playing</em>" in html
    assert '<a href="../visits/#before-you-go">Before you go</a>' in html or '<a href="#before-you-go">Before you go</a>' in html
    assert "In “At the door”, you chose “Leave”. You leave." in html  # what happened, for readers without JavaScript
    assert "\n\n" not in html


def test_text_from_yaml_stays_text(root):
    html = R.render_scenario(loaded(root, GOOD.replace("Sam opens the door.", "'<script>alert(1)</script>'")), "visit")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_shipped_scenarios_are_big_enough_to_matter():
    data = macros.load(ROOT).scenarios
    assert len(data.scenarios) >= 2
    for key, s in data.scenarios.items():
        assert len(s.scenario.nodes) >= 8, key
        assert len(s.scenario.endings) >= 3, key
        assert all(n.ending.read_more for n in s.scenario.endings), key
        assert data.placements.get(key), f"{key} is on no page"


def test_a_scenario_call_on_a_page_is_pre_rendered_without_jinja():
    from macros import prerender
    text = (ROOT / "docs" / "practice" / "making-every-contact-count.md").read_text(encoding="utf-8")
    calls = []
    macros_ = {name: (lambda name: lambda *a, **k: calls.append((name, a)) or f"<{name}>")(name)
               for name in ("scenario", "quiz", "cite", "diagram")}
    out = prerender.render(text, macros_)
    assert out is not None and "<scenario>" in out
    assert ("scenario", ("first-home-visit",)) in calls
