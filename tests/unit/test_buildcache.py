"""macros/buildcache.py: the live preview's compiled-template cache."""
from __future__ import annotations


def test_compiled_theme_templates_outlive_a_rebuild():
    """The live preview's second build reuses compiled templates; an edited template is compiled afresh."""
    import jinja2

    from macros.buildcache import MemoryBytecodeCache

    cache = MemoryBytecodeCache()
    sources = {"page.html": "Hello {{ name }}"}
    compiled = []

    class Counting(jinja2.DictLoader):
        def get_source(self, environment, template):
            compiled.append(template)
            return super().get_source(environment, template)

    def build():
        env = jinja2.Environment(loader=Counting(sources), bytecode_cache=cache)
        return env.get_template("page.html").render(name="reader")

    assert build() == "Hello reader" and len(cache.store) == 1
    first = dict(cache.store)
    assert build() == "Hello reader" and cache.store == first  # same source: same entry, nothing new
    sources["page.html"] = "Hi {{ name }}"
    assert build() == "Hi reader" and cache.store != first  # the checksum differs: compiled afresh
