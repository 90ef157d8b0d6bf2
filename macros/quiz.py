"""Quizzes: ``data/quizzes/<id>.yml`` rendered as an HTML form by ``{{ quiz("<id>") }}``.

``load`` validates every quiz (schema, answer rules, ``learn_more`` targets, links and
citations in the text) and reports each problem as ``file:line: message``. The renderer
produces the whole quiz as semantic HTML that works without JavaScript;
``docs/assets/javascripts/quiz.js`` adds checking, scoring and the stored last result.
"""
from __future__ import annotations

import hashlib
from html import unescape
import json
import posixpath
import random
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Callable, Literal, Union
from urllib.parse import urlsplit

import jinja2
import markdown
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from . import loader
from . import references as references_feature
from .context import page_path, unknown
from .loader import DataError, Document, Loc, Problem

QUIZZES = "data/quizzes"
DOCS = "docs"
TEMPLATES = Path(__file__).parent / "templates" / "quiz"
TYPES = ("single", "multiple", "true_false", "ordering", "matching")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


# ---------------------------------------------------------------- schema


class _Strict(BaseModel):
    # "text: 1996" in YAML is a number; authors mean the text.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class Option(_Strict):
    text: str = Field(min_length=1)
    correct: bool = False
    feedback: str | None = None


class Pair(_Strict):
    left: str = Field(min_length=1)
    right: str = Field(min_length=1)


class _Question(_Strict):
    prompt: str = Field(min_length=1)
    explanation: str | None = None
    learn_more: str | None = None


class Single(_Question):
    type: Literal["single"]
    options: list[Option]


class Multiple(_Question):
    type: Literal["multiple"]
    options: list[Option]


class TrueFalse(_Question):
    type: Literal["true_false"]
    answer: bool
    feedback_true: str | None = None
    feedback_false: str | None = None


class Ordering(_Question):
    type: Literal["ordering"]
    items: list[Annotated[str, Field(min_length=1)]]


class Matching(_Question):
    type: Literal["matching"]
    pairs: list[Pair]


Question = Annotated[Union[Single, Multiple, TrueFalse, Ordering, Matching], Field(discriminator="type")]
QUESTION = TypeAdapter(Question)


class _Header(_Strict):
    """The quiz without its questions, which are checked one by one for clearer messages."""

    title: str = Field(min_length=1)
    intro: str | None = None
    pass_mark: int = Field(strict=True)
    questions: list[Any]


class Quiz(_Strict):
    title: str
    intro: str | None = None
    pass_mark: int
    questions: list[Question]


# ---------------------------------------------------------------- pages and anchors

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ATTRS = re.compile(r"\{:?\s*([^{}]*)\}\s*$")
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")


def plain_heading(text: str) -> str:
    """Heading text as the table of contents sees it: no macros, links, code or emphasis marks."""
    text = _MACRO.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = re.sub(r"[`*]|(?<!\w)_|_(?!\w)", "", text)
    return " ".join(text.split())


def _unique(slug: str, used: set[str]) -> str:
    # Same rule as markdown.extensions.toc.unique: a repeated heading gets _1, _2 …
    while slug in used or not slug:
        m = _IDCOUNT.match(slug)
        slug = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{slug}_1"
    used.add(slug)
    return slug


@dataclass
class DocPage:
    title: str
    anchors: dict[str, str]  # id -> heading text


def read_page(text: str, fallback_title: str) -> DocPage:
    anchors: dict[str, str] = {}
    used: set[str] = set()
    title = None
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        m = None if in_fence else _HEADING.match(line)
        if not m:
            continue
        heading = m.group(2)
        explicit = None
        attrs = _ATTRS.search(heading)
        if attrs:
            heading = heading[: attrs.start()].rstrip()
            ids = re.findall(r"#([\w.:-]+)", attrs.group(1))
            explicit = ids[-1] if ids else None
        plain = plain_heading(heading)
        if title is None and len(m.group(1)) == 1:
            title = plain
        anchor = explicit or _unique(slugify(plain, "-"), used)
        used.add(anchor)
        anchors[anchor] = plain
    return DocPage(title or fallback_title, anchors)


