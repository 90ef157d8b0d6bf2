"""The framework document the site is made from (2015), for tests that hold the site to it.

The two text copies of the document live outside the project, beside it in ``shared/seeds/``
(or wherever ``RBP_SOURCES`` points). Without them the tests that read them are skipped, saying so.
"""
from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from tests.support.build import ROOT

SOURCES = Path(os.environ.get("RBP_SOURCES", ROOT.parent / "shared" / "seeds"))
FILES = ("000_9c7f96207caeffcf.txt", "001_e3968d0ada6eba63.txt")


def normalise(text: str) -> str:
    """Text as words and punctuation only: straight quotes, plain dashes and ellipses, no Markdown
    emphasis or list bullets, one space between words."""
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "·": " ", "*": ""}))
    text = text.replace("…", "...")
    text = re.sub(r"(?m)^\s*[-]\s+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def document() -> str:
    """Both copies of the document, normalised, one after the other; skips the test without them."""
    missing = [name for name in FILES if not (SOURCES / name).is_file()]
    if missing:
        pytest.skip(f"the framework document's text is not in {SOURCES} (set RBP_SOURCES)")
    return "\n".join(normalise((SOURCES / name).read_text(encoding="utf-8")) for name in FILES)
