"""Chapter notebooks, built from the page model with nbformat, one per chapter and language.

``notebooks/<language>/<page>.ipynb`` are committed without outputs (what Colab opens, and the site serves
for download: :func:`publish`); ``docs/notebooks/`` holds them with each snippet's stored run as its outputs,
for the site's notebook pages (:func:`prepare`; nothing is executed). tests/test_kernels.py runs them.
"""

import base64
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pipeline import glossary, reference
from pipeline.page import LANGUAGES, ROOT, Fence, Page, Prose, Snippet, file_name, pages, parse
from pipeline.runner import ensure, ensure_all
from pipeline.site import NOTEBOOKS, SITE_NOTEBOOKS, WORDS, Settings, archive_path, notebook_path, settings, write_zip
from pipeline.store import Record, Store

INSTALL_TAG, COLAB_TAG = "install", "colab-only"
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*\n'
                         r"(?P<body>(?:[ \t]*\n|    .*\n)*)", re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK = re.compile(r"\]\((?P<page>[\w-]+)\.md(?P<anchor>#[^)\s]*)?\)")
_SAME_PAGE = re.compile(r"\]\((?P<anchor>#[^)\s]+)\)")


def _unwrapped(admonition: re.Match) -> str:
    """``!!! note "Title"`` or ``??? tip`` over an indented body -> a bold title over the body."""
    return (f"**{admonition['title'] or admonition['kind'].capitalize()}**\n"
            + re.sub(r"^ {1,4}", "", admonition["body"], flags=re.M))


def build(page: Page, settings: Settings) -> NotebookNode:
    """The notebook (nbformat 4.5) of one chapter in one language, without outputs: the install cell, a note,
    then each section's prose as Markdown cells cut at its snippets, each snippet as a code cell."""
    language = page.language
    words = WORDS[language]
    note = words["generated note"].format(
        source=page.path,
        source_url=f"https://github.com/{settings.repository}/blob/{settings.branch}/{page.path}",
        page_url=settings.page_url(page.name, language),
        reference=reference.short(language),
        last_digits=words["last digits"],
    )
    package = f"dlnotes @ git+https://github.com/{settings.repository}@{settings.branch}"
    # the %pip command on two lines that fit a page's code column, as docs/colab.md shows it
    install = f'{words["install comment"]}\n%pip install -q "{package}" \\\n    scikit-learn\n%matplotlib inline'
    cells = [new_code_cell(install, metadata={"tags": [INSTALL_TAG]}), new_markdown_cell(note)]

    def markdown(lines: list[str]) -> list[NotebookNode]:
        """Prose as a Markdown cell, if any: admonitions unwrapped, comments dropped, links to the site."""
        text = _COMMENT.sub("", _ADMONITION.sub(_unwrapped, "\n".join(lines) + "\n"))
        text = _LINK.sub(lambda m: f"]({settings.page_url(m['page'], language, m['anchor'] or '')})", text)
        # a heading's {#id} is gone in a notebook: a link to it goes to the chapter on the site
        text = _SAME_PAGE.sub(lambda m: f"]({settings.page_url(page.name, language, m['anchor'])})", text).strip()
        return [new_markdown_cell(text)] if text else []

    drawn = {figure.snippet for figure in page.figures}  # their cells end with ``fig``: they show the figure
    for section in page.sections():
        prose: list[str] = []
        for block in section.blocks:  # a Figure's image is left out: its snippet's cell shows it
            if isinstance(block, Prose):
                prose += block.lines
                if section.heading and block.line == section.heading.line:  # without its {#id}
                    prose[-len(block.lines)] = f"{'#' * section.heading.level} {section.heading.text}"
            elif isinstance(block, Fence):
                prose += [f"```{block.info}", *block.source.rstrip("\n").split("\n"), "```"]
            elif isinstance(block, Snippet):
                cells += markdown(prose)
                prose = []
                code = block.code.strip("\n")
                if block.filename in drawn and not code.endswith("\nfig"):
                    code += "\nfig"
                cells.append(new_code_cell(code, metadata={"tags": [COLAB_TAG]} if block.colab_only else {}))
        cells += markdown(prose)
    for n, cell in enumerate(cells):
        cell["id"] = f"cell-{n}"
    return new_notebook(cells=cells, metadata={
        "colab": {"provenance": [], "toc_visible": True},
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })


