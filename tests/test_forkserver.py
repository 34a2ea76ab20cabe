"""pipeline/forkserver.py: each page runs in a new process, forked from a server that has only imported.

The processes are real (a server, a fork per page); what they did is remembered
while dlnotes/ and pipeline/ are unchanged (tests/memo.py), and the assertions run
every time.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from pipeline import forkserver
from pipeline.runner import RunnerError, _run_in_child, ensure
from pipeline.store import Store, environment, key, process_env
from tests.memo import remembered
from tests.tools import page_with

HERE = Path(__file__)
pytestmark = pytest.mark.skipif(not forkserver.supported(), reason="forks only where os.fork and os.pidfd_open exist")


def _run(folder: Path, *blocks: str, name: str = "page.md"):
    return ensure(page_with(folder, *blocks, name=name), Store(folder / "store"))


def _isolation(folder: Path) -> dict:
    [marked] = _run(folder, "import sys, wave\nsys.dlnotes_mark = 1\nprint(sys.dlnotes_mark)\n#> 1", name="one.md")
    probe = "import sys, torch\nprint(hasattr(sys, 'dlnotes_mark'), 'wave' in sys.modules, torch.cuda.is_initialized())"
    [clean] = _run(folder, probe, name="two.md")
    return {"ok": [marked.ok, clean.ok], "second": clean.stdout}


def _crash(folder: Path) -> dict:
    try:
        _run(folder, "import os\nos._exit(3)", name="crash.md")
        error = None
    except RunnerError as raised:
        error = str(raised)
    [after] = _run(folder, "print('still here')\n#> still here", name="after.md")
    return {"error": error, "after": after.stdout}


def _timeout(folder: Path) -> dict:
    page = page_with(folder, "import time\ntime.sleep(60)", name="slow.md")
    store = Store(folder / "store")
    start = time.perf_counter()
    try:
        _run_in_child(page, [0], store, environment(), timeout=2)
        raised = False
    except subprocess.TimeoutExpired:
        raised = True
    stored = store.get(key(page.runnable[0])) is not None
    return {"raised": raised, "seconds": time.perf_counter() - start, "stored": stored}


def _threads(folder: Path) -> dict:
    results = {}

    def run(n: int) -> None:
        (folder / str(n)).mkdir()
        [record] = _run(folder / str(n), f"import os\nprint({n}, os.getpid() != {os.getpid()})\n#> {n} True")
        results[n] = record.ok

    threads = [threading.Thread(target=run, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return {str(n): ok for n, ok in sorted(results.items())}


def _environments() -> dict:
    first = forkserver.get(process_env())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTEST_CURRENT_TEST", "another test (call)")
        same = forkserver.get(process_env()) is first
        patch.setenv("DLNOTES_FORKSERVER_TEST", "another setting")
        other = forkserver.get(process_env())
        code, output = other.run(["--child"], timeout=60)  # a malformed request: the runner says why
        other.stop()  # its only user is this test
    with pytest.MonkeyPatch.context() as patch:  # as after an edit while `mkdocs serve` runs
        patch.setattr(forkserver, "code_digest", lambda: "dlnotes/ or pipeline/ edited")
        edited = forkserver.get(process_env())
        first.process.wait(30)
    return {"same": same, "other": other is not first, "code": code, "output": output[-300:],
            "edited": edited is not first and edited.alive(), "old one stopped": first.process.returncode == 0}


def _dead(folder: Path) -> dict:
    server = forkserver.get(process_env())
    server.process.kill()
    server.process.wait(30)
    code, _ = server.run(["--child"], timeout=30)
    replaced = forkserver.get(process_env())
    [record] = _run(folder, "print(1)\n#> 1", name="dead.md")
    return {"code": code, "replaced": replaced is not server and replaced.alive(), "ok": record.ok}


def _switched_off(folder: Path) -> dict:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(forkserver.SWITCH, "0")
        supported = forkserver.supported()
        [record] = _run(folder, "import os\nprint(os.environ['DLNOTES_FORKSERVER'])\n#> 0", name="off.md")
    return {"supported": supported, "stdout": record.stdout}


@pytest.fixture(scope="module")
def seen(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("forks")

    def observe() -> dict:
        cases = {"isolation": _isolation, "crash": _crash, "timeout": _timeout, "threads": _threads,
                 "dead": _dead, "switched off": _switched_off}
        done = {}
        for name, case in cases.items():
            (folder / name).mkdir()
            done[name] = case(folder / name)
        return {**done, "environments": _environments()}

    return remembered(HERE, "forks", observe, folder)


def test_a_page_runs_in_a_fork_and_sees_nothing_another_page_left(seen) -> None:
    assert seen["isolation"]["ok"] == [True, True]
    assert seen["isolation"]["second"] == "False False False\n", "the second page starts from the server, not the first"


def test_a_crashed_child_is_reported_and_the_server_serves_the_next(seen) -> None:
    assert "failed (exit 3)" in seen["crash"]["error"]
    assert seen["crash"]["after"] == "still here\n"


def test_a_run_past_its_timeout_is_killed(seen) -> None:
    assert seen["timeout"]["raised"] and seen["timeout"]["seconds"] < 30 and not seen["timeout"]["stored"]


def test_pages_run_at_once_from_several_threads(seen) -> None:
    assert seen["threads"] == {"0": True, "1": True, "2": True, "3": True}


def test_one_server_per_environment_whichever_test_is_running(seen) -> None:
    found = seen["environments"]
    assert found["same"], "pytest's name for the running test starts no server"
    assert found["other"], "another setting gets its own server"
    assert found["code"] == 1 and "ValueError" in found["output"]


def test_an_edit_to_dlnotes_or_pipeline_gets_a_new_server_and_stops_the_old(seen) -> None:
    """A process that lives through edits (``mkdocs serve``) never runs a page with a module's old code."""
    assert seen["environments"]["edited"] and seen["environments"]["old one stopped"]


def test_a_dead_server_is_replaced_and_its_waiting_runs_fail(seen) -> None:
    assert seen["dead"] == {"code": -1, "replaced": True, "ok": True}


def test_switched_off_a_run_is_a_plain_child_process(seen) -> None:
    assert seen["switched off"] == {"supported": False, "stdout": "0\n"}
