"""Benchmarks: a report, not a test. Prints a table and writes bench/RESULTS.md.

    .venv/bin/python scripts/bench.py            # everything (several minutes)
    .venv/bin/python scripts/bench.py --quick    # 100-page synthetic site only, no Lighthouse

    .venv/bin/python scripts/bench.py --only builds --only lighthouse   # some parts (not saved)

Measures build time (the real site, and with 100/500/1,000 synthetic pages, each against the same
pages built with plain Material), edit-to-visible under `make serve`'s command for a page and a
data edit, the site's own JavaScript and CSS (gzipped), the search index at 1,000 pages, in-browser
timings from scripts/benches/*.py, and Lighthouse mobile beside plain Material (both served by
deploy/nginx.conf; scripts/benches/lighthouse.py). ``--only engines`` builds with MkDocs and Zensical side by
side and runs the site and browser tests on each build (about half an hour), into its own section of
bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.build import copy_project, zensical_build  # noqa: E402
from tests.support.server import SiteServer  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

Row = tuple[str, str, str]


class _Tagless(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping !ENV and python tags as plain values."""


_Tagless.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node))
_Tagless.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def timed_build(config: Path, dest: Path, repeats: int = 1) -> float:
    """Best wall time of `mkdocs build` over `repeats` runs (the least disturbed by anything else
    the machine is doing); not strict, as synthetic pages are not in any nav."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.run([*MKDOCS, "build", "-f", str(config), "-d", str(dest)], cwd=config.parent,
                              env=ENV, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"build failed for {config}:\n{proc.stdout}{proc.stderr}")
    return min(times)


PAGE = """# Synthetic page {n}

Relationship-based practice puts the professional relationship at the centre of the work
{cite_a}. Practitioners attend to what happens for the family and to themselves {cite_b}.

## Understanding the situation {n}

{para}

## What needs to change {n}

{para}

- Risk factors are weighed against protective factors.
- A longer list of protective factors may be deceptive.
- Changes are planned in each of the three domains.