def dumps(notebook: NotebookNode) -> str:
    """As Jupyter writes it; ``v4.writes``: the cells were validated as nbformat made them."""
    return nbformat.v4.writes(notebook) + "\n"


def snippet_cells(page: Page, notebook: NotebookNode) -> list[NotebookNode]:
    """The cells of ``notebook`` (built from ``page``) whose snippets run here, in the order of ``page.runnable``."""
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"][1:]  # after the install cell
    return [cell for cell, snippet in zip(code, page.snippets) if snippet.runs]


def chapter_pages(settings: Settings) -> list[Page]:
    """The page model of every chapter in every language."""
    return [parse(f"docs/{file_name(name, language)}") for name in settings.chapters for language in LANGUAGES]


def differing(expected: dict[Path, str], present: Iterable[Path]) -> list[Path]:
    """The files of ``expected`` that are missing or hold another text, then the files of ``present`` it lacks."""
    stale = [path for path, text in expected.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    return stale + [path for path in sorted(present) if path not in expected]


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


def committed(settings: Settings) -> tuple[dict[Path, str], list[Path]]:
    """What ``dev.py generate`` writes, as it should read (path -> text: each chapter's notebooks, the search's
    words of :mod:`pipeline.glossary`); and the files in notebooks/, where it deletes any other."""
    expected = {ROOT / notebook_path(page.name, page.language): dumps(build(page, settings))
                for page in chapter_pages(settings)}
    expected[glossary.WORDS] = glossary.search_words()
    return expected, [path for path in NOTEBOOKS.rglob("*") if path.is_file()]


def publish(settings: Settings, site_dir: Path) -> None:
    """Copy the committed notebooks into the built site, at the same paths, and zip each language's
    (in the nav's order, under one folder, fixed times: the same notebooks give the same bytes)."""
    for language in LANGUAGES:
        archive, entries = Path(archive_path(language)), {}
        for page in settings.chapters:
            path = notebook_path(page, language)
            if not (ROOT / path).is_file():
                raise FileNotFoundError(f"{path} is missing: run python3 dev.py generate")
            (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / path, site_dir / path)
            entries[f"{archive.stem}/{page}.ipynb"] = ROOT / path
        write_zip(site_dir / archive, entries)


def with_outputs(page: Page, notebook: NotebookNode, records: list[Record], store: Store) -> NotebookNode:
    """``notebook`` (built from ``page``), its runnable cells given their stored runs as outputs: what each
    printed, then its figure where the cell shows it."""
    for n, (cell, record) in enumerate(zip(snippet_cells(page, notebook), records), start=1):
        cell["execution_count"] = n
        if record.stdout:
            cell["outputs"].append(new_output("stream", name="stdout", text=record.stdout))
        if record.figure and cell["source"].endswith("\nfig"):
            png = base64.b64encode(store.file(record.key, "png").read_bytes()).decode()
            cell["outputs"].append(new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}))
    return notebook


def site_notebooks(settings: Settings) -> dict[Path, str]:
    """Each chapter's notebook with its stored outputs, where the site's notebook pages are rendered from
    (``docs/notebooks/<page>.ipynb``, ``<page>.en.ipynb``; git-ignored). Reads the store only."""
    store = Store()
    return {SITE_NOTEBOOKS / file_name(page.name, page.language, ".ipynb"):
            dumps(with_outputs(page, build(page, settings), ensure(page, store, run=False), store))
            for page in chapter_pages(settings)}


def prepare() -> None:
    """What the site build reads, made: every page's snippets run (what the store lacks; a failure raises
    ``MissingRecords`` here), then the site's notebooks written with their outputs."""
    ensure_all(pages())
    write_site()


def write_site() -> list[Path]:
    """Write the site's notebooks (:func:`site_notebooks`) where the build reads them; return what changed."""
    return sync(site_notebooks(settings()), SITE_NOTEBOOKS.glob("*.ipynb"))
