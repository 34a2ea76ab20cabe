"""Run a page's snippets once and store what they leave (:mod:`pipeline.store`).

One execution proves two things, so nothing has to run a second time:

* **Each snippet runs alone**, as a reader pastes it into a fresh Colab: it runs in
  a fresh namespace (only its own imports and names), and it starts from a global
  random state drawn anew for every run (torch, NumPy and Python's ``random``), so
  a snippet whose output depends on unseeded random numbers prints other numbers
  than its ``#>`` lines and fails (all but surely), while one that draws numbers
  it does not show (a layer's initial weights it then overwrites) passes.
* **The page runs in order**, as its notebook does top to bottom in one kernel:
  the snippets of a page run in page order in one fresh interpreter (a new
  process per page), and a snippet that would change what a later cell of the
  notebook sees fails: one that changes torch's default dtype or turns off
  autograd, rebinds a built-in name (``sum = ...`` breaks ``sum()`` in later
  cells), or raises a warning.

What it does not prove: IPython-only behaviour (``%pip``, the ``fig`` shown at a
cell's end) and other process state a snippet could leave behind (a changed
matplotlib style, say), which ``python3 dev.py notebooks`` checks by
running every notebook in a real Jupyter kernel.

    python -m pipeline.runner docs/spiral.md [...]   # run what is not stored yet, print a summary

:func:`ensure` is what the tests and the site build call: it returns a page's
records, running the missing ones in a child process (``--child``), with a lock
per chapter so that two test workers never run the same chapter twice.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime
import io
import json
import os
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

from pipeline import forkserver, reference
from pipeline.page import ROOT, Page, Snippet, parse
from pipeline.store import (
    FIGURE_FORMATS,
    Record,
    Store,
    device_name,
    environment,
    key,
    process_env,
)

_BUILTINS = frozenset(dir(builtins))


class RunnerError(RuntimeError):
    """The child process that runs a page's snippets did not finish."""


def _save_figure(fig) -> dict[str, bytes]:
    """``fig`` as reproducible SVG (the site) and PNG (the notebooks), or nothing if it is not a Figure."""
    import matplotlib
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        return {}
    out = {}
    for format in FIGURE_FORMATS:
        buffer = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": "dlnotes", "svg.fonttype": "none"}):
            fig.savefig(buffer, format=format, dpi=100 if format == "png" else 150, metadata={"Date": None}
                        if format == "svg" else {"Software": None})
        out[format] = buffer.getvalue()
    return out


