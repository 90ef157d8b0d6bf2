"""Lighthouse mobile, this site beside plain Material on the same Markdown, both served by nginx
with deploy/nginx.conf (compression and caching as deployed). A report, never a test.

    .venv/bin/python scripts/benches/lighthouse.py --runs 5     # also run by scripts/bench.py
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.nginx import Nginx, nginx_binary  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# (page type, path): one page of each kind a reader meets.
PAGES = [
    ("home", ""),
    ("content page", "theory/rapport/"),
    ("quiz page", "theory/theories/"),
    ("worksheet", "tools/risk-worksheet/"),
    ("my learning", "learn/my-learning/"),
]
METRICS = [("FCP", "first-contentful-paint", 1000, "s"), ("LCP", "largest-contentful-paint", 1000, "s"),
           ("CLS", "cumulative-layout-shift", 1, ""), ("TBT", "total-blocking-time", 1, "ms")]


def lighthouse(url: str, out: Path) -> dict | None:
    npx = shutil.which("npx")
    cmd = [npx, "--yes", LIGHTHOUSE, url, f"--chrome-path={CHROMIUM}",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update",
           "--form-factor=mobile", "--only-categories=performance", "--output=json",
           f"--output-path={out}", "--quiet", "--throttling-method=simulate"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0 or not out.exists():
        return None
    report = json.loads(out.read_text())
    result = {"score": report["categories"]["performance"]["score"] * 100}
    for name, audit, _, _ in METRICS:
        result[name] = report["audits"][audit]["numericValue"]
    return result


def plain_site(base: Path) -> Path:
    """The same Markdown built with plain Material (no macros, hooks or overrides)."""
    from scripts.bench import synthetic_project, timed_build  # noqa: PLC0415
    project = synthetic_project(base, 0, ours=False)
    site = base / "plain-site"
    timed_build(project / "mkdocs.yml", site)
    (site / "csp-header.conf").write_text("")  # the deploy config includes it; plain Material has none
    return site


def our_site(base: Path) -> Path:
    from scripts.bench import MKDOCS, ENV  # noqa: PLC0415
    site = base / "our-site"
    subprocess.run([*MKDOCS, "build", "-d", str(site)], cwd=ROOT, env=ENV, check=True, capture_output=True)
    return site


def fmt(name: str, value: float) -> str:
    for metric, _, scale, unit in METRICS:
        if metric == name:
            return f"{value / scale:.2f} {unit}".strip() if unit == "s" else (f"{value:.3f}" if not unit else f"{value:.0f} {unit}")
    return f"{value:.0f}"


def run(runs: int = 5, pages=PAGES) -> list[tuple[str, str, str]]:
    if not shutil.which("npx"):
        return [("Lighthouse", "not run: npx is not installed", "—")]
    if not nginx_binary():
        return [("Lighthouse", "not run: nginx is not installed", "—")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        sites = {"ours": our_site(base), "plain": plain_site(base)}
        results: dict[tuple[str, str], list[dict]] = {}
        servers = {}
        try:
            for name, site in sites.items():
                work = base / f"nginx-{name}"
                work.mkdir()
                servers[name] = Nginx(site, work).__enter__()
            for i in range(runs):  # interleaved, so load on the machine falls on both alike
                for page, path in pages:
                    for name, server in servers.items():
                        got = lighthouse(server.url + path, base / f"{name}-{i}.json")
                        if got:
                            results.setdefault((page, name), []).append(got)
        finally:
            for server in servers.values():
                server.__exit__(None, None, None)
    for page, _ in pages:
        cells = {}
        for name in ("ours", "plain"):
            got = results.get((page, name), [])
            if not got:
                cells[name] = "not measured"
                continue
            med = {k: statistics.median(r[k] for r in got) for k in got[0]}
            cells[name] = f"{med['score']:.0f} (" + ", ".join(f"{m} {fmt(m, med[m])}" for m, *_ in METRICS) + ")"
        target = "≥ plain, ≥ 98, CLS 0" if page == "content page" else "≥ plain, CLS 0"
        rows.append((f"Lighthouse mobile, {page}: ours vs plain Material (median of {runs})",
                     f"{cells['ours']} vs {cells['plain']}", target))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Lighthouse mobile, this site beside plain Material")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", action="append", help="only these page types (e.g. 'worksheet')")
    args = parser.parse_args()
    chosen = [p for p in PAGES if not args.page or p[0] in args.page]
    for row in run(args.runs, chosen):
        print(" | ".join(row))
