"""New processes for the runner, forked from one interpreter that has already imported torch.

A page's snippets run in a new process (:mod:`pipeline.runner`). Starting a
Python interpreter and importing torch, NumPy, matplotlib and scikit-learn costs
about two seconds of processor time, which every page paid again. A fork server
pays it once per process that runs pages (a test worker, a site build): it starts
an interpreter with the runner's environment (:func:`pipeline.store.process_env`),
imports :data:`PRELOAD` (and, once idle, :data:`LATER`) and nothing else, and forks
a child of itself for each page. A child is the interpreter as it stood after
those imports: it has run no snippet, seeded nothing and started no thread, so
the page starts as it would in a fresh interpreter, only without waiting for the
imports (each snippet still gets a fresh namespace and a new random state from
the runner).

    server = forkserver.get(process_env())   # one per process and environment
    code, output = server.run(["--child", ...], timeout=900)   # pipeline.runner.main(argv)

Where ``os.fork`` or ``os.pidfd_open`` is missing (not Linux), or ``$DLNOTES_FORKSERVER``
is 0, :func:`run` starts ``python -m pipeline.runner`` as a plain child process instead.

The protocol, one JSON line each way: the parent writes ``[id, argv, log]``; the
server forks, answers ``[id, "started", pid]``, and ``[id, "exited", code]`` when
the child has exited. The child's stdout and stderr go to the file ``log``. The
server is single-threaded (it waits on the children's pidfds), so a fork never
copies a lock another thread holds; it exits when the parent closes its stdin.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from pipeline.page import ROOT
from pipeline.store import python_digest

PRELOAD = ["numpy", "torch", "matplotlib.pyplot", "pipeline.runner"]
"""What the server imports before it forks the first run: what the runner itself imports."""
LATER = ["sklearn.datasets", "dlnotes"]
"""What it imports once it is idle after its first fork: what many pages import. The first run
(often the only one, after an edit) does not wait for it; any later run may start with it."""

SWITCH = "DLNOTES_FORKSERVER"
"""Set to 0 to start every run as a plain ``python -m pipeline.runner`` (to compare, or to debug)."""


def supported() -> bool:
    """Whether runs are forked from a server here: Linux (``os.fork``, ``os.pidfd_open``), unless switched off."""
    return hasattr(os, "fork") and hasattr(os, "pidfd_open") and os.environ.get(SWITCH, "1") != "0"


class ForkServer:
    """A server process and the runs it has forked; safe to use from several threads."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.forkserver"], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
        )
        self._lock = threading.Lock()
        self._next = 0
        self._waiting: dict[int, dict] = {}
        self._gone = False  # the server's answers have ended: it exited
        threading.Thread(target=self._read, daemon=True).start()

    def alive(self) -> bool:
        return self.process.poll() is None and not self._gone

    def stop(self) -> None:
        """No more runs: the server exits once the runs it has forked have."""
        with self._lock:
            try:
                self.process.stdin.close()
            except OSError:
                pass

    def _read(self) -> None:
        for line in self.process.stdout:
            run_id, event, value = json.loads(line)
            with self._lock:
                run = self._waiting.get(run_id, {})  # a run that gave up waiting is no longer listed
                run[event] = value
                if event == "exited" and "done" in run:
                    run["done"].set()
        with self._lock:  # the server is gone: every run still waiting has failed
            self._gone = True
            for run in self._waiting.values():
                run.setdefault("exited", -1)
                run["done"].set()
            self.process.stdout.close()
            try:
                self.process.stdin.close()
            except OSError:  # what was left unsent has nowhere to go
                pass
        self.process.wait()

    def run(self, argv: list[str], timeout: float) -> tuple[int, str]:
        """``pipeline.runner.main(argv)`` in a forked child: its exit code and what it printed.

        Raises ``subprocess.TimeoutExpired`` (after killing the child) past ``timeout`` seconds.
        """
        with tempfile.TemporaryDirectory(prefix="dlnotes-fork-") as tmp:
            log = Path(tmp) / "output.txt"
            with self._lock:
                run_id, self._next = self._next, self._next + 1
                run = self._waiting[run_id] = {"done": threading.Event()}
                try:
                    if self._gone:
                        raise BrokenPipeError
                    self.process.stdin.write(json.dumps([run_id, argv, str(log)]) + "\n")
                    self.process.stdin.flush()
                except (BrokenPipeError, ValueError):  # it exited (or its stdin was closed)
                    run["exited"] = -1
                    run["done"].set()
            finished = run["done"].wait(timeout)
            if not finished and "started" in run:
                os.kill(run["started"], signal.SIGKILL)
                run["done"].wait(60)
            with self._lock:
                del self._waiting[run_id]
            output = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            if not finished:
                raise subprocess.TimeoutExpired(argv, timeout, output)
            if run["exited"] == -1 and "started" not in run:
                output += "\nthe fork server exited before it could start this run"
            return run["exited"], output


