"""Chapter notebooks: generated from the chapters, opened in Colab, executed once, rendered in the site.

Every page in the nav section named by ``extra.notebooks.section`` in mkdocs.yml
(the chapters) becomes one notebook per language, ``notebooks/<language>/<page>.ipynb``:

* the first cell installs dlnotes from ``extra.notebooks.repository`` at
  ``extra.notebooks.branch`` (the one place that names them) and turns on inline
  figures;
* prose becomes Markdown cells (one per section; admonitions become a bold title
  over their text; links to other pages point at the published site; figure
  images are dropped, because the cell that draws them shows them);
* each Python fence becomes a code cell, with its ``--8<--`` includes expanded by
  pymdownx.snippets itself, exactly as on the site; a cell whose snippet draws
  a figure ends with ``fig`` so the notebook shows it; a fence marked
  ``<!-- colab-only: ... -->`` becomes a cell tagged ``colab-only``.

The notebooks are committed without outputs, so Colab can open them from
GitHub; ``python3 dev.py notebooks`` writes them, and a test fails when one is
out of date. ``python3 dev.py notebooks --execute`` (and the site build, and the
test session in the background) runs them in a fresh Jupyter kernel, with the
install line and the Colab-only cells left out, and caches the outputs in
.cache/notebooks/ under a key made of the code (comments stripped), the dlnotes
sources and the library versions. The two languages differ only in prose and
comments, so one execution serves both.

For the site, ``on_config`` writes each executed notebook (with
``DLNOTES_EXECUTE_NOTEBOOKS=0``, as ``dev.py serve`` sets it, a notebook whose
outputs are not cached is shown without them instead of being run) to
``docs/notebooks/<page>.ipynb`` and ``docs/notebooks/<page>.en.ipynb``
(generated, git-ignored), where mkdocs-jupyter renders them. Two things are
needed to make that work with mkdocs-static-i18n (its issue 198), and they lean
on both plugins' internals (versions pinned in requirements/constraints.txt,
effects tested in tests/test_site.py):

1. The i18n plugin rebuilds the file list as plain ``File`` objects, so the
   notebooks would be copied as JSON; ``on_files`` (after it) turns them back
   into pages with the i18n plugin's destination.
2. mkdocs-jupyter evicts cache entries that a build did not use, and each
   language is a separate build, so each language gets its own ``cache_dir``.

On the rendered pages, ``on_page_content`` gives headings the site's ids (nbconvert
drops Chinese characters, leaving ``id=""``) and points the table of contents at
them; ``on_post_page`` removes nbconvert's MathJax and cdnjs Mermaid loaders and
gives each figure the chapter's alt text; ``on_page_context`` puts the "Open in
Colab" button on chapter and notebook pages (overrides/partials/actions.html).
"""

from __future__ import annotations

import copy
import hashlib
import html
import io
import json
import os
import re
import sys
import tempfile
import time
import tokenize
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NOTEBOOKS = ROOT / "notebooks"
CACHE = ROOT / ".cache" / "notebooks"
SITE_NOTEBOOKS = DOCS / "notebooks"  # generated for the site, git-ignored
LANGUAGES = {"zh": "", "en": ".en"}  # language -> page-name suffix; zh is the default

