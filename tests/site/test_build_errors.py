"""Bad data and unknown macro ids stop the real build with file:line: message and no traceback."""
from __future__ import annotations

import shutil

import pytest

from tests.support.build import ROOT, mkdocs_build

MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path):
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    (project / "macros").symlink_to(ROOT / "macros")  # mkdocs-macros imports from the project folder
    return project


def test_fixture_site_builds(mini, tmp_path):
    build = mkdocs_build(mini, tmp_path / "out")
    assert build.ok, build.output
    assert "a.person@example.org" in (tmp_path / "out" / "index.html").read_text()


def test_missing_field_stops_build_with_file_and_line(mini, tmp_path):
    (mini / "data" / "contacts.yml").write_text("lead:\n  name: A Person\n  checked: 2026-01-01\n")
    build = mkdocs_build(mini, tmp_path / "out")
    assert build.returncode != 0
    assert "data/contacts.yml:1: contact 'lead' has no email" in build.output
    assert "Traceback" not in build.output


def test_yaml_syntax_error_stops_build(mini, tmp_path):
    (mini / "data" / "contacts.yml").write_text("lead:\n  name: [A Person\n  email: a@example.org\n")
    build = mkdocs_build(mini, tmp_path / "out")
    assert build.returncode != 0
    assert "data/contacts.yml:3: YAML syntax error" in build.output
    assert "Traceback" not in build.output


def test_unknown_contact_names_page_line_and_known_keys(mini, tmp_path):
    (mini / "docs" / "index.md").write_text("# Mini\n\nSee {{ contact(\"leed\") }}.\n")
    build = mkdocs_build(mini, tmp_path / "out")
    assert build.returncode != 0
    assert "docs/index.md: unknown contact 'leed' (line 3). Did you mean: lead? Known contacts: lead" in build.output
    assert "Traceback" not in build.output


def test_unknown_key_line_counts_the_front_matter(mini, tmp_path):
    (mini / "docs" / "index.md").write_text("---\nowner: L&D\nreviewed: 2026-11-26\n---\n\n# Mini\n\nSee {{ contact(\"leed\") }}.\n")
    build = mkdocs_build(mini, tmp_path / "out")
    assert "docs/index.md: unknown contact 'leed' (line 8)." in build.output, build.output


def test_unknown_variable_fails_rather_than_rendering_blank(mini, tmp_path):
    (mini / "docs" / "index.md").write_text("# Mini\n\n{{ no_such_thing }}\n")
    build = mkdocs_build(mini, tmp_path / "out")
    assert build.returncode != 0


def test_unknown_reference_names_page_and_closest_keys(mini, tmp_path):
    (mini / "data" / "references.yml").write_text(
        'ruch2010:\n  authors: ["Ruch, G."]\n  year: 2010\n  title: T\n  group: framework\n'
    )
    (mini / "docs" / "theory").mkdir()
    (mini / "docs" / "theory" / "attachment.md").write_text("# Attachment\n\nAs {{ cite(\"ruch2001\") }} says.\n")
    build = mkdocs_build(mini, tmp_path / "out")
    assert build.returncode != 0
    assert "docs/theory/attachment.md: unknown reference 'ruch2001' (line 3). Did you mean: ruch2010?" in build.output
    assert "Traceback" not in build.output


def test_uncited_reference_fails_the_strict_build_with_its_line(mini, tmp_path):
    (mini / "data" / "references.yml").write_text(
        'hebb1949:\n  authors: ["Hebb, D. O."]\n  year: 1949\n  title: T\n  group: framework\n'
    )
    build = mkdocs_build(mini, tmp_path / "out")
    assert build.returncode != 0
    assert "data/references.yml:1: reference 'hebb1949' is not cited on any page: cite it or remove it" in build.output


def test_glossary_error_stops_build(mini, tmp_path):
    (mini / "data" / "glossary.yml").write_text("- term: ASYE\n  definition: First year.\n- term: ASYE\n  definition: Again.\n")
    build = mkdocs_build(mini, tmp_path / "out")
    assert build.returncode != 0
    assert "data/glossary.yml:3: term 'ASYE' is listed twice (first at line 1)" in build.output
