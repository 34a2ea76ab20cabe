"""The result store: a snippet runs once, and every step reads what it left here.

A :class:`Record` is what one run of one snippet produced: what it printed, the
figure it drew (SVG for the site, PNG for the notebooks), how long it took, the
torch version, the device and the whole platform it ran on
(:func:`pipeline.reference.measure`). It is stored under ``.cache/results/<key>/``
(git-ignored; cached by the GitHub workflows), where

    key = sha256(the snippet's code without comments, the dlnotes sources,
                 the Python, torch, numpy, matplotlib, scipy and scikit-learn versions,
                 the machine, the device, the platform's pins (pipeline.reference.pins))

so both languages of a page share a record (only prose and comments differ), and
a changed snippet, a changed ``dlnotes`` source, another library version, another
device or another pin (threads, kernels) makes a new key, and so a new run.

Readers: the page checks (``#>`` lines, :mod:`pipeline.examples`), the site's
figures and notebook outputs (``hooks/figures.py``, ``hooks/notebooks.py``) and
``benchmarks/report.py``. The writer is :mod:`pipeline.runner`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from pipeline.page import ROOT, Snippet, strip_comments
from pipeline.reference import pins

STORE = ROOT / ".cache" / "results"
DEVICE_MEMO = ROOT / ".cache" / "device"  # device_name(), per boot
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

    Asking imports torch (about a second of every build), so the answer is kept in
    ``.cache/device/`` for this boot of this machine, this interpreter and torch, and
    the ``DLNOTES_*``, ``CUDA_*`` and ``ATEN_*`` variables: with any of them changed
    (a copied cache on another machine has another boot id), torch is asked again.
    Without a boot id (not Linux), it is asked every time.
    """
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return _ask_device()
    chosen = sorted((k, v) for k, v in os.environ.items() if k.startswith(("DLNOTES_", "CUDA_", "ATEN_")))
    fingerprint = json.dumps([boot, sys.executable, metadata.version("torch"), chosen])
    memo = DEVICE_MEMO / f"{hashlib.sha256(fingerprint.encode()).hexdigest()[:24]}.txt"
    if memo.is_file():
        return memo.read_text(encoding="utf-8")
    name = _ask_device()
    memo.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=memo.parent, suffix=".tmp", delete=False) as staging:
        staging.write(name)  # one file per writer (processes and threads), then an atomic rename:
    os.replace(staging.name, memo)  # a test worker never reads half a name
    return name


def _ask_device() -> str:
    from dlnotes import get_device

    device = get_device()
    if device.type == "cuda":
        import torch

        return f"{device} ({torch.cuda.get_device_name(device)})"
    return str(device)


@functools.cache
def _environment(device: str, sources: str, pinned: str) -> str:
    versions = " ".join(f"{name}={metadata.version(name)}" for name in _LIBRARIES)
    return (f"python={platform.python_version()} {platform.machine()} {versions} device={device} "
            f"pins={pinned} dlnotes={sources}")


def python_digest(*folders: str) -> str:
    """A digest of the Python sources under ``folders`` (paths from the repository root)."""
    digest = hashlib.sha256()
    for source in sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py")):
        digest.update(source.relative_to(ROOT).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


def sources_digest() -> str:
    """A digest of the ``dlnotes`` package's sources, which every snippet may import."""
    return python_digest("dlnotes")


def environment() -> str:
    """Everything besides the snippet itself that can change what it prints (the platform's pins among it)."""
    return _environment(device_name(), sources_digest(), json.dumps(sorted(pins().items())))


def key(snippet: Snippet, env: str | None = None) -> str:
    """The store key of ``snippet`` in ``env`` (default: this process's :func:`environment`)."""
    digest = hashlib.sha256(strip_comments(snippet.code).encode())
    digest.update(b"\0" + (env or environment()).encode())
    return digest.hexdigest()[:24]


class Store:
    """Records on disk, one folder per key."""

    def __init__(self, root: Path = STORE) -> None:
        self.root = Path(root)

    def folder(self, key: str) -> Path:
        return self.root / key

    def get(self, key: str) -> Record | None:
        path = self.folder(key) / "record.json"
        if not path.is_file():
            return None
        return Record(**json.loads(path.read_text(encoding="utf-8")))

    def figure(self, key: str, format: str = "svg") -> Path:
        """The figure a stored run drew, in ``format`` (``svg`` or ``png``)."""
        return self.folder(key) / f"fig.{format}"

    def put(self, record: Record, figures: dict[str, bytes] | None = None) -> None:
        """Store a successful run, atomically: a reader sees all of it or nothing."""
        if not record.ok:
            raise ValueError(f"a failed run of {record.filename} is reported, not stored")
        self.root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{record.key}-", dir=self.root))
        for format, data in (figures or {}).items():
            (staging / f"fig.{format}").write_bytes(data)
        (staging / "record.json").write_text(json.dumps(asdict(record), ensure_ascii=False, indent=1),
                                             encoding="utf-8")
        target = self.folder(record.key)
        try:
            os.rename(staging, target)
        except OSError:  # another process stored the same key first: same inputs, same record
            shutil.rmtree(staging, ignore_errors=True)

    def keys(self) -> set[str]:
        return {p.name for p in self.root.iterdir() if (p / "record.json").is_file()} if self.root.is_dir() else set()

    def prune(self, keep: set[str]) -> int:
        """Delete every record not in ``keep`` (old sources, old versions); return how many."""
        gone = self.keys() - keep
        for name in gone:
            shutil.rmtree(self.folder(name), ignore_errors=True)
        return len(gone)