class Docs:
    """The pages under docs/, read only when a quiz points at them."""

    def __init__(self, root: Path):
        self.root = root / DOCS
        self._pages: dict[str, DocPage | None] = {}

    def page(self, path: str) -> DocPage | None:
        if path not in self._pages:
            file = self.root / path
            if not path.endswith(".md") or not file.is_file():
                self._pages[path] = None
            else:
                stem = posixpath.splitext(posixpath.basename(path))[0]
                self._pages[path] = read_page(file.read_text(encoding="utf-8"), stem.replace("-", " ").capitalize())
        return self._pages[path]

    def problem_with(self, target: str) -> str | None:
        """Why a docs-relative ``page.md#anchor`` target is not valid, or None."""
        path, _, anchor = target.partition("#")
        path = posixpath.normpath(path) if path else ""
        if not path or path.startswith("../") or path.startswith("/") or not path.endswith(".md"):
            return "is not a page in docs/ (write it like theory/index.md#a-heading)"
        page = self.page(path)
        if page is None:
            return "is not a page in docs/"
        if anchor and anchor not in page.anchors:
            return f"points to '#{anchor}', but {path} has no heading with that id"
        return None

    def link_text(self, target: str) -> str:
        path, _, anchor = target.partition("#")
        page = self.page(posixpath.normpath(path))
        if page is None:
            return path
        return page.anchors.get(anchor, page.title) if anchor else page.title


# ---------------------------------------------------------------- inline Markdown, safely

_SAFE_SCHEMES = {"http", "https", "mailto"}


class _Links(Treeprocessor):
    """Make links safe and page-relative; keep a list of every link target seen."""

    def __init__(self, md, resolve: Callable[[str], str | None]):
        super().__init__(md)
        self.resolve = resolve
        self.seen: list[str] = []
        self.images = 0

    def run(self, root):
        for parent in list(root.iter()):
            for i, el in enumerate(list(parent)):
                if el.tag == "img":
                    self.images += 1
                    span = etree.Element("span")
                    span.text = el.get("alt", "")
                    span.tail = el.tail
                    parent.remove(el)
                    parent.insert(i, span)
        for a in root.iter("a"):
            href = a.get("href", "")
            self.seen.append(href)
            a.set("href", self.resolve(href) or "")
            if not a.get("href"):
                del a.attrib["href"]
        return None


def _unsafe(href: str) -> bool:
    scheme = urlsplit(href).scheme.lower()
    return bool(scheme) and scheme not in _SAFE_SCHEMES


def _markdown(resolve: Callable[[str], str | None]) -> tuple[markdown.Markdown, _Links]:
    md = markdown.Markdown(extensions=["attr_list"])
    # Text from YAML is never HTML: "<script>" shows as text. Only macros' output may be HTML.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    links = _Links(md, resolve)
    md.treeprocessors.register(links, "rbp_quiz_links", 1)
    return md, links


_STASHED = re.compile("\ue000([0-9]+)\ue001")
_ONE_P = re.compile(r"^<p>(.*)</p>$", re.S)


def _unwrap(html: str) -> str | None:
    """The inside of a single paragraph, or None if the HTML is anything else."""
    m = _ONE_P.match(html.strip())
    if m and "<p>" not in m.group(1) and "</p>" not in m.group(1):
        return m.group(1)
    return None


def _inline(html: str) -> str:
    inner = _unwrap(html)
    return html if inner is None else inner


def text_of(html: str) -> str:
    """Visible text of rendered HTML (for accessible names and <option> labels); escape it again to use it."""
    return " ".join(unescape(_TAG.sub("", html)).split())


