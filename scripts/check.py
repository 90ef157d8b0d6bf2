"""Check the site's data and page settings without building it: ``make check``.

Prints every problem at once, one ``file:line: message`` a line, and exits 1 if there are any.
It runs every feature's checks (``macros.load_all``: data files, review front matter, posts)
and then checks that each macro on a page names a key that exists.
"""
from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import macros  # noqa: E402
from macros.loader import DataError, Problem, closest  # noqa: E402

RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S)
CALL = re.compile(r"""\{\{-?\s*(cite|contact|link|quiz|worksheet|learning_path)\(\s*["']([^"']+)["']""")


class _Warnings(logging.Handler):
    """Warnings the features log (an uncited reference) fail a strict build, so they count too."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_features(root: Path) -> tuple[dict, list[Problem]]:
    """Every feature's data (None where it has problems) and every problem."""
    try:
        return dict(zip(macros.FEATURES, macros.load_all(root))), []
    except DataError as exc:
        problems = list(exc.problems)
    data = {}
    for feature in macros.FEATURES:  # load what can be loaded, to check the pages against it
        try:
            data[feature] = feature.load(root)
        except DataError:
            data[feature] = None
    return data, problems


def known_keys(data: dict) -> dict[str, tuple[str, set[str]]]:
    """macro name -> (what it names, the keys that exist); only for data that loaded."""
    by_name = {f.__name__.rsplit(".", 1)[-1]: d for f, d in data.items()}
    out: dict[str, tuple[str, set[str]]] = {}
    directory = by_name.get("contacts")
    if directory is not None:
        out["contact"] = ("contact", set(directory.contacts))
        out["link"] = ("link", set(directory.links))
    library = by_name.get("references")
    if library is not None:
        out["cite"] = ("reference", set(library.references))
    quizzes = by_name.get("quiz")
    if quizzes is not None:
        out["quiz"] = ("quiz", set(getattr(quizzes, "quizzes", quizzes)))
    sheets = by_name.get("worksheet")
    if sheets is not None:
        out["worksheet"] = ("worksheet", set(sheets))
    paths = by_name.get("paths")
    if paths is not None:
        out["learning_path"] = ("learning path", set(paths))
    return out


def check_pages(root: Path, known: dict[str, tuple[str, set[str]]]) -> list[Problem]:
    """Each ``{{ macro("key") }}`` on a page names a key that exists (examples in raw blocks aside)."""
    problems = []
    docs = root / "docs"
    for md in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        text = md.read_text(encoding="utf-8", errors="replace")
        # Blank out raw blocks but keep their newlines, so line numbers stay true.
        text = RAW.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        rel = md.relative_to(root).as_posix()
        for m in CALL.finditer(text):
            macro, key = m.groups()
            if macro not in known or key in known[macro][1]:
                continue
            kind, keys = known[macro]
            near = closest(key, keys)
            hint = f" Did you mean: {', '.join(near)}?" if near else ""
            line = text.count("\n", 0, m.start()) + 1
            problems.append(Problem(rel, line, f"unknown {kind} '{key}'.{hint} Known {kind}s: {', '.join(sorted(keys)) or 'none'}"))
    return problems


def unowned_pages(data: dict) -> list[str]:
    from macros import reviews

    found = data.get(reviews)
    return [f"docs/{p.src}" for p in found.unowned] if found is not None else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    root = parser.parse_args(argv).root.resolve()

    warnings = _Warnings()
    log = logging.getLogger("mkdocs.plugins.rbp")
    log.addHandler(warnings)
    log.propagate = False
    try:
        data, problems = load_features(root)
    finally:
        log.removeHandler(warnings)
        log.propagate = True
    problems += check_pages(root, known_keys(data))

    lines = list(dict.fromkeys([str(p) for p in problems] + warnings.messages))
    for line in lines:
        print(line)
    unowned = unowned_pages(data)
    if unowned:
        print(f"\nNote: {len(unowned)} page(s) have no owner yet (add owner, reviewed and review_every): {', '.join(unowned)}")
    if lines:
        print(f"\n{len(lines)} problem{'s' if len(lines) != 1 else ''} found.", file=sys.stderr)
        return 1
    print("No problems found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
