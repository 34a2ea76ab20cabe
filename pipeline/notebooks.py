"""Chapter notebooks: built from the page model with nbformat, kept in sync, filled from the store.

Each chapter (:mod:`pipeline.site`) becomes one notebook per language,
``notebooks/<language>/<page>.ipynb``: an install cell (dlnotes from
``extra.notebooks.repository`` at its branch, and inline figures); each section of
the page as Markdown cells cut at its snippets (admonitions become a bold title over
their text, links point at the published site, figure images are dropped: the cell
that draws them shows them); each snippet as a code cell with the code the site
shows, ending with ``fig`` where the page shows its figure, tagged ``colab-only``
where it runs only in Colab.

They are committed without outputs (Colab opens them from GitHub; ``python3 dev.py
generate`` writes them, a test fails when one is out of date) and served for download
(:func:`publish`). The site's notebook pages show them with each snippet's stored run
(:func:`with_outputs`); nothing is executed for that. :mod:`pipeline.kernels` runs
them in a Jupyter kernel.
"""

from __future__ import annotations

import base64
import copy
import re
from collections.abc import Iterable
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pipeline import reference
from pipeline.page import LANGUAGES, ROOT, Fence, Figure, Page, Prose, Snippet, file_name, pages, parse
from pipeline.runner import ensure_all, stored
from pipeline.site import NOTEBOOKS, SITE_NOTEBOOKS, Settings, archive_path, notebook_path, settings
from pipeline.store import Record, Store

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
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK = re.compile(r"\]\((?P<page>[\w-]+)\.md(?P<anchor>#[^)\s]*)?\)")
_SAME_PAGE = re.compile(r"\]\((?P<anchor>#[^)\s]+)\)")


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


def markdown_source(lines: list[str], settings: Settings, language: str, page: str = "index") -> str:
    """Prose lines -> a Markdown cell's source (maybe empty); links point at the site."""
    text = _COMMENT.sub("", "\n".join(unwrap_admonitions(lines)))
    text = _LINK.sub(lambda m: f"]({settings.page_url(m['page'], language, m['anchor'] or '')})", text)
    # a heading's {#id} is gone in a notebook: a link to it goes to the chapter on the site
    text = _SAME_PAGE.sub(lambda m: f"]({settings.page_url(page, language, m['anchor'])})", text)
    return text.strip()


def _shown_lines(block: Fence) -> list[str]:
    """A shown-only fence, back as the Markdown lines of the page."""
    return [f"```{block.info}", *block.source.rstrip("\n").split("\n"), "```"]


def chapter_cells(page: Page, settings: Settings) -> list[NotebookNode]:
    """The cells of a chapter's notebook, install cell and note first."""
    note = _GENERATED_NOTE[page.language].format(
        source=page.path,
        source_url=f"https://github.com/{settings.repository}/blob/{settings.branch}/{page.path}",
        page_url=settings.page_url(page.name, page.language),
        reference=reference.short(page.language),
        last_digits=reference.LAST_DIGITS[page.language],
    )
    install = "\n".join([_INSTALL_COMMENT[page.language], settings.install_line(), "%matplotlib inline"])
    cells = [new_code_cell(install, metadata={"tags": [INSTALL_TAG]}), new_markdown_cell(note)]
    prose: list[str] = []
    cell_of: dict[str, NotebookNode] = {}  # snippet file -> its cell

    def flush() -> None:
        if source := markdown_source(prose, settings, page.language, page.name):
            cells.append(new_markdown_cell(source))
        prose.clear()

    for section in page.sections():
        for block in section.blocks:
            if isinstance(block, Prose):
                prose.extend(block.lines)
                if section.heading and block.line == section.heading.line:  # its {#id} means nothing in a notebook
                    prose[-len(block.lines)] = f"{'#' * section.heading.level} {section.heading.text}"
            elif isinstance(block, Fence):
                prose.extend(_shown_lines(block))
            elif isinstance(block, Snippet):
                flush()
                cells.append(new_code_cell(block.code.strip("\n"),
                                           metadata={"tags": [COLAB_TAG]} if block.colab_only else {}))
                cell_of[block.filename] = cells[-1]
            elif isinstance(block, Figure):
                cell = cell_of[block.snippet]
                if not cell["source"].endswith("\nfig"):
                    cell["source"] += "\nfig"
        flush()
    return cells


def build(page: Page, settings: Settings) -> NotebookNode:
    """The notebook (nbformat 4.5) of one chapter in one language, without outputs."""
    cells = chapter_cells(page, settings)
    for n, cell in enumerate(cells):
        cell["id"] = f"cell-{n}"
    return new_notebook(cells=cells, metadata={
        "colab": {"provenance": [], "toc_visible": True},
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })


