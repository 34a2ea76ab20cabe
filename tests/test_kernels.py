"""Every chapter's notebook run top to bottom in a fresh Jupyter kernel, the one check of what only IPython
does: what each cell prints must be what the store holds (what the site and the tests show), and a cell
ending with ``fig`` must show an image (``%matplotlib inline``).

The kernel runs are marked ``kernels``: left out of ``python3 dev.py test`` (pyproject.toml: they run every
snippet a second time); ``python3 dev.py kernels`` runs them, one chapter a test, and CI after the tests.
"""

import gc
import os
import re
import subprocess
import tempfile
import warnings

import nbformat
import pytest
from nbformat import NotebookNode

from pipeline import notebooks as nb
from pipeline.page import ROOT, Page, file_name, parse
from pipeline.runner import ensure
from pipeline.site import settings
from pipeline.store import Record, process_env

SETTINGS = settings()
PIN = "from pipeline import reference; reference.pin()"  # dlnotes is installed here; the reference platform
_PIP = re.compile(r"^%pip(?:.*\\\n)*.*", re.M)  # a %pip line and its continuation lines


def runnable(notebook: NotebookNode) -> NotebookNode:
    """A copy of the notebook as a kernel here runs it: %pip pins the reference platform instead, the
    Colab-only cells do nothing."""
    notebook = nbformat.from_dict(notebook)
    for cell in notebook["cells"]:
        tags = cell["metadata"].get("tags", [])
        if nb.INSTALL_TAG in tags:
            cell["source"] = _PIP.sub(PIN, cell["source"])
        elif nb.COLAB_TAG in tags:
            cell["source"] = "# Colab-only: not run outside Colab"
    return notebook


def execute(notebook: NotebookNode, timeout: int = 600) -> NotebookNode:
    """Run the notebook top to bottom in a fresh Jupyter kernel (one CPU thread); return it with outputs."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    notebook = runnable(notebook)
    env = {**process_env(), "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    with tempfile.TemporaryDirectory(prefix="dlnotes-kernel-") as sockets, warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # the client leaves the kernel's zmq sockets unclosed
        # Local sockets rather than TCP (over which the kernel warns), where the system has them.
        km = (KernelManager(kernel_name="python3") if os.name == "nt" else
              KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "k")))
        client = NotebookClient(notebook, km=km, kernel_name="python3", timeout=timeout, allow_errors=False,
                                resources={"metadata": {"path": str(ROOT)}})
        client.execute(env=env, stderr=subprocess.DEVNULL)  # a cell's error comes as a message, not on stderr
        del client, km
        gc.collect()  # they are collected here, not in a later test
    return notebook


def kernel_problems(page: Page, executed: NotebookNode, records: list[Record]) -> list[str]:
    """Cells whose output in a real kernel differs from the store (what the site and the tests show)."""
    problems = []
    for cell, snippet, record in zip(nb.snippet_cells(page, executed), page.runnable, records):
        printed = "".join(o["text"] for o in cell["outputs"] if o["output_type"] == "stream" and o["name"] == "stdout")
        if printed != record.stdout:
            problems.append(f"{page.path}: the cell of {snippet.filename} printed {printed!r} in a kernel, "
                            f"{record.stdout!r} in the tests")
        if cell["source"].endswith("\nfig") and not any("image/png" in o.get("data", {}) for o in cell["outputs"]):
            problems.append(f"{page.path}: the cell of {snippet.filename} ends with `fig` but shows no image")
    return problems


def test_runnable_drops_the_install_line_and_colab_cells() -> None:
    book = runnable(nb.build(parse("docs/colab.en.md"), SETTINGS))
    sources = [cell["source"] for cell in book["cells"] if cell["cell_type"] == "code"]
    assert not any("%pip" in source or "google.colab" in source for source in sources)
    assert "%matplotlib inline" in sources[0] and "    scikit-learn" not in sources[0], "the whole %pip command goes"
    assert PIN in sources[0], "the kernel runs on the reference platform"


@pytest.mark.kernels
@pytest.mark.parametrize("chapter", SETTINGS.chapters)
def test_the_notebook_prints_in_a_kernel_what_the_store_holds(chapter: str) -> None:
    """One language's notebook: the code is the same in both."""
    page = parse(f"docs/{file_name(chapter, 'zh')}")
    records = ensure(page)
    problems = kernel_problems(page, execute(nb.build(page, SETTINGS)), records)
    assert not problems, "\n".join(problems)
