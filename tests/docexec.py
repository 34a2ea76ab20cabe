"""Run the Python shown in the docs and check what it prints.

Conventions (see docs/contributing.md):

* Every fenced block whose language is Python (```` ```python ````, with or
  without attributes such as ``title="..."``) runs, in page order, in one
  namespace per page. ```` ```pycon ```` blocks and blocks that start with
  ``>>>`` run as doctests.
* A line ``--8<-- "snippets/x.py"`` (or ``"snippets/x.py:section"``) inside a
  fence is expanded the way ``pymdownx.snippets`` expands it for the site, and
  runs under the snippet's own file name and line numbers, so a traceback
  points at the ``.py`` file.
* Everything a block prints must appear, in order, as ``#>`` comment lines in
  that block (the pydantic-docs convention), and nothing else: the page shows
  exactly what the code prints.
* A Python fence right after a line ``<!-- colab-only: reason -->`` is code that
  only makes sense inside Colab (``%pip``, ``google.colab``, a GPU runtime). It is
  not run here; the generated notebooks keep it, tagged ``colab-only``.

The same expansion and output check serve ``tests/test_snippets.py``, which
runs each snippet file on its own.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import re
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sybil import Document, Example, Region
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer, RawFencedCodeBlockLexer

from hooks.notebooks import COLAB_ONLY  # one definition for the runner and the notebooks

ROOT = Path(__file__).resolve().parents[1]
"""The repository root: ``pymdownx.snippets`` resolves includes from here."""

PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "pycon"})
OTHER_LANGUAGES = frozenset(
    {"text", "console", "bash", "sh", "shell", "yaml", "toml", "json", "markdown", "md",
     "html", "css", "javascript", "js", "latex", "tex", "diff", "ini", "mermaid"}
)

_INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<target>[^"]+)"[ \t]*$')
_TARGET = re.compile(r"^(?P<path>[^:]+)(?::(?P<section>[A-Za-z_][\w-]*))?$")
_SECTION_MARK = re.compile(r"--8<--\s*\[(?P<kind>start|end):(?P<name>[\w-]+)\]")
_OUTPUT = re.compile(r"^[ \t]*#>(?: (?P<text>.*)|$)")


class DocsError(Exception):
    """A page or snippet breaks the conventions above."""


@dataclass(frozen=True)
class Chunk:
    """Python source that came from one file, with the line it starts on there."""

    source: str
    filename: str
    first_line: int
    whole_file: bool = False  # a whole snippet file: self-contained, run once per session

    def compile(self):
        # Pad with newlines so that line numbers in tracebacks match the file.
        return compile("\n" * (self.first_line - 1) + self.source, self.filename, "exec")


# -- snippets ---------------------------------------------------------------


def read_snippet(target: str) -> Chunk:
    """Return what ``--8<-- "target"`` includes, as pymdownx.snippets would."""
    match = _TARGET.match(target)
    if match is None:
        raise DocsError(f"cannot read include target {target!r}: use 'path' or 'path:section'")
    path = ROOT / match["path"]
    if not path.is_file():
        raise DocsError(f"included file {match['path']!r} does not exist")
    lines = path.read_text(encoding="utf-8").splitlines()
    rel = str(path.relative_to(ROOT))
    section = match["section"]
    if section is None:  # section marks become blank lines, so line numbers still match
        text = "\n".join("" if _SECTION_MARK.search(line) else line for line in lines) + "\n"
        return Chunk(text, rel, 1, whole_file=True)
    kept, inside, found = [], False, False
    for i, line in enumerate(lines, 1):
        mark = _SECTION_MARK.search(line)
        if mark and mark["name"] == section:
            inside, found = mark["kind"] == "start", True
        elif inside and not mark:
            kept.append((i, line))
    if not found:
        raise DocsError(f"{rel} has no section {section!r}")
    if not kept:
        return Chunk("", rel, 1)
    # Lines between kept ones are section marks of other sections: blank them.
    first = kept[0][0]
    text = [""] * (kept[-1][0] - first + 1)
    for i, line in kept:
        text[i - first] = line
    return Chunk("\n".join(text) + "\n", rel, first)


def expand(source: str, filename: str, first_line: int) -> list[Chunk]:
    """Split a fence's source into chunks, replacing include lines by the files."""
    chunks: list[Chunk] = []
    pending: list[str] = []
    pending_start = first_line
    for offset, line in enumerate(source.splitlines()):
        match = _INCLUDE.match(line)
        if match is None:
            if "--8<--" in line and not line.lstrip().startswith("#"):
                raise DocsError(f"{filename}:{first_line + offset}: unsupported include {line!r}")
            pending.append(line)
            continue
        if any(p.strip() for p in pending):
            chunks.append(Chunk("\n".join(pending) + "\n", filename, pending_start))
        chunks.append(read_snippet(match["target"]))
        pending, pending_start = [], first_line + offset + 1
    if any(p.strip() for p in pending):
        chunks.append(Chunk("\n".join(pending) + "\n", filename, pending_start))
    return chunks


