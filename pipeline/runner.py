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
matplotlib style, say), which ``python3 dev.py kernels`` checks by
running every notebook in a real Jupyter kernel.

    python3 dev.py run [docs/spiral.md ...]   # run what the store lacks, print a summary

:func:`ensure` is what the tests, ``dev.py run`` (and so ``build``, ``serve``) call:
it returns a page's records, running the missing ones in a child process forked
from multiprocessing's fork server, with a lock per chapter so that two test
workers never run the same chapter twice. A crash or hang of that process costs
one run: each of its snippets reports the failure. The MkDocs build only reads
(:func:`stored`).
"""

from __future__ import annotations

import builtins
import contextlib
import datetime
import io
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import warnings
from pathlib import Path

from pipeline import reference
from pipeline.page import ROOT, Page, Snippet, pages, parse
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


class MissingRecords(LookupError):
    """A step that only reads the store (the site build) found a snippet that has not run."""


FILL = "python3 dev.py run"
"""The command that runs what the store lacks (every page, or the pages named after it)."""


def stored(page: Page, store: Store | None = None) -> list[Record]:
    """The stored record of each runnable snippet of ``page``, in order; nothing runs.

    Raises :class:`MissingRecords` naming the first snippet without a record and the
    command that fills the store. The site build reads the store this way.
    """
    store = store or Store()
    env = environment()
    records = []
    for snippet in page.runnable:
        record = store.get(key(snippet, env))
        if record is None:
            raise MissingRecords(f"{page.path}:{snippet.line}: {snippet.filename} has no stored run "
                                 f"for this code and environment: run {FILL} {page.path}")
        records.append(record)
    return records


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


SNIPPET_TIMEOUT = float(os.environ.get("DLNOTES_SNIPPET_TIMEOUT", 120))
"""Seconds one snippet may run (a snippet should take a few): past it, that snippet fails and the next runs."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Raise ``TimeoutError`` in the block after ``seconds`` (in the main thread of a process: the runner's child)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise TimeoutError(f"the snippet ran past {seconds:g} s, the limit of one snippet (pipeline/runner.py)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr), _time_limit(SNIPPET_TIMEOUT):
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


FAILED: dict[str, Record] = {}
"""The failed runs of this process, by key: a failure is reported by each test that reads it, never run again
in the same process (a run of the tests, of the build), and never stored (the next run tries again)."""


def ensure(page: Page, store: Store | None = None, timeout: float = 900) -> list[Record]:
    """The record of each runnable snippet of ``page``, in order: stored, failed in this process, or run now.

    What is missing runs in a child process, with a lock per chapter so that two test
    workers never run the same chapter at once (both languages share its records).
    """
    store = store or Store()
    env = environment()
    keys = [key(snippet, env) for snippet in page.runnable]

    def known() -> tuple[list[Record | None], list[int]]:
        records = [store.get(k) or FAILED.get(k) for k in keys]
        return records, [i for i, r in enumerate(records) if r is None]

    records, missing = known()
    if not missing:
        return records
    with file_lock(store.root / f".lock-{page.name}"):
        records, missing = known()  # another process may have run them meanwhile
        for i, record in zip(missing, _run_in_child(page, missing, store, env, timeout) if missing else []):
            records[i] = record
            if not record.ok:
                FAILED[record.key] = record
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


PRELOAD = ["numpy", "torch", "matplotlib.pyplot", "sklearn.datasets", "dlnotes", "pipeline.runner"]
"""What the fork server imports once, before it forks a process per page: what the runner and most pages import."""
_server: dict[str, str] = {}  # the environment the fork server started with (none yet: empty)
_server_lock = threading.Lock()


