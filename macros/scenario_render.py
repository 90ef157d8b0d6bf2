"""Scenarios as HTML: ``{{ scenario("<id>") }}``.

Every node is a section with a heading and every choice a link to the next node's anchor, so the whole
scenario can be followed by links alone and printed; ``docs/assets/javascripts/scenario.js`` shows one
node at a time, with the route taken, Back and Start again, and keeps the ending reached on the device.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from .context import check_placed_once, unknown
from .inline import Inline, Jinja
from .loader import DataError, Problem
from .pages import compact, templates
from .quiz_render import _jinja
from .scenario import Scenarios
from .site import SiteIndex
from .urls import Here

TEMPLATES = Path(__file__).parent / "templates" / "scenario"

_templates = templates(TEMPLATES)


def anchor(scenario_id: str, node: str) -> str:
    return f"scenario-{scenario_id}-{node}"


def render_scenario(data: Scenarios, key: str, here: Here | None = None, jinja: Jinja | None = None,
                    record: str | None = None) -> str:
    """The scenario; ``record`` is the URL of My learning's CPD form for this scenario, if there is one."""
    here = here or Here()
    loaded = data.scenarios[key]
    sc = loaded.scenario
    text = Inline(here, jinja)
    try:
        headings = {n.id: text(n.heading) for n in sc.nodes}
        arrivals: dict[str, list[dict]] = {}
        nodes = []
        for node in sc.nodes:
            choices = []
            for c in node.choices or []:
                view = {"text": text(c.text), "next": c.next, "href": "#" + anchor(key, c.next), "feedback": text(c.feedback),
                        "to": headings[c.next]}
                choices.append(view)
                arrivals.setdefault(c.next, []).append({"text": view["text"], "feedback": view["feedback"], "from": headings[node.id]})
            ending = None
            if node.ending is not None:
                links = [(here.url(t) or "", data.index.link_text(t) if data.index else t) for t in node.ending.read_more]
                ending = {"outcome": text(node.ending.outcome), "debrief": text(node.ending.debrief), "links": links}
            nodes.append({"id": node.id, "anchor": anchor(key, node.id), "heading": headings[node.id],
                          "paragraphs": [text(p) for p in node.paragraphs], "choices": choices, "ending": ending})
        for view in nodes:
            view["arrivals"] = arrivals.get(view["id"], [])
        title, family, intro = text(sc.title), text(sc.family), text(sc.intro)
    except DataError:
        raise
    except Exception as exc:  # a macro inside the scenario's text failed: say which scenario
        raise DataError(Problem(loaded.doc.path, None, f"could not show the scenario on {here.src}: {exc}")) from None
    html = _templates.get_template("scenario.html").render(
        id=key, hash=loaded.hash, title=title, family=family, intro=intro, start=sc.start,
        start_anchor=anchor(key, sc.start), nodes=nodes, endings=len(sc.endings), record=record,
    )
    return compact(html)


def register(env, data: Scenarios, index: SiteIndex, record_url=None) -> None:
    """``record_url(env)`` gives the URL of My learning's CPD form for the page being rendered, or None."""
    @env.macro
    def scenario(key: str) -> str:
        """A branching case scenario from data/scenarios/<key>.yml: links without JavaScript, one situation at a time with it."""
        if key not in data.scenarios:
            raise unknown(env, index, "scenario", "scenario id", key, data.scenarios)
        check_placed_once(env, index, "scenario", "scenario", key)
        record = record_url(env, key) if record_url else None
        return render_scenario(data, key, Here.of(env), _jinja(env), record)


def titles(data: Scenarios) -> dict[str, str]:
    return {k: Markup(v.scenario.title).striptags() for k, v in data.scenarios.items()}
