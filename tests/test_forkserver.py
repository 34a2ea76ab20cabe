"""pipeline/forkserver.py: each page runs in a new process, forked from a server that has only imported.

These run real processes (the server once per test worker, a fork per page), so
they are not remembered: each takes a fraction of a second once the server is up.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time

import pytest

from pipeline import forkserver
from pipeline.runner import RunnerError, ensure
from pipeline.store import Store, environment, process_env
from tests.tools import page_with

pytestmark = pytest.mark.skipif(not forkserver.supported(), reason="forks only where os.fork and os.pidfd_open exist")


def _ensure(folder, *blocks: str, name: str = "page.md"):
    return ensure(page_with(folder, *blocks, name=name), Store(folder / "store"))


def test_a_page_runs_in_a_fork_and_sees_nothing_another_page_left(tmp_path) -> None:
    [marked] = _ensure(tmp_path, "import sys, wave\nsys.dlnotes_mark = 1\nprint(sys.dlnotes_mark)\n#> 1", name="one.md")
    probe = "import sys, torch\nprint(hasattr(sys, 'dlnotes_mark'), 'wave' in sys.modules, torch.cuda.is_initialized())"
    [clean] = _ensure(tmp_path, probe, name="two.md")
    assert marked.ok and clean.ok
    assert clean.stdout == "False False False\n", "the second page starts from the server, not from the first page"


def test_a_crashed_child_is_reported_and_the_server_serves_the_next(tmp_path) -> None:
    with pytest.raises(RunnerError, match=r"failed \(exit 3\)"):
        _ensure(tmp_path, "import os\nos._exit(3)", name="crash.md")
    [after] = _ensure(tmp_path, "print('still here')\n#> still here", name="after.md")
    assert after.ok and after.stdout == "still here\n"


def test_a_run_past_its_timeout_is_killed(tmp_path) -> None:
    server = forkserver.get(process_env())
    page = page_with(tmp_path, "import time\ntime.sleep(60)")
    argv = ["--child", page.path, str(tmp_path / "out.json"), str(tmp_path / "store"), environment(), "0"]
    start = time.perf_counter()
    with pytest.raises(subprocess.TimeoutExpired):
        server.run(argv, timeout=2)
    assert time.perf_counter() - start < 30
    assert not (tmp_path / "out.json").exists()


def test_pages_run_at_once_from_several_threads(tmp_path) -> None:
    results = {}

    def run(n: int) -> None:
        folder = tmp_path / str(n)
        folder.mkdir()
        [record] = _ensure(folder, f"import os\nprint({n}, os.getpid() != {os.getpid()})\n#> {n} True")
        results[n] = record.ok

    threads = [threading.Thread(target=run, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert results == {0: True, 1: True, 2: True, 3: True}


def test_one_server_per_environment_whichever_test_is_running(monkeypatch) -> None:
    first = forkserver.get(process_env())
    monkeypatch.setenv("PYTEST_CURRENT_TEST", "another test (call)")
    assert forkserver.get(process_env()) is first, "pytest's name for the running test starts no server"
    monkeypatch.setenv("DLNOTES_FORKSERVER_TEST", "another setting")
    other = forkserver.get(process_env())
    assert other is not first and other.alive()
    code, output = other.run(["--child"], timeout=60)
    other.process.stdin.close()  # its only user is this test
    assert code != 0 and "ValueError" in output


def test_a_dead_server_is_replaced_and_its_waiting_runs_fail(tmp_path) -> None:
    server = forkserver.get(process_env())
    server.process.kill()
    server.process.wait(30)
    assert not server.alive()
    code, output = server.run(["--child"], timeout=30)
    assert code == -1
    replaced = forkserver.get(process_env())
    assert replaced is not server and replaced.alive()
    [record] = _ensure(tmp_path, "print(1)\n#> 1")
    assert record.ok


def test_switched_off_a_run_is_a_plain_child_process(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(forkserver.SWITCH, "0")
    assert not forkserver.supported()
    [record] = _ensure(tmp_path, "import os\nprint(os.environ['DLNOTES_FORKSERVER'])\n#> 0")
    assert record.ok
