"""What the tests' child processes did, remembered while the code they ran is unchanged.

Some tests start real processes: a Jupyter kernel, a child on a pseudo-terminal,
the pages' runner on a page written for the test, pytest itself. Each takes
seconds, and what it does depends only on code and installed packages. Such a
test *observes* through :func:`remembered`: the outcome (plain JSON data) is an
entry of the ``outcomes`` cache (:mod:`pipeline.cache`), keyed by the test module,
the observation's name, the installed packages and the snippets' environment,
with the repository packages this test process imported as its reads (every
``.py`` of ``dlnotes/``, ``pipeline/``, ``tests/``: what a child may run too). A
later run reuses it while they are unchanged; the assertions run every time, on
the stored data. tests/browser.py remembers the browser's observations the same way.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

from pipeline.cache import Cache, digests, imported, installed, key
from pipeline.page import ROOT
from pipeline.store import environment

OUTCOMES = Cache("outcomes")


@functools.cache
def code_reads() -> dict[str, str]:
    """What an observation of this process depends on: the repository packages it has imported
    (by its first observation: the test modules are imported when the tests are collected)."""
    return digests(imported(packages=True))


def remembered(module: Path, name: str, observe: Callable[[], object], folder: Path | None = None) -> object:
    """``observe()``'s JSON-able outcome for the test ``module``, stored, or reused while its inputs are unchanged.

    ``folder``: a temporary folder the outcome names (a traceback's file name); it is
    stored as ``<folder>`` and read back as this run's folder.
    """
    entry = key("outcome", module.relative_to(ROOT).as_posix(), name, installed(), environment())
    here = json.dumps(str(folder))[1:-1] if folder else None
    stored = OUTCOMES.get(entry)
    if stored is not None:
        text = json.dumps(stored)
        return json.loads(text.replace("<folder>", here) if here else text)
    text = json.dumps(observe())  # what is stored is what is asserted on, this run too
    OUTCOMES.put(entry, json.loads(text.replace(here, "<folder>") if here else text), code_reads())
    return json.loads(text)
