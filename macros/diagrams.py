"""Accessible diagrams (inline SVG or HTML and CSS) from ``macros/templates/diagrams``."""
from __future__ import annotations

from pathlib import Path

from .context import unknown
from .pages import compact
from .site import SiteIndex

TEMPLATES = Path(__file__).parent / "templates" / "diagrams"


def load() -> dict[str, str]:
    """Each diagram's HTML, without blank lines so Markdown keeps it as one raw HTML block."""
    return {
        p.stem: compact(p.read_text(encoding="utf-8"))
        for p in sorted(TEMPLATES.glob("*.html"))
    }


def register(env, diagrams: dict[str, str], index: SiteIndex) -> None:
    @env.macro
    def diagram(key: str) -> str:
        """The diagram's HTML, with its text equivalent, ready to place in a page."""
        if key not in diagrams:
            raise unknown(env, index, "diagram", "diagram", key, diagrams)
        return diagrams[key]
