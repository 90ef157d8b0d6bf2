"""The YAML loader reports problems as file:line: message, never a traceback."""
from __future__ import annotations

import textwrap

import pytest
from pydantic import BaseModel, ConfigDict

from macros import loader
from macros.contacts import Contact, Link
from macros.loader import DataError


def problems(text: str, model=Contact, kind="contact", path="data/contacts.yml") -> list[str]:
    with pytest.raises(DataError) as caught:
        doc = loader.parse(textwrap.dedent(text), path)
        loader.validate_mapping(doc, model, kind)
    return [str(p) for p in caught.value.problems]


GOOD = textwrap.dedent("""\
    cc_inform:
      name: Debbie Watson
      email: debbie.watson@example.org
      checked: 2015-11-20
    """)


def test_valid_file_loads_with_lines():
    doc = loader.parse(GOOD, "data/contacts.yml")
    entries = loader.validate_mapping(doc, Contact, "contact")
    assert entries["cc_inform"].name == "Debbie Watson"
    assert doc.line_of(("cc_inform", "email")) == 3


def test_missing_field_names_entry_and_line():
    text = """\
        solihull:
          name: Karen Ladd
          email: k@example.org
          checked: 2015-11-20
        cc_inform:
          name: Debbie Watson
          checked: 2015-11-20
        """
    assert problems(text) == ["data/contacts.yml:5: contact 'cc_inform' has no email"]


def test_yaml_syntax_error_gives_line():
    text = "cc_inform:\n  name: [Debbie\n  email: x@example.org\n"
    msgs = problems(text)
    assert len(msgs) == 1
    assert msgs[0].startswith("data/contacts.yml:3: YAML syntax error:")


def test_duplicate_key_is_reported_at_second_occurrence():
    text = GOOD + "cc_inform:\n  name: Other\n  email: o@example.org\n  checked: 2015-11-20\n"
    assert problems(text) == ["data/contacts.yml:5: duplicate key 'cc_inform'"]


def test_unknown_key_is_a_typo_with_its_line():
    text = GOOD + "  emial: typo@example.org\n"
    assert problems(text) == ["data/contacts.yml:5: contact 'cc_inform': unknown key 'emial' (check the spelling). Did you mean: email?"]


def test_bad_date_and_bad_email_all_reported_at_once():
    text = """\
        cc_inform:
          name: Debbie Watson
          email: not an email
          checked: 20/11/2015
        """
    assert problems(text) == [
        "data/contacts.yml:3: contact 'cc_inform': 'not an email' is not an e-mail address",
        "data/contacts.yml:4: contact 'cc_inform': 'checked' must be a date written YYYY-MM-DD, not '20/11/2015'",
    ]


def test_link_must_be_web_address_and_checked_may_be_never():
    ok = loader.validate_mapping(
        loader.parse("a:\n  title: A\n  url: https://example.org\n  checked: never\n", "data/links.yml"), Link, "link"
    )
    assert ok["a"].checked == "never"
    assert problems("a:\n  title: A\n  url: www.example.org\n  checked: never\n", Link, "link", "data/links.yml") == [
        "data/links.yml:3: link 'a': 'www.example.org' must start with https:// or http://"
    ]


def test_file_that_is_not_a_mapping():
    assert problems("- just\n- a list\n") == [
        "data/contacts.yml:1: the file must list contacts as 'key:' followed by their details"
    ]


def test_whole_document_validation_reports_nested_line():
    class Item(BaseModel):
        model_config = ConfigDict(extra="forbid")
        text: str

    class Doc(BaseModel):
        model_config = ConfigDict(extra="forbid")
        title: str
        items: list[Item]

    doc = loader.parse("title: T\nitems:\n  - text: a\n  - txt: b\n", "data/x.yml")
    with pytest.raises(DataError) as caught:
        loader.validate(doc, Doc)
    assert [str(p) for p in caught.value.problems] == [
        "data/x.yml:4: missing 'text'",
        "data/x.yml:4: unknown key 'txt' (check the spelling). Did you mean: text?",
    ]


def test_collect_gathers_problems_from_every_loader():
    def bad(n):
        def load():
            raise DataError(loader.Problem(f"data/{n}.yml", 1, "broken"))
        return load

    with pytest.raises(DataError) as caught:
        loader.collect(bad("a"), lambda: 1, bad("b"))
    assert str(caught.value) == "data/a.yml:1: broken\ndata/b.yml:1: broken"


def test_unknown_key_message_suggests_and_lists():
    msg = loader.unknown_key_message("docs/x.md", "contact", "cc_infrom", ["cc_inform", "solihull"], line=4)
    assert msg == (
        "docs/x.md: unknown contact 'cc_infrom' (line 4). Did you mean: cc_inform? Known contacts: cc_inform, solihull"
    )
