"""The result store: a snippet runs once, and every step reads what it left here.

A :class:`Record` is what one run of one snippet produced: what it printed, the
figure it drew (SVG for the site, PNG for the notebooks), how long it took, the
torch version, the device and the whole platform it ran on
(:func:`pipeline.reference.measure`). It is an entry of the ``results`` cache
(:mod:`pipeline.cache`, ``.cache/results/``; cached by the GitHub workflows):

    key   = the snippet's code without comments, and its environment: the Python,
            torch, numpy, matplotlib, scipy and scikit-learn versions, the machine,
            the device, the platform's pins (pipeline.reference.pins)
    reads = every repository module the run imported: dlnotes, and the runner's own
            code (pipeline/), recorded by the child process that ran it

so both languages of a page share a record (only prose and comments differ), and
a changed snippet, library version, device or pin makes a new key, while a changed
``dlnotes`` module or runner makes the stored record a miss: either way it runs again.

Readers: the page checks (``#>`` lines, :mod:`pipeline.examples`), the site's
figures, outputs and notebook outputs (``hooks/``, which only read:
:func:`pipeline.runner.stored`) and ``benchmarks/report.py``. The writer is
:mod:`pipeline.runner`.
"""

from __future__ import annotations

import functools
import json
import os
import platform
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from pipeline.cache import Cache, digests, imported
from pipeline.cache import key as cache_key
from pipeline.page import ROOT, Snippet, strip_comments
from pipeline.reference import pins

STORE = ROOT / ".cache" / "results"
FIGURE_FORMATS = ("svg", "png")
_LIBRARIES = ("torch", "numpy", "matplotlib", "scipy", "scikit-learn")


@dataclass
class Record:
    """One run of one snippet."""

    key: str
    filename: str  # the snippet's file (or page, for code written in a fence)
    stdout: str
    seconds: float
    torch: str
    device: str
    seed: int  # the global random state it started from (drawn anew for every run)
    platform: dict[str, str] = field(default_factory=dict)  # where it ran (pipeline.reference.measure)
    figure: bool = False  # whether it left a matplotlib Figure in ``fig`` (saved as fig.svg, fig.png)
    error: str | None = None  # the traceback, when it failed (failures are reported, never stored)
    problems: list[str] = field(default_factory=list)  # what would break later notebook cells: leaks, warnings
    date: str = ""  # the day it ran (UTC, ISO 8601); records stored before dates were kept have none

    @property
    def ok(self) -> bool:
        return self.error is None and not self.problems


def process_env() -> dict[str, str]:
    """The environment of a process that runs snippets (the runner's, a notebook kernel's): the reference's pins.

    See :mod:`pipeline.reference`: the kernels, the BLAS, the threads and the hash seed,
    unless the environment already sets them (another platform, asked for). With more than
    one thread each, the processes of two test workers share two cores: OpenMP threads that
    spin while they wait would take turns from each other (measured: a snippet 3-5 times
    slower), so they sleep instead. That changes no result.
    """
    return {**os.environ, "MPLBACKEND": "Agg", "OMP_WAIT_POLICY": "PASSIVE", **pins()}


def device_name() -> str:
    """The device the snippets run on, as ``dlnotes.get_device`` picks it: ``cpu``, ``cuda:0 (NVIDIA H200)``.

    The CPU (the default) is named without importing torch; any other choice asks torch.
    """
    if os.environ.get("DLNOTES_DEVICE", "cpu").strip().lower() == "cpu":
        return "cpu"
    return _ask_device()


@functools.cache
def _ask_device() -> str:
    from dlnotes import get_device

    device = get_device()
    if device.type == "cuda":
        import torch

        return f"{device} ({torch.cuda.get_device_name(device)})"
    return str(device)


@functools.cache
def _environment(device: str, pinned: str) -> str:
    versions = " ".join(f"{name}={metadata.version(name)}" for name in _LIBRARIES)
    return f"python={platform.python_version()} {platform.machine()} {versions} device={device} pins={pinned}"


def environment() -> str:
    """Everything besides the snippet and the code it imports that can change what it prints (the pins too)."""
    return _environment(device_name(), json.dumps(sorted(pins().items())))


def key(snippet: Snippet, env: str | None = None) -> str:
    """The store key of ``snippet`` in ``env`` (default: this process's :func:`environment`)."""
    return cache_key(strip_comments(snippet.code), env or environment())


class Store:
    """The records, an entry each in the ``results`` cache (:mod:`pipeline.cache`)."""

    def __init__(self, root: Path = STORE) -> None:
        self.root = Path(root)
        self.cache = Cache(self.root.name, self.root.parent)

    def get(self, key: str) -> Record | None:
        """The stored record of ``key``, unless a module its run imported has changed since."""
        data = self.cache.get(key)
        return None if data is None else Record(**data)

    def figure(self, key: str, format: str = "svg") -> Path:
        """The figure a stored run drew, in ``format`` (``svg`` or ``png``)."""
        return self.cache.file(key, format)

    def put(self, record: Record, figures: dict[str, bytes] | None = None) -> None:
        """Store a successful run, with the repository modules this process has imported (its reads)."""
        if not record.ok:
            raise ValueError(f"a failed run of {record.filename} is reported, not stored")
        self.cache.put(record.key, asdict(record), digests(imported()), figures)

    def keys(self) -> set[str]:
        return self.cache.keys()

    def prune(self, keep: set[str]) -> int:
        """Delete every record not in ``keep`` (old code, old versions); return how many."""
        return self.cache.prune(keep)
