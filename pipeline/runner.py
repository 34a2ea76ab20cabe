"""Run a page's snippets once and store what they leave (:mod:`pipeline.store`).

One run proves two things. **Each snippet runs alone**, as a reader pastes it into
Colab: a fresh namespace, and a global random state drawn anew (torch, NumPy,
``random``), so output that depends on unseeded numbers does not match its ``#>``
lines. **The page runs in order**, as its notebook does: a page's snippets run in
one new process, and a snippet that would change what later cells see fails (it
changes torch's default dtype, turns off autograd, rebinds a built-in, or warns).
IPython-only behaviour is checked by ``python3 dev.py kernels``.

:func:`ensure` (the tests, ``dev.py run``) returns a page's records and runs the
missing ones in a child process, a lock per chapter. A crash or hang costs one
run: each of its snippets reports it. The site build only reads (``ensure(page, run=False)``).
"""

import builtins
import contextlib
import datetime
import io
import json
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import threading
import time
import traceback
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pipeline import reference
from pipeline.cache import file_lock
from pipeline.page import ROOT, Page, Snippet, pages, parse
from pipeline.store import FIGURE_FORMATS, Record, Store, device_name, environment, key, process_env

FILL = "python3 dev.py run"
"""The command that runs what the store lacks (every page, or the pages named after it)."""
SNIPPET_TIMEOUT = float(os.environ.get("DLNOTES_SNIPPET_TIMEOUT", 120))
"""Seconds one snippet may run (a snippet should take a few): past it, it fails and the next runs."""
PRELOAD = ["numpy", "torch", "matplotlib.pyplot", "sklearn.datasets", "dlnotes", "pipeline.runner"]
"""What the fork server imports once, before it forks a process per page."""


class MissingRecords(LookupError):
    """A step that only reads the store (the site build) found a snippet that has not run."""


def _save_figure(fig) -> dict[str, bytes]:
    """``fig`` as reproducible SVG (the site) and PNG (the notebooks), or nothing if it is not a Figure."""
    import matplotlib
    from matplotlib.figure import Figure

    out = {}
    for format in FIGURE_FORMATS if isinstance(fig, Figure) else ():
        buffer = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": "dlnotes", "svg.fonttype": "none"}):
            fig.savefig(buffer, format=format, dpi=100 if format == "png" else 150,
                        metadata={"Date": None} if format == "svg" else {"Software": None})
        out[format] = buffer.getvalue()
    return out


def _stop(signum, frame):
    raise TimeoutError(f"the snippet ran past {SNIPPET_TIMEOUT:g} s, the limit of one snippet (pipeline/runner.py)")


def _leaks(namespace: dict) -> list[str]:
    """What the snippet left that breaks a notebook's later cells (set back, so the next one starts clean)."""
    import torch

    problems = []
    if torch.get_default_dtype() != torch.float32:
        problems.append(f"it leaves torch's default dtype at {torch.get_default_dtype()} for the cells after it")
        torch.set_default_dtype(torch.float32)
    if not torch.is_grad_enabled():
        problems.append("it leaves autograd turned off for the cells after it (use `with torch.no_grad():`)")
        torch.set_grad_enabled(True)
    shadowed = sorted(name for name in namespace if name in dir(builtins) and not name.startswith("__"))
    if shadowed:
        problems.append(f"it rebinds the built-in name(s) {', '.join(shadowed)}, which breaks them in the "
                        "notebook's later cells: choose another name")
    return problems


def run_snippet(snippet: Snippet, env: str, platform: dict[str, str]) -> tuple[Record, dict[str, bytes]]:
    """Run one snippet in a fresh namespace in this process: its record and its figure files."""
    import matplotlib.pyplot as plt
    import numpy
    import torch

    namespace = {"__name__": "__main__", "__file__": str(ROOT / snippet.filename)}
    seed = random.SystemRandom().randrange(2**32)  # a new global random state for every run
    torch.manual_seed(seed)
    random.seed(seed)
    numpy.random.seed(seed)
    stdout, stderr, error = io.StringIO(), io.StringIO(), None
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if hasattr(signal, "setitimer"):  # the child's main thread: a hang fails this snippet, the next one runs
            signal.signal(signal.SIGALRM, _stop)
            signal.setitimer(signal.ITIMER_REAL, SNIPPET_TIMEOUT)
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                exec(snippet.compile(), namespace)
        except Exception as exc:  # noqa: BLE001 - reported with the page; the other snippets still run
            tb = exc.__traceback__  # from the snippet's own frames on: the runner's say nothing to a reader
            while tb is not None and tb.tb_frame.f_code.co_filename != snippet.filename:
                tb = tb.tb_next
            error = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
            error += stderr.getvalue()[-2000:]
        finally:
            if hasattr(signal, "setitimer"):
                signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.perf_counter() - start
    problems = [f"it warns: {w.category.__name__}: {w.message} ({Path(w.filename).name}:{w.lineno})" for w in caught]
    problems += _leaks(namespace)
    figures = _save_figure(namespace.get("fig")) if error is None else {}
    plt.close("all")
    record = Record(key(snippet, env), snippet.filename, stdout.getvalue(), round(seconds, 4),
                    torch.__version__, device_name(), seed, platform, bool(figures), error, problems,
                    date=datetime.datetime.now(datetime.timezone.utc).date().isoformat())
    return record, figures


