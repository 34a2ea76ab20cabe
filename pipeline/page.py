"""One model of a page: each Markdown file is parsed once into the blocks every step reads.

A page (``docs/<name>.md`` in Chinese, ``docs/<name>.en.md`` in English) is a sequence of
:class:`Snippet` (a ```` ```python ```` fence: its code, or one line ``--8<--
"snippets/<chapter>/<idea>.py"``; after ``<!-- colab-only: reason -->`` it is shown, never
run here), :class:`Figure` (``![alt](figures/<chapter>/<idea>.svg)``, the ``fig`` that
snippet draws, shown above it), :class:`Fence` (another language, shown only) and
:class:`Prose` (lines; a ``## Text {#id}`` line is a :class:`Heading`). The runner, the
notebooks, the hooks, the checks and the benchmark report read this model; none parses
Markdown itself.
"""

import functools
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LANGUAGES = {"zh": "", "en": ".en"}  # language -> page-name suffix: spiral.md (中文, the default), spiral.en.md

RUNNABLE = "python"
CODE_WIDTH = 80  # characters: the code column of a page at 1280 px holds about 84
# the languages a fence may name; only python runs, and a fence with any other word fails
FENCE_LANGUAGES = frozenset({RUNNABLE, "bash", "console", "text", "markdown", "yaml", "toml", "json", "html"})

INCLUDE = re.compile(r'^--8<--[ \t]+"(?P<path>snippets/[\w/-]+\.py)"[ \t]*$')
COLAB_ONLY = re.compile(r"^[ \t]*<!--[ \t]*colab-only\b(?::[ \t]*(?P<reason>.*?))?[ \t]*-->[ \t]*$")
FIGURE = re.compile(r"^[ \t]*!\[(?P<alt>[^\]]*)\]\((?:\.\./)*figures/(?P<name>[\w/-]+)\.svg\)[ \t]*$")
_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_OUTPUT = re.compile(r"^[ \t]*#>(?: (?P<text>.*)|$)")
_HEADING = re.compile(r"^(?P<marks>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+\{(?P<attrs>[^}]*)\})?[ \t]*$")
_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")


class PageError(ValueError):
    """A page breaks the conventions above; the message says where and what to write instead."""


@dataclass(frozen=True)
class Prose:
    line: int  # 1-based, of the first line
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Fence:
    """A fence that is shown, not run."""

    line: int  # of the opening fence
    end_line: int  # of the closing fence
    info: str
    source: str

    @property
    def language(self) -> str:
        return fence_language(self.info)


@dataclass(frozen=True)
class Snippet:
    """A Python fence: the code it runs, and where that code comes from."""

    line: int  # of the opening fence in the page
    end_line: int
    info: str
    source: str  # as written between the fences
    code: str  # what runs: the included file, or ``source`` itself
    filename: str  # ``snippets/x/y.py``, or the page for code written in the fence
    first_line: int  # of ``code`` in ``filename``
    colab_only: str | None = None  # the reason, for a fence that runs only in Colab

    @property
    def include(self) -> str | None:
        """``snippets/x/y.py`` for a fence that includes a file, else ``None``."""
        return self.filename if self.filename.startswith("snippets/") else None

    @property
    def runs(self) -> bool:
        return self.colab_only is None

    @property
    def expected(self) -> list[str]:
        """The ``#>`` lines, without the marker: what the code must print, in order."""
        return [(m["text"] or "").rstrip() for m in map(_OUTPUT.match, self.code.splitlines()) if m]

    def compile(self):
        """The code, compiled so that tracebacks name ``filename`` and its line numbers."""
        return compile("\n" * (self.first_line - 1) + self.code, self.filename, "exec")


@dataclass(frozen=True)
class Figure:
    line: int
    alt: str
    name: str  # ``spiral/data`` for ``figures/spiral/data.svg``, drawn by ``snippets/spiral/data.py``

    @property
    def snippet(self) -> str:
        return f"snippets/{self.name}.py"


Block = Prose | Fence | Snippet | Figure


@dataclass(frozen=True)
class Heading:
    level: int  # the number of ``#``
    text: str  # without its ``{...}`` attributes
    id: str | None  # from ``{#id}``, if it has one
    line: int

    @staticmethod
    def read(text: str, line: int) -> "Heading | None":
        """The heading written on this prose line, if it is one."""
        match = _HEADING.match(text)
        if match is None:
            return None
        explicit = _ID.search(match["attrs"] or "")
        return Heading(len(match["marks"]), match["text"], explicit and explicit["id"], line)