{quiz}
"""

PARA = ("Social work will always begin and end with a human encounter. Each encounter is unique, and "
        "attention must be paid to the specific circumstances of each individual. ") * 6


def synthetic_docs(docs: Path, n: int) -> list[str]:
    """n synthetic pages under docs/bench/, each citing references and every tenth showing a quiz."""
    quiz_ids = sorted(p.stem for p in (ROOT / "data" / "quizzes").glob("*.yml"))
    refs = list(yaml.safe_load((ROOT / "data" / "references.yml").read_text()))
    pages = []
    for i in range(n):
        quiz = f'## Check your understanding\n\n{{{{ quiz("{quiz_ids[i // 10 % len(quiz_ids)]}") }}}}' if quiz_ids and i % 10 == 0 else ""
        rel = f"bench/part-{i // 50:02d}/page-{i:04d}.md"
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(PAGE.format(n=i, cite_a=f'{{{{ cite("{refs[i % len(refs)]}") }}}}',
                                            cite_b=f'{{{{ cite("{refs[(i + 3) % len(refs)]}") }}}}', para=PARA, quiz=quiz))
        pages.append(rel)
    return pages


def synthetic_project(base: Path, n: int, ours: bool) -> Path:
    """The real site plus n synthetic pages: built as ours (all features) or with plain Material.

    Plain Material builds exactly the same Markdown files with no macros, hooks or extra plugins
    (macro calls are left as text), so the ratio is what our features cost.
    """
    project = copy_project(base / (f"ours-{n}" if ours else f"plain-{n}"))
    pages = synthetic_docs(project / "docs", n)
    bench_nav = ("  - Bench:\n" + "".join(f"      - {p}\n" for p in pages)) if pages else ""
    if ours:
        text = (project / "mkdocs.yml").read_text()
        assert text.rstrip().splitlines()[-1].startswith("      - "), "nav must be the last block of mkdocs.yml"
        (project / "mkdocs.yml").write_text(text.rstrip() + "\n" + bench_nav)
    else:
        real = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Tagless)
        config = {
            "site_name": real["site_name"], "site_url": "http://127.0.0.1/",
            "theme": {k: v for k, v in real["theme"].items() if k != "custom_dir"},
            "markdown_extensions": real.get("markdown_extensions", []),
            "plugins": [{"search": {"lang": "en"}}],
            "nav": real["nav"],
        }
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True).rstrip() + "\n" + bench_nav)
        for name in ("mkdocs.offline.yml",):
            (project / name).unlink(missing_ok=True)
    return project


def bench_builds(sizes: list[int], repeats: int = 3) -> list[Row]:
    """This site against plain Material on the same Markdown: the real pages, then with n synthetic
    pages added. Each pair is timed in turn, so a busy spell falls on both alike; best of `repeats`."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        per_page = []
        for n in [0, *sizes]:
            ours = synthetic_project(base, n, ours=True)
            plain = synthetic_project(base, n, ours=False)
            cold = None
            if n == 0:  # a fresh checkout: no compiled templates kept yet (macros/buildcache.py)
                for cache in (ROOT / ".cache" / "jinja", ours / ".cache" / "jinja"):
                    shutil.rmtree(cache, ignore_errors=True)
                cold = timed_build(ours / "mkdocs.yml", base / "out-ours-cold")
            t_ours, t_plain = [], []
            for _ in range(repeats):
                t_ours.append(timed_build(ours / "mkdocs.yml", base / f"out-ours-{n}"))
                t_plain.append(timed_build(plain / "mkdocs.yml", base / f"out-plain-{n}"))
            best_ours, best_plain = min(t_ours), min(t_plain)
            ratio = best_ours / best_plain
            if n == 0:
                pages = len(list((base / "out-ours-0").rglob("*.html")))
                rows.append(("Build: real site, ours vs plain Material", f"{best_ours:.2f} s vs {best_plain:.2f} s = {ratio:.2f}× ({pages} HTML files)", "≤ 1.5×"))
                rows.append(("Build: real site, ours, first build of a checkout (no .cache/)", f"{cold:.2f} s = {cold / best_plain:.2f}× plain's best", "—"))
                continue
            per_page.append((n, best_ours / n * 1000))
            rows.append((f"Build: {n} synthetic pages, ours vs plain Material", f"{best_ours:.1f} s vs {best_plain:.1f} s = {ratio:.2f}×",
                         "≤ 1.15×" if n >= 1000 else "—"))
            if n == max(sizes):
                index = base / f"out-ours-{n}" / "search" / "search_index.json"
                raw = index.read_bytes()
                rows.append((f"Search index at {n} pages", f"{len(raw) / 1e6:.2f} MB ({len(gzip.compress(raw)) / 1e3:.0f} KB gzipped)", "—"))
            shutil.rmtree(ours)
            shutil.rmtree(plain)
        if len(per_page) > 1:
            growth = ", ".join(f"{n}: {ms:.0f} ms/page" for n, ms in per_page)
            rows.append(("Build growth (ours, per page)", growth, "linear"))
    return rows


def timed_zensical(project: Path) -> float:
    """Wall time of ``scripts/zensical_build.py`` (Zensical's clean build and the after-build steps)."""
    start = time.perf_counter()
    build = zensical_build(project)
    if build.returncode != 0:
        raise SystemExit(f"Zensical build failed for {project}:\n{build.output}")
    return time.perf_counter() - start


