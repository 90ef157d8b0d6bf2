"""``make check``: every problem in data and page settings, in one run, without building."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.support.build import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "publishing"


def run_check(root) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(root)],
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def project(tmp_path):
    dest = tmp_path / "project"
    shutil.copytree(FIXTURE, dest)
    return dest


def test_a_clean_project_passes(project):
    result = run_check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems found." in result.stdout
    assert "Note: 1 page(s) have no owner yet" in result.stdout and "docs/learn/no-owner.md" in result.stdout


def test_the_real_site_passes():
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_several_problems_in_different_files_are_all_reported_at_once(project):
    (project / "data" / "contacts.yml").write_text("lead:\n  name: A Person\n  checked: 2026-01-01\n")
    (project / "docs" / "theory" / "overdue.md").write_text(
        "---\nowner: Learning and Development Team\nreviewed: 15/01/2025\nreview_every: six\n---\n\n# Overdue page\n"
    )
    (project / "docs" / "theory" / "due-soon.md").write_text(
        "---\nowner: L&D\nreviewd: 2025-12-10\n---\n\n# Due soon\n\nAsk {{ contact(\"leed\") }}.\n"
    )
    posts = project / "docs" / "updates" / "posts"
    posts.mkdir(parents=True)
    (posts / "p.md").write_text("---\ndate: 2026-11-26\ncategories: [Gossip]\ndescription: x\n---\n\n# P\n")

    result = run_check(project)
    out = result.stdout
    assert result.returncode == 1
    for expected in [
        "data/contacts.yml:1: contact 'lead' has no email",
        "docs/theory/overdue.md:3: 'reviewed' must be a date written YYYY-MM-DD, not '15/01/2025'",
        "docs/theory/overdue.md:4: 'review_every' must be a whole number of months, 1 or more, not 'six'",
        "docs/theory/due-soon.md:3: unknown key 'reviewd': did you mean 'reviewed'?",
        "docs/updates/posts/p.md:3: unknown category 'Gossip'.",
    ]:
        assert expected in out, out
    assert "Traceback" not in out + result.stderr
    assert "problems found." in result.stderr


def test_unknown_keys_in_macros_are_found_with_their_line(project):
    (project / "docs" / "theory" / "due-soon.md").write_text(
        "---\nowner: L&D\nreviewed: 2025-12-10\n---\n\n# Due soon\n\nAsk {{ contact(\"leed\") }}.\n\n"
        "{% raw %}\nExample: {{ contact(\"example\") }}\n{% endraw %}\n"
    )
    result = run_check(project)
    assert result.returncode == 1
    assert "docs/theory/due-soon.md:8: unknown contact 'leed'. Did you mean: lead? Known contacts: lead" in result.stdout
    assert "'example'" not in result.stdout  # examples inside {% raw %} are not macros
