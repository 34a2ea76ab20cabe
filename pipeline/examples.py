"""The pages' code as sybil examples: one example per runnable snippet, checked against the store.

sybil collects and reports; it does not execute. For each page, the first
example that is evaluated asks :func:`pipeline.runner.ensure` for the page's
records (stored ones are read, missing ones run once in a fresh interpreter),
and each example then compares what its snippet printed with the ``#>`` lines
under it. Both languages of a page share the records, so the second language
only reads.
"""

from __future__ import annotations

import difflib
import functools

from sybil import Document, Example, Region

from pipeline.page import Page, Snippet, parse
from pipeline.runner import ensure
from pipeline.store import Record


@functools.cache
def _records(page: Page) -> tuple[Record, ...]:
    return tuple(ensure(page))


def failure(snippet: Snippet, record: Record) -> str | None:
    """Why ``snippet``'s run does not match its page, or ``None`` when it does."""
    if record.error:
        return f"{snippet.filename} raised an error:\n{record.error}"
    if record.problems:
        return f"{snippet.filename}: " + "; ".join(record.problems)
    printed = [line.rstrip() for line in record.stdout.splitlines()]
    while printed and not printed[-1]:
        printed.pop()
    if printed == snippet.expected:
        return None
    diff = difflib.unified_diff([f"#> {line}" for line in snippet.expected], [f"#> {line}" for line in printed],
                                "shown on the page (#> lines)", "printed by the code", lineterm="")
    return (f"output of {snippet.filename} differs from its #> lines:\n" + "\n".join(diff) +
            f"\n(it started from the global seed {record.seed}, drawn anew for every run: if its numbers change "
            "from run to run, it needs torch.manual_seed(...) before it draws them)")


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
        return failure(page.runnable[index], _records(page)[index])
