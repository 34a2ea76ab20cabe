"""The one check of what only IPython does: each chapter notebook run in a fresh Jupyter kernel.

``python3 dev.py kernels`` runs every chapter's
notebook top to bottom and compares what each cell prints with the store (what the
site and the tests show), and that a cell ending with ``fig`` shows an image
(``%matplotlib inline``, a cell's last ``fig``).
"""

from __future__ import annotations

import copy
from concurrent.futures import ThreadPoolExecutor

import nbformat
from nbformat import NotebookNode

from pipeline.notebooks import COLAB_TAG, INSTALL_TAG, build, committed_path, snippet_cells
from pipeline.page import ROOT, Page, file_name, parse
from pipeline.site import Settings
from pipeline.store import Record, process_env


def runnable(notebook: NotebookNode) -> NotebookNode:
    """The notebook as a kernel here runs it: without the %pip line and the Colab-only cells."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if INSTALL_TAG in tags:
            kept, in_pip = [], False
            for line in cell["source"].splitlines():
                if line.startswith("%pip"):  # dlnotes is installed here; the reference platform is pinned
                    kept.append("from pipeline import reference; reference.pin()")
                elif not in_pip:
                    kept.append(line)
                in_pip = line.endswith("\\") and (in_pip or line.startswith("%pip"))  # and its continuation lines
            cell["source"] = "\n".join(kept)
        elif COLAB_TAG in tags:
            cell["source"] = "# Colab-only: not run outside Colab"
    return notebook


def execute(notebook: NotebookNode, timeout: int = 600) -> NotebookNode:
    """Run the notebook top to bottom in a fresh Jupyter kernel (one CPU thread); return it with outputs."""
    import os
    import subprocess
    import tempfile

    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.from_dict(runnable(notebook))
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
        streams = [o for o in cell.get("outputs", []) if o["output_type"] == "stream" and o["name"] == "stdout"]
        printed = "".join(o["text"] if isinstance(o["text"], str) else "".join(o["text"]) for o in streams)
        if printed != record.stdout:
            problems.append(f"{page.path}: the cell of {snippet.filename} printed {printed!r} in a kernel, "
                            f"{record.stdout!r} in the tests")
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if source.endswith("\nfig") and not any("image/png" in o.get("data", {}) for o in cell["outputs"]):
            problems.append(f"{page.path}: the cell of {snippet.filename} ends with `fig` but shows no image")
    return problems


def execute_all(settings: Settings, workers: int = 2) -> list[str]:
    """Run every chapter notebook (one language: the code is the same) in a kernel; compare with the store."""
    from pipeline.runner import ensure

    pages = [parse(f"docs/{file_name(name, 'zh')}") for name in settings.chapters]

    def check(page: Page) -> list[str]:
        records = ensure(page)
        print(f"running {committed_path(page).relative_to(ROOT)} in a kernel", flush=True)
        return kernel_problems(page, execute(build(page, settings)), records)

    with ThreadPoolExecutor(workers) as pool:
        return [problem for problems in pool.map(check, pages) for problem in problems]
