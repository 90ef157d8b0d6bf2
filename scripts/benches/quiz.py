"""Bench: how long "Check answers" takes on a 50-question quiz, measured inside Chromium.

``run(site_url, page)`` needs the built site served at ``site_url`` and a Playwright page. It renders a
50-question quiz (ten of each type) with the real renderer, serves it inside a copy of the site's
quizzes page (so the real core.js, quiz.js and CSS load), and times click → marked quiz and summary with
``performance.now()`` in the page, forced layout included.

Answers are given as a reader gives them: each question is on screen when it is answered, and Check
answers is on screen when it is pressed. (Until 2 December the answers were set with every question off
screen, which is not possible by hand: moving an ordering item focuses its button, and Chromium then kept
those questions rendered although off screen, so marking restyled fourteen questions instead of five.)

Two series: the first Check answers after the page loads (what a reader does on a visit; the marking code
and styles run for the first time), and Check answers again after Try again, on the same page.
Standalone: ``python scripts/benches/quiz.py`` builds the site into a temporary folder, serves it and prints
the rows.
"""
from __future__ import annotations

import re
import statistics
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import quiz as Q  # noqa: E402  (needs ROOT on the path when run as a script)
from scripts.benches import percentile95  # noqa: E402
from macros.loader import parse  # noqa: E402
from macros.quiz_render import render_quiz  # noqa: E402
from macros.urls import Here  # noqa: E402

QUESTIONS = 50
RUNS = 41  # Check answers again, on one page
LOADS = 21  # the first Check answers, one page load each
TARGET_MS = 16.0
PAGE = "learn/quizzes/"  # a real page to borrow; the bench page sits beside it so relative URLs still work
BENCH_PAGE = "learn/quiz-bench/"

MEASURE = """async ([runs]) => {
  const root = document.querySelector('[data-quiz="bench"]');
  const check = root.querySelector('[data-quiz-check]');
  const reset = root.querySelector('[data-quiz-reset]');
  const frame = () => new Promise(requestAnimationFrame);
  const times = [];
  for (let run = 0; run < runs; run++) {
    for (const [i, q] of [...root.querySelectorAll('[data-question]')].entries()) {
      q.scrollIntoView();
      await frame();
      const inputs = q.querySelectorAll('input');
      inputs.forEach((input, k) => { if (input.type === 'checkbox' ? k % 2 === 0 : k === (i + run) % inputs.length) input.checked = true; });
      q.querySelectorAll('select').forEach((select, k) => { select.selectedIndex = 1 + ((k + run) % (select.options.length - 1)); });
      const move = q.querySelector('[data-move="down"]');
      if (move) move.click();
    }
    check.scrollIntoView({block: 'center'});
    await frame();
    await frame();
    const start = performance.now();
    check.click();
    document.body.getBoundingClientRect();  // count style and layout, not only the script
    times.push(performance.now() - start);
    const summary = root.querySelector('[data-quiz-summary]').textContent;
    if (!/You scored \\d+ out of 50/.test(summary)) throw new Error('quiz was not checked: ' + summary);
    if (run < runs - 1) {
      reset.click();
      await frame();
    }
  }
  return times;
}"""


def bench_quiz(n: int = QUESTIONS) -> Q.Quiz:
    """n questions, every type in turn, with realistic lengths of text."""
    questions: list[dict] = []
    for i in range(n):
        kind = Q.TYPES[i % len(Q.TYPES)]
        base = {"type": kind, "prompt": f"Question {i + 1}: which of these best describes what the framework says about item {i}?",
                "explanation": "An explanation of a sentence or two, as the shipped quizzes have, with *emphasis*."}
        if kind in ("single", "multiple"):
            base["options"] = [{"text": f"Option {k} for question {i}, a line of text of ordinary length",
                                "correct": k == 0 or (kind == "multiple" and k == 2),
                                "feedback": f"Feedback for option {k} that explains why."} for k in range(4)]
        elif kind == "true_false":
            base.update(answer=i % 2 == 0, feedback_true="Why true is right or wrong.", feedback_false="Why false is right or wrong.")
        elif kind == "ordering":
            base["items"] = [f"Stage {k} of the process in question {i}" for k in range(5)]
        else:
            base["pairs"] = [{"left": f"Idea {k} ({i})", "right": f"Where idea {k} comes from ({i})"} for k in range(4)]
        questions.append(base)
    return Q.Quiz.model_validate({"title": "Bench quiz", "pass_mark": 80, "questions": questions})


