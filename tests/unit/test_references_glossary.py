"""References and glossary: schemas, exact messages, backlinks and abbreviation tooltips."""
from __future__ import annotations

import logging
import textwrap

import pytest

import macros
from macros import glossary, references
from macros.loader import DataError


def write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


@pytest.fixture
def project(tmp_path):
    write(tmp_path, "docs/theory/attachment.md", "# Attachment\n\nAs {{ cite('ruch2010') }} and {{ cite(\"ruch2010\", page=3) }}.\n")
    write(tmp_path, "docs/index.md", "# Home\n")
    write(tmp_path, "data/links.yml", "pub:\n  title: Pub\n  url: https://example.org\n  checked: never\n")
    write(tmp_path, "data/references.yml", """\
        ruch2010:
          authors: ["Ruch, G.", "Turney, D.", "Ward, A."]
          year: 2010
          title: Relationship-Based Social Work
          group: framework
          link: pub
        """)
    return tmp_path


def messages(exc) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_citations_are_scanned_once_per_page(project):
    assert macros.load(project).cited == {"ruch2010": [("theory/attachment.md", "Attachment")]}


def test_reference_missing_title_and_duplicate_key(project):
    write(project, "data/references.yml", """\
        ruch2010:
          authors: ["Ruch, G."]
          year: 2010
          group: framework
        ruch2010:
          authors: ["Ruch, G."]
        """)
    with pytest.raises(DataError) as exc:
        macros.load(project).library
    assert messages(exc) == ["data/references.yml:5: duplicate key 'ruch2010'"]
    write(project, "data/references.yml", "ruch2010:\n  authors: [\"Ruch, G.\"]\n  year: 2010\n  group: framework\n")
    with pytest.raises(DataError) as exc:
        macros.load(project).library
    assert messages(exc) == ["data/references.yml:1: reference 'ruch2010' has no title"]


def test_reference_with_unknown_group_or_link(project):
    write(project, "data/references.yml", """\
        ruch2010:
          authors: ["Ruch, G."]
          title: T
          group: essential
          link: nowhere
        """)
    with pytest.raises(DataError) as exc:
        macros.load(project).library
    assert messages(exc)[0].startswith("data/references.yml:4: reference 'ruch2010': 'group' must be one of: 'framework' or 'site'")
    write(project, "data/references.yml", "ruch2010:\n  authors: [\"Ruch, G.\"]\n  title: T\n  group: framework\n  link: nowhere\n")
    with pytest.raises(DataError) as exc:
        macros.load(project).library
    assert messages(exc) == ["data/references.yml:5: reference 'ruch2010': link 'nowhere' is not in data/links.yml"]


def test_reference_nobody_cites_is_reported_as_a_warning(project, caplog):
    write(project, "data/references.yml", (project / "data/references.yml").read_text() + textwrap.dedent("""\
        hebb1949:
          authors: ["Hebb, D. O."]
          year: 1949
          title: The Organization of Behavior
          group: framework
        """))
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.rbp.references"):
        macros.load(project).library
    assert [r.getMessage() for r in caplog.records] == [
        "data/references.yml:7: reference 'hebb1949' is not cited on any page: cite it or remove it"
    ]


def test_reading_list_entry_has_its_link_and_backlinks(project):
    data = macros.load(project)
    lib = data.library
    md = references.entry_markdown("ruch2010", lib.references["ruch2010"], lib, data.cited, lambda p: "../" + p)
    assert '<div class="rbp-ref" id="ruch2010" markdown>' in md
    assert '**Online:** <a class="rbp-link" href="https://example.org">Pub</a>.' in md
    assert "How to get it" not in md  # nobody said it is free to read there
    assert "**Cited on:** [Attachment](../theory/attachment.md)" in md
    public = lib.references["ruch2010"].model_copy(update={"access": ["public"]})
    md = references.entry_markdown("ruch2010", public, lib, data.cited, lambda p: "../" + p)
    assert '**How to get it:** free online at <a class="rbp-link" href="https://example.org">Pub</a>.' in md


