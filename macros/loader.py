"""Read YAML with line numbers and report every problem as ``file:line: message``.

Every data kind (contacts, links, references, quizzes …) is read through
:func:`load` so that an L&D editor always sees where the problem is, never a
Python traceback.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import os
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Callable, Iterable, TypeVar

import yaml
from pydantic import BaseModel, BeforeValidator, ValidationError
from pydantic_core import PydanticCustomError

from .engine import PluginError

Loc = tuple[Any, ...]
M = TypeVar("M", bound=BaseModel)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    # Only YYYY-MM-DD: "26/11/2026" is ambiguous and YAML numbers are not dates.
    if isinstance(value, _dt.date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    try:
        if not ISO_DATE.match(text):
            raise ValueError
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError("date_parsing", "not a date written YYYY-MM-DD") from None


# The one way every data file and front matter writes a date.
IsoDate = Annotated[_dt.date, BeforeValidator(_iso_date)]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class DataError(PluginError):
    """One or more problems in the site's data or pages; stops the build."""

    def __init__(self, problems: Iterable[Problem] | Problem | str):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Document:
    """Parsed YAML plus the line (1-based) of every mapping key and list item."""

    path: str
    data: Any
    lines: dict[Loc, int]

    def line_of(self, loc: Loc) -> int | None:
        """The line of the deepest part of ``loc`` that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line_of(loc), message)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text; schemas decide what a date is."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, on libyaml's parser when present (several times faster). Its error messages are
    terser, so a file that fails is parsed again by :class:`_Loader` to explain the problem."""


# YAML 1.1 would turn "2015-11-20" into a date and "no" into False; keep dates
# as strings so pydantic reports a bad date with the field name.
_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _convert(node: yaml.Node, loc: Loc, lines: dict[Loc, int], loader: yaml.SafeLoader, problems: list[Problem], path: str) -> Any:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                problems.append(Problem(path, key_node.start_mark.line + 1, "a key must be plain text"))
                continue
            if key in out:
                problems.append(Problem(path, key_node.start_mark.line + 1, f"duplicate key '{key}'"))
                continue
            out[key] = _convert(value_node, loc + (key,), lines, loader, problems, path)
            # A key's own line is where the reader looks, not where its value starts.
            lines[loc + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, loc + (i,), lines, loader, problems, path) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse(text: str, path: str, loader_class: type = _FastLoader) -> Document:
    """Parse YAML text; raise :class:`DataError` for syntax errors and duplicate keys."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        lines: dict[Loc, int] = {}
        problems: list[Problem] = []
        data = _convert(node, (), lines, loader, problems, path) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        if loader_class is not _Loader:
            return parse(text, path, _Loader)
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "not valid YAML"
        raise DataError(Problem(path, line, f"YAML syntax error: {reason}")) from None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive, e.g. bad encoding
        raise DataError(Problem(path, None, f"YAML error: {exc}")) from None
    finally:
        loader.dispose()
    if problems:
        raise DataError(problems)
    return Document(path, data, lines)


def read(path: Path, root: Path) -> Document:
    """Read and parse one YAML file; ``root`` makes the reported path relative."""
    rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(Problem(rel, None, f"cannot read file: {exc.strerror}")) from None
    except UnicodeDecodeError:
        raise DataError(Problem(rel, None, "file is not UTF-8 text")) from None
    return parse(text, rel)


Describe = Callable[[Loc, dict], str]


def _field_name(loc: Loc) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part.replace("_", " ")
    return "value"


def default_message(loc: Loc, err: dict) -> str:
    """Plain-English wording of one pydantic error."""
    kind = err["type"]
    name = _field_name(loc)
    if kind == "missing":
        return f"missing '{loc[-1]}'"
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}' (check the spelling)"
    if kind == "literal_error" and "expected" in err.get("ctx", {}):
        return f"'{name}' must be one of: {err['ctx']['expected']}"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}:
        shown = f", not '{err['input']}'" if isinstance(err.get("input"), (str, int, float)) else ""
        return f"'{name}' must be a date written YYYY-MM-DD{shown}"
    if kind in {"string_type"}:
        return f"'{name}' must be text"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"'{name}' must be a whole number"
    if kind in {"bool_type", "bool_parsing"}:
        return f"'{name}' must be true or false"
    if kind in {"list_type"}:
        return f"'{name}' must be a list"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"'{name}' must be a set of 'key: value' lines"
    if kind == "string_too_short":
        return f"'{name}' must not be empty"
    if kind == "value_error":
        return str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
    return f"'{name}': {err['msg']}"


def fields_at(model: type[BaseModel] | None, path: Loc) -> list[str]:
    """The keys a schema allows at ``path`` inside it (empty when it cannot tell, e.g. in a union)."""
    for part in path:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        model = _model_in(info.annotation) if info is not None else None
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    # list[X], X | None and Annotated[X, …] all hold one schema X.
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    found = [m for arg in typing.get_args(annotation) if (m := _model_in(arg)) is not None]
    return found[0] if len(found) == 1 else None


def did_you_mean(name: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """`` Did you mean: email?`` for a misspelt name, or nothing."""
    near = difflib.get_close_matches(str(name), sorted(known), n=3, cutoff=cutoff)
    return f" Did you mean: {', '.join(near)}?" if near else ""


def with_hint(message: str, hint: str) -> str:
    """``message`` followed by a " Did you mean …?" hint, as its own sentence."""
    if not hint:
        return message
    return (message if message.endswith((".", "?", "!")) else message + ".") + hint


def validation_problems(doc: Document, exc: ValidationError, prefix: Loc = (), describe: Describe | None = None,
                        model: type[BaseModel] | None = None) -> list[Problem]:
    """Turn a pydantic error into one problem per failure, each with its line. With ``model``,
    an unknown key's message suggests the key that was probably meant."""
    out = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(err["loc"])
        # pydantic adds the union member / "function-after" tag to locs; drop non-data parts
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        message = (describe or (lambda _l, e: default_message(_l, e)))(loc, err)
        if err["type"] == "extra_forbidden" and model is not None:
            message = with_hint(message, did_you_mean(loc[-1], fields_at(model, tuple(err["loc"])[:-1])))
        out.append(doc.problem(loc, message))
    return out


