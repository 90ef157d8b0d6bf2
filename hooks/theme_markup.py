"""Correct the few places where Material's markup is not valid HTML or fails an accessibility check.

Each correction is an exact piece of Material 9.8's output and what it becomes; the reasons are in
overrides/README.md. A correction that stops matching (a theme upgrade changed the markup) stops
the build, so nobody ships the old fault unnoticed or keeps a rule that no longer does anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from macros.engine import PluginError


@dataclass(frozen=True)
class Fix:
    name: str
    find: str
    replace: str
    every_page: bool = True  # Material writes it on every page; otherwise only where it applies


FIXES = (
    # `autocomplete` is not allowed on checkboxes (Nu checker). Material's script sets both
    # toggles itself on every page load, so a browser restoring a form's state changes nothing.
    Fix("drawer toggle",
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    Fix("search toggle",
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
    # The colour-scheme switch is two radio buttons that act at once: a <form> with no submit
    # button (HTML_CodeSniffer H32.2, WCAG 3.2.2). Material's script finds it by data-md-component.
    Fix("palette is not a form",
        '<form class="md-header__option" data-md-component="palette">',
        '<div class="md-header__option" data-md-component="palette">'),
    # An empty tabindex is not an integer (Nu checker); browsers ignore it, so dropping it
    # changes nothing for anyone.
    Fix("empty tabindex", ' tabindex=""', "", every_page=False),
)

# The palette's closing tag: the first </form> after the palette's opening tag.
_PALETTE_END = re.compile(r'(<div class="md-header__option" data-md-component="palette">.*?)</form>', re.S)
# On a page with no table-of-contents toggle (section index pages), the table of contents'
# title still points at one: a label for a missing control (Nu checker).
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def correct(html: str, where: str) -> str:
    for fix in FIXES:
        if fix.find in html:
            html = html.replace(fix.find, fix.replace)
        elif fix.every_page and "<header" in html:
            raise PluginError(
                f"{where}: Material's markup changed ({fix.name} not found): re-check overrides/README.md "
                "and hooks/theme_markup.py against the new theme"
            )
    html, n = _PALETTE_END.subn(r"\1</div>", html, count=1)
    if n == 0 and 'data-md-component="palette"' in html:
        raise PluginError(f"{where}: the colour-scheme switch has no closing </form>: re-check hooks/theme_markup.py")
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html


def on_post_page(output: str, page, **_kwargs) -> str:
    return correct(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, **_kwargs) -> str:
    return correct(output, template_name) if template_name.endswith(".html") else output