@dataclass(frozen=True)
class Section:
    """A heading and the blocks under it, down to the next heading that cuts the page."""

    heading: Heading | None  # None for what comes before the first such heading
    blocks: tuple[Block, ...]  # the first Prose starts with the heading's own line


@dataclass(frozen=True)
class Page:
    path: str  # relative to the repository root (``docs/spiral.en.md``), or absolute outside it
    name: str  # ``spiral``
    language: str  # ``en``
    blocks: tuple[Block, ...]

    @property
    def snippets(self) -> list[Snippet]:
        return [b for b in self.blocks if isinstance(b, Snippet)]

    @property
    def runnable(self) -> list[Snippet]:
        return [b for b in self.snippets if b.runs]

    @property
    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]

    @property
    def title(self) -> Heading | None:
        """The page's first ``#`` heading."""
        return next((h for h in headings(self.blocks) if h.level == 1), None)

    def sections(self, levels=range(1, 7)) -> list[Section]:
        """The page cut at each heading of ``levels``; the first section (maybe empty) has no heading."""
        cuts: list[tuple[Heading | None, list[Block]]] = [(None, [])]
        for block in self.blocks:
            if not isinstance(block, Prose):
                cuts[-1][1].append(block)
                continue
            start = 0
            for i, text in enumerate(block.lines):
                heading = Heading.read(text, block.line + i)
                if heading and heading.level in levels:
                    cuts[-1][1].extend([Prose(block.line + start, block.lines[start:i])] if i > start else [])
                    cuts.append((heading, []))
                    start = i
            cuts[-1][1].extend([Prose(block.line + start, block.lines[start:])] if start < len(block.lines) else [])
        return [Section(heading, tuple(blocks)) for heading, blocks in cuts]

    def drawn_by(self, figure: Figure) -> Snippet:
        """The snippet on this page whose ``fig`` is ``figure``."""
        return next(s for s in self.snippets if s.include == figure.snippet)


def headings(blocks) -> list[Heading]:
    """The headings in the prose of ``blocks`` (a page's, a section's), in order."""
    found = (Heading.read(text, b.line + i) for b in blocks if isinstance(b, Prose) for i, text in enumerate(b.lines))
    return [h for h in found if h]


def split_file_name(path: str | Path) -> tuple[str, str]:
    """A page's name and language from its file: ``docs/spiral.en.md`` -> ``("spiral", "en")``,
    ``spiral.ipynb`` -> ``("spiral", "zh")``."""
    name, *rest = Path(path).name.split(".")
    return name, rest[0] if len(rest) > 1 else "zh"


def file_name(name: str, language: str, extension: str = ".md") -> str:
    """The file of page ``name`` in ``language``: ``("spiral", "en")`` -> ``spiral.en.md``."""
    return f"{name}{LANGUAGES[language]}{extension}"


def fence_language(info: str) -> str:
    """The language word of a fence's info string: ``python title="x.py"`` -> ``python``."""
    return info.split(maxsplit=1)[0].strip("{}").lstrip(".") if info.strip() else ""


@functools.cache
def strip_comments(code: str) -> str:
    """The code's tokens without comments (``#>`` lines too) and layout: what translations do not change."""
    layout = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
              tokenize.ENDMARKER}
    try:
        tokens = [t.string for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type not in layout]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return code.strip()
    return " ".join(tokens)


def _snippet(path: str, opening: int, end: int, info: str, body: str, colab_only: str | None) -> Snippet:
    lines = body.splitlines()
    includes = [i for i, text in enumerate(lines) if "--8<--" in text]
    if not includes:
        return Snippet(opening, end, info, body, body, path, opening + 1, colab_only)
    match = INCLUDE.match(lines[includes[0]].strip())
    if match is None or len(includes) > 1 or any(t.strip() for i, t in enumerate(lines) if i != includes[0]):
        raise PageError(f"{path}:{opening}: a python fence holds either code or one line "
                        '--8<-- "snippets/<chapter>/<idea>.py", nothing else')
    file = ROOT / match["path"]
    if not file.is_file():
        raise PageError(f"{path}:{opening + 1 + includes[0]}: {match['path']} does not exist")
    return Snippet(opening, end, info, body, file.read_text(encoding="utf-8"), match["path"], 1, colab_only)


