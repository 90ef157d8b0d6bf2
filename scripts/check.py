"""Check the site's data and page settings without building it: ``make check``.

Prints every problem at once, one ``file:line: message`` a line, and exits 1 if there are any.
It reads everything the build reads (``macros.load_all``: data files, review front matter,
posts) and then checks that each macro call on a page names a key that exists.
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import macros  # noqa: E402
from macros.loader import Problem, unknown_name  # noqa: E402


class _Warnings(logging.Handler):
    """Warnings the features log (an uncited reference) fail a strict build, so they count too."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def known_keys(data: macros.SiteData) -> dict[str, tuple[str, set[str]]]:
    """macro name -> (what it names, the keys that exist); only for data that loaded."""
    out: dict[str, tuple[str, set[str]]] = {}
    loaded = lambda name: name not in data.failed  # noqa: E731
    if loaded("contacts"):
        out["contact"] = ("contact", set(data.directory.contacts))
        out["link"] = ("link", set(data.directory.links))
    if loaded("references"):
        out["cite"] = ("reference", set(data.library.references))
    if loaded("quizzes"):
        out["quiz"] = ("quiz", set(data.quizzes.quizzes))
    if loaded("worksheets"):
        out["worksheet"] = ("worksheet", set(data.worksheets))
    if loaded("paths"):
        out["learning_path"] = ("learning path", set(data.paths))
    out["diagram"] = ("diagram", set(data.diagrams))
    return out


def check_pages(index, known: dict[str, tuple[str, set[str]]]) -> list[Problem]:
    """Each ``{{ macro("key") }}`` on a page names a key that exists (examples aside: the index skips them)."""
    problems = []
    for src, page in index.pages.items():
        for call in page.calls:
            if call.macro not in known or call.key is None or call.key in known[call.macro][1]:
                continue
            kind, keys = known[call.macro]
            problems.append(Problem(index.shown(src), call.line, unknown_name(kind, call.key, keys)))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    root = parser.parse_args(argv).root.resolve()

    warnings = _Warnings()
    log = logging.getLogger("mkdocs.plugins.rbp")
    log.addHandler(warnings)
    log.propagate = False
    try:
        data, problems = macros.load_all(root)
    finally:
        log.removeHandler(warnings)
        log.propagate = True
    problems += check_pages(data.index, known_keys(data))

    lines = list(dict.fromkeys([str(p) for p in problems] + warnings.messages))
    for line in lines:
        print(line)
    unowned = [f"docs/{p.src}" for p in data.reviews.unowned] if "reviews" not in data.failed else []
    if unowned:
        print(f"\nNote: {len(unowned)} page(s) have no owner yet (add owner, reviewed and review_every): {', '.join(unowned)}")
    if lines:
        print(f"\n{len(lines)} problem{'s' if len(lines) != 1 else ''} found.", file=sys.stderr)
        return 1
    print("No problems found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