def dumps(notebook: NotebookNode) -> str:
    """Serialise as Jupyter does (sorted keys, one-space indent, sources as lists of lines).

    ``nbformat.v4.writes``: the cells were validated as nbformat made them; validating the
    whole notebook again (``nbformat.writes``) cost the build a second."""
    return nbformat.v4.writes(notebook) + "\n"


def snippet_cells(page: Page, notebook: NotebookNode) -> list[NotebookNode]:
    """The cells of ``notebook`` (built from ``page``) whose snippets run here, in the order of ``page.runnable``."""
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"][1:]  # after the install cell
    return [cell for cell, snippet in zip(code, page.snippets) if snippet.runs]


# -- the committed notebooks: in sync with the chapters, served by the site ---------------


def chapter_pages(settings: Settings) -> list[Page]:
    """The page model of every chapter in every language."""
    return [parse(f"docs/{file_name(name, language)}") for name in settings.chapters for language in LANGUAGES]


def committed_path(page: Page) -> Path:
    return ROOT / notebook_path(page.name, page.language)


def generate(settings: Settings) -> dict[Path, str]:
    """Every notebook's path and text, as they should be committed."""
    return {committed_path(page): dumps(build(page, settings)) for page in chapter_pages(settings)}


def differing(expected: dict[Path, str], present: Iterable[Path]) -> list[Path]:
    """The files of ``expected`` that are missing or hold another text, then the files of ``present`` it lacks."""
    stale = [path for path, text in expected.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    return stale + [path for path in sorted(present) if path not in expected]


def out_of_date(settings: Settings) -> list[str]:
    """Committed notebooks that differ from their chapters, missing ones, and stray ones."""
    expected = generate(settings)
    present = [path for path in NOTEBOOKS.rglob("*") if path.is_file()]
    return [f"{path.relative_to(ROOT)} is " + ("not a chapter's notebook" if path not in expected else
                                               "out of date" if path.exists() else "missing")
            for path in differing(expected, present)]


def sync(expected: dict[Path, str], present: Iterable[Path]) -> list[Path]:
    """Write each differing file of ``expected``, delete the files of ``present`` it lacks; return what changed."""
    changed = differing(expected, present)
    for path in changed:
        if path in expected:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(expected[path], encoding="utf-8")
        else:
            path.unlink()
    return changed


def write(settings: Settings) -> list[Path]:
    """Write every committed notebook that changed, delete stray ones; return what changed."""
    return sync(generate(settings), NOTEBOOKS.glob("*/*.ipynb"))


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
            source = ROOT / notebook_path(page, language)
            if not source.is_file():
                raise FileNotFoundError(f"{source.relative_to(ROOT)} is missing: run python3 dev.py generate")
            target = site_dir / notebook_path(page, language)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            written.append(target)
            entries[f"{archive.stem}/{page}.ipynb"] = source
        written.append(zips.write(site_dir / archive, entries))
    return written


# -- outputs: from the store --------------------------------------------------------------


def outputs(record: Record, store: Store, shows_figure: bool) -> list[NotebookNode]:
    """A snippet's stored run as the outputs of its cell: what it printed, then its figure."""
    result = []
    if record.stdout:
        result.append(new_output("stream", name="stdout", text=record.stdout))
    if shows_figure and record.figure:
        png = base64.b64encode(store.figure(record.key, "png").read_bytes()).decode()
        result.append(new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}))
    return result


def with_outputs(page: Page, notebook: NotebookNode, records: list[Record], store: Store) -> NotebookNode:
    """``notebook`` (built from ``page``) with each runnable cell's stored outputs."""
    result = copy.deepcopy(notebook)
    for n, (cell, record) in enumerate(zip(snippet_cells(page, result), records), start=1):
        cell["outputs"] = outputs(record, store, cell["source"].endswith("\nfig"))
        cell["execution_count"] = n
    return result


def site_notebooks(chosen: Settings, store: Store | None = None) -> dict[Path, str]:
    """Each chapter's notebook with its stored outputs, where the site's notebook pages are rendered from
    (``docs/notebooks/<page>.ipynb``, ``<page>.en.ipynb``; git-ignored). Reads the store only."""
    store = store or Store()
    return {SITE_NOTEBOOKS / file_name(page.name, page.language, ".ipynb"):
            dumps(with_outputs(page, build(page, chosen), stored(page, store), store))
            for page in chapter_pages(chosen)}


def prepare() -> None:
    """What the site build reads, made: every page's snippets run (what the store lacks; a failure raises
    ``MissingRecords`` here), then the site's notebooks written with their outputs."""
    ensure_all(pages())
    write_site()


def write_site() -> list[Path]:
    """Write the site's notebooks (:func:`site_notebooks`) where the build reads them; return what changed."""
    return sync(site_notebooks(settings()), SITE_NOTEBOOKS.glob("*.ipynb"))
