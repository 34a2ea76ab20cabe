"""The one cache design: an entry per key under ``.cache/<kind>/``, valid while the files it read are unchanged.

    results = Cache("results")
    results.put(key, data, reads=digests(files_read), files={"svg": b"<svg ..."})
    results.get(key)            # the data, or None: never stored, or a file it read has changed since
    results.file(key, "svg")    # a file stored with it

The *key* says what was asked (a snippet's code and its environment; a test's
observation and the browser's version); the *reads* are the files the step read,
each with its digest, recorded when it ran: the modules it imported
(:func:`imported`), the files a process opened (:func:`recording`), the pages a
browser requested. No list of inputs is written by hand: an entry whose reads
have changed is a miss. Writes are atomic (a reader sees a whole entry or none);
two writers of one key write the same thing.

Three kinds live here: ``results`` (:mod:`pipeline.store`), ``outcomes`` (what the
tests' child processes and the browser did: ``tests/memo.py``, ``tests/browser.py``)
and ``site`` (the built site, ``tests/conftest.py``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.page import ROOT

CACHE = ROOT / ".cache"
_OUTSIDE = (ROOT / ".venv", CACHE, ROOT / ".git")  # what is installed, generated or history: not a source


def key(*parts: object) -> str:
    """A key from plain data: what a step was asked to do."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:24]


@functools.cache
def _digest(path: Path, stamp: tuple[int, int]) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def digest(path: Path) -> str:
    """A file's content digest (read once per process and state of the file), a folder's list of names
    (without hidden ones and ``__pycache__``: what a tool or a test keeps there is not a source), or ``missing``."""
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    if path.is_dir():
        return key(sorted(p.name for p in path.iterdir() if not p.name.startswith((".", "__pycache__"))))
    if time.time_ns() - stat.st_mtime_ns < 2_000_000_000:  # changed just now: the clock may not show
        return _digest.__wrapped__(path, None)  # the next change in its stamp ("racy" files, as git calls them)
    return _digest(path, (stat.st_mtime_ns, stat.st_size))


def _name(path: Path) -> str:
    path = Path(path).resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()


def digests(paths: Iterable[Path | str]) -> dict[str, str]:
    """``{path (from the root where it is inside): digest}`` of each file: what a step read."""
    return {name: digest(ROOT / name) for name in sorted({_name(Path(p)) for p in paths})}


def source(path: Path | str) -> bool:
    """Whether ``path`` is one of the repository's sources (not .venv/, .cache/ or .git/)."""
    path = Path(path).resolve()
    return path.is_relative_to(ROOT) and not any(path.is_relative_to(o) for o in _OUTSIDE)


def imported(packages: bool = False) -> list[Path]:
    """The repository's source files among this process's imported modules.

    ``packages``: every ``.py`` of each repository package imported from, too:
    what a child process of this one may import (a test's child runs ``pipeline``).
    """
    outside = tuple(f"{o}{os.sep}" for o in _OUTSIDE)  # a cheap test first: of the thousands of modules
    files = {Path(f).resolve() for m in list(sys.modules.values())  # imported, a few are from here
             if isinstance(f := getattr(m, "__file__", None), str) and f.startswith(str(ROOT))
             and not f.startswith(outside)}
    files = {f for f in files if source(f) and f.is_file()}
    if packages:
        files |= {p for f in list(files) if f.parent != ROOT for p in f.parent.glob("*.py")}
    return sorted(files)


@functools.cache
def installed() -> str:
    """Every installed package and its version, as one key part (once per process)."""
    from importlib import metadata

    # a set: a package found twice on sys.path (an egg-info a wheel build left in the tree) counts once
    return key(sorted({f"{d.metadata['Name'].lower()}=={d.version}" for d in metadata.distributions()}))


_LOOKS = frozenset({"open", "os.listdir", "os.scandir"})


@contextmanager
def recording() -> Iterator[set[Path]]:
    """The repository's source files and folders this process opens or lists inside the block
    (an audit hook: every ``open``, ``os.listdir`` and ``os.scandir``)."""
    opened: set[Path] = set()
    active = [True]

    def hook(event: str, args: tuple) -> None:
        if active[0] and event in _LOOKS and args and isinstance(args[0], (str, os.PathLike)) and source(args[0]):
            opened.add(Path(args[0]).resolve())

    sys.addaudithook(hook)  # (an audit hook cannot be removed: it turns itself off)
    try:
        yield opened
    finally:
        active[0] = False


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (other processes may read it at the same time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)


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
        """Store ``data`` with the digests of what it read (``digests(...)``) and its files; return ``data``."""
        for name, content in (files or {}).items():
            write_atomic(self.file(key, name), content)
        text = json.dumps({"data": data, "reads": reads}, ensure_ascii=False, indent=1)
        write_atomic(self.file(key, "json"), text.encode())
        return data

    def keys(self) -> set[str]:
        return {p.name.split(".")[0] for p in self.root.glob("*.json")}

    def prune(self, keep: set[str]) -> int:
        """Delete every entry whose key is not in ``keep``; return how many."""
        gone = self.keys() - keep
        for path in self.root.iterdir() if self.root.is_dir() else []:
            if path.name.split(".")[0] in gone:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        return len(gone)


def main(argv: list[str]) -> int:
    """``python -m pipeline.cache READS MODULE ARGS...``: run ``python -m MODULE ARGS...``, then write to
    ``READS`` the digests of the repository's files it read (opened, listed or imported)."""
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