INSTALL_TAG, COLAB_TAG = "install", "colab-only"
_INSTALL_COMMENT = {
    "zh": "# 在 Colab 中安装 dlnotes（Colab 已经自带 torch 和 scikit-learn），并让图直接显示在单元格下面",
    "en": "# Install dlnotes in Colab (which already has torch and scikit-learn), and show figures under the cells",
}
_GENERATED_NOTE = {
    "zh": "*本笔记本由 [`{source}`]({source_url}) 自动生成，修改请改章节而不是笔记本；网页版：<{page_url}>*",
    "en": "*Generated from [`{source}`]({source_url}); edit the chapter, not the notebook. On the web: <{page_url}>*",
}
_ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
_HEADING_ATTRS = re.compile(r"^(?P<heading>#{1,6}[ \t].*?)[ \t]*\{[^}]*\}[ \t]*$")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INVISIBLE = re.compile(r"^<!--+[ \t]*invisible-code-block:[ \t]*python[ \t]*$")
COLAB_ONLY = re.compile(r"^[ \t]*<!--[ \t]*colab-only\b(?::[ \t]*(?P<reason>[^-]*?))?[ \t]*-->[ \t]*$")
"""The line before a fence that must not run outside Colab (tests/docexec.py requires the reason)."""
_FIGURE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?:\.\./)*figures/(?P<name>[\w/-]+)\.svg\)[ \t]*$")
_LINK = re.compile(r"\]\((?P<page>[\w-]+)\.md(?P<anchor>#[^)\s]*)?\)")
_SAME_PAGE = re.compile(r"\]\((?P<anchor>#[^)\s]+)\)")
_INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<path>[^":]+)(?::[\w-]+)?"[ \t]*$')


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
        return f'%pip install -q "dlnotes @ git+https://github.com/{self.repository}@{self.branch}" scikit-learn'


def settings(config: dict | None = None) -> Settings:
    """Read the notebook settings from mkdocs.yml (or from an already loaded config)."""
    if config is None:
        import yaml

        class Loader(yaml.SafeLoader):  # mkdocs' own tags (!relative, !ENV) are not needed here
            pass

        Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
        Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
        config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
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


# -- Markdown -> cells ---------------------------------------------------------------


def _expand(lines: list[str]) -> list[str]:
    """Expand ``--8<--`` lines the way the site does: with pymdownx.snippets."""
    import markdown

    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": True}},
    )
    return md.preprocessors["snippet"].run(list(lines))


def _unwrap_admonitions(lines: list[str]) -> list[str]:
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


def _markdown_cell_sources(lines: list[str], settings: Settings, language: str, page: str = "index") -> list[str]:
    """Prose lines -> Markdown cell sources, one per section; links point at ``page`` and others on the site."""
    text = _COMMENT.sub("", "\n".join(lines))
    text = _LINK.sub(lambda m: f"]({settings.page_url(m['page'], language, m['anchor'] or '')})", text)
    # a heading's {#id} is gone in a notebook: a link to it goes to the chapter on the site
    text = _SAME_PAGE.sub(lambda m: f"]({settings.page_url(page, language, m['anchor'])})", text)
    cells: list[list[str]] = [[]]
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line.strip()):
            in_fence = not in_fence
        if not in_fence and line.startswith("#") and any(part.strip() for part in cells[-1]):
            cells.append([])
        heading = _HEADING_ATTRS.match(line)
        cells[-1].append(heading["heading"] if heading and not in_fence else line)
    return ["\n".join(cell).strip() for cell in cells if "\n".join(cell).strip()]


