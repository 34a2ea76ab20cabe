"""sybil's examples: one per runnable snippet of a page (its stored output against its ``#>`` lines, by
:mod:`pipeline.outputs`), and the docstring examples of ``dlnotes/`` by the same rule. Every comparison is kept in
:data:`COMPARED` for the session's summary (``conftest.py``).
"""

import difflib
import doctest
import functools
import itertools

from sybil import Document, Example, Region
from sybil.evaluators.doctest import OutputChecker as SybilChecker
from sybil.parsers.rest import DocTestParser

from pipeline import outputs, reference
from pipeline.page import Snippet, parse
from pipeline.runner import ensure
from pipeline.store import Record, device_name

COMPARED: dict[str, tuple[str, str, outputs.Comparison]] = {}
"""``file:line`` of each output compared in this process -> (the mode, the platform of the run, the comparison);
``conftest.py`` takes them after each test."""


_records = functools.cache(ensure)  # a page's records, read or run once in this process


def failure(snippet: Snippet, record: Record, where: str = "") -> str | None:
    """Why ``snippet``'s run does not match its page, or ``None``; kept in :data:`COMPARED` as ``where`` if given."""
    if record.error:
        return f"{snippet.filename} raised an error:\n{record.error}"
    if record.problems:
        return f"{snippet.filename}: " + "; ".join(record.problems)
    printed = [line.rstrip() for line in record.stdout.rstrip().splitlines()]
    mode, platform = outputs.mode(record.platform), reference.describe(record.platform)
    comparison = outputs.compare("\n".join(snippet.expected), "\n".join(printed), outputs.rtol_of(snippet.code))
    if where and snippet.expected:
        COMPARED[where] = (mode, platform, comparison)
    if comparison.passes(mode):
        return None
    if comparison.verdict == outputs.WITHIN:  # exact mode: on the reference every digit counts
        why = (f"compared exactly: it ran on {platform}. The difference is within the tolerance "
               f"(largest: {comparison.shown} -> {comparison.printed}), which is allowed only off the reference")
    else:
        why = (f"compared {mode}ly, on {platform}: {comparison.why}. If its numbers change from run to run, it "
               f"needs torch.manual_seed(...) before it draws them (it started from the global seed {record.seed}, "
               "drawn anew for every run)")
    diff = difflib.unified_diff([f"#> {line}" for line in snippet.expected], [f"#> {line}" for line in printed],
                                "shown on the page (#> lines)", "printed by the code", lineterm="")
    return f"output of {snippet.filename} differs from its #> lines:\n" + "\n".join(diff) + f"\n({why})"


class PageSnippets:
    """A sybil parser: every runnable snippet of a page, as one example spanning its whole fence."""

    def __call__(self, document: Document):
        page = parse(document.path)
        starts = [0, *itertools.accumulate(map(len, document.text.splitlines(keepends=True)))]
        for index, snippet in enumerate(page.runnable):
            yield Region(starts[snippet.line - 1], starts[min(snippet.end_line, len(starts) - 1)],
                         parsed=(page, index), evaluator=self.evaluate)

    @staticmethod
    def evaluate(example: Example) -> str | None:
        page, index = example.parsed
        snippet = page.runnable[index]
        return failure(snippet, _records(page)[index], f"{page.path}:{snippet.line} ({snippet.filename})")


class _Checker(SybilChecker):
    """sybil's doctest checker; off the reference platform, floating-point numbers within the tolerance."""

    last = outputs.Comparison(outputs.SAME)

    @functools.cached_property
    def platform(self) -> tuple[str, str]:
        """(mode, platform) of this process, measured at its first example: the device is known by then."""
        measured = reference.measure(device_name())
        return outputs.mode(measured), reference.describe(measured)

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        same = super().check_output(want, got, optionflags)
        self.last = outputs.Comparison(outputs.SAME) if same else outputs.compare(want.rstrip("\n"), got.rstrip("\n"))
        return same or self.last.passes(self.platform[0])


def docstring_parser() -> DocTestParser:
    """sybil's parser of ``>>>`` examples in docstrings, checked by :class:`_Checker`; each comparison of an
    example that shows an output is kept in :data:`COMPARED`."""
    parser = DocTestParser(doctest.ELLIPSIS)
    doctests = parser.string_parser.evaluator
    checker = doctests.runner._checker = _Checker()

    def evaluate(example: Example) -> str:
        result = doctests(example)
        if example.parsed.want:
            COMPARED[f"{example.path}:{example.line}"] = (*checker.platform, checker.last)
        return result

    parser.string_parser.evaluator = evaluate
    return parser
