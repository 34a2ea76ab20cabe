"""What the tests' child processes did, remembered while the code they ran is unchanged.

Some tests start real processes: a Jupyter kernel, a child on a pseudo-terminal,
the pages' runner on a page written for the test, pytest itself. Each takes
seconds, and what it does depends only on code: the library (dlnotes/), the
machinery (pipeline/), the test set-up, the test module, and the installed
packages and device. Such a test *observes* through :func:`remembered`: the
outcome (plain JSON data) is stored in .cache/outcomes/ with a digest of all of
that (:func:`inputs_digest`), and a later run with the same digest reuses it.
The assertions run every time, on the stored data.

So a contributor's rerun after editing a chapter or a snippet starts none of these
processes again; a change to dlnotes/, pipeline/ or the test runs them. CI starts
from a clean clone and always runs them. tests/browser.py remembers the browser's
observations the same way, and tests/conftest.py names each built site by
:func:`inputs_digest` of its sources.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from pipeline.page import ROOT
from pipeline.store import environment

OUTCOMES = ROOT / ".cache" / "outcomes"
CODE = ["dlnotes", "pipeline", "conftest.py", "tests/conftest.py", "tests/memo.py", "pyproject.toml"]
"""What every remembered outcome depends on, besides its own test module."""


@functools.cache
def inputs_digest(tops: tuple[str, ...]) -> str:
    """A digest of the files under ``tops`` (paths from the repository root), every installed
    package's version, and the snippets' environment (device, library sources); once per run."""
    digest = hashlib.sha256(environment().encode())
    # a set: a package found twice on sys.path (an egg-info a wheel build left in the tree) counts once
    for installed in sorted({f"{d.metadata['Name'].lower()}=={d.version}" for d in metadata.distributions()}):
        digest.update(installed.encode() + b"\n")
    for top in tops:
        path = ROOT / top
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "__pycache__" not in file.parts and not file.is_relative_to(ROOT / "docs" / "notebooks"):
                digest.update(file.relative_to(ROOT).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def write_json(file: Path, data) -> None:
    """Write ``data`` to ``file`` whole or not at all (test workers may read it at the same time)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_suffix(f".{os.getpid()}.partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(file)


def remembered(module: Path, name: str, observe: Callable[[], object], folder: Path | None = None) -> object:
    """``observe()``'s JSON-able outcome for the test ``module``, stored, or reused while its inputs are unchanged.

    ``folder``: a temporary folder the outcome names (a traceback's file name); it is
    stored as ``<folder>`` and read back as this run's folder.
    """
    key = inputs_digest((*CODE, module.relative_to(ROOT).as_posix()))
    file = OUTCOMES / f"{module.stem}-{hashlib.sha256(name.encode()).hexdigest()[:12]}.json"
    here = json.dumps(str(folder))[1:-1] if folder else None
    try:
        stored = json.loads(file.read_text(encoding="utf-8"))
        if stored["name"] == name and stored["key"] == key:
            text = json.dumps(stored["seen"])
            return json.loads(text.replace("<folder>", here) if here else text)
    except (OSError, ValueError, KeyError):
        pass
    text = json.dumps(observe())  # what is stored is what is asserted on, this run too
    seen = json.loads(text.replace(here, "<folder>") if here else text)
    write_json(file, {"name": name, "key": key, "seen": seen})
    return json.loads(text)