def _forkserver(env: dict[str, str]):
    """multiprocessing's fork server context for runs in ``env``, or ``None`` if a run needs a fresh interpreter.

    Starting Python and importing torch, NumPy, matplotlib and scikit-learn costs about
    two seconds of processor time per page; the fork server (standard library) pays it
    once per process and forks each page from an interpreter that has only imported
    :data:`PRELOAD`: no snippet ran there, nothing is seeded, CUDA is untouched. It
    inherits this process's environment when it starts, so that becomes ``env``; a
    later run in another environment (a test that sets a variable) gets a plain new
    interpreter instead. ``None`` too where there is no fork server (Windows), or with
    ``$DLNOTES_FORKSERVER=0`` (``benchmarks/report.py`` measures what the server saves).
    """
    if "forkserver" not in multiprocessing.get_all_start_methods() or os.environ.get("DLNOTES_FORKSERVER") == "0":
        return None
    env = {k: v for k, v in env.items() if k != "PYTEST_CURRENT_TEST"}  # pytest's name of the running test
    context = multiprocessing.get_context("forkserver")
    with _server_lock:
        if not _server:
            os.environ.update(env)  # what the server inherits (the pins are set already; MPLBACKEND)
            context.set_forkserver_preload(PRELOAD)
            _server.update(env)
    return context if env == _server else None


def _child(path: str, indices: list[int], root: str, env: str, out: str, log: str) -> None:
    """In the new process: run the page's snippets, the records to ``out``, anything printed to ``log``."""
    handle = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(handle, 1)
    os.dup2(handle, 2)
    records = run_page(parse(path), indices, Store(Path(root)), env)
    Path(out).write_text(json.dumps([r.__dict__ for r in records]), encoding="utf-8")


def _run_in_child(page: Page, indices: list[int], store: Store, env: str, timeout: float) -> list[Record]:
    """Run the snippets in a new process, keyed with this process's environment; a crash or a hang
    of the process is each snippet's failure (the ones it stored before are read back)."""
    with tempfile.TemporaryDirectory(prefix="dlnotes-run-") as tmp:
        out, log = Path(tmp) / "records.json", Path(tmp) / "output.txt"
        args = (page.path, indices, str(store.root), env, str(out), str(log))
        context = _forkserver(process_env())
        if context is not None:
            process = context.Process(target=_child, args=args, name=f"dlnotes {page.name}")
            process.start()
            process.join(timeout)
            if process.is_alive():
                process.kill()
                process.join()
            code = "timeout" if process.exitcode == -signal.SIGKILL else process.exitcode
        else:
            argv = [sys.executable, "-m", "pipeline.runner", "--child", *map(str, args[:4]), str(out), str(log)]
            try:
                code = subprocess.run(argv, cwd=ROOT, env=process_env(), timeout=timeout).returncode
            except subprocess.TimeoutExpired:
                code = "timeout"
        if code == 0 and out.is_file():
            return [Record(**r) for r in json.loads(out.read_text(encoding="utf-8"))]
        output = log.read_text(encoding="utf-8", errors="replace")[-6000:] if log.is_file() else ""
    why = f"ran past {timeout:.0f} s and was stopped" if code == "timeout" else f"exited with code {code}"
    error = f"the process that ran the snippets of {page.path} {why}:\n{output}"
    return [store.get(key(page.runnable[i], env)) or _failed(page.runnable[i], env, error) for i in indices]


def _failed(snippet: Snippet, env: str, error: str) -> Record:
    return Record(key(snippet, env), snippet.filename, "", 0.0, "", device_name(), 0, error=error)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:  # a plain new interpreter (see _forkserver)
        path, indices, root, env, out, log = argv[1:]
        _child(path, json.loads(indices), root, env, out, log)
        return 0
    failed = 0
    chosen = [parse(path) for path in argv] if argv else pages()
    start = time.perf_counter()
    for page, records in zip(chosen, ensure_all(chosen)):
        bad = [r for r in records if not r.ok]
        failed += len(bad)
        print(f"{page.path}: {len(records)} snippets, {len(bad)} failed")
        for record in bad:
            print(f"  {record.filename}: {record.error or '; '.join(record.problems)}")
    print(f"{len(chosen)} pages in {time.perf_counter() - start:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
