"""mkdocs-macros entry point: registers each feature's macros and nothing else."""
from __future__ import annotations

from pathlib import Path

from mkdocs_macros.errors import format_error

from . import contacts, diagrams, glossary, paths, quiz, references, reviews, updates, worksheet
from .loader import DataError, collect

# Each feature: load(root) reads and validates its data; register(env, data) adds its macros.
FEATURES = [contacts, references, glossary, diagrams, quiz, worksheet, paths, reviews, updates]


@format_error.register
def _data_error(error: DataError, markdown, page) -> str:
    # Authors need file:line: message, not mkdocs-macros' traceback dump.
    return str(error)


def load_all(root: Path) -> list:
    """Validate every data file, reporting all problems together."""
    return collect(*(lambda f=f: f.load(root) for f in FEATURES))


def define_env(env) -> None:
    root = Path(env.project_dir)
    for feature, data in zip(FEATURES, load_all(root)):
        feature.register(env, data)


def on_post_page_macros(env) -> None:
    """Let each feature add to every page's Markdown after macros ran (``post_page(env)``)."""
    for feature in FEATURES:
        hook = getattr(feature, "post_page", None)
        if hook is not None:
            hook(env)