_servers: dict[tuple, tuple[ForkServer, str]] = {}
_servers_lock = threading.Lock()


VOLATILE = ("PYTEST_CURRENT_TEST",)
"""Variables that change from one moment to the next (pytest names the running test) and that
a run does not read: left out of a server's environment, else each test would start a server."""


def code_digest() -> str:
    """What the server has imported from this repository: a new one is needed when it changes."""
    return python_digest("dlnotes", "pipeline")


def get(env: dict[str, str]) -> ForkServer:
    """This process's server for ``env`` and the repository's code as it is now.

    Started at the first call, and again if it died. A process that lives through
    edits (``mkdocs serve``) gets a new server once ``dlnotes/`` or ``pipeline/``
    changed, so a run never imports an edited module's old code; the old server
    is told to stop (it exits once its runs have).
    """
    env = {name: value for name, value in env.items() if name not in VOLATILE}
    with _servers_lock:
        name = (os.getpid(), tuple(sorted(env.items())))
        server, code = _servers.get(name, (None, None))
        now = code_digest()
        if server is None or not server.alive() or code != now:
            if server is not None:
                server.stop()
            server = ForkServer(env)
            _servers[name] = (server, now)
        return server


def run(argv: list[str], env: dict[str, str], timeout: float) -> tuple[int, str]:
    """``python -m pipeline.runner *argv`` with ``env``: forked from the server where it can be."""
    if supported():
        return get(env).run(argv, timeout)
    done = subprocess.run([sys.executable, "-m", "pipeline.runner", *argv], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout + done.stderr


def _child(argv: list[str], log: str) -> None:
    """In the forked child: the runner, its output in ``log``; never returns."""
    code = 1
    try:
        out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        from pipeline.runner import main

        code = main(argv)
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    except BaseException:  # noqa: BLE001 - reported in the log; the parent sees the exit code
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001, S110 - exiting anyway
                pass
        os._exit(code)


def _import(modules: list[str]) -> None:
    """Import ``modules`` in the server, which must leave CUDA untouched: a forked child could not use it."""
    import importlib

    for module in modules:
        importlib.import_module(module)
    if sys.modules["torch"].cuda.is_initialized():  # (is_available() would start the driver: not asked)
        raise RuntimeError(f"importing {modules} initialised CUDA: the fork server cannot fork after that")


def serve() -> None:
    """The server's loop: fork a child per request, report when each exits."""
    _import(PRELOAD)
    selector = selectors.DefaultSelector()
    requests = sys.stdin.fileno()
    selector.register(requests, selectors.EVENT_READ)
    pending = b""

    def answer(*message) -> None:
        try:
            sys.stdout.write(json.dumps(message) + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # the parent is gone; the children still finish
            pass

    later, forked = list(LATER), False
    while selector.get_map():  # reading requests, or children still running
        if later and forked and not selector.select(timeout=0):  # it has forked, and nothing waits
            _import(later)
            later = []
        for found, _ in selector.select():
            if found.fd == requests:
                chunk = os.read(requests, 65536)
                if not chunk:  # the parent closed our stdin: no more requests
                    selector.unregister(requests)
                    continue
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    run_id, argv, log = json.loads(line)
                    pid = os.fork()
                    if pid == 0:
                        selector.close()
                        _child(argv, log)
                    forked = True
                    pidfd = os.pidfd_open(pid)
                    selector.register(pidfd, selectors.EVENT_READ, (run_id, pid))
                    answer(run_id, "started", pid)
            else:
                run_id, pid = found.data
                selector.unregister(found.fd)
                os.close(found.fd)
                _, status = os.waitpid(pid, 0)
                answer(run_id, "exited", os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    serve()
