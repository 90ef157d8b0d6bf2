"""References the framework cites: ``{{ cite("ruch2010") }}`` links to the reading list."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from markupsafe import escape
from pydantic import BaseModel, ConfigDict, Field

from . import loader
from .context import relative_url, unknown

REFERENCES = "data/references.yml"
READING_LIST = "reading-list/index.md"

Group = Literal["essential", "theory", "policy", "tools"]


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
    volume: str | None = None
    pages: str | None = None
    place: str | None = None
    publisher: str | None = None
    note: str | None = None  # e.g. "Replaced by Working Together to Safeguard Children 2023."
    link: str | None = None  # key in data/links.yml
    access: list[Literal["library", "cc_inform", "public"]] = []


def load(root: Path) -> dict[str, Reference]:
    path = root / REFERENCES
    if not path.exists():
        return {}
    return loader.validate_mapping(loader.read(path, root), Reference, "reference")


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


def register(env, references: dict[str, Reference]) -> None:
    @env.macro
    def cite(key: str, page: str | int | None = None) -> str:
        """(Ruch et al., 2010) as a link to the entry on the reading list."""
        if key not in references:
            raise unknown(env, "cite", "reference", key, references)
        href = relative_url(env, f"{READING_LIST}#{key}")
        text = escape(citation_text(references[key], str(page) if page is not None else None))
        return f"([{text}]({href}){{ .rbp-cite }})"

    @env.macro
    def reading_list() -> str:
        """Every reference, grouped, each with an anchor that citations link to."""
        out = []
        for group, heading in GROUPS.items():
            entries = sorted(((k, r) for k, r in references.items() if r.group == group), key=lambda kr: harvard(kr[1]))
            if not entries:
                continue
            out.append(f"## {heading}\n")
            for key, ref in entries:
                note = f'<br><span class="rbp-ref-note">{escape(ref.note)}</span>' if ref.note else ""
                out.append(f'<p class="rbp-ref" id="{key}">{harvard(ref)}{note}</p>\n')
        return "\n".join(out)

    env.variables["references"] = references


GROUPS: dict[str, str] = {
    "essential": "Essential reading list",
    "theory": "Theory",
    "policy": "Policy and guidance",
    "tools": "Tools and assessment",
}


def harvard(ref: Reference) -> str:
    """One reference in Harvard style, as HTML."""
    names = [escape(a) for a in ref.authors]
    people = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    eds = " (eds)" if ref.editors else ""
    parts = [f"{people}{eds} ({year_text(ref)})"]
    if ref.in_:
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
