"""dlnotes.progress: a bar where a student watches (terminal, Jupyter, Colab), nothing where output is recorded.

The kernel, the terminal and the runner are the real ones: a Jupyter kernel run by
nbclient (as ``python3 dev.py kernels`` runs the chapters), a child process whose
stderr is a pseudo-terminal, and the pages' runner on a page written for the test.
What each did is remembered while dlnotes/ and pipeline/ are unchanged (tests/memo.py).
"""

import io
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from dlnotes import progress
from pipeline.page import ROOT, parse
from pipeline.runner import ensure
from pipeline.store import Store, process_env
from tests.memo import remembered

HERE = Path(__file__)
pytestmark = pytest.mark.processes  # starts interpreters: early in the test order (conftest.py)

_PROBLEM = """
import time
import torch
from torch import nn
from dlnotes.train import fit

torch.manual_seed(0)
X = torch.randn(32, 2)
y = (X[:, 0] > 0).long()
model = nn.Linear(2, 2)
sgd = torch.optim.SGD(model.parameters(), lr=0.1)
def slow_loss(scores, target):  # {per_epoch} s an epoch: the run outlasts the bar's delay
    time.sleep({per_epoch})
    return nn.functional.cross_entropy(scores, target)
"""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        super().isatty()  # raises ValueError once closed, as a real stream does
        return True


def test_interactive_means_a_kernel_or_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not progress.interactive(), "stderr captured (pytest, the runner, a log): quiet"
    shell = types.SimpleNamespace(kernel=None)  # IPython in a terminal has no kernel ...
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    assert not progress.interactive(), "... and counts only if its stderr is a terminal"
    shell.kernel = object()  # Jupyter, JupyterLab, Colab, VS Code
    assert progress.interactive()
    monkeypatch.delitem(sys.modules, "IPython")
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert progress.interactive()
    closed = _Terminal()
    closed.close()
    for stream in (None, closed):
        monkeypatch.setattr(sys, "stderr", stream)
        assert not progress.interactive()


def test_a_jupyter_kernel_shows_a_widget_and_prints_nothing_to_stdout() -> None:
    """In a real kernel: a widget for a long run by default, none for a quick one or with progress=False."""
    import importlib.util

    import nbformat

    from tests.test_kernels import execute

    assert importlib.util.find_spec("ipywidgets"), "tqdm.auto draws its widget with ipywidgets: pip install -e .[test]"
    assert 25 * 0.03 > progress.DELAY, "the long run's sleeps alone outlast the delay, on any machine"

    cells = [
        _PROBLEM.format(per_epoch=0.03) + "from dlnotes.progress import interactive\nprint(interactive())",
        "history = fit(model, X, y, loss_fn=slow_loss, optimizer=sgd, epochs=25)",  # at least 0.75 s: past DELAY
        # A quick run is one that ends before its bar's delay. How long a real run lasts depends on the machine
        # and its load, so this one gets a delay longer than the kernel's timeout: quick on any machine.
        "import dlnotes.progress\ndelay, dlnotes.progress.DELAY = dlnotes.progress.DELAY, 600\n"
        "history = fit(model, X, y, loss_fn=nn.CrossEntropyLoss(), optimizer=sgd, epochs=25)\n"
        "dlnotes.progress.DELAY = delay",
        "history = fit(model, X, y, loss_fn=slow_loss, optimizer=sgd, epochs=25, progress=False)",
        "from dlnotes.dbn import DBN\nerrors = DBN([2, 3, 2], device='cpu').pretrain(X.sigmoid(), epochs=2,"
        " progress=True)",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])

    ran = remembered(HERE, "kernel", lambda: execute(notebook, timeout=60)["cells"])

    def outputs(cell, kind: str) -> list:
        if kind == "widget":
            return [o for o in cell["outputs"] if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        return [o for o in cell["outputs"] if o["output_type"] == "stream" and o["name"] == kind]

    assert "".join(o["text"] for o in outputs(ran[0], "stdout")) == "True\n", "a kernel is interactive"
    assert [len(outputs(cell, "widget")) for cell in ran[1:]] == [1, 0, 0, 2]
    assert all(not outputs(cell, "stdout") and not outputs(cell, "stderr") for cell in ran[1:]), \
        "nothing on stdout (the cells' printed output), no warning on stderr"
    assert all(o["output_type"] == "display_data" for cell in ran[1:] for o in cell["outputs"])


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_a_terminal_shows_a_line_on_stderr_and_prints_nothing_to_stdout() -> None:
    import fcntl
    import pty
    import struct
    import termios

    code = _PROBLEM.format(per_epoch=0.04) + textwrap.dedent("""
        import sys
        assert sys.stderr.isatty() and not sys.stdout.isatty()
        history = fit(model, X, y, loss_fn=slow_loss, optimizer=sgd, epochs=20)  # ~0.8 s
        fit(model, X, y, loss_fn=slow_loss, optimizer=sgd, epochs=20, progress=False)
        print("done")
    """)
    def run() -> dict:
        main, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
        try:
            done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=process_env(), stdout=subprocess.PIPE,
                                  stderr=child, text=True, timeout=60)
            os.close(child)
            terminal = b""
            while True:
                try:
                    chunk = os.read(main, 4096)
                except OSError:  # EIO: the child's end is closed and everything has been read
                    break
                if not chunk:
                    break
                terminal += chunk
        finally:
            os.close(main)
        return {"returncode": done.returncode, "stdout": done.stdout, "terminal": terminal.decode("utf-8", "replace")}

    done = remembered(HERE, "terminal", run)
    assert done["returncode"] == 0 and done["stdout"] == "done\n", done["stdout"]
    text = done["terminal"]
    assert text.count("fit:") >= 1 and "20/20" in text and "loss" in text and "accuracy" in text, text
    assert "Warning" not in text
    last = text.replace("\r\n", "\n").split("\r")[-1]
    assert last.startswith("fit: 100%") and last.endswith("\n"), "the finished bar stays, on its own line"


def test_the_pages_runner_shows_no_progress_and_no_warning(tmp_path) -> None:
    """A page's snippet, run as the site runs it: quiet even with no delay, its output clean."""
    page = tmp_path / "page.md"
    snippet = _PROBLEM.format(per_epoch=0) + textwrap.dedent("""
        import sys
        import dlnotes.progress
        dlnotes.progress.DELAY = 0  # even a bar that would show at once stays away
        history = fit(model, X, y, loss_fn=slow_loss, optimizer=sgd, epochs=30)
        print(dlnotes.progress.interactive(), repr(sys.stderr.getvalue()))
        #> False ''
    """)
    page.write_text(f"```python\n{snippet.strip()}\n```\n", encoding="utf-8")
    record = remembered(HERE, "runner", lambda: ensure(parse(page), Store(tmp_path / "store"))[0].__dict__)
    assert record["error"] is None and record["problems"] == [], (record["error"], record["problems"])
    assert record["stdout"] == "False ''\n"
