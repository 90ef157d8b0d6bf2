"""References the framework cites: ``{{ cite("ruch2010") }}`` links to the reading list."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from markupsafe import escape
from pydantic import BaseModel, ConfigDict, Field

from . import loader
from .context import unknown
from .loader import Document
from .site import SiteIndex
from .urls import Here

REFERENCES = "data/references.yml"
READING_LIST = "reading-list/index.md"

# Only what the sources say about a reference: the 2015 framework document cites it, or this site
# cites it to explain something the document names (a public source from FACTS.md). The document
# says an essential reading list exists but not what is on it, so no reference is "essential".
Group = Literal["framework", "site"]
# How staff can get it, only where that can be stated: "public" is free to read at its `link`.
# The document never says which titles the library or CC Inform holds.
Access = Literal["public"]
log = logging.getLogger("mkdocs.plugins.rbp.references")


class Reference(BaseModel):
    model_config = ConfigDict(extra="forbid")
    authors: list[str] = Field(min_length=1)  # "Ruch, G." or a body: "Department of Health"
    year: int | None = None  # None renders "n.d."
    title: str = Field(min_length=1)
    group: Group
    short: str | None = None  # citation name when the author list reads badly, e.g. "HM Government"
    editors: bool = False  # the authors are editors ("(eds)")
    edition: str | None = None
    in_: str | None = Field(default=None, alias="in")  # container: book for a chapter, journal for an article
    in_editors: str | None = None  # editors of the book a chapter is in: "Lewis, M. and Rosenblum, L."
    volume: str | None = None
    pages: str | None = None
    place: str | None = None
    publisher: str | None = None
    note: str | None = None  # e.g. "Replaced by Working Together to Safeguard Children 2023."
    link: str | None = None  # key in data/links.yml
    access: list[Access] = []


@dataclass
class Library:
    references: dict[str, Reference]
    links: dict
    doc: Document | None = None  # data/references.yml, for the line of each entry


def load(root: Path, links: dict | None) -> Library:
    """Every reference; ``links`` are data/links.yml's entries, which a reference may name
    (None while they cannot be read: a reference's link is then not checked)."""
    path = root / REFERENCES
    if not path.exists():
        return Library({}, links or {})
    doc = loader.read(path, root)
    references = loader.validate_mapping(doc, Reference, "reference")
    problems = [
        doc.problem((key, "link"), f"reference '{key}': link '{ref.link}' is not in data/links.yml")
        for key, ref in references.items()
        if ref.link and links is not None and ref.link not in links
    ] + [
        doc.problem((key, "access"), f"reference '{key}': access 'public' needs a link to where it can be read")
        for key, ref in references.items()
        if "public" in ref.access and not ref.link
    ]
    if problems:
        raise loader.DataError(problems)
    return Library(references, links or {}, doc)


def cited_on(library: Library, index: SiteIndex, quiz_cites: dict[str, list[str]], warn: bool = True,
             scenario_cites: dict[str, list[str]] | None = None) -> dict[str, list[tuple[str, str]]]:
    """Which pages cite which references (key -> [(page, title)]), and a warning for every
    reference no page cites. A citation in a quiz or scenario counts for every page that places it."""
    cited: dict[str, list[tuple[str, str]]] = {}
    scenario_cites = scenario_cites or {}
    for src, page in index.pages.items():
        keys = page.keys("cite") + [k for q in page.keys("quiz") for k in quiz_cites.get(q, [])]
        keys += [k for s in page.keys("scenario") for k in scenario_cites.get(s, [])]
        for key in dict.fromkeys(keys):
            cited.setdefault(key, []).append((src, page.heading or src))
    for key in library.references:
        if warn and key not in cited and library.doc is not None:
            log.warning(str(library.doc.problem((key,), f"reference '{key}' is not cited on any page: cite it or remove it")))
    return cited


def surname(author: str) -> str:
    return author.split(",")[0].strip()


def short_name(ref: Reference) -> str:
    if ref.short:
        return ref.short
    names = [surname(a) for a in ref.authors]
    if len(names) >= 3:
        return f"{names[0]} et al."
    return " and ".join(names)


def year_text(ref: Reference) -> str:
    return str(ref.year) if ref.year else "n.d."


def citation_text(ref: Reference, page: str | None = None) -> str:
    """``Ruch et al., 2010`` or ``Ruch et al., 2010, p. 18``."""
    text = f"{short_name(ref)}, {year_text(ref)}"
    if page:
        text += f", {'pp.' if '-' in str(page) or '–' in str(page) else 'p.'} {page}"
    return text


def entry_markdown(key: str, ref: Reference, library: Library, cited: dict[str, list[tuple[str, str]]], link_to) -> str:
    """One reading-list entry: Harvard reference, note, its link (and whether it is free to read there), and the pages that cite it."""
    lines = [f'<div class="rbp-ref" id="{key}" markdown>', "", harvard(ref), ""]
    if ref.note:
        lines += [f'<span class="rbp-ref__note">{escape(ref.note)}</span>', ""]
    if ref.link:
        from .contacts import render_link

        link = render_link(library.links[ref.link])
        if "public" in ref.access:
            lines += [f"**How to get it:** free online at {link}.", ""]
        else:
            lines += [f"**Online:** {link}.", ""]
    pages = cited.get(key, [])
    if pages:
        cites = ", ".join(f"[{escape(title)}]({link_to(page)})" for page, title in pages)
        lines += [f"**Cited on:** {cites}", ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


def register(env, library: Library, cited: dict[str, list[tuple[str, str]]], index: SiteIndex) -> None:
    references = library.references

    @env.macro
    def cite(key: str, page: str | int | None = None) -> str:
        """(Ruch et al., 2010) as a link to the entry on the reading list."""
        if key not in references:
            raise unknown(env, index, "cite", "reference", key, references)
        href = Here.of(env).md_link(f"{READING_LIST}#{key}")
        text = escape(citation_text(references[key], str(page) if page is not None else None))
        return f"([{text}]({href}){{ .rbp-cite }})"

    @env.macro
    def reading_list() -> str:
        """Every reference, grouped, each with an anchor that citations link to."""
        here = Here.of(env)
        out = []
        for group, heading in GROUPS.items():
            entries = sorted(((k, r) for k, r in references.items() if r.group == group), key=lambda kr: harvard(kr[1]))
            if entries:
                out.append(f"## {heading}\n")
                out += [entry_markdown(k, r, library, cited, here.md_link) for k, r in entries]
        return "\n".join(out)


GROUPS: dict[str, str] = {
    "framework": "Cited in the framework document",
    "site": "Added by this site to explain the framework",
}


def harvard(ref: Reference) -> str:
    """One reference in Harvard style, as HTML."""
    names = [escape(a) for a in ref.authors]
    people = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    eds = " (eds)" if ref.editors else ""
    parts = [f"{people}{eds} ({year_text(ref)})"]
    if ref.in_ and ref.in_editors:
        parts.append(f"‘{escape(ref.title)}’, in {escape(ref.in_editors)} (eds) <em>{escape(ref.in_)}</em>")
    elif ref.in_:
        parts.append(f"‘{escape(ref.title)}’, <em>{escape(ref.in_)}</em>")
    else:
        parts.append(f"<em>{escape(ref.title)}</em>")
    tail = []
    if ref.edition:
        tail.append(escape(ref.edition))
    if ref.volume:
        tail.append(escape(ref.volume))
    if ref.place and ref.publisher:
        tail.append(f"{escape(ref.place)}: {escape(ref.publisher)}")
    elif ref.publisher:
        tail.append(escape(ref.publisher))
    if ref.pages:
        tail.append(f"pp. {escape(ref.pages)}")
    text = " ".join(parts)
    if tail:
        text += ". " + ". ".join(tail) if not ref.volume else ", " + ", ".join(tail)
    return text + "."
