"""The result store: a snippet runs once, and every step reads the :class:`Record` it left.

An entry of the ``results`` cache (:mod:`pipeline.cache`): its key is the snippet's
code without comments and its :func:`environment` (so both languages of a page share
it); its reads are the repository modules the run imported (``dlnotes`` and the
runner's own code). The writer is :mod:`pipeline.runner`; the readers are the page
checks, the site's hooks and ``benchmarks/report.py``.
"""

import functools
import json
import os
import platform
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from pipeline.cache import CACHE, Cache, digests, imported
from pipeline.cache import key as cache_key
from pipeline.page import Snippet, strip_comments
from pipeline.reference import pins

FIGURE_FORMATS = ("svg", "png")  # the site's figure, the notebooks'
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
    figure: bool = False  # whether it left a matplotlib Figure in ``fig`` (stored as svg and png)
    error: str | None = None  # the traceback, when it failed (failures are reported, never stored)
    problems: list[str] = field(default_factory=list)  # what would break later notebook cells
    date: str = ""  # the day it ran (UTC, ISO 8601)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.problems


def process_env() -> dict[str, str]:
    """The environment of a process that runs snippets: the reference's pins (:mod:`pipeline.reference`);
    OpenMP threads sleep while they wait (spinning ones of two workers on two cores: a snippet 3-5x slower)."""
    return {**os.environ, "MPLBACKEND": "Agg", "OMP_WAIT_POLICY": "PASSIVE", **pins()}


def device_name() -> str:
    """The device as ``dlnotes.get_device`` picks it: ``cpu`` (named without importing torch), ``cuda:0 (H200)``."""
    if os.environ.get("DLNOTES_DEVICE", "cpu").strip().lower() == "cpu":
        return "cpu"
    return _ask_device()


@functools.cache
def _ask_device() -> str:
    import torch

    from dlnotes import get_device

    device = get_device()
    return f"{device} ({torch.cuda.get_device_name(device)})" if device.type == "cuda" else str(device)


def environment() -> str:
    """Everything besides the snippet and the code it imports that can change what it prints."""
    versions = " ".join(f"{name}={_version(name)}" for name in _LIBRARIES)
    return (f"python={platform.python_version()} {platform.machine()} {versions} device={device_name()} "
            f"pins={json.dumps(sorted(pins().items()))}")


_version = functools.cache(metadata.version)


def key(snippet: Snippet, env: str | None = None) -> str:
    """The store key of ``snippet`` in ``env`` (default: this process's :func:`environment`)."""
    return cache_key(strip_comments(snippet.code), env or environment())


class Store(Cache):
    """The records: ``Store().get(key)``, ``.put(record, figures)``, ``.file(key, "svg")``."""

    def __init__(self, root: Path = CACHE / "results") -> None:
        super().__init__(Path(root).name, Path(root).parent)

    def get(self, key: str) -> Record | None:
        """The stored record of ``key``, unless a module its run imported has changed since."""
        data = super().get(key)
        return None if data is None else Record(**data)

    def put(self, record: Record, figures: dict[str, bytes] | None = None) -> Record:
        """Store a successful run, with the repository modules this process imported as its reads."""
        if not record.ok:
            raise ValueError(f"a failed run of {record.filename} is reported, not stored")
        super().put(record.key, asdict(record), digests(imported()), figures)
        return record
