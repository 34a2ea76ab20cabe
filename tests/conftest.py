"""Fixtures shared by the tests in tests/ (the sybil set-up is in the root conftest.py)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.docexec import ROOT, read_snippet, run_whole_file


def _figures_hook():
    spec = importlib.util.spec_from_file_location("figures_hook", ROOT / "hooks" / "figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _draw_figures_from_this_session() -> None:
    """Save each figure from the snippet run the page tests share (tests/docexec.py).

    The build would otherwise run every figure snippet a second time, in its own
    process; with the figure already in the cache the build only copies it.
    """
    hook = _figures_hook()
    for name in hook.referenced(ROOT / "docs"):
        out = hook.cached_path(ROOT, name)
        if not out.is_file():
            _, names = run_whole_file(read_snippet(f"snippets/{name}.py"))
            hook.save(names.get("fig"), name, out)


@pytest.fixture(scope="session")
def site(tmp_path_factory, notebook_run) -> Path:
    """The site built with ``mkdocs build --strict``, after the notebooks ran (conftest.py)."""
    out = tmp_path_factory.mktemp("site")
    _draw_figures_from_this_session()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{log}"
    assert "WARNING" not in log, log
    return out


@pytest.fixture(scope="session")
def device():
    """The device the suite runs on (--device or $DLNOTES_DEVICE; CPU by default)."""
    from dlnotes import get_device

    return get_device()
