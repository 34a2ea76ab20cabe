"""Chapter notebooks: generated from the page model, filled from the result store, opened in Colab.

Every page in the nav section named by ``extra.notebooks.section`` in mkdocs.yml
(the chapters) becomes one notebook per language, ``notebooks/<language>/<page>.ipynb``:

* the first cell installs dlnotes from ``extra.notebooks.repository`` at
  ``extra.notebooks.branch`` (the one place that names them) and turns on inline
  figures;
* prose becomes Markdown cells (one per section; admonitions become a bold title
  over their text; links to other pages point at the published site; figure
  images are dropped, because the cell that draws them shows them);
* each snippet becomes a code cell with the code the site shows; a cell whose
  snippet draws a figure of the page ends with ``fig`` so the notebook shows it;
  a Colab-only snippet becomes a cell tagged ``colab-only``.

They are committed without outputs (Colab opens them from GitHub); ``python3 dev.py
notebooks`` writes them and a test fails when one is out of date. The site shows
them with outputs: :func:`with_outputs` copies each snippet's stored run (its
stdout, its figure as PNG) into its cell; nothing is executed for that.
The site also serves the committed files themselves, for download: :func:`publish`
copies them to the same paths in the built site and zips each language's.
``python3 dev.py notebooks`` additionally runs every notebook in a
fresh Jupyter kernel and compares what each cell prints with the store: the one
check of what only IPython does (``%matplotlib inline``, a cell's last ``fig``).
"""

from __future__ import annotations

import base64
import copy
import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pipeline import reference
from pipeline.page import LANGUAGES, ROOT, Fence, Figure, Page, Prose, Snippet, parse
from pipeline.store import Record, Store, process_env

