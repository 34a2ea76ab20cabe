"""The pages' code as sybil examples: one example per runnable snippet, checked against the store.

sybil collects and reports; it does not execute. For each page, the first
example that is evaluated asks :func:`pipeline.runner.ensure` for the page's
records (stored ones are read, missing ones run once in a fresh interpreter),
and each example then compares what its snippet printed with the ``#>`` lines
under it (:mod:`pipeline.outputs`: exactly on the reference platform, within the
stated tolerance elsewhere). Both languages of a page share the records, so the
second language only reads.

Every comparison is kept in :data:`COMPARED` (the test session reports them all
at its end: ``conftest.py``). The docstring examples of ``dlnotes/`` are compared
by the same rule (:class:`DocstringEvaluator`).
"""

from __future__ import annotations

import difflib
import doctest
import functools

from sybil import Document, Example, Region
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.evaluators.doctest import OutputChecker as SybilChecker
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.rest import DocTestParser

from pipeline import outputs, reference
from pipeline.page import Page, Snippet, parse
from pipeline.runner import ensure
from pipeline.store import Record, device_name

COMPARED: dict[str, tuple[str, str, outputs.Comparison]] = {}
"""``file:line`` of each output compared in this process -> (the mode, the platform of the run, the comparison)."""


def drain() -> dict[str, tuple[str, str, outputs.Comparison]]:
    """The comparisons made since the last call (each test's own: ``conftest.py`` asks after each test)."""
    done = dict(COMPARED)
    COMPARED.clear()
    return done


@functools.cache
def _records(page: Page) -> tuple[Record, ...]:
    return tuple(ensure(page))


def failure(snippet: Snippet, record: Record) -> str | None:
    """Why ``snippet``'s run does not match its page, or ``None`` when it does."""
    return check(snippet, record)[1]


def check(snippet: Snippet, record: Record) -> tuple[tuple[str, str, outputs.Comparison] | None, str | None]:
    """``((mode, platform, comparison), failure)`` of ``snippet``'s run; no comparison when the run failed."""
    if record.error:
        return None, f"{snippet.filename} raised an error:\n{record.error}"
    if record.problems:
        return None, f"{snippet.filename}: " + "; ".join(record.problems)
    printed = [line.rstrip() for line in record.stdout.splitlines()]
    while printed and not printed[-1]:
        printed.pop()
    mode, where = outputs.mode(record.platform), reference.describe(record.platform)
    comparison = outputs.compare("\n".join(snippet.expected), "\n".join(printed), outputs.rtol_of(snippet.code))
    if comparison.passes(mode):
        return (mode, where, comparison), None
    diff = difflib.unified_diff([f"#> {line}" for line in snippet.expected], [f"#> {line}" for line in printed],
                                "shown on the page (#> lines)", "printed by the code", lineterm="")
    if comparison.verdict == outputs.WITHIN:  # exact mode: on the reference every digit counts
        why = (f"compared exactly: it ran on {where}. The difference is within the tolerance "
               f"(largest: {comparison.shown} -> {comparison.printed}), which is allowed only off the reference")
    else:
        why = (f"compared {mode}ly, on {where}: {comparison.why}. If its numbers change from run to run, it "
               f"needs torch.manual_seed(...) before it draws them (it started from the global seed {record.seed}, "
               "drawn anew for every run)")
    return (mode, where, comparison), (f"output of {snippet.filename} differs from its #> lines:\n" + "\n".join(diff)
                                       + f"\n({why})")


class PageSnippets:
    """A sybil parser: every runnable snippet of a page, as one example."""

    def __call__(self, document: Document):
        page = parse(document.path)
        starts = [0]
        for line in document.text.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))
        for index, snippet in enumerate(page.runnable):
            yield Region(starts[snippet.line - 1], starts[min(snippet.end_line, len(starts) - 1)],
                         parsed=(page, index), evaluator=self.evaluate)

    @staticmethod
    def evaluate(example: Example) -> str | None:
        page, index = example.parsed
        snippet = page.runnable[index]
        compared, message = check(snippet, _records(page)[index])
        if compared and snippet.expected:  # a snippet that shows an output
            COMPARED[f"{page.path}:{snippet.line} ({snippet.filename})"] = compared
        return message


class _Checker(SybilChecker):
    """sybil's doctest checker; off the reference platform, floating-point numbers within the tolerance."""

    def __init__(self, platform: dict[str, str]) -> None:
        super().__init__()
        self.mode, self.where = outputs.mode(platform), reference.describe(platform)
        self.last = outputs.Comparison(outputs.SAME)

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        if super().check_output(want, got, optionflags):
            self.last = outputs.Comparison(outputs.SAME)
            return True
        self.last = outputs.compare(want.rstrip("\n"), got.rstrip("\n"))
        return self.last.passes(self.mode)


class DocstringEvaluator(DocTestEvaluator):
    """sybil's doctest evaluator with :class:`_Checker`, on the platform of this process (a test worker)."""

    def __init__(self, optionflags: int = doctest.ELLIPSIS) -> None:
        super().__init__(optionflags)
        self.runner._checker = None  # made when the first example runs: the platform is known by then

    def __call__(self, example: Example) -> str:
        if self.runner._checker is None:
            self.runner._checker = _Checker(reference.measure(device_name()))
        result = super().__call__(example)
        if example.parsed.want:  # an example that shows an output
            checker = self.runner._checker
            COMPARED[f"{example.path}:{example.line}"] = (checker.mode, checker.where, checker.last)
        return result


def docstring_parser() -> DocTestParser:
    """sybil's parser of ``>>>`` examples in docstrings, evaluated by :class:`DocstringEvaluator`."""
    parser = DocTestParser()
    parser.string_parser = DocTestStringParser(DocstringEvaluator())
    return parser
