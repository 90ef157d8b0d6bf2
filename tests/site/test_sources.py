"""Nothing is credited to the framework that it does not say (issue #18).

The reading list says only what the sources say about each reference; a quiz answer that speaks
for the framework sends the reader to a quote of it; every quote is attributed and really in the
document; and the site's own reading and advice is labelled as such.
"""
from __future__ import annotations

import yaml

from macros import references
from tests.support.build import ROOT
from tests.support.sources import document

# Every reference the 2015 document cites or names, with the words it uses for it.
CITED_IN_THE_DOCUMENT = {
    "ruch2010": "(Ruch et al 2010)",
    "hollis1964": "(Hollis, 1964)",
    "wilson2011": "(Wilson K., 2011)",
    "coulshed2006": "(Coulshed and Orme, 2006)",
    "teater2014": "(Teater 2014)",
    "trevithick2005": "(Trevithick 2005)",
    "bion1959": "(Bion, 1959)",
    "brazelton1974": "(Brazelton et al, 1974)",
    "skinner1938": "(e.g. Skinner, 1938)",
    "hebb1949": "(e.g. Hebb, 1949)",
    "tuck2004": "(Dr Vic Tuck 2004)",
    "ferguson": "Slide from Prof. HARRY FERGUSON",
    "dh2000": "Framework for the Assessment of Children in Need and their Families (2000)",
    "dh2000scales": "The questionnaires and scales pack",
    "hmg2015": "(Government, 2015)",
    "dh2007": "Department of Health and Department for Education and Skills, 2007",
    "uncrc1989": "(UN Convention on the rights of the child 1989)",
}
# Public sources the site adds to explain what the document names (FACTS.md beside the document).
ADDED_BY_THE_SITE = {"wtpn2021"}


def real_references() -> dict[str, dict]:
    return yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))


def test_every_reference_sits_in_the_group_the_sources_give_it():
    refs = real_references()
    assert set(references.GROUPS) == {"framework", "site"}, "a new group must say what source states it"
    for key, ref in refs.items():
        if key in CITED_IN_THE_DOCUMENT:
            assert ref["group"] == "framework", f"{key}: the framework document cites it"
        elif key in ADDED_BY_THE_SITE:
            assert ref["group"] == "site", f"{key}: the framework document does not cite it"
        else:
            raise AssertionError(f"{key}: say which source cites it (CITED_IN_THE_DOCUMENT or ADDED_BY_THE_SITE)")


def test_access_is_only_what_a_source_can_state():
    """The document never says which titles the library or CC Inform holds, or what is on the
    essential reading list: the only access a reference may claim is a public link of its own."""
    links = yaml.safe_load((ROOT / "data" / "links.yml").read_text(encoding="utf-8"))
    for key, ref in real_references().items():
        assert set(ref.get("access", [])) <= {"public"}, f"{key}: access {ref['access']}"
        if "public" in ref.get("access", []):
            assert ref.get("link") in links, f"{key}: 'public' needs a link in data/links.yml"


def test_the_document_cites_what_the_reading_list_says_it_cites():
    text = document()
    for key, words in CITED_IN_THE_DOCUMENT.items():
        assert words in text, f"{key}: the document does not say {words!r}"


def test_the_reading_list_makes_up_no_essential_reading(site_dir):
    html = (site_dir / "reading-list" / "index.html").read_text(encoding="utf-8")
    assert "Essential reading list</h2>" not in html
    assert "from the library" not in html and "through CC Inform" not in html
    assert "The framework does not list the books on the essential reading list: ask the library." in html
    library = (site_dir / "reading-list" / "library" / "index.html").read_text(encoding="utf-8")
    assert "including the essential reading" not in library
