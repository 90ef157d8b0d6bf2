"""The editing loop under `make serve`: a saved page or data file shows in the preview, and a data
mistake is reported in the terminal as file:line: message, and its fix shows as soon as it is saved.
The preview rebuilds only the pages an edit changes (macros/preview.py), so after each kind of edit
its files are compared with a fresh `mkdocs build` of the edited project.
(How fast is measured by scripts/bench.py, never here.)"""
from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.support.build import MKDOCS, copy_project, mkdocs_build
from tests.support.nginx import free_port

TIMEOUT = 180  # a busy machine rebuilds slowly; the loop must still get there


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    base = tmp_path_factory.mktemp("live")
    project = copy_project(base / "project")
    temp = base / "tmp"  # MkDocs serves from a new folder in the temporary directory: this one
    temp.mkdir()
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(temp)}
    # The command `make serve` runs, on a port of the test's own.
    proc = subprocess.Popen([*MKDOCS, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: [lines.append(line) for line in proc.stdout], daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/"
    wait_for(lambda: "Rapport" in get(url + "theory/rapport/"), "the preview to start", lines)
    yield Preview(project, url, lines, next(temp.glob("mkdocs_*")), base)
    proc.terminate()
    proc.wait(timeout=20)


class Preview:
    def __init__(self, project, url, lines, site, base):
        self.project, self.url, self.lines, self.site, self.base = project, url, lines, site, base

    def __iter__(self):  # project, url, lines = preview
        return iter((self.project, self.url, self.lines))

    def settled(self) -> None:
        """Every rebuild the preview started has finished, and no other has started for a moment."""
        def done():
            text = "".join(self.lines)
            ended = text.count("Reloading browsers") + text.count("An error happened during the rebuild")
            return text.count("Detected file changes") == ended
        quiet = 0
        while quiet < 4:
            wait_for(done, "the rebuild to finish", self.lines)
            quiet += 1
            time.sleep(0.25)
            if not done():
                quiet = 0

    def rebuilt(self) -> str:
        """What the last rebuild said it rebuilt."""
        said = [line for line in self.lines if "Preview: rebuilding" in line or "Building documentation" in line]
        return said[-1] if said else ""

    def matches_a_full_build(self, name: str) -> None:
        """The preview's files are those `mkdocs build` makes of the same sources (the search index
        in any order: the preview puts the entries of the pages it rebuilt last)."""
        self.settled()
        full = mkdocs_build(self.project, self.base / f"full-{name}", env={"RBP_SITE_URL": self.url}).site
        expected = {p.relative_to(full).as_posix() for p in full.rglob("*") if p.is_file()}
        served = {p.relative_to(self.site).as_posix() for p in self.site.rglob("*") if p.is_file()}
        assert expected == served
        different = []
        for rel in sorted(expected):
            a, b = (full / rel).read_bytes(), (self.site / rel).read_bytes()
            if rel.endswith("search_index.json"):
                a, b = (sorted(json.dumps(d, sort_keys=True) for d in json.loads(x)["docs"]) for x in (a, b))
            if a != b:
                different.append(rel)
        assert different == [], f"after {name}, the preview differs from a full build in {different}"


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return f"HTTP {err.code}"
    except OSError as err:
        return f"no answer: {err}"


def wait_for(condition, what: str, lines: list[str]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; terminal said:\n" + "".join(lines[-40:]))


def test_a_saved_page_shows_in_the_preview(preview):
    project, url, lines = preview
    page = project / "docs" / "theory" / "rapport.md"
    page.write_text(page.read_text() + "\n\nA sentence added while previewing.\n")
    wait_for(lambda: "A sentence added while previewing." in get(url + "theory/rapport/"), "the page edit", lines)
    preview.matches_a_full_build("a page edit")
    assert "rebuilding about/print.md, theory/rapport.md " in preview.rebuilt()  # and What's new, not the rest


def test_a_changed_title_rebuilds_every_page(preview):
    project, url, lines = preview
    page = project / "docs" / "theory" / "rapport.md"
    page.write_text(page.read_text().replace("# Rapport", "# Rapport and trust", 1))
    wait_for(lambda: "Rapport and trust" in get(url + "theory/rapport/"), "the new title", lines)
    preview.matches_a_full_build("a title edit")
    assert "Preview: rebuilding" not in preview.rebuilt()


def test_a_saved_quiz_shows_in_the_preview(preview):
    project, url, lines = preview
    quiz = project / "data" / "quizzes" / "theories.yml"
    quiz.write_text(quiz.read_text().replace("prompt: Which three", "prompt: Edited. Which three", 1))
    wait_for(lambda: "Edited. Which three" in get(url + "theory/theories/"), "the quiz edit", lines)
    preview.matches_a_full_build("a quiz edit")
    said = preview.rebuilt()
    assert "theory/theories.md" in said and "theory/rapport.md" in said  # a step of the same path
    assert "tools/risk-worksheet.md" not in said


def test_a_data_mistake_is_reported_with_its_line_and_its_fix_shows(preview):
    project, url, lines = preview
    quiz = project / "data" / "quizzes" / "theories.yml"
    good = quiz.read_text()
    quiz.write_text(good.replace("pass_mark: 80", "pass_mark: eighty", 1))
    line = next(i for i, text in enumerate(good.splitlines(), 1) if text.startswith("pass_mark:"))
    wait_for(lambda: any(f"data/quizzes/theories.yml:{line}:" in text for text in lines), "the error in the terminal", lines)
    assert "Traceback" not in "".join(lines)
    # MkDocs then holds new requests until the mistake is fixed, so the open page is not reloaded
    # into a broken one: it stays as it was, and the fix shows as soon as it is saved.
    quiz.write_text(good.replace("Which three", "Fixed. Which three", 1))
    wait_for(lambda: "Fixed. Which three" in get(url + "theory/theories/"), "the fixed file to show", lines)
    preview.matches_a_full_build("a mistake and its fix")
