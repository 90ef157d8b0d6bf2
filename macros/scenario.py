"""Branching case scenarios: ``data/scenarios/<id>.yml``, checked at load time; ``macros/scenario_render.py``
shows them with ``{{ scenario("id") }}``.

A scenario is a fictional family and a list of nodes. A node is a situation with either choices (each
leading to another node, with feedback on what happens and why) or an ending (an outcome, a debrief and
pages to read more). ``check`` reports every problem as ``file:line: message``: an unknown next node, a
node nobody reaches, no ending reachable from the start, a duplicate id, an ending with no debrief, an
unknown page or citation.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import loader
from .loader import DataError, Document, Loc, Problem
from .quiz import _CITE, _check_text
from .site import SiteIndex

FOLDER = "data/scenarios"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class Choice(_Strict):
    text: Text
    next: Text
    feedback: Text


class Ending(_Strict):
    outcome: Text
    debrief: Text | None = None  # required: checked after validation, for a clear message
    read_more: list[Text] = Field(default_factory=list)


class Node(_Strict):
    id: Text
    heading: Text
    situation: Text | list[Text]
    choices: list[Choice] | None = None
    ending: Ending | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [self.situation] if isinstance(self.situation, str) else list(self.situation)


class _Header(_Strict):
    title: Text
    family: Text
    intro: Text | None = None
    start: Text | None = None  # the first node unless given
    nodes: list[Any]


class Scenario(_Strict):
    title: str
    family: str
    intro: str | None = None
    start: str
    nodes: list[Node]

    def node(self, key: str) -> Node:
        return next(n for n in self.nodes if n.id == key)

    @property
    def endings(self) -> list[Node]:
        return [n for n in self.nodes if n.ending is not None]


@dataclass
class LoadedScenario:
    id: str
    scenario: Scenario
    doc: Document
    hash: str
    cites: list[str] = field(default_factory=list)


@dataclass
class Scenarios:
    scenarios: dict[str, LoadedScenario] = field(default_factory=dict)
    placements: dict[str, list[str]] = field(default_factory=dict)  # scenario id -> pages that place it
    index: SiteIndex | None = None


def _header_message(loc: Loc, err: dict) -> str:
    if err["type"] == "missing" and len(loc) == 1:
        return {"title": "the scenario has no title",
                "family": "the scenario has no family: say who the made-up family are",
                "nodes": "the scenario has no nodes"}.get(str(loc[0]), loader.default_message(loc, err))
    return loader.default_message(loc, err)


def _node_message(n: int):
    def describe(loc: Loc, err: dict) -> str:
        rel = loc[2:]
        if err["type"] == "missing" and len(rel) == 1:
            return f"node {n} has no '{rel[0]}'"
        if err["type"] == "missing" and len(rel) == 3 and rel[0] == "choices":
            return f"node {n}: choice {rel[1] + 1} has no '{rel[2]}'"
        if err["type"] == "missing" and len(rel) == 2 and rel[0] == "ending":
            return f"node {n}: the ending has no '{rel[1]}'"
        if rel[:1] == ("situation",):
            return f"node {n}: the situation must be text, or a list of paragraphs"
        return f"node {n}: {loader.default_message(loc, err)}"
    return describe


def node_fields(i: int, node: Node) -> list[tuple[Loc, str, str]]:
    """Every text of node ``i``: (location, label for messages, text)."""
    at: Loc = ("nodes", i)
    name = f"node '{node.id}'"
    out: list[tuple[Loc, str, str]] = [(at + ("heading",), f"{name}: heading", node.heading)]
    if isinstance(node.situation, str):
        out.append((at + ("situation",), f"{name}: situation", node.situation))
    else:
        out += [(at + ("situation", k), f"{name}: situation paragraph {k + 1}", p) for k, p in enumerate(node.situation)]
    for k, c in enumerate(node.choices or []):
        out.append((at + ("choices", k, "text"), f"{name}: choice {k + 1}", c.text))
        out.append((at + ("choices", k, "feedback"), f"{name}: choice {k + 1} feedback", c.feedback))
    if node.ending is not None:
        out.append((at + ("ending", "outcome"), f"{name}: outcome", node.ending.outcome))
        if node.ending.debrief:
            out.append((at + ("ending", "debrief"), f"{name}: debrief", node.ending.debrief))
    return out


def _reachable(start: str, graph: dict[str, list[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _graph_problems(doc: Document, nodes: dict[str, tuple[int, Node]], start: str) -> list[Problem]:
    """Nodes nobody reaches, and no way to an ending: checked once every next node is known."""
    # An unknown next node is reported on its own; here it leads nowhere.
    graph = {key: [c.next for c in node.choices or [] if c.next in nodes] for key, (_, node) in nodes.items()}
    reached = _reachable(start, graph)
    problems = []
    for key, (i, _node) in nodes.items():
        if key not in reached:
            problems.append(doc.problem(("nodes", i, "id"), f"node '{key}' is never reached: no choice on the way from the start node '{start}' leads to it"))
    endings = {key for key, (_, node) in nodes.items() if node.ending is not None}
    if not reached & endings:
        problems.append(doc.problem(("nodes", nodes[start][0], "id"), f"no ending can be reached from the start node '{start}'"))
    else:
        for key in sorted(reached - endings, key=lambda k: nodes[k][0]):
            if nodes[key][1].choices and not _reachable(key, graph) & endings:
                problems.append(doc.problem(("nodes", nodes[key][0], "id"), f"node '{key}': none of its choices leads on to an ending"))
    return problems


def check(doc: Document, index: SiteIndex, refs: set[str] | None = None) -> Scenario:
    """Validate one scenario document; raise DataError listing every problem."""
    data, header, problems = loader.read_top(doc, _Header, "a scenario must be 'key: value' lines: title, family and nodes", _header_message)
    raw_nodes = data.get("nodes") if isinstance(data.get("nodes"), list) else []
    if "nodes" in data and data.get("nodes") in (None, []):
        problems.append(doc.problem(("nodes",), "the scenario has no nodes"))
    nodes: dict[str, tuple[int, Node]] = {}
    failed: set[str] = set()  # ids of nodes with problems of their own: not reported again as unknown
    for i, raw in enumerate(raw_nodes):
        n, at = i + 1, ("nodes", i)
        if not isinstance(raw, dict):
            problems.append(doc.problem(at, f"node {n} must be 'key: value' lines starting with 'id:'"))
            continue
        try:
            node = Node.model_validate(raw)
        except ValidationError as exc:
            problems.extend(loader.validation_problems(doc, exc, prefix=at, describe=_node_message(n), model=Node))
            failed.add(str(raw.get("id")))
            continue
        name = f"node '{node.id}'"
        if not NODE_RE.match(node.id):
            problems.append(doc.problem(at + ("id",), f"node {n}: the id '{node.id}' may use only lower-case letters, digits and '-'"))
            continue
        if node.id in nodes:
            problems.append(doc.problem(at + ("id",), f"node {n}: the id '{node.id}' is already node {nodes[node.id][0] + 1}'s — give each node its own id"))
            continue
        if node.choices is None and node.ending is None:
            problems.append(doc.problem(at, f"{name} has neither choices nor an ending — give it one of them"))
        elif node.choices is not None and node.ending is not None:
            problems.append(doc.problem(at + ("ending",), f"{name} has both choices and an ending — a node is one or the other"))
        elif node.choices is not None and len(node.choices) < 2:
            problems.append(doc.problem(at + ("choices",), f"{name} needs at least two choices (a decision needs more than one way to go)"))
        if node.ending is not None:
            if not node.ending.debrief:
                problems.append(doc.problem(at + ("ending",), f"{name}: the ending has no debrief — say what the route teaches and why"))
            for k, target in enumerate(node.ending.read_more):
                why = index.problem_with(target)
                if why:
                    problems.append(doc.problem(at + ("ending", "read_more", k), f"{name}: read_more '{target}' {why}"))
        for loc, label, text in node_fields(i, node):
            problems.extend(_check_text(doc, index, refs, loc, label, text))
        nodes[node.id] = (i, node)
    known = list(nodes)
    for key, (i, node) in nodes.items():
        for k, choice in enumerate(node.choices or []):
            if choice.next not in nodes and choice.next not in failed:
                message = f"node '{key}', choice {k + 1}: next '{choice.next}' is not a node in this scenario"
                message = loader.with_hint(message, loader.did_you_mean(choice.next, known))
                problems.append(doc.problem(("nodes", i, "choices", k, "next"), message))
    start = None
    if header is not None:
        for loc, label, text in [(("title",), "title", header.title), (("family",), "family", header.family),
                                 (("intro",), "intro", header.intro)]:
            if text:
                problems.extend(_check_text(doc, index, refs, loc, label, text))
        start = header.start or (next(iter(nodes)) if nodes else None)
        if header.start is not None and header.start not in nodes and header.start not in failed:
            problems.append(doc.problem(("start",), loader.with_hint(f"start '{header.start}' is not a node in this scenario",
                                                                      loader.did_you_mean(header.start, known))))
            start = None
        elif header.start in failed:
            start = None
    if start is not None and len(nodes) == len(raw_nodes):
        problems.extend(_graph_problems(doc, nodes, start))
    if problems or header is None or start is None:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    return Scenario(title=header.title, family=header.family, intro=header.intro, start=start,
                    nodes=[node for _, node in nodes.values()])


def content_hash(scenario: Scenario) -> str:
    """Changes whenever anything in the scenario changes, so an old stored result is dropped."""
    data = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def texts(scenario: Scenario) -> list[str]:
    out = [scenario.title, scenario.family, scenario.intro or ""]
    for i, node in enumerate(scenario.nodes):
        out += [text for _loc, _label, text in node_fields(i, node)]
    return out


def file_ids(root: Path) -> list[str]:
    return loader.yml_names(root / FOLDER)


def load(root: Path, index: SiteIndex, references: dict | None) -> Scenarios:
    """Every scenario, checked against the pages in ``index`` and the keys of ``references``
    (None when data/references.yml could not be read: citations are then not checked)."""
    folder = root / FOLDER
    result = Scenarios(placements=index.placements("scenario"), index=index)
    if not folder.is_dir():
        return result
    refs = set(references) if references is not None else None
    passed, problems = loader.read_each(
        root, folder, ID_RE,
        "scenario files must be named like first-home-visit.yml: lower-case letters, digits and '-', ending .yml",
        lambda doc: check(doc, index, refs))
    for key, doc, scenario in passed:
        cites = list(dict.fromkeys(k for text in texts(scenario) for k in _CITE.findall(text)))
        result.scenarios[key] = LoadedScenario(key, scenario, doc, content_hash(scenario), cites)
    if problems:
        raise DataError(problems)
    return result
