"""Fixtures shared by the tests in tests/ (the sybil set-up is in the root conftest.py)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from pipeline.page import ROOT
from pipeline.runner import file_lock
from pipeline.store import environment

SITES = ROOT / ".cache" / "site"  # the last strict build, in a folder named by its inputs' digest


SITE_INPUTS = ["docs", "overrides", "hooks", "pipeline", "dlnotes", "snippets", "mkdocs.yml", "requirements"]


def site_digest() -> str:
    """A digest of everything the built site depends on: its sources, the libraries, the snippets' environment."""
    digest = hashlib.sha256(environment().encode())
    for dist in sorted(metadata.distributions(), key=lambda d: d.metadata["Name"].lower()):
        digest.update(f"{dist.metadata['Name']}=={dist.version}\n".encode())
    for top in SITE_INPUTS:
        path = ROOT / top
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "__pycache__" not in file.parts and not file.is_relative_to(ROOT / "docs" / "notebooks"):
                digest.update(file.relative_to(ROOT).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def site() -> Path:
    """The site built with ``mkdocs build --strict``: figures and notebook outputs come from the store.

    Built once for its inputs (:func:`site_digest`): the pytest-xdist workers share
    it, and a later run with nothing changed reuses it, as it reuses stored snippet
    runs; any change to a page, a snippet, the library, a hook, a template or a
    pinned version builds it again.
    """
    out = SITES / site_digest()
    with file_lock(SITES.parent / "site.lock"):
        if not (out / "index.html").is_file():
            for old in SITES.glob("*"):  # older builds: their inputs changed
                shutil.rmtree(old)
            _build(out)
    return out


def _build(out: Path) -> None:
    partial = out.with_name(out.name + ".partial")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(partial)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{log}"
    assert "WARNING" not in log, log
    partial.rename(out)  # only a build that passed is kept


@pytest.fixture(scope="session")
def device():
    """The device the suite runs on (--device or $DLNOTES_DEVICE; CPU by default)."""
    from dlnotes import get_device

    return get_device()