@dataclass
class RenderContext:
    """Where a quiz is being rendered: the page, how to reach other pages, and the macros."""

    page_src: str = "index.md"  # docs-relative source of the page
    page_url: str = ""  # the page's URL, relative to the site root ("theory/")
    dest_url: Callable[[str], str | None] | None = None  # docs path -> site URL ("theory/index.md" -> "theory/")
    jinja: Callable[[str, Callable[[Any], str]], str] | None = None  # render {{ … }} with every macro

    def url_of(self, docs_path: str) -> str | None:
        if self.dest_url is not None:
            return self.dest_url(docs_path)
        stem = docs_path[:-3]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def link(self, href: str, base: str) -> str | None:
        """A page-relative URL for ``href`` written relative to ``base`` (a docs folder)."""
        if not href or _unsafe(href):
            return None
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("#"):
            return href
        if not parts.path.endswith(".md"):
            return href
        target = posixpath.normpath(posixpath.join(base, parts.path))
        url = self.url_of(target)
        if url is None:
            return None
        rel = get_relative_url(url, self.page_url)
        if url.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return rel + (f"#{parts.fragment}" if parts.fragment else "")


class TextRenderer:
    """Renders quiz text (inline Markdown plus macros such as cite) for one page."""

    def __init__(self, ctx: RenderContext):
        self.ctx = ctx
        # Authors write links relative to docs/; macros (cite) write them relative to the page.
        self.md, _ = _markdown(lambda href: ctx.link(href, ""))
        self.md_macro, _ = _markdown(lambda href: ctx.link(href, posixpath.dirname(ctx.page_src)))

    def _macro_output(self, value: Any) -> str:
        out = "" if value is None else str(value)
        if not out.lstrip().startswith("<"):
            self.md_macro.reset()
            out = _inline(self.md_macro.convert(out))
        self.stash.append(out)
        # Private-use characters: Markdown leaves them alone, and no author types them.
        return f"\ue000{len(self.stash) - 1}\ue001"

    def _unstash(self, html: str) -> str:
        return _STASHED.sub(lambda m: self.stash[int(m.group(1))], html)

    def __call__(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        self.md.reset()
        self.stash: list[str] = []
        source = text
        if ("{{" in text or "{%" in text) and self.ctx.jinja is not None:
            source = self.ctx.jinja(text, self._macro_output)
        return Markup(self._unstash(_inline(self.md.convert(source))))


# ---------------------------------------------------------------- loading and checking


@dataclass
class LoadedQuiz:
    id: str
    quiz: Quiz
    doc: Document
    hash: str


@dataclass
class Quizzes:
    quizzes: dict[str, LoadedQuiz] = field(default_factory=dict)
    placements: dict[str, list[str]] = field(default_factory=dict)  # quiz id -> docs pages that place it
    docs: Docs | None = None


def _q(i: int) -> str:
    return f"question {i + 1}"


def _question_message(i: int, qtype: str | None) -> loader.Describe:
    def describe(loc: Loc, err: dict) -> str:
        kind = err["type"]
        rel = loc[2:]  # after ("questions", i)
        if kind == "missing" and rel == ("prompt",):
            return f"{_q(i)} has no prompt"
        if kind == "missing" and len(rel) == 1:
            return f"{_q(i)} ({qtype}) has no '{rel[0]}'"
        if kind == "missing" and len(rel) >= 3 and rel[0] == "options":
            return f"{_q(i)}: option {rel[1] + 1} has no '{rel[-1]}'"
        if kind == "missing" and len(rel) >= 3 and rel[0] == "pairs":
            return f"{_q(i)}: pair {rel[1] + 1} has no '{rel[-1]}'"
        return f"{_q(i)}: {loader.default_message(loc, err)}"

    return describe


def _header_message(loc: Loc, err: dict) -> str:
    if err["type"] == "missing":
        return {"title": "the quiz has no title", "pass_mark": "the quiz has no pass_mark (a percentage from 1 to 100)",
                "questions": "the quiz has no questions"}.get(str(loc[-1]), loader.default_message(loc, err))
    if loc == ("pass_mark",) and err["type"] in {"int_type", "int_parsing", "int_from_float"}:
        return "pass_mark must be a whole number between 1 and 100"
    return loader.default_message(loc, err)


def _duplicates(values: list[str]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    out = []
    for j, value in enumerate(values):
        key = " ".join(value.split()).casefold()
        if key in seen:
            out.append((j, value))
        seen.add(key)
    return out


def _rules(i: int, q: Any) -> list[tuple[Loc, str]]:
    """Answer rules the schema cannot express; each with the location to point at."""
    at: Loc = ("questions", i)
    out: list[tuple[Loc, str]] = []
    if isinstance(q, (Single, Multiple)):
        if len(q.options) < 2:
            out.append((at + ("options",), f"{_q(i)} needs at least two options"))
        correct = [j for j, o in enumerate(q.options) if o.correct]
        if not correct and q.options:
            out.append((at, f"{_q(i)} has no correct option"))
        if isinstance(q, Single) and len(correct) > 1:
            out.append((at + ("options", correct[1], "correct"),
                        f"{_q(i)} (single) has {len(correct)} correct options; it needs exactly one "
                        "(use type: multiple if more than one is right)"))
        for j, text in _duplicates([o.text for o in q.options]):
            out.append((at + ("options", j, "text"), f"{_q(i)} lists the option '{text}' twice"))
    elif isinstance(q, Ordering):
        if len(q.items) < 2:
            out.append((at + ("items",), f"{_q(i)} (ordering) needs at least two items"))
        for j, text in _duplicates(q.items):
            out.append((at + ("items", j), f"{_q(i)} (ordering) lists '{text}' twice"))
    elif isinstance(q, Matching):
        if len(q.pairs) < 2:
            out.append((at + ("pairs",), f"{_q(i)} (matching) needs at least two pairs"))
        for side in ("left", "right"):
            for j, text in _duplicates([getattr(p, side) for p in q.pairs]):
                out.append((at + ("pairs", j, side), f"{_q(i)} (matching) lists '{text}' twice"))
    return out


def question_fields(i: int, q: Any) -> list[tuple[Loc, str, str]]:
    """Every text field of question ``i``: (location, label for messages, text)."""
    at: Loc = ("questions", i)
    out: list[tuple[Loc, str, str]] = [(at + ("prompt",), f"{_q(i)}: prompt", q.prompt)]
    if q.explanation:
        out.append((at + ("explanation",), f"{_q(i)}: explanation", q.explanation))
    if isinstance(q, (Single, Multiple)):
        for j, o in enumerate(q.options):
            out.append((at + ("options", j, "text"), f"{_q(i)}: option {j + 1}", o.text))
            if o.feedback:
                out.append((at + ("options", j, "feedback"), f"{_q(i)}: option {j + 1} feedback", o.feedback))
    elif isinstance(q, TrueFalse):
        for name in ("feedback_true", "feedback_false"):
            if getattr(q, name):
                out.append((at + (name,), f"{_q(i)}: {name}", getattr(q, name)))
    elif isinstance(q, Ordering):
        for j, item in enumerate(q.items):
            out.append((at + ("items", j), f"{_q(i)}: item {j + 1}", item))
    elif isinstance(q, Matching):
        for j, p in enumerate(q.pairs):
            out.append((at + ("pairs", j, "left"), f"{_q(i)}: pair {j + 1} left", p.left))
            out.append((at + ("pairs", j, "right"), f"{_q(i)}: pair {j + 1} right", p.right))
    return out


_CITE = re.compile(r"""\bcite\(\s*["']([^"']*)["']""")
_JINJA = jinja2.Environment()


def _check_text(doc: Document, docs: Docs, refs: set[str] | None, loc: Loc, label: str, text: str) -> list[Problem]:
    problems = []
    try:
        _JINJA.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return [doc.problem(loc, f"{label}: the {{{{ … }}}} part is not valid: {exc.message}")]
    if refs is not None:
        for key in _CITE.findall(text):
            if key not in refs:
                near = loader.closest(key, refs)
                hint = f" Did you mean: {', '.join(near)}?" if near else ""
                problems.append(doc.problem(loc, f"{label}: unknown reference '{key}' in cite().{hint}"))
    md, links = _markdown(lambda href: href)
    html = md.convert(_MACRO.sub("", text))
    if html.strip() and _unwrap(html) is None:
        problems.append(doc.problem(loc, f"{label} must be one line of text (no blank lines, lists or headings)"))
    if links.images:
        problems.append(doc.problem(loc, f"{label}: images are not supported in quizzes"))
    for href in links.seen:
        parts = urlsplit(href)
        if _unsafe(href):
            problems.append(doc.problem(loc, f"{label}: the link '{href}' is not allowed; link to a page in docs/ or an https:// address"))
        elif not parts.scheme and not parts.netloc and parts.path:
            why = docs.problem_with(href)
            if why:
                problems.append(doc.problem(loc, f"{label}: the link '{href}' {why}"))
    return problems


def content_hash(quiz: Quiz) -> str:
    """Changes whenever anything in the quiz changes, so an old stored result is dropped."""
    data = json.dumps(quiz.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def check(doc: Document, docs: Docs, refs: set[str] | None = None) -> Quiz:
    """Validate one quiz document; raise DataError listing every problem."""
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise DataError(doc.problem((), "a quiz must be 'key: value' lines: title, pass_mark and questions"))
    problems: list[Problem] = []
    try:
        header = _Header.model_validate(data)
    except ValidationError as exc:
        header = None
        problems.extend(loader.validation_problems(doc, exc, describe=_header_message))
    if "pass_mark" in data and isinstance(data["pass_mark"], int) and not isinstance(data["pass_mark"], bool):
        if not 1 <= data["pass_mark"] <= 100:
            problems.append(doc.problem(("pass_mark",), "pass_mark must be between 1 and 100"))
    raw_questions = data.get("questions")
    if isinstance(raw_questions, list) and not raw_questions:
        problems.append(doc.problem(("questions",), "the quiz has no questions"))
    questions = []
    for i, raw in enumerate(raw_questions if isinstance(raw_questions, list) else []):
        at: Loc = ("questions", i)
        if not isinstance(raw, dict):
            problems.append(doc.problem(at, f"{_q(i)} must be 'key: value' lines starting with 'type:'"))
            continue
        qtype = raw.get("type")
        if qtype is None:
            problems.append(doc.problem(at, f"{_q(i)} has no type (use one of: {', '.join(TYPES)})"))
            continue
        if qtype not in TYPES:
            problems.append(doc.problem(at + ("type",), f"{_q(i)}: unknown type '{qtype}' (use one of: {', '.join(TYPES)})"))
            continue
        try:
            q = QUESTION.validate_python(raw)
        except ValidationError as exc:
            describe = _question_message(i, qtype)
            for err in exc.errors(include_url=False):
                # The discriminated union puts the type's name first in the location; drop it.
                loc = at + tuple(err["loc"][1:] if err["loc"][:1] == (qtype,) else err["loc"])
                problems.append(doc.problem(loc, describe(loc, err)))
            continue
        problems.extend(doc.problem(loc, message) for loc, message in _rules(i, q))
        if q.learn_more is not None:
            why = docs.problem_with(q.learn_more)
            if why:
                problems.append(doc.problem(at + ("learn_more",), f"{_q(i)}: learn_more '{q.learn_more}' {why}"))
        for loc, label, text in question_fields(i, q):
            problems.extend(_check_text(doc, docs, refs, loc, label, text))
        questions.append(q)
    if header is not None:
        for loc, label, text in [(("title",), "title", header.title), (("intro",), "intro", header.intro)]:
            if text:
                problems.extend(_check_text(doc, docs, refs, loc, label, text))
    if problems or header is None:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    return Quiz(title=header.title, intro=header.intro, pass_mark=header.pass_mark, questions=questions)


_PLACED = re.compile(r"""\{\{-?\s*quiz\(\s*["']([^"']+)["']\s*\)\s*-?\}\}""")


def find_placements(docs_root: Path) -> dict[str, list[str]]:
    """Which pages place which quiz, so the quiz list can link to them."""
    out: dict[str, list[str]] = {}
    if not docs_root.is_dir():
        return out
    for md in sorted(docs_root.rglob("*.md")):
        rel = md.relative_to(docs_root).as_posix()
        for key in _PLACED.findall(md.read_text(encoding="utf-8", errors="replace")):
            out.setdefault(key, []).append(rel)
    return out


def reference_keys(root: Path) -> set[str] | None:
    """Keys that ``{{ cite() }}`` accepts, or None when they cannot be known."""
    try:
        library = references_feature.load(root)
    except DataError:
        return None  # the references feature reports its own problems
    refs = getattr(library, "references", library)
    return set(refs) if isinstance(refs, dict) else None


def load(root: Path) -> Quizzes:
    folder = root / QUIZZES
    docs = Docs(root)
    result = Quizzes(docs=docs, placements=find_placements(root / DOCS))
    if not folder.is_dir():
        return result
    refs = reference_keys(root)
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".yaml" or (path.suffix == ".yml" and not ID_RE.match(path.stem)):
            rel = path.relative_to(root).as_posix()
            problems.append(Problem(rel, None, "quiz files must be named like theories.yml: lowercase letters, digits, '-' and '_', ending .yml"))
            continue
        if path.suffix != ".yml":
            continue
        try:
            doc = loader.read(path, root)
            quiz = check(doc, docs, refs)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        result.quizzes[path.stem] = LoadedQuiz(path.stem, quiz, doc, content_hash(quiz))
    if problems:
        raise DataError(problems)
    return result


# ---------------------------------------------------------------- rendering


def shuffled(n: int, seed: str) -> list[int]:
    """A stable order of range(n) for this seed that is never the original order (n >= 2)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    if n >= 2 and order == list(range(n)):
        order = order[1:] + order[:1]
    return order


_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def _compact(html: str) -> str:
    # One raw HTML block for Markdown: no blank lines, no indentation that could read as code.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


@dataclass
class _View:
    """What the template needs for one question."""

    n: int
    type: str
    name: str
    prompt: Markup
    explanation: Markup
    learn_more: tuple[str, str] | None
    options: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)  # ordering, in the order shown
    answer_items: list[Markup] = field(default_factory=list)
    pairs: list[dict] = field(default_factory=list)  # matching, left side in authored order
    rights: list[dict] = field(default_factory=list)  # matching, in the order shown


def _question_view(loaded: LoadedQuiz, i: int, q: Any, text: TextRenderer, ctx: RenderContext, docs: Docs | None) -> _View:
    qid = loaded.id
    learn = None
    if q.learn_more:
        url = ctx.link(q.learn_more, "")
        label = docs.link_text(q.learn_more) if docs else q.learn_more
        learn = (url or "", label)
    view = _View(n=i + 1, type=q.type, name=f"quiz-{qid}-q{i + 1}", prompt=text(q.prompt),
                 explanation=text(q.explanation), learn_more=learn)
    if isinstance(q, (Single, Multiple)):
        view.options = [{"text": text(o.text), "correct": o.correct, "feedback": text(o.feedback)}
                        for o in q.options]
    elif isinstance(q, TrueFalse):
        view.options = [
            {"text": Markup("True"), "correct": q.answer is True, "feedback": text(q.feedback_true)},
            {"text": Markup("False"), "correct": q.answer is False, "feedback": text(q.feedback_false)},
        ]
    elif isinstance(q, Ordering):
        rendered = [text(item) for item in q.items]
        view.answer_items = rendered
        view.items = [{"index": k, "html": rendered[k], "plain": text_of(rendered[k])}
                      for k in shuffled(len(q.items), f"{qid}:{i}")]
    elif isinstance(q, Matching):
        rights = [text(p.right) for p in q.pairs]
        view.pairs = [{"index": k, "left": text(p.left), "right": rights[k]} for k, p in enumerate(q.pairs)]
        view.rights = [{"index": k, "plain": text_of(rights[k])} for k in shuffled(len(q.pairs), f"{qid}:{i}")]
    return view


def render_quiz(data: Quizzes, key: str, ctx: RenderContext | None = None) -> str:
    ctx = ctx or RenderContext()
    loaded = data.quizzes[key]
    text = TextRenderer(ctx)
    quiz = loaded.quiz
    try:
        questions = [_question_view(loaded, i, q, text, ctx, data.docs) for i, q in enumerate(quiz.questions)]
        title, intro = text(quiz.title), text(quiz.intro)
    except DataError:
        raise
    except Exception as exc:  # a macro inside the quiz's text failed: say which quiz, not where in Python
        raise DataError(Problem(loaded.doc.path, None, f"could not show the quiz on {ctx.page_src}: {exc}")) from None
    html = _templates.get_template("quiz.html").render(
        id=key, hash=loaded.hash, title=title, intro=intro, pass_mark=quiz.pass_mark,
        total=len(questions), questions=questions,
    )
    return _compact(html)


def _summary(loaded: LoadedQuiz, text: TextRenderer) -> dict:
    # The title becomes a link, so any link inside it is reduced to its text.
    return {"id": loaded.id, "hash": loaded.hash, "title": escape(text_of(text(loaded.quiz.title))), "intro": text(loaded.quiz.intro),
            "total": len(loaded.quiz.questions), "pass_mark": loaded.quiz.pass_mark}


def render_list(data: Quizzes, ctx: RenderContext | None = None, nav_order: list[str] | None = None) -> str:
    """Every quiz, linked to the page it sits on (in nav order); quizzes placed nowhere else are shown here in full."""
    ctx = ctx or RenderContext()
    text = TextRenderer(ctx)
    rank = {src: n for n, src in enumerate(nav_order or [])}
    entries, here = [], []
    for key, loaded in data.quizzes.items():
        placed = data.placements.get(key, [])
        elsewhere = sorted((p for p in placed if p != ctx.page_src and ctx.url_of(p) is not None),
                           key=lambda p: (rank.get(p, len(rank)), p))
        entry = _summary(loaded, text)
        if elsewhere and ctx.page_src not in placed:
            page = data.docs.page(elsewhere[0]) if data.docs else None
            entry.update(href=(ctx.link(elsewhere[0], "") or "") + f"#quiz-{key}",
                         page=page.title if page else elsewhere[0],
                         sort=(0, rank.get(elsewhere[0], len(rank)), elsewhere[0], key))
        else:  # on this page: placed here by its author, or shown here because no other page has it
            entry.update(href=f"#quiz-{key}", page=None, sort=(1, 0, "", key))
            if ctx.page_src not in placed:
                here.append(key)
        entries.append(entry)
    entries.sort(key=lambda e: e["sort"])
    html = _compact(_templates.get_template("list.html").render(entries=entries))
    if here:
        html += "\n\n## More quizzes\n\n" + "\n\n".join(render_quiz(data, key, ctx) for key in sorted(here))
    return html


def _context(env) -> RenderContext:
    files = env.variables.get("files")
    use_dirs = env.conf.get("use_directory_urls", True)

    def dest_url(path: str) -> str | None:
        if files is not None:
            file = files.get_file_from_path(path)
            return file.url if file is not None else None
        if not use_dirs:
            return path[:-3] + ".html"
        return RenderContext().url_of(path)

    def jinja(source: str, wrap: Callable[[Any], str]) -> str:
        # Quiz text may use the site's macros ({{ cite("key") }}); each output is kept as-is.
        macros = {name: (lambda fn: lambda *a, **k: wrap(fn(*a, **k)))(fn) for name, fn in env.macros.items()}
        return env.env.from_string(source).render(**{**env.variables, **macros})

    return RenderContext(page_src=env.page.file.src_uri, page_url=env.page.url, dest_url=dest_url, jinja=jinja)


def register(env, data: Quizzes) -> None:
    env.variables["quizzes"] = data  # learning paths read titles and hashes from here

    @env.macro
    def quiz(key: str) -> str:
        """A quiz from data/quizzes/<key>.yml, as a form that works with and without JavaScript."""
        if key not in data.quizzes:
            raise unknown(env, "quiz", "quiz id", key, data.quizzes)
        # Two copies on one page would share element ids and answers.
        if _PLACED.findall(getattr(env, "markdown", "") or "").count(key) > 1:
            raise DataError(f"{page_path(env)}: the quiz '{key}' is placed twice on this page; place it once")
        return render_quiz(data, key, _context(env))

    @env.macro
    def quiz_list() -> str:
        """Every quiz with a link to where it sits; JavaScript adds the reader's last result."""
        nav = env.variables.get("navigation")
        order = [p.file.src_uri for p in nav.pages] if nav is not None else None
        return render_list(data, _context(env), order)
