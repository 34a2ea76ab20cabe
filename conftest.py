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

import pytest
import torch
from sybil import Sybil
from sybil.parsers.rest import DocTestParser

from dlnotes import DEVICE_ENV_VAR, get_device, set_seed
from tests.docexec import PythonBlockParser

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
