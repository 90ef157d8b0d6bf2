"""One build reads each page and each data file once (the site index and the loaders), never again."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.support.build import ROOT


def test_every_page_and_data_file_is_read_once_per_build(tmp_path, monkeypatch):
    reads: Counter[Path] = Counter()
    read_text = Path.read_text

    def counted(self, *args, **kwargs):
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.split(".")[0] in ("macros", "hooks"):  # the site's own code, not MkDocs' or Material's
            reads[self.resolve()] += 1
        return read_text(self, *args, **kwargs)

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(Path, "read_text", counted)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)

    pages = sorted((ROOT / "docs").rglob("*.md"))
    data = sorted((ROOT / "data").rglob("*.yml"))
    assert (tmp_path / "site" / "index.html").is_file()
    assert {p: reads[p.resolve()] for p in pages + data if reads[p.resolve()] != 1} == {}
    assert [p for p, n in reads.items() if n > 1] == []