FAILED: dict[str, Record] = {}  # this process's failed runs: reported by each test, never run again here


def ensure(page: Page, store: Store | None = None, timeout: float = 900, run: bool = True) -> list[Record]:
    """The record of each runnable snippet of ``page``: stored, failed in this process, or run now
    in a child process, holding a lock per chapter (both languages share its records). With ``run=False``
    (the site build, which only reads) the stored ones, or :class:`MissingRecords` with the command that
    fills the store."""
    store, env = store or Store(), environment()
    keys = [key(snippet, env) for snippet in page.runnable]

    def known() -> tuple[list[Record | None], list[int]]:
        records = [store.get(k) or (FAILED.get(k) if run else None) for k in keys]
        return records, [i for i, r in enumerate(records) if r is None]

    records, missing = known()
    if missing and not run:
        snippet = page.runnable[missing[0]]
        raise MissingRecords(f"{page.path}:{snippet.line}: {snippet.filename} has no stored run "
                             f"for this code and environment: run {FILL} {page.path}")
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
    """:func:`ensure` for several pages, a chapter per core, the chapters with most snippets first
    (a chapter's languages one after the other: the second only reads)."""
    chapters: dict[str, list[Page]] = {}
    for page in sorted(pages, key=lambda p: -len(p.runnable)):
        chapters.setdefault(page.name, []).append(page)
    with ThreadPoolExecutor(workers or os.cpu_count() or 1) as pool:
        done = dict(zip(chapters, pool.map(lambda group: [ensure(p, store) for p in group], chapters.values())))
    return [done[page.name][chapters[page.name].index(page)] for page in pages]


_server: dict[str, str] = {}  # the environment the fork server started with (none yet: empty)
_server_lock = threading.Lock()


def _context():
    """The fork server, which imports :data:`PRELOAD` once (about two seconds of processor time a page),
    or, for a child in another environment than the server's (a test that sets a variable), where there
    is no fork server or with ``$DLNOTES_FORKSERVER=0``, a fresh interpreter (spawn)."""
    os.environ.update(process_env())  # what a child inherits: the reference's pins
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    if "forkserver" in multiprocessing.get_all_start_methods() and os.environ.get("DLNOTES_FORKSERVER") != "0":
        with _server_lock:
            if not _server:
                multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
                _server.update(env)
            if env == _server:
                return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _child(path: str, indices: list[int], root: str, env: str, out: str, log: str) -> None:
    """In the child: run the page's snippets ``indices`` in page order, store the good runs, write the
    records to ``out`` and anything printed to ``log``; log each run as a JSON line in ``runs.log``
    (the benchmark report counts runs; a test proves that a stored snippet does not run)."""
    import matplotlib

    handle = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(handle, 1)
    os.dup2(handle, 2)
    matplotlib.use("Agg")
    reference.pin()  # threads and deterministic algorithms; process_env() pinned the rest
    page, store, platform = parse(path), Store(Path(root)), reference.measure(device_name())
    records = []
    for i in sorted(indices):
        record, figures = run_snippet(page.runnable[i], env, platform)
        if record.ok:
            store.put(record, figures)
        with open(store.root / "runs.log", "a", encoding="utf-8") as runs:
            runs.write(json.dumps({"key": record.key, "page": page.path, "snippet": record.filename,
                                   "seconds": record.seconds, "ok": record.ok}) + "\n")
        records.append(record)
    Path(out).write_text(json.dumps([r.__dict__ for r in records]), encoding="utf-8")


def _run_in_child(page: Page, indices: list[int], store: Store, env: str, timeout: float) -> list[Record]:
    """Run the snippets in a child process; its crash or hang is each snippet's failure
    (the ones it stored before are read back)."""
    with tempfile.TemporaryDirectory(prefix="dlnotes-run-") as tmp:
        out, log = Path(tmp) / "records.json", Path(tmp) / "output.txt"
        args = (page.path, indices, str(store.root), env, str(out), str(log))
        process = _context().Process(target=_child, args=args, name=f"dlnotes {page.name}")
        process.start()
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
        if process.exitcode == 0 and out.is_file():
            return [Record(**r) for r in json.loads(out.read_text(encoding="utf-8"))]
        output = log.read_text(encoding="utf-8", errors="replace")[-6000:] if log.is_file() else ""
    why = (f"ran past {timeout:.0f} s and was stopped" if process.exitcode == -signal.SIGKILL
           else f"exited with code {process.exitcode}")
    error = f"the process that ran the snippets of {page.path} {why}:\n{output}"
    return [store.get(key(page.runnable[i], env))
            or Record(key(page.runnable[i], env), page.runnable[i].filename, "", 0.0, "", device_name(), 0,
                      error=error) for i in indices]


def main(argv: list[str]) -> int:
    """``dev.py run [PAGE ...]``: run what the store lacks; print each page's failures."""
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