def _traceback(error: BaseException, filename: str) -> str:
    """The traceback from the snippet's own frames on (the runner's frames say nothing to a reader)."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(error), error, tb or error.__traceback__))


def run_snippet(snippet: Snippet, env: str, platform: dict[str, str]) -> tuple[Record, dict[str, bytes]]:
    """Run one snippet in a fresh namespace in this process: its record and its figure files."""
    import random

    import matplotlib.pyplot as plt
    import numpy
    import torch

    namespace = {"__name__": "__main__", "__file__": str(ROOT / snippet.filename)}
    seed = random.SystemRandom().randrange(2**32)  # a new global random state for every run
    torch.manual_seed(seed)
    random.seed(seed)
    numpy.random.seed(seed)
    stdout, stderr = io.StringIO(), io.StringIO()
    error, problems = None, []
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                exec(snippet.compile(), namespace)
        except Exception as exc:  # noqa: BLE001 - reported with the page, the other snippets still run
            error = _traceback(exc, snippet.filename) + stderr.getvalue()[-2000:]
    seconds = time.perf_counter() - start
    for warning in caught:
        problems.append(f"it warns: {warning.category.__name__}: {warning.message} "
                        f"({Path(warning.filename).name}:{warning.lineno})")
    if torch.get_default_dtype() != torch.float32:
        problems.append(f"it leaves torch's default dtype at {torch.get_default_dtype()} for the cells after it")
        torch.set_default_dtype(torch.float32)
    if not torch.is_grad_enabled():
        problems.append("it leaves autograd turned off for the cells after it (use `with torch.no_grad():`)")
        torch.set_grad_enabled(True)
    shadowed = sorted(name for name in namespace if name in _BUILTINS and not name.startswith("__"))
    if shadowed:
        problems.append(f"it rebinds the built-in name(s) {', '.join(shadowed)}, which breaks them in the "
                        "notebook's later cells: choose another name")
    figures = _save_figure(namespace.get("fig")) if error is None else {}
    plt.close("all")
    record = Record(key(snippet, env), snippet.filename, stdout.getvalue(), round(seconds, 4),
                    torch.__version__, device_name(), seed, platform, bool(figures), error, problems,
                    date=datetime.datetime.now(datetime.timezone.utc).date().isoformat())
    return record, figures


def run_page(page: Page, indices: list[int], store: Store, env: str) -> list[Record]:
    """Run ``page.runnable[i]`` for each ``i``, in page order, in this process; store the good runs.

    Each run is logged, one JSON line, in the store's ``runs.log`` (the benchmark
    report counts how often a snippet ran; a test proves a stored one does not run).
    """
    import matplotlib

    matplotlib.use("Agg")
    reference.pin()  # threads and deterministic algorithms; process_env() pinned the rest
    platform = reference.measure(device_name())
    records = []
    for i in sorted(indices):
        record, figures = run_snippet(page.runnable[i], env, platform)
        if record.ok:
            store.put(record, figures)
        with open(store.root / "runs.log", "a", encoding="utf-8") as log:
            log.write(json.dumps({"key": record.key, "page": page.path, "snippet": record.filename,
                                  "seconds": record.seconds, "ok": record.ok}) + "\n")
        records.append(record)
    return records


@contextlib.contextmanager
def file_lock(path: Path):
    """Hold an exclusive lock on ``path`` (created if missing): one process at a time gets past it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no lock; at worst the work is done twice at once
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure(page: Page, store: Store | None = None, timeout: float = 900) -> list[Record]:
    """The record of each runnable snippet of ``page``, in order: stored, or run now in a child process.

    Failed runs are returned (and not stored), so the test of that snippet reports
    the traceback; the next call runs them again.
    """
    store = store or Store()
    env = environment()
    keys = [key(snippet, env) for snippet in page.runnable]
    records = [store.get(k) for k in keys]
    missing = [i for i, r in enumerate(records) if r is None]
    if not missing:
        return records
    with file_lock(store.root / f".lock-{page.name}"):  # both languages share the chapter's records
        records = [store.get(k) for k in keys]  # another process may have run them meanwhile
        missing = [i for i, r in enumerate(records) if r is None]
        if missing:
            for i, record in zip(missing, _run_in_child(page, missing, store, env, timeout)):
                records[i] = record
    return records


def ensure_all(pages: list[Page], store: Store | None = None, workers: int | None = None) -> list[list[Record]]:
    """:func:`ensure` for several pages, a chapter per core at a time (each page runs in its own process).

    A chapter's languages go to one thread, one after the other: the second only reads.
    Chapters with more snippets start first.
    """
    from concurrent.futures import ThreadPoolExecutor

    chapters: dict[str, list[Page]] = {}
    for page in sorted(pages, key=lambda p: -len(p.runnable)):  # the longest first: no long chapter starts last
        chapters.setdefault(page.name, []).append(page)
    with ThreadPoolExecutor(workers or os.cpu_count() or 1) as pool:
        done = dict(zip(chapters, pool.map(lambda group: [ensure(p, store) for p in group], chapters.values())))
    return [done[page.name][chapters[page.name].index(page)] for page in pages]


def _run_in_child(page: Page, indices: list[int], store: Store, env: str, timeout: float) -> list[Record]:
    """Run the snippets in a new process (:mod:`pipeline.forkserver`); it keys them with this process's environment."""
    with tempfile.TemporaryDirectory(prefix="dlnotes-run-") as tmp:
        out = Path(tmp) / "records.json"
        argv = ["--child", page.path, str(out), str(store.root), env, *map(str, indices)]
        code, output = forkserver.run(argv, process_env(), timeout)
        if code != 0 or not out.is_file():
            raise RunnerError(f"running the snippets of {page.path} failed (exit {code}):\n{output[-6000:]}")
        return [Record(**r) for r in json.loads(out.read_text(encoding="utf-8"))]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        path, out, root, env, *indices = argv[1:]
        records = run_page(parse(path), [int(i) for i in indices], Store(Path(root)), env)
        Path(out).write_text(json.dumps([r.__dict__ for r in records]), encoding="utf-8")
        return 0
    failed = 0
    for path in argv or sorted(str(p) for p in (ROOT / "docs").glob("*.md")):
        page = parse(path)
        start = time.perf_counter()
        records = ensure(page)
        bad = [r for r in records if not r.ok]
        failed += len(bad)
        print(f"{page.path}: {len(records)} snippets, {len(bad)} failed, {time.perf_counter() - start:.1f} s")
        for record in bad:
            print(f"  {record.filename}: {record.error or '; '.join(record.problems)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
