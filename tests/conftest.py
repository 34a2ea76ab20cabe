"""Fixtures shared by the tests in tests/ (the sybil set-up is in the root conftest.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cache import Cache, installed, key
from pipeline.notebooks import prepare
from pipeline.page import ROOT
from pipeline.runner import file_lock
from pipeline.store import environment

SITES = Cache("site")
"""The built sites: ``strict`` (this file), ``offline`` and ``pdf`` (their tests), one folder each."""


@pytest.fixture(scope="session")
def site() -> Path:
    """The site built with ``mkdocs build --strict``: figures and notebook outputs come from the store.

    Every page's snippets run first (what the store lacks), in this worker: the
    build itself only reads the store. Built once for what it reads
    (:func:`built_once`): the pytest-xdist workers share it, and a later run
    reuses it until a file the build read changes.
    """
    prepare()
    return built_once("strict", "index.html", ["mkdocs", "build", "--strict", "--site-dir"], "mkdocs build --strict")


def built_once(kind: str, product: str, command: list[str], what: str, timeout: int = 1800) -> Path:
    """``.cache/site/<kind>/``, made by ``python -m <command> <folder>`` unless the last build still holds.

    An entry of the ``site`` cache (:mod:`pipeline.cache`): keyed by the command, the
    installed packages and the snippets' environment; its reads are every file of the
    repository the build opened, listed or imported (``python -m pipeline.cache``
    records them), so any changed page, snippet, template, hook or record builds it
    again. The workers share it (a lock per kind); its ``<kind>.*`` siblings (what a
    test made from it) go with it. The command must pass without a warning.
    """
    out = SITES.root / kind
    entry = key(command, installed(), environment())
    with file_lock(SITES.root / f"{kind}.lock"):
        if SITES.get(entry) is None or not (out / product).is_file():
            for old in [out, *SITES.root.glob(f"{kind}.*")]:
                if old.is_dir():
                    shutil.rmtree(old)
            reads = SITES.root / f"{kind}.reads.json"
            result = subprocess.run(
                [sys.executable, "-m", "pipeline.cache", str(reads), *command, str(out)], cwd=ROOT,
                capture_output=True, text=True, timeout=timeout, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            log = result.stdout + result.stderr
            assert result.returncode == 0, f"{what} failed:\n{log}"
            assert "WARNING" not in log, log
            SITES.put(entry, kind, json.loads(reads.read_text(encoding="utf-8")))
    return out


@pytest.fixture(scope="session")
def device():
    """The device the suite runs on (--device or $DLNOTES_DEVICE; CPU by default)."""
    from dlnotes import get_device

    return get_device()
