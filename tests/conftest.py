"""Shared fixtures: the real site built once per run, served over loopback HTTP."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.build import ENGINE, ROOT, Build, copy_project, mkdocs_build, zensical_build
from tests.support.pages import built_pages
from tests.support.server import SiteServer


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Build:
    """The real site, built strictly. Every test that needs HTML shares this one build."""
    if ENGINE == "zensical":
        build = zensical_build(copy_project(tmp_path_factory.mktemp("zensical") / "project"))
    else:
        build = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def site_dir(built) -> Path:
    return built.site


@pytest.fixture(scope="session")
def pages(site_dir) -> list[str]:
    return built_pages(site_dir)


@pytest.fixture(scope="session")
def site_url(site_dir):
    with SiteServer(site_dir) as server:
        yield server.url