def read_top(doc: Document, model: type[M], shape: str, describe: Describe | None = None) -> tuple[dict, M | None, list[Problem]]:
    """A data file's top level: its mapping (``shape`` is the error when it is not one), the ``model``
    validated from it (None when it does not validate) and the problems that stopped it."""
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise DataError(doc.problem((), shape))
    try:
        return data, model.model_validate(data), []
    except ValidationError as exc:
        return data, None, validation_problems(doc, exc, describe=describe, model=model)


def validate(doc: Document, model: type[M], describe: Describe | None = None) -> M:
    """Validate a whole document against ``model``; raise every problem at once."""
    try:
        return model.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        raise DataError(validation_problems(doc, exc, describe=describe, model=model)) from None


def validate_mapping(doc: Document, model: type[M], kind: str, describe: Describe | None = None) -> dict[str, M]:
    """Validate a file that maps keys to entries (contacts, links, references …).

    Messages name the entry: ``contact 'cc_inform' has no email``.
    """
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise DataError(doc.problem((), f"the file must list {kind}s as 'key:' followed by their details"))
    entries: dict[str, M] = {}
    problems: list[Problem] = []
    for key, value in doc.data.items():
        if not isinstance(key, str) or not key.replace("_", "").replace("-", "").isalnum():
            problems.append(doc.problem((key,), f"{kind} key '{key}' may use only letters, digits, '-' and '_'"))
            continue
        try:
            entries[key] = model.model_validate(value if value is not None else {})
        except ValidationError as exc:
            def entry_message(loc: Loc, err: dict, key: str = key) -> str:
                if err["type"] == "missing":
                    return f"{kind} '{key}' has no {loc[-1]}"
                return f"{kind} '{key}': {(describe or default_message)(loc, err)}"
            problems.extend(validation_problems(doc, exc, prefix=(key,), describe=entry_message, model=model))
    if problems:
        raise DataError(problems)
    return entries


