"""Build the real site, or a small copy of it, the way an editor would."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if "WARNING" in line or "ERROR" in line]

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.warnings


def mkdocs_build(project: Path, dest: Path, *extra: str, config: str = "mkdocs.yml", env: dict | None = None) -> Build:
    """``mkdocs build --strict`` (never -q: it hides warnings from the strict counter)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    proc = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(project / config), "-d", str(dest), *extra],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, dest)


# Which engine builds the site the tests read: RBP_ENGINE=zensical runs the site and browser tests
# against the Zensical build (README, "Two engines"); make test uses MkDocs.
ENGINE = os.environ.get("RBP_ENGINE", "mkdocs")


def zensical_build(project: Path) -> Build:
    """``scripts/zensical_build.py`` on ``project`` (a copy: Zensical writes inside the project)."""
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "zensical_build.py"), "--project", str(project)],
                          capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    return Build(proc.returncode, proc.stdout + proc.stderr, project / "site-zensical")


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the site's sources (docs, data, overrides, config) to break on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "data", "overrides"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    for name in ROOT.glob("mkdocs*.yml"):
        shutil.copy(name, dest / name.name)
    for name in ("macros", "hooks"):
        if (ROOT / name).exists():
            (dest / name).symlink_to(ROOT / name)  # code is shared, never edited by a test
    return dest
