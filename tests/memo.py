"""What the tests' child processes did (a kernel, a terminal, the runner, pytest, a site build): entries of
the ``outcomes`` cache (:mod:`pipeline.cache`), reused while what they read is unchanged. The assertions run
every time, on the stored data. tests/browser.py remembers the browser's observations the same way."""

import functools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline.cache import Cache, digests, file_lock, imported, installed, key
from pipeline.page import ROOT
from pipeline.store import environment

OUTCOMES = Cache("outcomes")


@functools.cache
def code_reads() -> dict[str, str]:
    """The repository packages this process has imported (by its first observation: after collection)."""
    return digests(imported(packages=True))


def remembered(module: Path, name: str, observe: Callable[[], object], folder: Path | None = None) -> object:
    """``observe()``'s JSON-able outcome for the test ``module``, stored, or reused while its inputs are unchanged.

    ``folder``: a temporary folder the outcome names (a traceback's file name), stored as
    ``<folder>`` and read back as this run's.
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


def built_once(kind: str, product: str, command: list[str], what: str, timeout: int = 1800) -> Path:
    """The folder that ``python -m <command> <folder>`` builds (a site, the offline site, the PDFs), built again
    only when a file the build opened, listed or imported has changed (``python -m pipeline.cache`` records
    them). A lock per kind; no warning allowed; ``<folder>.*`` siblings (made from it by a test) go with it."""
    entry = key("build", kind, command, installed(), environment())
    out = OUTCOMES.file(entry, kind)
    with file_lock(OUTCOMES.root / f".lock-{kind}"):
        if OUTCOMES.get(entry) is None or not (out / product).is_file():
            for old in OUTCOMES.root.glob(f"{entry}.{kind}*"):
                shutil.rmtree(old)
            reads = OUTCOMES.file(entry, "reads")
            result = subprocess.run(
                [sys.executable, "-m", "pipeline.cache", str(reads), *command, str(out)], cwd=ROOT,
                capture_output=True, text=True, timeout=timeout, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            log = result.stdout + result.stderr
            assert result.returncode == 0, f"{what} failed:\n{log}"
            assert "WARNING" not in log, log
            OUTCOMES.put(entry, kind, json.loads(reads.read_text(encoding="utf-8")))
            reads.unlink()
    return out