NOTEBOOKS = ROOT / "notebooks"
INSTALL_TAG, COLAB_TAG = "install", "colab-only"
_INSTALL_COMMENT = {
    "zh": "# 在 Colab 中安装 dlnotes（Colab 已经自带 torch 和 scikit-learn），并让图直接显示在单元格下面",
    "en": "# Install dlnotes in Colab (which already has torch and scikit-learn), and show figures under the cells",
}
_GENERATED_NOTE = {
    "zh": "*本笔记本由 [`{source}`]({source_url}) 自动生成，修改请改章节而不是笔记本；网页版：<{page_url}>。"
          "网页上的输出打印于参考 CPU（{reference}）{last_digits}。*",
    "en": "*Generated from [`{source}`]({source_url}); edit the chapter, not the notebook. On the web: <{page_url}>. "
          "The outputs on the web page were printed on the reference CPU ({reference}){last_digits}.*",
}
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
_HEADING_ATTRS = re.compile(r"^(?P<heading>#{1,6}[ \t].*?)[ \t]*\{[^}]*\}[ \t]*$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK = re.compile(r"\]\((?P<page>[\w-]+)\.md(?P<anchor>#[^)\s]*)?\)")
_SAME_PAGE = re.compile(r"\]\((?P<anchor>#[^)\s]+)\)")


@dataclass(frozen=True)
class Settings:
    """What the notebooks need from mkdocs.yml."""

    repository: str  # owner/name on GitHub
    branch: str
    site_url: str  # ends with "/"
    chapters: tuple[str, ...]  # page names, e.g. "spiral"

    def notebook_path(self, page: str, language: str) -> str:
        return f"notebooks/{language}/{page}.ipynb"

    def colab_url(self, page: str, language: str) -> str:
        return (f"https://colab.research.google.com/github/{self.repository}/blob/{self.branch}/"
                f"{self.notebook_path(page, language)}")

    def page_url(self, page: str, language: str, anchor: str = "") -> str:
        prefix = "" if language == "zh" else f"{language}/"
        path = "" if page == "index" else f"{page}/"
        return f"{self.site_url}{prefix}{path}{anchor}"

    def install_line(self) -> str:
        """The first cell's install command, on two lines that fit a page's code column."""
        package = f"dlnotes @ git+https://github.com/{self.repository}@{self.branch}"
        return f'%pip install -q "{package}" \\\n    scikit-learn'


def load_config() -> dict:
    """mkdocs.yml as plain data (mkdocs' own tags such as !relative are not needed here)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def settings(config: dict | None = None) -> Settings:
    """Read the notebook settings from mkdocs.yml (or from an already loaded config)."""
    config = load_config() if config is None else config
    options = (config.get("extra") or {}).get("notebooks") or {}
    missing = [key for key in ("repository", "branch", "section") if not options.get(key)]
    if missing:
        raise ValueError(f"mkdocs.yml: extra.notebooks needs {', '.join(missing)}")
    chapters: list[str] = []
    for entry in config.get("nav") or []:
        if isinstance(entry, dict) and options["section"] in entry:
            for item in entry[options["section"]]:
                path = item if isinstance(item, str) else next(iter(item.values()))
                chapters.append(Path(path).stem)
    if not chapters:
        raise ValueError(f"mkdocs.yml: no nav section named {options['section']!r} with pages in it")
    site_url = str(config.get("site_url") or "/")
    return Settings(options["repository"], options["branch"], site_url.rstrip("/") + "/", tuple(chapters))


# -- page model -> cells -------------------------------------------------------------


def unwrap_admonitions(lines: list[str]) -> list[str]:
    """``!!! note "Title"`` / ``??? tip "Title"`` + indented body -> a bold title over the body."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _ADMONITION.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        out.append(f"**{match['title'] or match['kind'].capitalize()}**")
        i += 1
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith("    ")):
            out.append(lines[i][4:])
            i += 1
    return out


def markdown_cells(lines: list[str], settings: Settings, language: str, page: str = "index") -> list[str]:
    """Prose lines -> Markdown cell sources, one per section; links point at the site."""
    text = _COMMENT.sub("", "\n".join(unwrap_admonitions(lines)))
    text = _LINK.sub(lambda m: f"]({settings.page_url(m['page'], language, m['anchor'] or '')})", text)
    # a heading's {#id} is gone in a notebook: a link to it goes to the chapter on the site
    text = _SAME_PAGE.sub(lambda m: f"]({settings.page_url(page, language, m['anchor'])})", text)
    cells: list[list[str]] = [[]]
    in_fence = False  # a shown fence (```bash) whose comment lines are not headings
    for line in text.split("\n"):
        if line.startswith("```"):
            in_fence = not in_fence
        if not in_fence and line.startswith("#") and any(part.strip() for part in cells[-1]):
            cells.append([])
        heading = None if in_fence else _HEADING_ATTRS.match(line)
        cells[-1].append(heading["heading"] if heading else line)
    return [source for cell in cells if (source := "\n".join(cell).strip())]


def _cell(kind: str, source: str, tags: list[str] | None = None) -> dict:
    cell: dict = {"cell_type": kind, "metadata": {"tags": tags} if tags else {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _shown_lines(block: Fence) -> list[str]:
    """A shown-only fence, back as the Markdown lines of the page."""
    return [f"```{block.info}", *block.source.rstrip("\n").split("\n"), "```"]


def chapter_cells(page: Page, settings: Settings) -> list[dict]:
    """The cells of a chapter's notebook, install cell and note first."""
    note = _GENERATED_NOTE[page.language].format(
        source=page.path,
        source_url=f"https://github.com/{settings.repository}/blob/{settings.branch}/{page.path}",
        page_url=settings.page_url(page.name, page.language),
        reference=reference.short(page.language),
        last_digits=reference.LAST_DIGITS[page.language],
    )
    install = "\n".join([_INSTALL_COMMENT[page.language], settings.install_line(), "%matplotlib inline"])
    cells = [_cell("code", install, [INSTALL_TAG]), _cell("markdown", note)]
    prose: list[str] = []
    cell_of: dict[str, dict] = {}  # snippet file -> its cell

    def flush() -> None:
        cells.extend(_cell("markdown", text) for text in markdown_cells(prose, settings, page.language, page.name))
        prose.clear()

    for block in page.blocks:
        if isinstance(block, Prose):
            prose.extend(block.lines)
        elif isinstance(block, Fence):
            prose.extend(_shown_lines(block))
        elif isinstance(block, Snippet):
            flush()
            cells.append(_cell("code", block.code.strip("\n"), [COLAB_TAG] if block.colab_only else None))
            cell_of[block.filename] = cells[-1]
        elif isinstance(block, Figure):
            cell = cell_of[block.snippet]
            if not cell["source"].endswith("\nfig"):
                cell["source"] += "\nfig"
    flush()
    return cells


def build(page: Page, settings: Settings) -> dict:
    """The notebook (nbformat 4.5, as a dict) of one chapter in one language, without outputs."""
    cells = chapter_cells(page, settings)
    for n, cell in enumerate(cells):
        cell["id"] = f"cell-{n}"
    return {
        "cells": cells,
        "metadata": {
            "colab": {"provenance": [], "toc_visible": True},
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def dumps(notebook: dict) -> str:
    """Serialise as Jupyter does (sorted keys, one-space indent, sources as lists of lines)."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook["cells"]:
        if isinstance(cell["source"], str):
            cell["source"] = cell["source"].splitlines(keepends=True)
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def chapter_pages(settings: Settings) -> list[Page]:
    """The page model of every chapter in every language."""
    return [parse(f"docs/{name}{suffix}.md") for name in settings.chapters for suffix in LANGUAGES.values()]


def committed_path(page: Page) -> Path:
    return NOTEBOOKS / page.language / f"{page.name}.ipynb"


def generate(settings: Settings) -> dict[Path, str]:
    """Every notebook's path and text, as they should be committed."""
    return {committed_path(page): dumps(build(page, settings)) for page in chapter_pages(settings)}


def out_of_date(settings: Settings) -> list[str]:
    """Committed notebooks that differ from their chapters, missing ones, and stray ones."""
    expected = generate(settings)
    problems = [
        f"{path.relative_to(ROOT)} is {'out of date' if path.exists() else 'missing'}"
        for path, text in expected.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    problems += [f"{path.relative_to(ROOT)} is not a chapter's notebook" for path in sorted(NOTEBOOKS.rglob("*"))
                 if path.is_file() and path not in expected]
    return problems


def write(settings: Settings) -> list[Path]:
    """Write every notebook that changed, delete stray ones; return what changed."""
    expected = generate(settings)
    changed = []
    for path, text in expected.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    for path in sorted(NOTEBOOKS.glob("*/*.ipynb")):
        if path not in expected:
            path.unlink()
            changed.append(path)
    return changed


# -- downloads: the committed notebooks, served by the site -------------------------------

def download_path(page: str, language: str) -> str:
    """Where the site serves a chapter's committed notebook: the repository's own path."""
    return f"notebooks/{language}/{page}.ipynb"


def archive_path(language: str) -> str:
    """Where the site serves one language's notebooks as one zip."""
    return f"notebooks/dlnotes-notebooks-{language}.zip"


def publish(settings: Settings, site_dir: Path) -> list[Path]:
    """Copy every committed notebook into the built site, byte for byte, and zip each language's.

    The files are the ones Colab opens (``notebooks/<language>/<page>.ipynb``); each
    zip holds them in the nav's order under one folder, with fixed times and
    permissions, so the same notebooks give the same bytes. Returns what was written.
    """
    from pipeline import zips

    written = []
    for language in LANGUAGES:
        archive, entries = Path(archive_path(language)), {}
        for page in settings.chapters:
            source = NOTEBOOKS / language / f"{page}.ipynb"
            if not source.is_file():
                raise FileNotFoundError(f"{source.relative_to(ROOT)} is missing: run python3 dev.py generate")
            target = site_dir / download_path(page, language)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            written.append(target)
            entries[f"{archive.stem}/{page}.ipynb"] = source
        written.append(zips.write(site_dir / archive, entries))
    return written


# -- outputs: from the store, or from a Jupyter kernel -----------------------------------


def outputs(record: Record, store: Store, shows_figure: bool) -> list[dict]:
    """A snippet's stored run as the outputs of its cell: what it printed, then its figure."""
    result = []
    if record.stdout:
        result.append({"name": "stdout", "output_type": "stream", "text": record.stdout})
    if shows_figure and record.figure:
        png = base64.b64encode(store.figure(record.key, "png").read_bytes()).decode()
        result.append({"data": {"image/png": png, "text/plain": "<Figure>"}, "metadata": {},
                       "output_type": "display_data"})
    return result


def with_outputs(page: Page, notebook: dict, records: list[Record], store: Store) -> dict:
    """``notebook`` (built from ``page``) with each runnable cell's stored outputs."""
    result = copy.deepcopy(notebook)
    code = [cell for cell in result["cells"] if cell["cell_type"] == "code"][1:]  # after the install cell
    runnable = [cell for cell, snippet in zip(code, page.snippets) if snippet.runs]
    for n, (cell, record) in enumerate(zip(runnable, records), start=1):
        cell["outputs"] = outputs(record, store, cell["source"].endswith("\nfig"))
        cell["execution_count"] = n
    return result


def runnable(notebook: dict) -> dict:
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


def execute(notebook: dict, timeout: int = 600) -> dict:
    """Run the notebook top to bottom in a fresh Jupyter kernel (one CPU thread); return it with outputs."""
    import os
    import subprocess
    import tempfile

    import nbformat
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


def kernel_problems(page: Page, executed: dict, records: list[Record]) -> list[str]:
    """Cells whose output in a real kernel differs from the store (what the site and the tests show)."""
    problems = []
    code = [cell for cell in executed["cells"] if cell["cell_type"] == "code"][1:]
    cells = [cell for cell, snippet in zip(code, page.snippets) if snippet.runs]
    for cell, snippet, record in zip(cells, page.runnable, records):
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

    pages = [parse(f"docs/{name}.md") for name in settings.chapters]

    def check(page: Page) -> list[str]:
        records = ensure(page)
        print(f"running {committed_path(page).relative_to(ROOT)} in a kernel", flush=True)
        return kernel_problems(page, execute(build(page, settings)), records)

    with ThreadPoolExecutor(workers) as pool:
        return [problem for problems in pool.map(check, pages) for problem in problems]
