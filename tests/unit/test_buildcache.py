"""The build's shortcuts give what MkDocs and Jinja would have given."""
from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from macros import buildcache
from tests.support.build import ROOT


def test_the_quick_theme_listing_finds_the_same_static_files():
    config = load_config(str(ROOT / "mkdocs.yml"))
    slow, quick = Files([]), Files([])
    env = config.theme.get_env()
    slow.add_files_from_theme(env, config)
    buildcache.quicken(config.theme)
    quick_env = config.theme.get_env()
    assert len(quick_env.loader.list_templates()) < len(env.loader.list_templates()) / 10  # the icons are skipped
    quick.add_files_from_theme(quick_env, config)
    assert [f.src_uri for f in quick] == [f.src_uri for f in slow]
    assert len(slow) > 20
    assert quick_env.bytecode_cache is buildcache.THEME


def test_compiled_templates_are_kept_for_the_next_build_and_an_edit_is_compiled_afresh(tmp_path, monkeypatch):
    import jinja2

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("Hello {{ name }}")

    def environment():
        cache = buildcache.MemoryBytecodeCache()
        cache.directory = tmp_path / "cache"
        return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=cache)

    assert environment().get_template("page.html").render(name="A") == "Hello A"
    assert len(list((tmp_path / "cache").glob("*.jbc"))) == 1

    compiled = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or real(self, *a, **k))
    assert environment().get_template("page.html").render(name="B") == "Hello B"
    assert compiled == []  # the next build loads it
    (templates / "page.html").write_text("Goodbye {{ name }}")
    assert environment().get_template("page.html").render(name="C") == "Goodbye C"
    assert len(compiled) == 1
