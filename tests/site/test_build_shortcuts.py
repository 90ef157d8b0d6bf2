"""The build's shortcuts change nothing a reader gets: the same site comes out without them."""
from __future__ import annotations

from tests.support.build import ROOT, mkdocs_build


def test_the_site_is_the_same_without_component_placeholders(site_dir, tmp_path):
    # macros/blocks.py gives Markdown a placeholder for each component and puts its HTML back after.
    plain = mkdocs_build(ROOT, tmp_path / "site", env={"RBP_NO_BLOCKS": "1"})
    assert plain.ok, plain.output
    ours = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(plain.site).as_posix() for p in plain.site.rglob("*") if p.is_file())
    assert ours == theirs
    different = [rel for rel in ours if (site_dir / rel).read_bytes() != (plain.site / rel).read_bytes()]
    assert different == []
    assert 'data-rbp-block="' not in (site_dir / "theory" / "theories" / "index.html").read_text()
