"""Heading permalinks that keep the heading's name: a Markdown extension.

The toc extension's permalink is a "¶" link inside the heading, so a screen reader announces
"Risk-weighting worksheet ¶" and every heading adds a Tab stop read as "¶". Instead each h2–h6
with an id becomes ``<h2 id="x"><a class="rbp-heading-link" href="#x">Its text</a></h2>`` (MDN's
pattern): the heading's name is its text, the link's name is the same text, and site.css shows
the "¶" beside it on hover and focus as decoration that is not read.

A heading that already holds a link gets no permalink (a link inside a link is not allowed); the
table of contents still links to it. The page title (h1) never does: it is the page itself.
Runs after the toc extension has given every heading its id (toc: priority 5).
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
CLASS = "rbp-heading-link"


class HeadingLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for heading in list(root.iter()):
            if heading.tag not in HEADINGS or not heading.get("id") or heading.find(".//a") is not None:
                continue
            link = etree.Element("a", {"class": CLASS, "href": "#" + heading.get("id")})
            link.text, heading.text = heading.text, None
            for child in list(heading):
                heading.remove(child)
                link.append(child)
            heading.append(link)


class HeadingLinksExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(HeadingLinks(md), "rbp_heading_links", 4)


def makeExtension(**kwargs) -> HeadingLinksExtension:  # noqa: N802
    return HeadingLinksExtension(**kwargs)