def bench_html(site_url: str) -> str:
    """The site's quizzes page with its content replaced by the 50-question quiz."""
    with urllib.request.urlopen(site_url + PAGE, timeout=30) as response:
        page = response.read().decode("utf-8")
    quiz = bench_quiz()
    data = Q.Quizzes(quizzes={"bench": Q.LoadedQuiz("bench", quiz, parse("{}", "bench"), Q.content_hash(quiz))})
    html = render_quiz(data, "bench", Here(src="learn/quiz-bench.md", page_url=BENCH_PAGE))
    def swap(m: re.Match) -> str:
        # keep the quiz's script and stylesheet, which load from the page content
        assets = "".join(re.findall(r'<link rel="stylesheet"[^>]*>|<script src="[^"]*"[^>]*></script>', m.group(0)))
        return m.group(1) + "<h1>Bench</h1>" + html + assets + m.group(2)

    replaced, count = re.subn(r"(<article\b[^>]*>).*?(</article>)", swap, page, count=1, flags=re.S)
    if not count:
        raise RuntimeError(f"{site_url + PAGE} has no <article> to put the bench quiz in")
    return replaced


def run(site_url: str, page) -> list[tuple[str, str, str]]:
    """Rows of (metric, value, target) for the quiz's Check answers on 50 questions."""
    url = site_url + BENCH_PAGE
    html = bench_html(site_url)
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))

    def load() -> None:
        page.goto(url)
        page.wait_for_selector('[data-quiz="bench"] [data-quiz-check]:not([hidden])')
        page.evaluate("localStorage.removeItem('rbp:quiz:bench')")

    try:
        first: list[float] = []
        for _ in range(LOADS):
            load()
            first += page.evaluate(MEASURE, [1])
        load()
        again = page.evaluate(MEASURE, [RUNS + 1])[1:]  # the first is a first check, counted above
    finally:
        page.unroute(url)
        page.evaluate("localStorage.removeItem('rbp:quiz:bench')")
    name = f"quiz: Check answers, {QUESTIONS} questions"
    return [
        (f"{name}, first after loading (median of {LOADS} loads)", f"{statistics.median(first):.1f} ms", f"< {TARGET_MS:g} ms"),
        (f"{name}, first after loading (95th percentile of {LOADS})", f"{percentile95(first):.1f} ms", f"< {TARGET_MS:g} ms"),
        (f"{name}, again after Try again (median of {RUNS})", f"{statistics.median(again):.1f} ms", f"< {TARGET_MS:g} ms"),
        (f"{name}, again after Try again (95th percentile of {RUNS})", f"{percentile95(again):.1f} ms", f"< {TARGET_MS:g} ms"),
        (f"{name} (slowest of all {LOADS + RUNS})", f"{max(first + again):.1f} ms", "—"),
    ]


def main() -> int:
    import os
    import shutil
    import subprocess
    import tempfile

    from playwright.sync_api import sync_playwright

    from tests.support.server import SiteServer

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                               cwd=ROOT, env=env, capture_output=True, text=True)
        if build.returncode != 0:
            print(build.stdout + build.stderr, file=sys.stderr)
            return build.returncode
        with SiteServer(site) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            try:
                rows = run(server.url, browser.new_page())
            finally:
                browser.close()
    width = max(len(r[0]) for r in rows)
    for metric, value, target in rows:
        print(f"{metric:<{width}}  {value:>9}  target {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