def engine_tests(engine: str) -> str:
    """The site and browser tests against one engine's build: passed, failed, errors and time."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/site", "tests/browser"],
                          cwd=ROOT, env={**ENV, "RBP_ENGINE": engine}, capture_output=True, text=True)
    summary = (proc.stdout.strip().splitlines() or ["no output"])[-1]
    counts = ", ".join(f"{n} {word}" for n, word in re.findall(r"(\d+) (passed|failed|errors?|skipped)", summary))
    return f"{counts or summary} in {(time.perf_counter() - start) / 60:.0f} min"


def bench_engines(repeats: int = 3, tests: bool = True) -> list[Row]:
    """MkDocs (the default build) beside Zensical (make zensical): build times, best of ``repeats``,
    each engine's full build including the after-build steps; then the site and browser tests per engine."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for n in (0, 1000):
            project = synthetic_project(base, n, ours=True)
            t_mkdocs, t_zensical = [], []
            for _ in range(repeats):
                t_mkdocs.append(timed_build(project / "mkdocs.yml", base / f"out-mkdocs-{n}"))
                t_zensical.append(timed_zensical(project))
            what = "real site" if n == 0 else f"{n} synthetic pages"
            rows.append((f"Engines: build, {what}, MkDocs vs Zensical", f"{min(t_mkdocs):.2f} s vs {min(t_zensical):.2f} s", "—"))
    if tests:
        for engine in ("mkdocs", "zensical"):
            rows.append((f"Engines: site and browser tests on the {engine} build", engine_tests(engine), "—"))
    return rows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_edit_loop() -> list[Row]:
    """Time from saving a file to the served page showing the change, under `make serve`'s command
    (`mkdocs serve --dirty`: macros/preview.py rebuilds the pages the edit changes): a page edit and
    a data edit."""
    label = "make serve"
    edits = [  # (what, file, page URL, how to change the file given a marker)
        ("a page", "docs/theory/rapport.md", "theory/rapport/", lambda text, marker: text + f"\n\n{marker}\n"),
        ("a quiz (data/)", "data/quizzes/theories.yml", "theory/theories/",
         lambda text, marker: text.replace("prompt: Which three bodies of theory", f"prompt: {marker} Which three bodies of theory", 1)),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        port = free_port()
        cmd = [*MKDOCS, "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
        proc = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
        rows: list[Row] = []
        try:
            base = f"http://127.0.0.1:{port}/"
            deadline = time.time() + 180
            while time.time() < deadline:
                try:
                    urllib.request.urlopen(base + "theory/rapport/", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                return [(f"Edit to visible ({label})", "serve did not start", "< 1 s")]
            for what, rel, url, change in edits:
                path = project / rel
                original = path.read_text()
                times = []
                for i in range(3):
                    marker = f"Benchmark marker {i} {time.time_ns()}"
                    start = time.perf_counter()
                    path.write_text(change(original, marker))
                    while time.perf_counter() - start < 120:
                        try:
                            if marker in urllib.request.urlopen(base + url, timeout=2).read().decode():
                                break
                        except OSError:
                            pass
                        time.sleep(0.02)
                    times.append(time.perf_counter() - start)
                    time.sleep(1.5)
                path.write_text(original)
                time.sleep(2)
                shown = statistics.median(times)
                rows.append((f"Edit to visible, {what} ({label})", f"{shown:.2f} s (median of 3)" if shown < 119 else "never shown", "< 1 s"))
            return rows
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


# core.js loads the component scripts named in its data-rbp-scripts attribute (overrides/main.html).
LOADED_BY_CORE = re.compile(r'src="([^"]*assets/javascripts/)core\.js(?:\?[^"]*)?"[^>]*\bdata-rbp-scripts="([^"]*)"')
OWN_ASSET = re.compile(r'(?:src|href)="([^"]*assets/(?:javascripts|stylesheets)/(?!bundle\.|main\.|palette\.|workers/)[^"?]+\.(?:js|css))(?:\?[^"]*)?"')


def bench_assets(site: Path) -> list[Row]:
    """Our own JavaScript and CSS per page type, gzipped (Material's bundle is not counted)."""
    # (page type, a built page of that type, target): a content page that is also a learning-path step
    # carries the step banner's script; one that is not carries no script at all.
    types = {
        "home": "index.html", "content page (a path step)": "theory/index.html",
        "content page": "reading-list/cc-inform/index.html", "quiz page": "learn/quizzes/index.html",
        "worksheet page": "tools/risk-worksheet/index.html", "learning path": "learn/paths/practice-model/index.html",
        "my learning": "learn/my-learning/index.html",
    }
    rows = []
    for name, rel in types.items():
        html_path = site / rel
        if not html_path.exists():
            continue
        html = html_path.read_text()
        total = 0
        refs = set(OWN_ASSET.findall(html))
        for folder, names in LOADED_BY_CORE.findall(html):
            refs |= {folder + name for name in names.split()}
        for ref in sorted(refs):
            asset = (html_path.parent / ref.split("?")[0]).resolve()
            if asset.exists():
                total += len(gzip.compress(asset.read_bytes(), 9))
        target = "≤ 9 KB" if name.startswith(("home", "content")) else "≤ 30 KB"
        rows.append((f"Own JS + CSS, gzipped: {name}", f"{total / 1024:.1f} KB", target))
    return rows


def load_bench(name: str):
    path = ROOT / "scripts" / "benches" / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, "run", None)


def bench_browser(site: Path) -> list[Row]:
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    with SiteServer(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name in ("quiz", "worksheet"):
            run = load_bench(name)
            if run is None:
                rows.append((f"In-browser: {name}", "not measured (no scripts/benches/%s.py)" % name, "< 16 ms"))
                continue
            page = browser.new_page()
            try:
                rows.extend(run(server.url, page))
            except Exception as exc:  # a bench that breaks is reported, not hidden
                rows.append((f"In-browser: {name}", f"failed: {exc}".splitlines()[0][:120], "< 16 ms"))
            finally:
                page.close()
        browser.close()
    return rows


def bench_lighthouse(runs: int = 5) -> list[Row]:
    """Lighthouse mobile, this site beside plain Material, both served by deploy/nginx.conf."""
    run = load_bench("lighthouse")
    return run(runs) if run else [("Lighthouse", "not measured (no scripts/benches/lighthouse.py)", "—")]


def machine() -> str:
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores {cpu}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100-page synthetic site only; skip Lighthouse")
    parser.add_argument("--only", choices=["builds", "edit", "browser", "lighthouse", "engines"], action="append",
                        help="measure only these parts (repeatable); bench/RESULTS.md is not written")
    parser.add_argument("--assets", type=Path, metavar="SITE_DIR",
                        help="only report the JS and CSS each page type loads, from an existing build (not saved)")
    args = parser.parse_args()
    if args.assets:
        for metric, value, target in bench_assets(args.assets):
            print(f"{metric}: {value} ({target})")
        return
    sizes = [100] if args.quick else [100, 500, 1000]

    parts = set(args.only or ["builds", "edit", "browser"] + ([] if args.quick else ["lighthouse"]))
    rows: list[Row] = []
    if "builds" in parts:
        rows += bench_builds(sizes)
    if "edit" in parts:
        rows += bench_edit_loop()
    if "browser" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            subprocess.run([*MKDOCS, "build", "-d", str(site)], cwd=ROOT, env=ENV, check=True, capture_output=True)
            rows += bench_assets(site)
            rows += bench_browser(site)
    if "lighthouse" in parts:
        rows += bench_lighthouse()
    if "engines" in parts:
        rows += bench_engines()

    width = max(len(r[0]) for r in rows)
    print(f"{'metric'.ljust(width)}  value  (target)")
    for metric, value, target in rows:
        print(f"{metric.ljust(width)}  {value}  ({target})")

    if args.only == ["engines"]:  # its own section of RESULTS.md: the test runs take half an hour
        save_section(ROOT / "bench" / "RESULTS.md", "Two engines", rows)
        return
    if args.only:
        return
    out = ROOT / "bench" / "RESULTS.md"
    out.parent.mkdir(exist_ok=True)
    lines = ["# Benchmark results", "", f"Run {time.strftime('%Y-%m-%d %H:%M')} on {machine()}.",
             "Made by `scripts/bench.py`" + (" --quick" if args.quick else "") + "; a report, not a test.", "",
             "| Metric | Value | Target |", "| --- | --- | --- |"]
    lines += [f"| {m} | {v} | {t} |" for m, v, t in rows]
    kept = re.search(r"^## Two engines\n.*", out.read_text(), re.S | re.M) if out.exists() else None
    out.write_text("\n".join(lines) + "\n" + ("\n" + kept.group(0) if kept else ""))  # that section has its own run
    print(f"\nWritten to {out.relative_to(ROOT)}")


def save_section(out: Path, title: str, rows: list[Row]) -> None:
    """Write ``rows`` as the section ``## title`` of ``out``, replacing that section if it is there."""
    text = out.read_text() if out.exists() else "# Benchmark results\n"
    section = [f"## {title}", "", f"Run {time.strftime('%Y-%m-%d %H:%M')} on {machine()} by `scripts/bench.py --only engines`.", "",
               "| Metric | Value | Target |", "| --- | --- | --- |"] + [f"| {m} | {v} | {t} |" for m, v, t in rows]
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    block = "\n".join(section) + "\n"
    text = pattern.sub(lambda _: block + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    out.write_text(text)
    print(f"\nSection '{title}' written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
