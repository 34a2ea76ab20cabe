"""pytest set-up for dlnotes.

* ``--device`` (or ``$DLNOTES_DEVICE``) picks where every example runs: cpu by
  default, cuda when asked. Asking for a device this machine lacks stops the run
  at once with the reason, instead of failing deep inside a test.
* sybil runs every Python block of ``docs/**/*.md`` (see ``tests/docexec.py``)
  and every ``>>>`` example in the docstrings of ``dlnotes/``.
"""

from __future__ import annotations

import doctest
import os
import subprocess
import sys

import pytest
import torch
from sybil import Sybil
from sybil.parsers.rest import DocTestParser

from dlnotes import DEVICE_ENV_VAR, get_device, set_seed
from tests.docexec import ROOT, PythonBlockParser

DOC_SEED = 0
"""Every page and every module's doctests start from this seed."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--device",
        default=None,
        help=f"device for every example: cpu, cuda, cuda:N or auto (sets ${DEVICE_ENV_VAR}; "
        "default: its current value, else cpu)",
    )


def pytest_configure(config: pytest.Config) -> None:
    name = config.getoption("--device")
    if name:
        os.environ[DEVICE_ENV_VAR] = name
    try:
        get_device()
    except (TypeError, ValueError, RuntimeError) as error:
        raise pytest.UsageError(f"cannot run the dlnotes tests here: {error}") from None
    # Small tensors on a shared 2-core machine: one thread is faster and steadier.
    # Results are bit-identical for any thread count on the CPU.
    torch.set_num_threads(int(os.environ.get("DLNOTES_THREADS", "1")))


_notebook_run: subprocess.Popen | None = None


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    """Run the tests that need the notebooks (the notebook, site and browser tests) last.

    The notebooks run in the background meanwhile, so the rest of the suite does not
    wait for them.
    """
    items.sort(key=lambda item: "notebook_run" in getattr(item, "fixturenames", ()))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start running the chapter notebooks in the background when a test needs them.

    The notebooks run in their own kernel (one thread) on the second core while
    the rest of the suite runs here; their outputs land in .cache/notebooks/, where
    tests/test_notebooks.py and the site build find them (fixture `notebook_run`).
    """
    global _notebook_run
    needed = any("notebook_run" in getattr(item, "fixturenames", ()) for item in session.items)
    if needed and _notebook_run is None:
        log = ROOT / ".cache" / "notebooks-run.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "w", encoding="utf-8") as out:
            _notebook_run = subprocess.Popen(
                [sys.executable, "-m", "hooks.notebooks", "--execute-only"],
                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            )


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _notebook_run is not None and _notebook_run.poll() is None:  # the session stopped early
        _notebook_run.terminate()
        _notebook_run.wait()


@pytest.fixture(scope="session")
def notebook_run() -> str:
    """Wait for the background notebook run and return its log (empty when nothing ran)."""
    if _notebook_run is None:
        return ""
    _notebook_run.wait(timeout=1800)
    return (ROOT / ".cache" / "notebooks-run.log").read_text(encoding="utf-8")


def pytest_report_header(config: pytest.Config) -> str:
    device = get_device()
    cuda = f", {torch.cuda.get_device_name(device)}" if device.type == "cuda" else ""
    return f"dlnotes: device {device}{cuda}, torch {torch.__version__}"


def _seed_namespace(namespace: dict) -> None:
    set_seed(DOC_SEED)


markdown = Sybil(
    parsers=[PythonBlockParser(doctest_optionflags=doctest.ELLIPSIS)],
    path="docs",
    patterns=["*.md"],
    setup=_seed_namespace,
    name="docs",
)
docstrings = Sybil(
    parsers=[DocTestParser(optionflags=doctest.ELLIPSIS)],
    path="dlnotes",
    patterns=["*.py"],
    setup=_seed_namespace,
    name="docstrings",
)

pytest_collect_file = (markdown + docstrings).pytest()
