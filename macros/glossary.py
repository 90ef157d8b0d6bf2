"""Glossary: plain-English definitions, shown as tooltips wherever an abbreviation is used.

``data/glossary.yml`` lists terms. They become the ``glossary`` of Python-Markdown's ``abbr``
extension for the whole build (:func:`configure`), so every use is marked on every page and
Material's ``content.tooltips`` shows it; ``{{ glossary_list() }}`` renders the A–Z page, which
switches them off for itself. (Appending ``*[ASYE]: …`` lines to each page did the same, at three
times the cost of converting a page: each line went through every block parser.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify
from markupsafe import escape
from pydantic import BaseModel, ConfigDict, Field, RootModel

from . import loader
from .engine import page_src
from .site import SiteIndex
from .urls import Here

GLOSSARY = "data/glossary.yml"
PAGE = "reading-list/glossary.md"


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid")
    term: str = Field(min_length=1)
    stands_for: str | None = None  # for abbreviations: what the letters stand for
    definition: str = Field(min_length=1)
    see: str | None = None  # docs-relative page that explains it, e.g. practice/assessment.md
    tooltip: bool | None = None  # mark every use on every page; default: yes for abbreviations

    @property
    def marks_uses(self) -> bool:
        return self.tooltip if self.tooltip is not None else self.stands_for is not None


class Terms(RootModel[list[Term]]):
    pass


@dataclass
class Glossary:
    terms: list[Term]

    def anchor(self, term: Term) -> str:
        return "term-" + slugify(term.term, "-")

    def tooltip_text(self, term: Term) -> str:
        text = f"{term.stands_for}: {term.definition}" if term.stands_for else term.definition
        return text.replace("\n", " ").replace("]", ")")

    def definitions(self) -> dict[str, str]:
        """Each marked form (lower-case forms of capitalised terms too) with its tooltip text."""
        out = {}
        for term in self.terms:
            if not term.marks_uses:
                continue
            forms = {term.term}
            if not term.stands_for and term.term[:1].isupper():
                forms.add(term.term[0].lower() + term.term[1:])
            for form in sorted(forms):
                out[form] = self.tooltip_text(term)
        return out

    def abbreviations(self) -> str:
        """The same as Markdown abbreviation lines (``*[ASYE]: …``), as the authoring guide shows them."""
        return "\n".join(f"*[{form}]: {text}" for form, text in self.definitions().items())


def load(root: Path, index: SiteIndex) -> Glossary:
    path = root / GLOSSARY
    if not path.exists():
        return Glossary([])
    doc = loader.read(path, root)

    def describe(loc, err):
        entry = f"glossary entry {loc[0] + 1}" if loc and isinstance(loc[0], int) else "the glossary"
        if err["type"] == "missing":
            return f"{entry} has no {loc[-1]}"
        return f"{entry}: {loader.default_message(loc, err)}"

    if not isinstance(doc.data, list):
        raise loader.DataError(doc.problem((), "the glossary must be a list of entries, each starting with '- term:'"))
    terms = loader.validate(doc, Terms, describe=describe).root
    problems, seen = [], {}
    for i, term in enumerate(terms):
        key = term.term.casefold()
        if key in seen:
            problems.append(doc.problem((i, "term"), f"term '{term.term}' is listed twice (first at line {doc.line_of((seen[key], 'term'))})"))
        seen.setdefault(key, i)
        if term.see:
            if not index.has_page(term.see.partition("#")[0]):
                problems.append(doc.problem((i, "see"), f"term '{term.term}': see '{term.see}' is not a page in docs/"))
        if "[" in term.term or "]" in term.term:
            problems.append(doc.problem((i, "term"), f"term '{term.term}' must not contain square brackets"))
    if problems:
        raise loader.DataError(problems)
    return Glossary(sorted(terms, key=lambda t: t.term.casefold()))


def render(glossary: Glossary, link_to) -> str:
    """The A–Z glossary as Markdown: a jump list of letters, then a heading per letter and per term."""
    by_letter: dict[str, list[Term]] = {}
    for term in glossary.terms:
        letter = term.term[0].upper() if term.term[0].isalpha() else "#"
        by_letter.setdefault(letter, []).append(term)
    jump = " · ".join(f"[{l}](#letter-{l.lower()})" for l in by_letter)
    out = [f"**Jump to:** {jump}", ""]
    for letter, terms in by_letter.items():
        out += [f"## {letter} {{ #letter-{letter.lower()} }}", ""]
        for term in terms:
            out += [f"### {md_escape(term.term)} {{ #{glossary.anchor(term)} }}", ""]
            text = md_escape(term.definition)
            if term.stands_for:
                text = f"**{md_escape(term.stands_for)}.** {text}"
            if term.see:
                text += f" [Read more about {md_escape(term.term)}]({link_to(term.see)})."
            out += [text, ""]
    return "\n".join(out)


def md_escape(text: str) -> str:
    """Glossary text is plain: escape HTML and the Markdown characters that would change it."""
    text = str(escape(text))
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def register(env, glossary: Glossary) -> None:
    @env.macro
    def glossary_list() -> str:
        """Every glossary term A–Z with anchors."""
        return render(glossary, Here.of(env).md_link)


def configure(config, glossary: Glossary) -> None:
    """Give the ``abbr`` extension the glossary, for every page this build converts."""
    config["mdx_configs"].setdefault("abbr", {})["glossary"] = glossary.definitions()


def post_page(env, glossary: Glossary) -> None:
    """The glossary page defines each term itself: no tooltips there (``*[ASYE]: ''`` removes one)."""
    if page_src(env) == PAGE:
        env.markdown += "\n\n" + "\n".join(f"*[{form}]: ''" for form in glossary.definitions()) + "\n"
