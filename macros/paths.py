"""paths feature (being built)."""
from __future__ import annotations

from pathlib import Path


def load(root: Path) -> dict:
    return {}


def register(env, data) -> None:
    pass