T = TypeVar("T")


def yml_names(folder: Path) -> list[str]:
    """The names (without ``.yml``) of the YAML files in ``folder``, valid or not; none if it is missing."""
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def read_each(root: Path, folder: Path, name_re: re.Pattern, misnamed: str,
              check: Callable[[Document], T]) -> tuple[list[tuple[str, Document, T]], list[Problem]]:
    """Read and ``check`` every ``<name>.yml`` in ``folder``, in name order: ``(name, document, result)``
    for each that passes, and every problem in the rest. A ``.yaml`` file, or a name ``name_re`` does
    not match, is the problem ``misnamed``."""
    passed: list[tuple[str, Document, T]] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yaml" or (path.suffix == ".yml" and not name_re.match(path.stem)):
            problems.append(Problem(path.relative_to(root).as_posix(), None, misnamed))
        elif path.suffix == ".yml":
            try:
                doc = read(path, root)
                passed.append((path.stem, doc, check(doc)))
            except DataError as exc:
                problems.extend(exc.problems)
    return passed, problems


def collect(*loaders: Callable[[], Any]) -> list[Any]:
    """Run every loader, gathering all problems before failing, so one build lists them all."""
    results, problems = [], []
    for load in loaders:
        try:
            results.append(load())
        except DataError as exc:
            problems.extend(exc.problems)
            results.append(None)
    if problems:
        raise DataError(problems)
    return results


def closest(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    return difflib.get_close_matches(name, sorted(known), n=n, cutoff=0.4)


def unknown_name(kind: str, key: str, known: Iterable[str]) -> str:
    """``unknown contact 'leed'. Did you mean: lead? Known contacts: a, b`` (macro keys, ids …)."""
    known = sorted(known)
    near = closest(key, known)
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    return f"unknown {kind} '{key}'.{hint} Known {kind}s: {', '.join(known) or 'none'}"


def unknown_key_message(page: str, kind: str, key: str, known: Iterable[str], line: int | None = None) -> str:
    """``docs/x.md: unknown contact 'nope' (line 4). Did you mean: …? Known contacts: a, b``"""
    where = f" (line {line})" if line else ""
    return f"{page}: " + unknown_name(kind, key, known).replace(f"'{key}'.", f"'{key}'{where}.", 1)


def today() -> _dt.date:
    return _dt.date.today()


# Results kept for the life of the process (see once()): key -> (stamp, value).
_ONCE: dict[Any, tuple[Any, Any]] = {}


def once(key: Any, stamp: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it gave last time for ``key`` while ``stamp`` is the same.

    Kept here, not in ``macros/__init__.py``: Zensical executes that file afresh for every page.
    A failure is not kept, so a fixed file is read again."""
    hit = _ONCE.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    value = compute()
    _ONCE[key] = (stamp, value)
    return value


def inputs_stamp(root: Path, docs_dir: Path) -> tuple:
    """What the site's data is read from, as it is now: every file under ``data/`` and the docs
    folder, and the config, by path, size and modification time; and today's date (reviews fall due).
    Zensical asks for it on every page, so it walks with ``os.scandir`` (a tenth of ``Path.rglob``'s cost)."""
    stamp: list[Any] = [_dt.date.today().isoformat()]

    def walk(folder: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):  # as Path.rglob: a linked folder is not walked into
                walk(entry.path)
            elif entry.is_file():
                info = entry.stat()
                stamp.append((entry.path, info.st_size, info.st_mtime_ns))

    walk(str(root / "data"))
    walk(str(docs_dir))
    for name in ("mkdocs.yml", "zensical.toml"):
        config = root / name
        if config.is_file():
            info = config.stat()
            stamp.append((name, info.st_size, info.st_mtime_ns))
    return tuple(stamp)
