"""Worksheets: ``{{ worksheet("risk-analysis") }}`` renders a thinking tool from ``data/worksheets/<id>.yml``.

The macro renders complete HTML: the method's domains and weight scale and the practice
example as static tables (readable without JavaScript), plus the interactive form that
``docs/assets/javascripts/worksheet.js`` wires up. A new worksheet is a YAML file, not code.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints

from . import loader
from .context import unknown
from .loader import DataError, Document, Loc, Problem
from .pages import compact, data_json, long_date, templates
from .references import citation_text
from .site import SiteIndex
from .urls import Here

FOLDER = "data/worksheets"
READING_LIST = "reading-list/index.md"
TEMPLATES = Path(__file__).parent / "templates" / "worksheet"

# Limits shared with worksheet.js (which enforces them on typing, import and storage).
MAX_TEXT = 1000
MAX_WEEKS = 520

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
FactorId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Domain(_Strict):
    id: Slug
    label: Text
    hint: Text | None = None  # the domain's dimensions, shown in the reference table


class WeightStep(_Strict):
    value: StrictInt
    label: Text  # plain English: "Strong"
    meaning: Text | None = None  # "Likely to make a large difference"


class Sections(_Strict):
    factors: StrictBool = True
    changes: StrictBool = True


class Prompts(_Strict):
    """Help text shown beside each part of the worksheet; every one is optional."""

    risk_factors: Text | None = None
    protective_factors: Text | None = None
    weights: Text | None = None
    interactions: Text | None = None
    balance: Text | None = None
    changes: Text | None = None
    timescale: Text | None = None


class ExampleFactor(_Strict):
    id: FactorId
    kind: Literal["risk", "protective"]
    description: Annotated[Text, StringConstraints(max_length=MAX_TEXT)]
    domain: str
    weight: StrictInt
    evidence: Annotated[Text, StringConstraints(max_length=MAX_TEXT)] | None = None
    interacts_with: list[str] = []


class ExampleChange(_Strict):
    what: Annotated[Text, StringConstraints(max_length=MAX_TEXT)]
    domain: str
    who: Annotated[Text, StringConstraints(max_length=MAX_TEXT)] | None = None
    weeks: Annotated[StrictInt, Field(ge=1, le=MAX_WEEKS)] | None = None
    date: dt.date | None = None
    how: Annotated[Text, StringConstraints(max_length=MAX_TEXT)] | None = None
    addresses: list[str] = []


class Example(_Strict):
    title: Text
    summary: Text
    factors: list[ExampleFactor] = []
    changes: list[ExampleChange] = []


class Worksheet(_Strict):
    title: Text
    intro: Text | None = None
    notice: Text  # "a thinking tool, not a case record …", shown above the form and on the printout
    sections: Sections = Sections()
    domains: list[Domain] = Field(min_length=1)
    weights: list[WeightStep] = []
    caution: Text | None = None  # the "longer list may be deceptive" warning
    judgement: Text | None = None  # the balance is not a decision
    cite: str | None = None  # reference key (data/references.yml) for the caution
    prompts: Prompts = Prompts()
    example: Example | None = None


@dataclass
class Loaded:
    """One validated worksheet and where it came from (for errors found while rendering)."""

    id: str
    sheet: Worksheet
    doc: Document = field(repr=False)


# ---------------------------------------------------------------- validation

_PLACES = {
    "domains": "domain",
    "weights": "weight scale step",
}


def _where(loc: Loc) -> str | None:
    """``practice example factor 2`` for a location inside a list of things."""
    if len(loc) >= 2 and loc[0] in _PLACES and isinstance(loc[1], int):
        return f"{_PLACES[loc[0]]} {loc[1] + 1}"
    if len(loc) >= 3 and loc[0] == "example" and loc[1] in ("factors", "changes") and isinstance(loc[2], int):
        return f"practice example {loc[1][:-1]} {loc[2] + 1}"
    return None


def describe(loc: Loc, err: dict) -> str:
    """Plain-English wording of one schema error, naming the list item it is in."""
    kind = err["type"]
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else "value"
    if kind == "literal_error" and name == "kind":
        message = "'kind' must be risk or protective"
    elif kind == "string_pattern_mismatch" and name == "id":
        message = "'id' may use only lower-case letters, digits and '-'" if loc[0] == "domains" else \
            "'id' may use only letters, digits, '-' and '_' (up to 40)"
    elif kind == "string_too_long":
        message = f"'{name}' is too long (at most {MAX_TEXT} characters)"
    elif kind in ("greater_than_equal", "less_than_equal") and name == "weeks":
        message = f"'weeks' must be from 1 to {MAX_WEEKS}"
    elif kind == "too_short" and name == "domains":
        message = "'domains' must list at least one domain"
    else:
        message = loader.default_message(loc, err)
    where = _where(loc)
    if where is None or len(loc) <= (3 if loc[0] == "example" else 2):
        return message
    if kind == "missing":
        return f"{where} has no '{name}'"
    return f"{where}: {message}"


def check(doc: Document, sheet: Worksheet) -> list[Problem]:
    """Rules that span fields: unique ids, an ascending scale, example factors that exist."""
    problems: list[Problem] = []

    seen: dict[str, int] = {}
    for i, domain in enumerate(sheet.domains):
        loc = ("domains", i, "id")
        if domain.id in seen:
            first = doc.line_of(("domains", seen[domain.id], "id"))
            problems.append(doc.problem(loc, f"domain id '{domain.id}' is used twice (first on line {first})"))
        else:
            seen[domain.id] = i
    domains = list(seen)

    values: dict[int, int] = {}
    scale_ok = True
    for i, step in enumerate(sheet.weights):
        loc = ("weights", i, "value")
        if step.value in values:
            first = doc.line_of(("weights", values[step.value], "value"))
            problems.append(doc.problem(loc, f"weight {step.value} is used twice (first on line {first})"))
            scale_ok = False
            continue
        if values and step.value < max(values):
            problems.append(doc.problem(
                loc, f"weight {step.value} comes after {max(values)}: list the scale from weakest to strongest"))
            scale_ok = False
        values[step.value] = i
    scale = ", ".join(str(s.value) for s in sheet.weights)

    if not sheet.sections.factors and not sheet.sections.changes:
        problems.append(doc.problem(("sections",), "a worksheet needs factors or changes (or both) switched on"))
    if sheet.sections.factors:
        if len(sheet.weights) < 2:
            problems.append(doc.problem(("weights",), "a worksheet with factors needs a weight scale of at least 2 steps"))
        for key in ("caution", "judgement"):
            if getattr(sheet, key) is None:
                problems.append(doc.problem((), f"missing '{key}' (a worksheet with factors must say it)"))

    example = sheet.example
    if example is None:
        return problems
    if example.factors and not sheet.sections.factors:
        problems.append(doc.problem(("example", "factors"), "the practice example has factors but this worksheet's factors are switched off"))
    if example.changes and not sheet.sections.changes:
        problems.append(doc.problem(("example", "changes"), "the practice example has changes but this worksheet's changes are switched off"))

    ids: dict[str, int] = {}
    for i, factor in enumerate(example.factors):
        if factor.id in ids:
            first = doc.line_of(("example", "factors", ids[factor.id], "id"))
            problems.append(doc.problem(("example", "factors", i, "id"),
                                        f"practice example factor id '{factor.id}' is used twice (first on line {first})"))
        else:
            ids[factor.id] = i
    known_ids = ", ".join(ids)

    def domain_problem(loc: Loc, thing: str, value: str) -> None:
        if value not in domains:
            problems.append(doc.problem(loc, f"{thing} names unknown domain '{value}'. Known domains: {', '.join(domains)}"))

    for i, factor in enumerate(example.factors):
        base = ("example", "factors", i)
        thing = f"practice example factor '{factor.id}'"
        domain_problem(base + ("domain",), thing, factor.domain)
        if scale_ok and factor.weight not in values:
            problems.append(doc.problem(base + ("weight",), f"{thing} has weight {factor.weight}, which is not on the weight scale ({scale})"))
        for j, other in enumerate(factor.interacts_with):
            loc = base + ("interacts_with", j)
            if other not in ids:
                problems.append(doc.problem(loc, f"{thing} interacts with unknown factor '{other}'. Known factors: {known_ids}"))
            elif other == factor.id:
                problems.append(doc.problem(loc, f"{thing} cannot interact with itself"))
            elif example.factors[ids[other]].kind != factor.kind:
                problems.append(doc.problem(loc, f"{thing} is a {factor.kind} factor but '{other}' is not: "
                                                 "factors interact with factors of the same kind"))
    for i, change in enumerate(example.changes):
        base = ("example", "changes", i)
        thing = f"practice example change {i + 1}"
        domain_problem(base + ("domain",), thing, change.domain)
        for j, target in enumerate(change.addresses):
            if target not in ids:
                problems.append(doc.problem(base + ("addresses", j), f"{thing} addresses unknown factor '{target}'. Known factors: {known_ids}"))
    return problems


def parse(doc: Document) -> Worksheet:
    """Validate one worksheet document; raise every problem in it at once."""
    if doc.data is None:
        raise DataError(Problem(doc.path, 1, "the file is empty: a worksheet needs at least title, notice and domains"))
    if not isinstance(doc.data, dict):
        raise DataError(doc.problem((), "a worksheet file must be a set of 'key: value' lines (title, notice, domains …)"))
    sheet = loader.validate(doc, Worksheet, describe=describe)
    problems = check(doc, sheet)
    if problems:
        raise DataError(problems)
    return sheet


def load_file(path: Path, root: Path, references: dict | None) -> Loaded:
    doc = loader.read(path, root)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", path.stem):
        raise DataError(doc.problem((), f"worksheet file name '{path.name}' may use only lower-case letters, digits and '-'"))
    sheet = parse(doc)
    if sheet.cite and references is not None and sheet.cite not in references:
        near = loader.closest(sheet.cite, references)
        hint = f" Did you mean: {', '.join(near)}?" if near else ""
        raise DataError(doc.problem(("cite",), f"unknown reference '{sheet.cite}'.{hint} Known references: {', '.join(sorted(references)) or 'none'}"))
    return Loaded(path.stem, sheet, doc)


def load(root: Path, references: dict | None) -> dict[str, Loaded]:
    """Every worksheet; ``references`` (None if they could not be read) are what ``cite:`` may name."""
    folder = root / FOLDER
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    results = loader.collect(*(lambda p=p: load_file(p, root, references) for p in files))
    return {item.id: item for item in results}


# ---------------------------------------------------------------- rendering

_templates = templates(TEMPLATES)


def timescale(change: ExampleChange) -> str:
    """``within 6 weeks``, ``by 3 March 2026``, both, or ``not set``."""
    parts = []
    if change.weeks:
        parts.append(f"within {change.weeks} week{'s' if change.weeks != 1 else ''}")
    if change.date:
        parts.append(f"by {long_date(change.date)}")
    return " (".join(parts) + (")" if len(parts) == 2 else "") if parts else "not set"


def interactions(example: Example) -> dict[str, list[str]]:
    """Interaction goes both ways: if A interacts with B, B interacts with A (in example order)."""
    linked: dict[str, set[str]] = {f.id: set(f.interacts_with) for f in example.factors}
    for f in example.factors:
        for other in f.interacts_with:
            linked.setdefault(other, set()).add(f.id)
    order = [f.id for f in example.factors]
    return {key: [o for o in order if o in linked[key]] for key in order}


def definition(item: Loaded) -> dict[str, Any]:
    """What worksheet.js needs, embedded as JSON: ids, labels, the scale and the practice example."""
    sheet = item.sheet
    example = None
    if sheet.example:
        links = interactions(sheet.example)
        example = {
            "factors": [
                {"id": f.id, "kind": f.kind, "description": f.description, "domain": f.domain,
                 "weight": f.weight, "evidence": f.evidence or "", "interacts_with": links[f.id]}
                for f in sheet.example.factors
            ],
            "changes": [
                {"id": f"c{i + 1}", "what": c.what, "domain": c.domain, "who": c.who or "",
                 "date": c.date.isoformat() if c.date else "", "weeks": c.weeks, "how": c.how or "",
                 "addresses": c.addresses}
                for i, c in enumerate(sheet.example.changes)
            ],
        }
    return {
        "id": item.id,
        "title": sheet.title,
        "sections": sheet.sections.model_dump(),
        "domains": [{"id": d.id, "label": d.label} for d in sheet.domains],
        "weights": [{"value": w.value, "label": w.label} for w in sheet.weights],
        "limits": {"text": MAX_TEXT, "weeks": MAX_WEEKS},
        "example": example,
    }


def definition_json(item: Loaded) -> str:
    """The definition as compact JSON; the template escapes it into an attribute."""
    return data_json(definition(item))


def render(item: Loaded, cite_html: Markup | str = "") -> str:
    """The worksheet's HTML. One block with no blank lines, so Markdown leaves it alone."""
    sheet = item.sheet
    domain_labels = {d.id: d.label for d in sheet.domains}
    weight_labels = {w.value: w.label for w in sheet.weights}
    factor_names: dict[str, str] = {}
    links = interactions(sheet.example) if sheet.example else {}
    if sheet.example:
        counters = {"risk": 0, "protective": 0}
        for f in sheet.example.factors:
            counters[f.kind] += 1
            factor_names[f.id] = f"{f.kind.capitalize()} factor {counters[f.kind]}"
    html = _templates.get_template("worksheet.html").render(
        id=item.id, ws=sheet, prefix=f"ws-{item.id}", definition=definition_json(item),
        cite=Markup(cite_html), domain_labels=domain_labels, weight_labels=weight_labels,
        factor_names=factor_names, links=links, timescale=timescale,
        balance_rows=[("*", "All domains")] + [(d.id, d.label) for d in sheet.domains], limits={"text": MAX_TEXT, "weeks": MAX_WEEKS},
    )
    return compact(html)


def citation(item: Loaded, references: dict, here: Here, has_reading_list: bool) -> Markup:
    """``(Tuck, 2004)`` linked to the reading list (the key was checked when the worksheet loaded)."""
    key = item.sheet.cite
    if not key or key not in references:
        return Markup("")
    text = escape(citation_text(references[key]))
    if not has_reading_list:
        return Markup(f"({text})")
    return Markup(f'(<a href="{escape(here.url(f"{READING_LIST}#{key}"))}">{text}</a>)')


def register(env, sheets: dict[str, Loaded], references: dict, index: SiteIndex) -> None:
    @env.macro
    def worksheet(key: str) -> str:
        """The worksheet defined in data/worksheets/<key>.yml, readable without JavaScript.

        Place each worksheet once on a page: its element ids and its saved copy are named after it.
        """
        if key not in sheets:
            raise unknown(env, index, "worksheet", "worksheet", key, sheets)
        return render(sheets[key], citation(sheets[key], references, Here.of(env), index.has_page(READING_LIST)))
