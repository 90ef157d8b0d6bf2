"""The editing loop under `make serve`: a saved page or data file shows in the preview, and a data
mistake is reported in the terminal as file:line: message, and its fix shows as soon as it is saved.
(How fast is measured by scripts/bench.py, never here.)"""
from __future__ import annotations

import os
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.support.build import MKDOCS, copy_project
from tests.support.nginx import free_port

TIMEOUT = 180  # a busy machine rebuilds slowly; the loop must still get there


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("live") / "project")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    # The command `make serve` runs, on a port of the test's own.
    proc = subprocess.Popen([*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: [lines.append(line) for line in proc.stdout], daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/"
    wait_for(lambda: "Rapport" in get(url + "theory/rapport/"), "the preview to start", lines)
    yield project, url, lines
    proc.terminate()
    proc.wait(timeout=20)


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


def test_a_saved_quiz_shows_in_the_preview(preview):
    project, url, lines = preview
    quiz = project / "data" / "quizzes" / "theories.yml"
    quiz.write_text(quiz.read_text().replace("prompt: Which three", "prompt: Edited. Which three", 1))
    wait_for(lambda: "Edited. Which three" in get(url + "theory/theories/"), "the quiz edit", lines)


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
