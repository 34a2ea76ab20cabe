"""Fixtures shared by the tests in tests/ (the sybil set-up is in the root conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.page import ROOT
from pipeline.runner import file_lock
from tests.memo import inputs_digest

SITES = ROOT / ".cache" / "site"  # the last strict build, in a folder named by its inputs' digest


SITE_INPUTS = ["docs", "overrides", "hooks", "pipeline", "dlnotes", "snippets", "notebooks", "mkdocs.yml",
               "requirements"]  # notebooks/: the build publishes them as downloads


def site_digest() -> str:
    """A digest of everything the built site depends on: its sources, the libraries, the snippets' environment."""
    return inputs_digest(tuple(SITE_INPUTS))


@pytest.fixture(scope="session")
def site() -> Path:
    """The site built with ``mkdocs build --strict``: figures and notebook outputs come from the store.

    Built once for its inputs (:func:`site_digest`): the pytest-xdist workers share
    it, and a later run with nothing changed reuses it, as it reuses stored snippet
    runs; any change to a page, a snippet, the library, a hook, a template or a
    pinned version builds it again.
    """
    return built_once(SITES, "index.html", ["-m", "mkdocs", "build", "--strict", "--site-dir"], "mkdocs build --strict")


def built_once(builds: Path, product: str, command: list[str], what: str, timeout: int = 1800) -> Path:
    """``builds/<site digest>``, made by ``python <command> <folder>`` unless it already holds ``product``.

    One build per set of inputs (:func:`site_digest`), shared by the test workers
    (a lock per kind of build) and reused by later runs; older builds are deleted.
    The command must pass without a warning; only a build that passed is kept.
    """
    out = builds / site_digest()
    with file_lock(builds.parent / f"{builds.name}.lock"):
        if not (out / product).is_file():
            for old in builds.glob("*"):  # older builds: their inputs changed
                shutil.rmtree(old)
            partial = out.with_name(out.name + ".partial")
            result = subprocess.run(
                [sys.executable, *command, str(partial)], cwd=ROOT, capture_output=True, text=True,
                timeout=timeout, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            log = result.stdout + result.stderr
            assert result.returncode == 0, f"{what} failed:\n{log}"
            assert "WARNING" not in log, log
            partial.rename(out)
    return out


@pytest.fixture(scope="session")
def device():
    """The device the suite runs on (--device or $DLNOTES_DEVICE; CPU by default)."""
    from dlnotes import get_device

    return get_device()