def expected_output(chunks: Iterable[Chunk]) -> list[str]:
    """The ``#>`` lines of the chunks: what their code must print, in order."""
    expected = []
    for chunk in chunks:
        for line in chunk.source.splitlines():
            match = _OUTPUT.match(line)
            if match:
                expected.append((match["text"] or "").rstrip())
    return expected


_RUNS: dict[tuple[str, str], tuple[str, dict]] = {}


def run_whole_file(chunk: Chunk) -> tuple[str, dict]:
    """Run a whole snippet in a fresh namespace, once per session: (stdout, globals).

    A snippet is self-contained and seeded, so both languages' pages and the
    snippet's own test share one run instead of repeating it.
    """
    key = (chunk.filename, chunk.source)
    if key not in _RUNS:
        namespace = {"__name__": "__main__", "__file__": str(ROOT / chunk.filename)}
        stdout = io.StringIO()
        with contextlib.redirect_stdout(stdout):
            exec(chunk.compile(), namespace)
        _RUNS[key] = stdout.getvalue(), {k: v for k, v in namespace.items() if not k.startswith("__")}
    return _RUNS[key]


def run_chunks(chunks: list[Chunk], namespace: dict) -> str | None:
    """Run the chunks in ``namespace``; return a failure message or ``None``.

    A whole snippet file runs on its own (see :func:`run_whole_file`) and its
    names are then copied into ``namespace`` for the blocks that follow.
    """
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        for chunk in chunks:
            if chunk.whole_file:
                printed, names = run_whole_file(chunk)
                stdout.write(printed)
                namespace.update(names)
            else:
                exec(chunk.compile(), namespace)
    printed = [line.rstrip() for line in stdout.getvalue().splitlines()]
    while printed and not printed[-1]:
        printed.pop()
    expected = expected_output(chunks)
    if printed == expected:
        return None
    where = ", ".join(sorted({c.filename for c in chunks}))
    diff = "\n".join(
        difflib.unified_diff(
            [f"#> {line}" for line in expected],
            [f"#> {line}" for line in printed],
            "shown on the page (#> lines)",
            "printed by the code",
            lineterm="",
        )
    )
    return f"output of {where} differs from its #> lines:\n{diff}"


# -- sybil parser -------------------------------------------------------------


def fence_language(info: str) -> str:
    """The language of a fence's info string: ``python title="x"`` -> ``python``."""
    word = info.strip().split(maxsplit=1)[0] if info.strip() else ""
    return word.strip("{}").lstrip(".").lower()


def _line_of(document: Document, offset: int) -> int:
    return document.text.count("\n", 0, offset) + 1


class PythonBlockParser:
    """Collect every Python fence and invisible code block of a Markdown page.

    Unlike sybil's stock Markdown parser, a fence with attributes (``python
    title="x.py"``) or written ``py`` is collected too.
    """

    def __init__(self, doctest_optionflags: int = 0) -> None:
        self.fences = RawFencedCodeBlockLexer(
            info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.MULTILINE),
            mapping={"info": "info", "source": "source"},
        )
        self.invisible = DirectiveInHTMLCommentLexer(
            directive=r"invisible-code-block", arguments=r"python"
        )
        self.doctests = DocTestStringParser(DocTestEvaluator(doctest_optionflags))

    def _regions(self, document: Document) -> Iterator[Region]:
        marked = colab_only_fences(document.text)
        for region in self.fences(document):
            if fence_language(region.lexemes["info"]) not in PYTHON_LANGUAGES:
                continue
            if _line_of(document, region.start) in marked:
                continue  # Colab-only: documented above, kept in the notebooks
            yield region
        yield from self.invisible(document)

    def __call__(self, document: Document) -> Iterator[Region]:
        for region in self._regions(document):
            source = region.lexemes["source"]
            if source.lstrip().startswith(">>>"):
                for doctest_region in self.doctests(source, document.path):
                    doctest_region.adjust(region, source)
                    yield doctest_region
                continue
            region.parsed = source
            region.evaluator = self.evaluate
            yield region

    @staticmethod
    def evaluate(example: Example) -> str | None:
        document = example.document
        # The source lexeme starts on the line after the opening fence.
        first = _line_of(document, example.start) + 1
        filename = str(Path(document.path).resolve().relative_to(ROOT))
        chunks = expand(str(example.parsed), filename, first)
        return run_chunks(chunks, example.namespace)


# -- independent fence scanner (for the collection check and language parity) ----