def _cell(kind: str, source: str, tags: list[str] | None = None) -> dict:
    cell: dict = {"cell_type": kind, "metadata": {"tags": tags} if tags else {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def chapter_cells(page: str, language: str, settings: Settings) -> list[dict]:
    """The cells of a chapter's notebook, install cell and note first."""
    source = f"docs/{page}{LANGUAGES[language]}.md"
    lines = _unwrap_admonitions((ROOT / source).read_text(encoding="utf-8").splitlines())
    note = _GENERATED_NOTE[language].format(
        source=source,
        source_url=f"https://github.com/{settings.repository}/blob/{settings.branch}/{source}",
        page_url=settings.page_url(page, language),
    )
    install = "\n".join([_INSTALL_COMMENT[language], settings.install_line(), "%matplotlib inline"])
    cells = [_cell("code", install, [INSTALL_TAG]), _cell("markdown", note)]
    prose: list[str] = []
    drawn_by: dict[str, dict] = {}  # figure name -> the code cell whose snippet draws it

    def flush() -> None:
        cells.extend(_cell("markdown", text) for text in _markdown_cell_sources(prose, settings, language, page))
        prose.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        fence, figure = _FENCE.match(line), _FIGURE.match(line)
        if _INVISIBLE.match(line.strip()):
            end = next(j for j in range(i + 1, len(lines)) if lines[j].strip().endswith("-->"))
            body = lines[i + 1 : end] + [lines[end].strip()[: -len("-->")].rstrip("-")]
            flush()
            cells.append(_cell("code", "\n".join(_expand(body)).strip("\n")))
            i = end + 1
        elif fence and fence["info"].strip().split(" ")[0].lower() in {"python", "py", "python3"}:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == fence["fence"])
            body = lines[i + 1 : end]
            colab_only = i > 0 and bool(COLAB_ONLY.match(lines[i - 1]))
            flush()
            cell = _cell("code", "\n".join(_expand(body)).strip("\n"), [COLAB_TAG] if colab_only else None)
            cells.append(cell)
            for included in body:
                match = _INCLUDE.match(included)
                if match and match["path"].startswith("snippets/"):
                    drawn_by[match["path"][len("snippets/") : -len(".py")]] = cell
            i = end + 1
        elif figure:
            cell = drawn_by.get(figure["name"])
            if cell is None:
                raise ValueError(f"{source}: figure {figure['name']} is shown before (or without) "
                                 f"the code block that includes snippets/{figure['name']}.py")
            if not cell["source"].endswith("\nfig"):
                cell["source"] += "\nfig"
            i += 1
        else:
            prose.append(line)
            i += 1
    flush()
    return cells


def build(page: str, language: str, settings: Settings) -> dict:
    """The notebook (nbformat 4.5, as a dict) of one chapter in one language, without outputs."""
    cells = chapter_cells(page, language, settings)
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


def committed_path(page: str, language: str) -> Path:
    return ROOT / "notebooks" / language / f"{page}.ipynb"


def generate(settings: Settings) -> dict[Path, str]:
    """Every notebook's path and text, as they should be committed."""
    return {
        committed_path(page, language): dumps(build(page, language, settings))
        for page in settings.chapters
        for language in LANGUAGES
    }


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


# -- execution -------------------------------------------------------------------------


def _code_only(source: str) -> str:
    """The code of a cell without comments (they are the only thing translated)."""
    tokens = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in (tokenize.COMMENT, tokenize.NL):
                tokens.append(token.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return source
    return " ".join(tokens)


def runnable(notebook: dict) -> dict:
    """The notebook as the tests and the site run it: without the %pip line and the Colab-only cells."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if INSTALL_TAG in tags:
            cell["source"] = "\n".join(
                "# dlnotes is installed here: the local package is used" if line.startswith("%pip") else line
                for line in cell["source"].splitlines()
            )
        elif COLAB_TAG in tags:
            cell["source"] = "# Colab-only: not run outside Colab"
    return notebook


def execution_key(notebook: dict) -> str:
    """What the outputs depend on: the code that runs, dlnotes, the libraries."""
    import matplotlib
    import torch

    digest = hashlib.sha256()
    for cell in runnable(notebook)["cells"]:
        if cell["cell_type"] == "code":
            digest.update(_code_only(cell["source"]).encode() + b"\0")
    for source in sorted((ROOT / "dlnotes").rglob("*.py")):
        digest.update(source.read_bytes())
    digest.update(f"{torch.__version__} {matplotlib.__version__} {os.environ.get('DLNOTES_DEVICE', 'cpu')}".encode())
    return digest.hexdigest()[:20]


def cache_path(notebook: dict) -> Path:
    return CACHE / f"{execution_key(notebook)}.json"


def execute(notebook: dict, timeout: int = 600) -> list[list[dict]]:
    """Run the notebook top to bottom in a fresh kernel; return each code cell's outputs.

    The kernel starts in the repository root with one CPU thread per process
    (``OMP_NUM_THREADS=1``), like the tests. A failing cell raises
    ``nbclient.exceptions.CellExecutionError`` with the traceback.
    """
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.from_dict(runnable(notebook))
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    with tempfile.TemporaryDirectory(prefix="dlnotes-kernel-") as sockets:
        # Local sockets rather than TCP (over which the kernel warns), where the system has them.
        km = (KernelManager(kernel_name="python3") if os.name == "nt" else
              KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "k")))
        client = NotebookClient(nb, km=km, kernel_name="python3", timeout=timeout, allow_errors=False,
                                resources={"metadata": {"path": str(ROOT)}})
        client.execute(env=env)
    return [cell.get("outputs", []) for cell in nb.cells if cell.cell_type == "code"]


def executed(notebook: dict, *, run: bool = True) -> dict | None:
    """The notebook with outputs, from the cache or (if ``run``) by executing it."""
    path = cache_path(notebook)
    if path.exists():
        outputs = json.loads(path.read_text(encoding="utf-8"))["outputs"]
    elif run:
        start = time.perf_counter()
        outputs = execute(notebook)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"outputs": outputs, "seconds": time.perf_counter() - start}), encoding="utf-8")
        tmp.replace(path)
    else:
        return None
    result = copy.deepcopy(notebook)
    code_cells = [cell for cell in result["cells"] if cell["cell_type"] == "code"]
    for n, (cell, cell_outputs) in enumerate(zip(code_cells, outputs), start=1):
        cell["outputs"], cell["execution_count"] = cell_outputs, n
    return result


def execute_all(settings: Settings, log=print) -> int:
    """Fill the cache for every chapter (one execution serves both languages); return the failures."""
    failures = 0
    for page in settings.chapters:
        for language in LANGUAGES:
            notebook = build(page, language, settings)
            if cache_path(notebook).exists():
                continue
            start = time.perf_counter()
            try:
                executed(notebook)
            except Exception as error:  # noqa: BLE001 - report every notebook, then fail
                failures += 1
                log(f"FAILED notebooks/{language}/{page}.ipynb: {error}")
                continue
            log(f"executed notebooks/{language}/{page}.ipynb in {time.perf_counter() - start:.1f} s")
    return failures


# -- mkdocs hooks --------------------------------------------------------------------------


def _language(config) -> str:
    """The language this build is for (the i18n plugin builds one language at a time)."""
    i18n = config.plugins.get("i18n")
    return (i18n.current_language or i18n.default_language) if i18n else "zh"


def on_config(config):
    """Write the executed notebooks into docs/notebooks/ and give each language its own cache."""
    i18n = config.plugins.get("i18n")
    language = _language(config)
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        jupyter.config["cache_dir"] = str(ROOT / ".cache" / "mkdocs-jupyter" / language)
    if i18n is not None and i18n.current_language not in (None, i18n.default_language):
        return config  # the default language's build wrote them all
    chosen = settings(config)
    run = os.environ.get("DLNOTES_EXECUTE_NOTEBOOKS", "1") != "0"  # dev.py serve: 0, use the cache only
    SITE_NOTEBOOKS.mkdir(parents=True, exist_ok=True)
    expected = set()
    for page in chosen.chapters:
        for lang, suffix in LANGUAGES.items():
            notebook = build(page, lang, chosen)
            text = dumps(executed(notebook, run=run) or notebook)
            path = SITE_NOTEBOOKS / f"{page}{suffix}.ipynb"
            expected.add(path)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
    for path in SITE_NOTEBOOKS.glob("*.ipynb"):
        if path not in expected:
            path.unlink()
    return config


@event_priority(-150)  # after the i18n plugin's on_files (-100)
def on_files(files, config):
    """Make the i18n plugin's plain notebook files into pages again (see the module docstring)."""
    from mkdocs.structure.files import File

    class NotebookPage(File):
        def is_documentation_page(self) -> bool:
            return True

    for file in [f for f in files if f.src_uri.endswith(".ipynb") and not isinstance(f, NotebookPage)]:
        dest = Path(file.dest_uri)  # the i18n plugin's: en/notebooks/spiral/index.html for spiral.en.ipynb
        if dest.suffix == ".ipynb":
            dest = dest.parent / dest.stem / "index.html"
        page = NotebookPage(file.src_path, file.src_dir, config.site_dir, config.use_directory_urls,
                            dest_uri=dest.as_posix(), inclusion=file.inclusion)
        page.url = page._get_url(config.use_directory_urls)
        for name in ("locale", "locale_alternate_of", "localization", "norm_src_uri"):
            if hasattr(file, name):
                setattr(page, name, getattr(file, name))
        # The i18n plugin finds alternates (for the language switcher) only for pages:
        # point each language at its own version of this notebook page.
        chapter = Path(file.src_uri).name.split(".")[0]
        page.alternates = {
            language: SimpleNamespace(url=f"{'' if language == 'zh' else language + '/'}notebooks/{chapter}/")
            for language in LANGUAGES
        }
        files.remove(file)  # in place: the i18n plugin's Files subclass resolves links per language
        files.append(page)
    return files


_LABELS = {
    "zh": {"open": "在 Colab 中打开", "notebook": "查看笔记本", "chapter": "回到章节", "label": "本章的笔记本"},
    "en": {"open": "Open in Colab", "notebook": "View as a notebook", "chapter": "Back to the chapter",
           "label": "This chapter's notebook"},
}


# nbconvert's page template has a MathJax loader (with an empty URL, since no
# `custom_mathjax_url` is set: KaTeX renders the notebooks' maths, as on every
# page) and a Mermaid loader that imports from cdnjs when a notebook has a
# diagram. Neither is wanted on a site that loads nothing from third parties.
_NBCONVERT_LOADERS = [
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S),
    re.compile(r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{\s*'
               r'const diagrams = document\.querySelectorAll\("\.jp-Mermaid.*?</script>', re.S),
]


_NO_ALT = 'alt="No description has been provided for this image"'
_HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)">(?P<body>.*?)</h(?P=level)>', re.S)


def on_page_content(content: str, page, config, files) -> str:
    """Notebook pages: give headings the ids the site gives them, and point the table of contents at them.

    nbconvert's ids, and mkdocs-jupyter's table of contents, drop every non-ASCII
    character: Chinese headings get ``id=""`` and the contents link to ``#_1``.
    """
    if not page.file.src_uri.endswith(".ipynb"):
        return content
    from pymdownx.slugs import slugify

    slug, seen, ids = slugify(case="lower"), {}, []

    def fix(match: re.Match) -> str:
        text = html.unescape(re.sub(r"<[^>]+>", "", match["body"]).replace("¶", "")).strip()
        base = slug(text, "-") or "section"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}_{seen[base] - 1}")
        body = re.sub(r'class="anchor-link" href="#[^"]*"', f'class="anchor-link" href="#{ids[-1]}"', match["body"])
        return f'<h{match["level"]} id="{ids[-1]}">{body}</h{match["level"]}>'

    content = _HEADING.sub(fix, content)

    def walk(items):
        for item in items:
            yield item
            yield from walk(item.children)

    entries = list(walk(page.toc))
    if len(entries) == len(ids):  # the contents list the same headings, in the same order
        for entry, new in zip(entries, ids):
            entry.id = new
    return content



