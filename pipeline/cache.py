"""The one cache: an entry per key under ``.cache/<kind>/``, valid while the files it read are unchanged.

    results = Cache("results")
    results.put(key, data, reads=digests(files_read), files={"svg": b"<svg ..."})
    results.get(key)            # the data, or None: never stored, or a file it read has changed since
    results.file(key, "svg")    # a file stored with it

The *key* says what was asked; the *reads* are the files the step read, recorded while it ran
(:func:`imported`, :func:`recording`), never listed by hand. Kinds: ``results`` (:mod:`pipeline.store`)
and ``outcomes`` (``tests/memo.py``, ``tests/browser.py``).
"""

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.page import ROOT

CACHE = ROOT / ".cache"
_OUTSIDE = (ROOT / ".venv", CACHE, ROOT / ".git")  # installed, generated or history: not a source


def key(*parts: object) -> str:
    """A key from plain data: what a step was asked to do."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:24]


@functools.cache
def _digest(path: Path, stamp: tuple[int, int] | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def digest(path: Path) -> str:
    """A file's content digest (read once per stamp, but every time in the two seconds after a change, which the
    stamp may not show: "racy", as git says), a folder's names (not hidden, not ``__pycache__``), or ``missing``."""
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    if path.is_dir():
        return key(sorted(p.name for p in path.iterdir() if not p.name.startswith((".", "__pycache__"))))
    if time.time_ns() - stat.st_mtime_ns < 2_000_000_000:
        return _digest.__wrapped__(path, None)
    return _digest(path, (stat.st_mtime_ns, stat.st_size))


def _name(path: Path) -> str:
    path = Path(path).resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()


def digests(paths: Iterable[Path | str]) -> dict[str, str]:
    """``{path from the root: digest}`` of each file: what a step read."""
    return {name: digest(ROOT / name) for name in sorted({_name(Path(p)) for p in paths})}


def _sources(paths: Iterable[str | os.PathLike]) -> set[Path]:
    """The repository's sources among ``paths``: inside it, not in .venv/, .cache/ or .git/."""
    inside, outside = f"{ROOT}{os.sep}", tuple(f"{o}{os.sep}" for o in _OUTSIDE)
    found = {Path(p).resolve() for p in paths if os.fspath(p).startswith(inside)}  # a cheap test first
    return {p for p in found if str(p).startswith(inside) and not str(p).startswith(outside)}


def imported(packages: bool = False) -> list[Path]:
    """The repository's files among this process's imported modules; with ``packages``, every ``.py``
    of their packages too (what a child process of this one may import)."""
    files = {f for f in _sources(getattr(m, "__file__", None) or "" for m in list(sys.modules.values()))
             if f.is_file()}
    if packages:
        files |= {p for f in list(files) if f.parent != ROOT for p in f.parent.glob("*.py")}
    return sorted(files)


@functools.cache
def installed() -> str:
    """Every installed package and its version, as one key part."""
    from importlib import metadata

    # a set: a package found twice on sys.path counts once
    return key(sorted({f"{d.metadata['Name'].lower()}=={d.version}" for d in metadata.distributions()}))


@contextlib.contextmanager
def recording() -> Iterator[set[Path]]:
    """The repository's files and folders this process opens or lists in the block (an audit hook)."""
    opened: set[Path] = set()
    active = [True]

    def hook(event: str, args: tuple) -> None:
        if active[0] and event in {"open", "os.listdir", "os.scandir"} and args \
                and isinstance(args[0], (str, os.PathLike)):
            opened.update(_sources([os.path.abspath(args[0])]))

    sys.addaudithook(hook)  # an audit hook cannot be removed: it turns itself off
    try:
        yield opened
    finally:
        active[0] = False


@contextlib.contextmanager
def file_lock(path: Path):
    """Hold an exclusive lock on ``path``: one process at a time (none on Windows: work may be done twice)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            import fcntl
        except ImportError:
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Cache:
    """Entries of one kind: ``<key>.json`` (the data and its reads) and ``<key>.<name>`` (its files)."""

    def __init__(self, kind: str, root: Path = CACHE) -> None:
        self.root = Path(root) / kind

    def file(self, key: str, name: str) -> Path:
        return self.root / f"{key}.{name}"

    def entry(self, key: str) -> dict | None:
        """``{"data", "reads"}`` as stored, whether or not it still holds."""
        try:
            return json.loads(self.file(key, "json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def get(self, key: str):
        """The data stored under ``key``, unless a file it read has changed since (or it was never stored)."""
        stored = self.entry(key)
        if stored is None or any(digest(ROOT / name) != d for name, d in stored["reads"].items()):
            return None
        return stored["data"]

    def put(self, key: str, data, reads: dict[str, str], files: dict[str, bytes] | None = None):
        """Store ``data`` with the digests of what it read, and its files; return ``data``."""
        text = json.dumps({"data": data, "reads": reads}, ensure_ascii=False, indent=1)
        for path, content in [*((self.file(key, n), c) for n, c in (files or {}).items()),
                              (self.file(key, "json"), text.encode())]:  # the entry last: whole or none
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
            partial.write_bytes(content)
            partial.replace(path)
        return data

    def keys(self) -> set[str]:
        return {p.name.split(".")[0] for p in self.root.glob("*.json")}

    def prune(self, keep: set[str]) -> int:
        """Delete every entry whose key is not in ``keep`` (with its files and folders); return how many."""
        gone = self.keys() - keep
        for path in self.root.iterdir() if self.root.is_dir() else []:
            if path.name.split(".")[0] in gone:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        return len(gone)


def main(argv: list[str]) -> int:
    """``python -m pipeline.cache READS MODULE ARGS...``: run ``python -m MODULE ARGS...``, then write
    to ``READS`` the digests of the repository files it opened, listed or imported."""
    import runpy

    reads, module, *args = argv
    sys.argv = [module, *args]
    code = 0
    with recording() as opened:
        try:
            runpy.run_module(module, run_name="__main__", alter_sys=True)
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    Path(reads).write_text(json.dumps(digests(opened | set(imported()))), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
