"""Accessible diagrams (inline SVG or HTML and CSS) from ``macros/templates/diagrams``."""
from __future__ import annotations

from pathlib import Path

from .context import unknown

TEMPLATES = Path(__file__).parent / "templates" / "diagrams"


def load(_root: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(TEMPLATES.glob("*.html"))}


def register(env, diagrams: dict[str, Path]) -> None:
    @env.macro
    def diagram(key: str) -> str:
        """The diagram's HTML, with its text equivalent, ready to place in a page."""
        if key not in diagrams:
            raise unknown(env, "diagram", "diagram", key, diagrams)
        # Drop blank lines so Markdown keeps the diagram as one raw HTML block.
        html = diagrams[key].read_text(encoding="utf-8")
        return "\n".join(line.strip() for line in html.splitlines() if line.strip())

