"""Contacts and web links from the 2015 document, kept in one place the L&D team can update.

``{{ contact("key") }}`` and ``{{ link("key") }}`` render them; pages never type
an address themselves.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from markupsafe import escape
from pydantic import BaseModel, ConfigDict, Field, field_validator

from . import loader
from .context import unknown
from .loader import IsoDate
from .site import SiteIndex
from .pages import long_date

CONTACTS = "data/contacts.yml"
LINKS = "data/links.yml"


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    role: str | None = None
    email: str = Field(min_length=3)
    checked: IsoDate
    note: str | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if "@" not in value or " " in value.strip():
            raise ValueError(f"'{value}' is not an e-mail address")
        return value.strip()


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    url: str
    checked: dt.date | Literal["never"]
    note: str | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"'{value}' must start with https:// or http://")
        return value


@dataclass
class Directory:
    contacts: dict[str, Contact]
    links: dict[str, Link]


def load(root: Path) -> Directory:
    def read(rel: str, model, kind: str):
        path = root / rel
        if not path.exists():
            return {}
        return loader.validate_mapping(loader.read(path, root), model, kind)

    contacts, links = loader.collect(
        lambda: read(CONTACTS, Contact, "contact"), lambda: read(LINKS, Link, "link")
    )
    return Directory(contacts, links)


def render_contact(c: Contact) -> str:
    role = f", {escape(c.role)}" if c.role else ""
    return (
        f'<span class="rbp-contact">{escape(c.name)}{role}: '
        f'<a href="mailto:{escape(c.email)}">{escape(c.email)}</a> '
        f'<span class="rbp-checked">(as listed on {long_date(c.checked)}; this may have changed)</span></span>'
    )


def render_link(link: Link, text: str | None = None) -> str:
    label = escape(text or link.title)
    return f'<a class="rbp-link" href="{escape(link.url)}">{label}</a>'


def register(env, directory: Directory, index: SiteIndex) -> None:
    @env.macro
    def contact(key: str) -> str:
        """A named contact with e-mail and the date the details were last checked."""
        if key not in directory.contacts:
            raise unknown(env, index, "contact", "contact", key, directory.contacts)
        return render_contact(directory.contacts[key])

    @env.macro
    def link(key: str, text: str | None = None) -> str:
        """A web link by key; ``text`` replaces the link's title as the link text."""
        if key not in directory.links:
            raise unknown(env, index, "link", "link", key, directory.links)
        return render_link(directory.links[key], text)
