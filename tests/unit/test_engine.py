"""macros/engine.py (what the macros need from MkDocs or Zensical) and the data kept between
Zensical's per-page define_env calls (macros/loader.py once, inputs_stamp)."""
from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from mkdocs.utils import get_relative_url as mkdocs_relative_url

from macros import engine, loader

CASES = [
    ("theory/", ""), ("", "theory/"), ("theory/rapport/", "theory/attachment/"), ("a/b/c/", "a/x/"),
    ("assets/site.css", "learn/paths/first/"), ("index.html", "404.html"), ("a/", "a/"), ("x/../y/", "z/"),
    ("feed.xml", "updates/posts/one.html"), ("learn/", "learn/my-learning/"),
]


@pytest.mark.parametrize("url, other", CASES)
def test_relative_urls_are_made_as_mkdocs_makes_them(url, other):
    assert engine.relative_url(url, other) == mkdocs_relative_url(url, other)


def test_the_page_being_rendered_under_either_engine():
    mkdocs_env = SimpleNamespace(page=SimpleNamespace(file=SimpleNamespace(src_uri="theory/index.md"), url="theory/"))
    assert (engine.page_src(mkdocs_env), engine.page_url(mkdocs_env)) == ("theory/index.md", "theory/")
    zensical_env = SimpleNamespace(page=SimpleNamespace(path="theory/index.md", url="/theory/"))
    assert (engine.page_src(zensical_env), engine.page_url(zensical_env)) == ("theory/index.md", "theory/")
    assert not engine.is_zensical(mkdocs_env)


def test_once_computes_again_only_when_the_stamp_changes():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    key = ("test_engine", object())
    assert loader.once(key, "a", compute) == 1
    assert loader.once(key, "a", compute) == 1
    assert loader.once(key, "b", compute) == 2
    assert len(calls) == 2


def test_a_failure_is_not_kept():
    key = ("test_engine_failure", object())

    def broken():
        raise loader.DataError("data/x.yml:1: broken")

    with pytest.raises(loader.DataError):
        loader.once(key, "a", broken)
    assert loader.once(key, "a", lambda: "fixed") == "fixed"


def test_the_stamp_changes_when_a_data_file_or_page_changes(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    quiz = tmp_path / "data" / "quiz.yml"
    page = tmp_path / "docs" / "index.md"
    quiz.write_text("a: 1\n")
    page.write_text("# Home\n")
    first = loader.inputs_stamp(tmp_path, tmp_path / "docs")
    assert loader.inputs_stamp(tmp_path, tmp_path / "docs") == first
    quiz.write_text("a: 2\n")
    os.utime(quiz, ns=(1, 1))
    second = loader.inputs_stamp(tmp_path, tmp_path / "docs")
    assert second != first
    page.write_text("# Home page\n")
    assert loader.inputs_stamp(tmp_path, tmp_path / "docs") != second


def test_the_stamp_does_not_walk_into_a_linked_folder(tmp_path):
    """As Path.rglob did: a symlinked folder (a test site links the real assets in) is not walked,
    so a link back up the tree cannot loop."""
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "loop").symlink_to(tmp_path / "docs", target_is_directory=True)
    stamp = loader.inputs_stamp(tmp_path, tmp_path / "docs")
    assert [entry[0] for entry in stamp[1:]] == [str(tmp_path / "docs" / "index.md")]