@dataclass(frozen=True)
class Fence:
    """A fenced code block as a reader sees it in the Markdown source."""

    line: int  # of the opening fence, 1-based
    end_line: int  # of the closing fence
    info: str
    source: str

    @property
    def language(self) -> str:
        return fence_language(self.info)


_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def scan_fences(text: str) -> list[Fence]:
    """Find the top-level fenced code blocks of a Markdown text, line by line."""
    fences: list[Fence] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if match is None:
            i += 1
            continue
        marker = match["fence"]
        close = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        indent = len(match["indent"])
        body = "\n".join(line[indent:] for line in lines[i + 1 : j])
        fences.append(Fence(i + 1, j + 1, match["info"].strip(), body))
        i = j + 1
    return fences


def colab_only_fences(text: str) -> set[int]:
    """The opening lines (1-based) of the fences marked ``<!-- colab-only: reason -->``."""
    lines = text.splitlines()
    return {i + 2 for i, line in enumerate(lines) if COLAB_ONLY.match(line)}


def uncollected_fences(path: Path, examples: Iterable[Example]) -> list[str]:
    """Problems with a page's fences: unknown languages, Python fences sybil missed,
    Colab-only markers without a reason or without a Python fence after them."""
    text = path.read_text(encoding="utf-8")
    lines = [example.line for example in examples]
    problems = []
    fences = scan_fences(text)
    marked = colab_only_fences(text)
    starts = {fence.line: fence for fence in fences}
    for line in sorted(marked):
        reason = COLAB_ONLY.match(text.splitlines()[line - 2])["reason"]
        fence = starts.get(line)
        if fence is None or fence.language not in PYTHON_LANGUAGES:
            problems.append(f"{path}:{line - 1}: a colab-only marker must be followed by a ```python fence")
        elif not reason:
            problems.append(f"{path}:{line - 1}: say why the block is Colab-only: <!-- colab-only: reason -->")
    for fence in fences:
        if fence.line in marked:
            continue
        if fence.language in PYTHON_LANGUAGES:
            if not any(fence.line <= line <= fence.end_line for line in lines):
                problems.append(f"{path}:{fence.line}: ```{fence.info} block is not run by the tests")
        elif fence.language not in OTHER_LANGUAGES:
            problems.append(
                f"{path}:{fence.line}: fence language {fence.language or '(none)'!r} is unknown; "
                f"use one of {sorted(PYTHON_LANGUAGES | OTHER_LANGUAGES)}"
            )
    return problems


# -- language parity ----------------------------------------------------------


def _code_tokens(source: str) -> list[str]:
    """Python tokens without comments (but with ``#>`` output lines) and layout."""
    kept = []
    skip = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in skip:
            continue
        if token.type == tokenize.COMMENT and not token.string.startswith("#>"):
            continue
        kept.append(token.string)
    return kept


def code_signature(fence: Fence) -> tuple[str, str]:
    """What must be equal between a page and its translation for one fence."""
    if fence.language in PYTHON_LANGUAGES and not fence.source.lstrip().startswith(">>>"):
        try:
            return fence.language, " ".join(_code_tokens(fence.source))
        except (tokenize.TokenError, IndentationError, SyntaxError):
            pass
    if fence.language in _SHELL_LANGUAGES:  # comments may be translated
        lines = (_SHELL_COMMENT.sub("", line).rstrip() for line in fence.source.splitlines())
        return fence.language, "\n".join(line for line in lines if line)
    return fence.language, fence.source.strip()


_SHELL_LANGUAGES = frozenset({"bash", "sh", "shell", "console"})
_SHELL_COMMENT = re.compile(r"(^|\s)#.*$")


_INVISIBLE = re.compile(r"<!--+[ \t]*invisible-code-block:[ \t]*python[ \t]*\n(?P<source>.*?)--+>", re.S)


def scan_code(text: str) -> list[Fence]:
    """The fences of a page, then its invisible code blocks (as fences of language python)."""
    fences = scan_fences(text)
    for match in _INVISIBLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        end = text.count("\n", 0, match.end()) + 1
        fences.append(Fence(line, end, "python (invisible)", match["source"]))
    return fences


def parity_problems(zh_text: str, en_text: str) -> list[str]:
    """Differences in code between the two languages of a page (prose may differ)."""
    zh = scan_code(zh_text)
    en = scan_code(en_text)
    problems = []
    if len(zh) != len(en):
        problems.append(f"{len(zh)} code blocks in Chinese, {len(en)} in English")
    for a, b in zip(zh, en):
        if code_signature(a) != code_signature(b):
            problems.append(
                f"code differs: Chinese line {a.line} ```{a.info}``` vs English line {b.line} ```{b.info}```"
            )
    return problems
