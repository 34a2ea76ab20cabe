"""MkDocs events that place what the result store holds (pipeline/store.py); nothing runs, and a snippet
without a stored run fails the build with the command that fills the store.

- each ``figures/<chapter>/<idea>.svg`` is the ``fig`` of ``snippets/<chapter>/<idea>.py``: no figure files
  in the repository;
- under each snippet's output, a line from its record (torch, platform, day, what may differ elsewhere) and a
  link to the repository's "mistake" issue form, filled in: first among the hooks, while the page's line
  numbers still hold.
"""

import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from pipeline import reference, site
from pipeline.page import DOCS, Page, Snippet, pages, parse
from pipeline.runner import MissingRecords, ensure
from pipeline.store import Record, Store


def stored(page: Page, store: Store | None = None) -> list[Record]:
    """The page's stored records; a missing one fails the build."""
    try:
        return ensure(page, store, run=False)
    except MissingRecords as missing:
        raise PluginError(str(missing)) from None


@event_priority(50)  # before the i18n plugin sorts the files by language
def on_files(files, config):
    store, drawn = Store(), {}  # uri -> the stored SVG (both languages show it)
    for page in [page for page in pages() if page.figures]:
        records = stored(page, store)
        for figure in page.figures:
            record = records[page.runnable.index(page.drawn_by(figure))]
            if not record.figure:
                raise PluginError(f"{page.path}:{figure.line}: {figure.snippet} must leave a matplotlib Figure "
                                  "in `fig`")
            drawn[f"figures/{figure.name}.svg"] = store.file(record.key, "svg")
    for uri, path in drawn.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def platform_label(record: Record, language: str) -> str:
    """``the reference CPU`` (whatever the torch: the line says it), ``GPU (NVIDIA H200)`` or ``CPU (not ...)``."""
    off = [f"{part} {value}" for part, value in reference.changed(record.platform).items() if part != "torch"]
    kind, _, detail = record.device.partition(" ")
    words = site.WORDS[language]["provenance"]
    if not off:
        return words["reference"]
    return f"GPU {detail}".strip() if kind != "cpu" else "CPU" + words["off"].format(", ".join(off))


def line(settings: site.Settings, page: Page, snippet: Snippet, record: Record) -> str:
    """One HTML paragraph (styled by docs/stylesheets/extra.css, kept out of the search index by Material's
    ``data-search-exclude``): what produced the output above, and the report link (.github/ISSUE_TEMPLATE/)."""
    words = site.WORDS[page.language]["provenance"]
    body = (f"Page / 页面: {settings.page_url(page.name, page.language)}\nBlock / 代码块: {snippet.filename}\n"
            f"Expected on the page / 页面上的输出: torch {record.torch}, {record.device}, {record.date or '?'}\n"
            f"Platform / 平台: {reference.describe(record.platform)}\nWhat you got instead / 你得到的输出:\n")
    query = urlencode({"template": "mistake.md", "title": f"{words['title']}: {snippet.filename}", "body": body})
    ran = f"{words['and']}{words['ran']} {record.date}" if record.date else ""
    return (f'<p class="dlnotes-provenance" data-search-exclude>{words["from"]} torch {record.torch}{words["and"]}'
            f'{platform_label(record, page.language)}{ran}{site.WORDS[page.language]["last digits"]}'
            f' · <a href="https://github.com/{settings.repository}/issues/new?{query.replace("&", "&amp;")}">'
            f'{words["report"]}</a></p>')


def annotate(markdown: str, page: Page, records: list[Record], settings: site.Settings) -> str:
    """``markdown`` (the page's source) with a provenance line under each snippet that shows output."""
    lines = markdown.split("\n")
    for snippet, record in reversed(list(zip(page.runnable, records))):
        if snippet.expected:
            fence = lines[snippet.end_line - 1]
            indent = fence[: len(fence) - len(fence.lstrip())]
            lines[snippet.end_line : snippet.end_line] = ["", indent + line(settings, page, snippet, record)]
    return "\n".join(lines)


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path)
    if not source.is_relative_to(DOCS) or source.suffix != ".md" or "notebooks" in source.parts:
        return markdown
    parsed = parse(source)
    if not any(s.expected for s in parsed.runnable) or markdown != source.read_text(encoding="utf-8"):
        return markdown  # no output; or another step changed the text first: the line numbers would be wrong
    return annotate(markdown, parsed, stored(parsed), site.settings(config))
