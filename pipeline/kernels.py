"""``python3 dev.py kernels``: every chapter's notebook run top to bottom in a fresh Jupyter kernel, the one
check of what only IPython does. What each cell prints must be what the store holds (what the site and the
tests show), and a cell ending with ``fig`` must show an image (``%matplotlib inline``).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor

import nbformat
from nbformat import NotebookNode

from pipeline.notebooks import COLAB_TAG, INSTALL_TAG, build, chapter_pages, snippet_cells
from pipeline.page import ROOT, Page
from pipeline.runner import ensure
from pipeline.site import Settings, notebook_path
from pipeline.store import Record, process_env

PIN = "from pipeline import reference; reference.pin()"  # dlnotes is installed here; the reference platform
_PIP = re.compile(r"^%pip(?:.*\\\n)*.*", re.M)  # a %pip line and its continuation lines


def runnable(notebook: NotebookNode) -> NotebookNode:
    """A copy of the notebook as a kernel here runs it: %pip pins the reference platform instead, the
    Colab-only cells do nothing."""
    notebook = nbformat.from_dict(notebook)
    for cell in notebook["cells"]:
        tags = cell["metadata"].get("tags", [])
        if INSTALL_TAG in tags:
            cell["source"] = _PIP.sub(PIN, cell["source"])
        elif COLAB_TAG in tags:
            cell["source"] = "# Colab-only: not run outside Colab"
    return notebook


def execute(notebook: NotebookNode, timeout: int = 600) -> NotebookNode:
    """Run the notebook top to bottom in a fresh Jupyter kernel (one CPU thread); return it with outputs."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = runnable(notebook)
    env = {**process_env(), "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    with tempfile.TemporaryDirectory(prefix="dlnotes-kernel-") as sockets:
        # Local sockets rather than TCP (over which the kernel warns), where the system has them.
        km = (KernelManager(kernel_name="python3") if os.name == "nt" else
              KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "k")))
        client = NotebookClient(nb, km=km, kernel_name="python3", timeout=timeout, allow_errors=False,
                                resources={"metadata": {"path": str(ROOT)}})
        client.execute(env=env, stderr=subprocess.DEVNULL)  # a cell's error comes as a message, not on stderr
    return nb


def kernel_problems(page: Page, executed: NotebookNode, records: list[Record]) -> list[str]:
    """Cells whose output in a real kernel differs from the store (what the site and the tests show)."""
    problems = []
    for cell, snippet, record in zip(snippet_cells(page, executed), page.runnable, records):
        printed = "".join(o["text"] for o in cell["outputs"] if o["output_type"] == "stream" and o["name"] == "stdout")
        if printed != record.stdout:
            problems.append(f"{page.path}: the cell of {snippet.filename} printed {printed!r} in a kernel, "
                            f"{record.stdout!r} in the tests")
        if cell["source"].endswith("\nfig") and not any("image/png" in o.get("data", {}) for o in cell["outputs"]):
            problems.append(f"{page.path}: the cell of {snippet.filename} ends with `fig` but shows no image")
    return problems


def execute_all(settings: Settings) -> list[str]:
    """Run every chapter notebook (one language: the code is the same) in a kernel; compare with the store."""

    def check(page: Page) -> list[str]:
        records = ensure(page)
        print(f"running {notebook_path(page.name, page.language)} in a kernel", flush=True)
        return kernel_problems(page, execute(build(page, settings)), records)

    with ThreadPoolExecutor(2) as pool:
        pages = [page for page in chapter_pages(settings) if page.language == "zh"]
        return [problem for problems in pool.map(check, pages) for problem in problems]