def figure_alts(page: str, language: str) -> list[str]:
    """The alt texts of a chapter's figures, in page order (= the order the notebook shows them)."""
    text = (DOCS / f"{page}{LANGUAGES[language]}.md").read_text(encoding="utf-8")
    return [m["alt"] for m in map(_FIGURE.match, _unwrap_admonitions(text.splitlines())) if m]


def on_post_page(output: str, page, config) -> str:
    """Notebook pages: drop nbconvert's script loaders, give each figure the chapter's alt text."""
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    for loader in _NBCONVERT_LOADERS:
        output = loader.sub("", output)
    name, *suffix = Path(page.file.src_uri).stem.split(".")
    alts = figure_alts(name, suffix[0] if suffix else "zh")
    if output.count(_NO_ALT) not in (0, len(alts)):  # 0: shown without outputs (dev.py serve)
        from mkdocs.exceptions import PluginError

        raise PluginError(f"{page.file.src_uri}: {output.count(_NO_ALT)} images but {len(alts)} figures on the page")
    for alt in alts:
        output = output.replace(_NO_ALT, f'alt="{html.escape(alt, quote=True)}"', 1)
    return output


@event_priority(100)  # before the search plugin reads page.meta
def on_page_context(context, page, config, nav):
    """Give chapter pages and their notebook pages the Colab button (overrides/partials/actions.html)."""
    chosen = settings(config)
    uri = page.file.src_uri
    name = Path(uri).name.split(".")[0]
    is_chapter = "/" not in uri and uri.endswith(".md") and name in chosen.chapters
    is_notebook = uri.startswith("notebooks/") and uri.endswith(".ipynb") and name in chosen.chapters
    if not (is_chapter or is_notebook):
        return context
    language = _language(config)
    prefix = "" if language == "zh" else f"{language}/"
    labels = _LABELS[language]
    context["colab"] = {
        "url": chosen.colab_url(name, language),
        "open": labels["open"],
        "label": labels["label"],
        "other_url": f"{prefix}notebooks/{name}/" if is_chapter else f"{prefix}{name}/",
        "other": labels["notebook"] if is_chapter else labels["chapter"],
    }
    if is_notebook:
        page.meta["search"] = {"exclude": True}  # the chapter itself is what search should find
    return context


# -- command line --------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    """``python -m hooks.notebooks [--check | --execute | --execute-only]``.

    No option: write the notebooks. ``--execute``: write them, then run each one
    whose outputs are not cached. ``--execute-only``: run them without writing
    (what the test session starts in the background). ``--check``: list the
    notebooks that are out of date, and fail if there are any.
    """
    chosen = settings()
    if "--execute-only" in argv:
        return 1 if execute_all(chosen) else 0
    if "--check" in argv:
        problems = out_of_date(chosen)
        for problem in problems:
            print(problem)
        if problems:
            print("run: python3 dev.py notebooks")
        return 1 if problems else 0
    for path in write(chosen):
        print(f"wrote {path.relative_to(ROOT)}")
    if "--execute" in argv:
        return 1 if execute_all(chosen) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