def parse_text(text: str, path: str) -> Page:
    """Parse ``text``, the page at ``path`` (relative to the root, e.g. ``docs/spiral.en.md``)."""
    name, language = split_file_name(path)
    lines, blocks, shown = text.splitlines(), [], set()  # shown: snippet files so far (a figure follows its own)
    i = start = 0  # start: the first line of the prose being read (0-based)
    while i < len(lines):
        opening, figure, marker = _OPEN.match(lines[i]), FIGURE.match(lines[i]), COLAB_ONLY.match(lines[i])
        if marker:
            following = _OPEN.match(lines[i + 1]) if i + 1 < len(lines) else None
            if following is None or fence_language(following["info"]) != RUNNABLE:
                raise PageError(f"{path}:{i + 1}: a colab-only marker must be followed by a ```python fence")
            if not marker["reason"]:
                raise PageError(f"{path}:{i + 1}: say why the block is Colab-only: <!-- colab-only: reason -->")
        if opening is None and figure is None:
            i += 1
            continue
        if i > start:
            blocks.append(Prose(start + 1, tuple(lines[start:i])))
        if figure:
            if f"snippets/{figure['name']}.py" not in shown:
                raise PageError(f"{path}:{i + 1}: figures/{figure['name']}.svg is drawn by "
                                f"snippets/{figure['name']}.py, which must be shown above it on the page")
            blocks.append(Figure(i + 1, figure["alt"], figure["name"]))
            i = start = i + 1
            continue
        fence, indent = opening["fence"], len(opening["indent"])
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((j for j in range(i + 1, len(lines)) if close.match(lines[j])), None)
        if end is None:
            raise PageError(f"{path}:{i + 1}: this fence is never closed")
        info = opening["info"].strip()
        body = "\n".join(line[indent:] for line in lines[i + 1 : end]) + "\n"
        if fence_language(info) == RUNNABLE:
            reason = COLAB_ONLY.match(lines[i - 1]) if i else None
            blocks.append(_snippet(path, i + 1, end + 1, info, body, reason["reason"] if reason else None))
            shown.add(blocks[-1].filename)
        elif fence_language(info) in FENCE_LANGUAGES:
            blocks.append(Fence(i + 1, end + 1, info, body))
        else:
            raise PageError(f"{path}:{i + 1}: fence language {fence_language(info) or '(none)'!r} is unknown; "
                            f"use one of {sorted(FENCE_LANGUAGES)} (only python runs)")
        i = start = end + 1
    if start < len(lines):
        blocks.append(Prose(start + 1, tuple(lines[start:])))
    return Page(path, name, language, tuple(blocks))


@functools.cache
def _parse_cached(path: str, text: str) -> Page:
    return parse_text(text, path)


def parse(path: str | Path) -> Page:
    """The model of the page at ``path`` (absolute, or relative to the root), parsed once per content."""
    path = Path(path)
    full = (path if path.is_absolute() else ROOT / path).resolve()
    name = full.relative_to(ROOT).as_posix() if full.is_relative_to(ROOT) else full.as_posix()
    return _parse_cached(name, full.read_text(encoding="utf-8"))


def pages() -> list[Page]:
    """Every page of the site, both languages, sorted by path."""
    return [parse(p) for p in sorted(DOCS.glob("*.md"))]


def parity_problems(zh: Page, en: Page) -> list[str]:
    """Where the code of a page and of its translation differ (prose and comments may differ)."""

    def signature(block: Fence | Snippet) -> tuple[str, str]:
        if isinstance(block, Snippet):
            # `#>` lines are part of what the page shows: they must match too
            shown = [strip_comments(block.code), *block.expected]
            return f"python{' colab-only' if block.colab_only else ''}", "\n".join(shown)
        if block.language in {"bash", "console"}:  # shell comments may be translated
            lines = (re.sub(r"(^|\s)#.*$", "", line).rstrip() for line in block.source.splitlines())
            return block.language, "\n".join(line for line in lines if line)
        return block.language, block.source.strip()

    codes = [[b for b in page.blocks if isinstance(b, (Fence, Snippet))] for page in (zh, en)]
    problems = []
    if len(codes[0]) != len(codes[1]):
        problems.append(f"{len(codes[0])} code blocks in {zh.path}, {len(codes[1])} in {en.path}")
    for a, b in zip(*codes):
        if signature(a) != signature(b):
            problems.append(f"code differs: {zh.path}:{a.line} ```{a.info}``` vs {en.path}:{b.line} ```{b.info}```")
    figures = [[f.name for f in page.figures] for page in (zh, en)]
    if figures[0] != figures[1]:
        problems.append(f"figures differ: {figures[0]} in {zh.path}, {figures[1]} in {en.path}")
    return problems