def test_access_is_only_what_a_source_can_state(project):
    """The framework never says which titles the library or CC Inform holds; "public" needs a link."""
    write(project, "data/references.yml", """\
        ruch2010:
          authors: ["Ruch, G."]
          title: T
          group: framework
          access: [library]
        """)
    with pytest.raises(DataError) as exc:
        macros.load(project).library
    assert messages(exc)[0].startswith("data/references.yml:5: reference 'ruch2010': 'access")
    assert "'public'" in messages(exc)[0]
    write(project, "data/references.yml", "ruch2010:\n  authors: [\"Ruch, G.\"]\n  title: T\n  group: framework\n  access: [public]\n")
    with pytest.raises(DataError) as exc:
        macros.load(project).library
    assert messages(exc) == ["data/references.yml:5: reference 'ruch2010': access 'public' needs a link to where it can be read"]


GLOSSARY = textwrap.dedent("""\
    - term: ASYE
      stands_for: Assessed and Supported Year in Employment
      definition: The first year in practice.
      see: index.md
    - term: Containment
      definition: Holding feelings so the other can think.
    - term: Early Help
      definition: Help as soon as a problem emerges.
      tooltip: true
    """)


def test_glossary_sorted_and_abbreviations_for_marked_terms(project):
    write(project, "data/glossary.yml", GLOSSARY)
    g = macros.load(project).glossary
    assert [t.term for t in g.terms] == ["ASYE", "Containment", "Early Help"]
    assert g.abbreviations().splitlines() == [
        "*[ASYE]: Assessed and Supported Year in Employment: The first year in practice.",
        "*[Early Help]: Help as soon as a problem emerges.",
        "*[early Help]: Help as soon as a problem emerges.",
    ]


def test_glossary_page_is_a_to_z_with_anchors(project):
    write(project, "data/glossary.yml", GLOSSARY)
    md = glossary.render(macros.load(project).glossary, lambda p: "../" + p)
    assert "**Jump to:** [A](#letter-a) · [C](#letter-c) · [E](#letter-e)" in md
    assert "### ASYE { #term-asye }" in md
    assert "**Assessed and Supported Year in Employment.** The first year in practice. [Read more about ASYE](../index.md)." in md


def test_glossary_bad_entries_reported_together(project):
    write(project, "data/glossary.yml", """\
        - term: ASYE
          definition: First year.
          see: nowhere.md
        - term: asye
          definition: Again.
        - term: CP
        """)
    with pytest.raises(DataError) as exc:
        macros.load(project).glossary
    assert messages(exc) == ["data/glossary.yml:6: glossary entry 3 has no definition"]
    write(project, "data/glossary.yml", GLOSSARY.replace("see: index.md", "see: nowhere.md") + "- term: asye\n  definition: Again.\n")
    with pytest.raises(DataError) as exc:
        macros.load(project).glossary
    assert messages(exc) == [
        "data/glossary.yml:4: term 'ASYE': see 'nowhere.md' is not a page in docs/",
        "data/glossary.yml:10: term 'asye' is listed twice (first at line 1)",
    ]


def test_glossary_text_is_inert(project):
    write(project, "data/glossary.yml", "- term: X\n  definition: <img src=x onerror=alert(1)> *not bold*\n")
    md = glossary.render(macros.load(project).glossary, lambda p: p)
    assert "<img" not in md and "&lt;img" in md and r"\*not bold\*" in md


def test_citation_in_a_quiz_counts_for_the_page_showing_it(project):
    write(project, "data/references.yml", (project / "data/references.yml").read_text()
          + "hebb1949:\n  authors: [\"Hebb, D. O.\"]\n  year: 1949\n  title: The Organization of Behavior\n  group: framework\n")
    write(project, "data/quizzes/attach.yml", "title: T\npass_mark: 50\nquestions:\n  - type: true_false\n"
          "    prompt: As {{ cite('hebb1949') }} found\n    answer: true\n")
    write(project, "docs/learn/check.md", "# Check\n\n{{ quiz(\"attach\") }}\n")
    assert macros.load(project).cited["hebb1949"] == [("learn/check.md", "Check")]
