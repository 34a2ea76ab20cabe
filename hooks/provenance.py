"""MkDocs event: under each snippet's output, a line from its stored record (torch, platform, day, what may differ
elsewhere) and a link to the repository's "mistake" issue form, filled in. Nothing runs. First among the hooks,
while the page's line numbers still hold."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from pipeline import reference, site
from pipeline.page import DOCS, Page, Snippet, parse
from pipeline.runner import MissingRecords, stored
from pipeline.store import Record

_WORDS = {
    "zh": {"from": "输出来自", "ran": "运行于", "report": "报告输出有误", "title": "输出有误", "and": "，",
           "reference": "参考 CPU", "off": "（不是参考平台：{}）"},
    "en": {"from": "Output from", "ran": "run on", "report": "Report a wrong output", "title": "Wrong output",
           "and": ", ", "reference": "the reference CPU", "off": " (not the reference platform: {})"},
}


def platform_label(record: Record, language: str) -> str:
    """``the reference CPU`` (whatever the torch: the line says it), ``GPU (NVIDIA H200)`` or ``CPU (not ...)``."""
    off = [f"{part} {value}" for part, value in reference.changed(record.platform).items() if part != "torch"]
    kind, _, detail = record.device.partition(" ")
    if not off:
        return _WORDS[language]["reference"]
    return f"GPU {detail}".strip() if kind != "cpu" else "CPU" + _WORDS[language]["off"].format(", ".join(off))


def line(settings: site.Settings, page: Page, snippet: Snippet, record: Record) -> str:
    """One HTML paragraph (styled by docs/stylesheets/extra.css, kept out of the search index by Material's
    ``data-search-exclude``): what produced the output above, and the report link (.github/ISSUE_TEMPLATE/)."""
    words = _WORDS[page.language]
    body = (f"Page / 页面: {settings.page_url(page.name, page.language)}\nBlock / 代码块: {snippet.filename}\n"
            f"Expected on the page / 页面上的输出: torch {record.torch}, {record.device}, {record.date or '?'}\n"
            f"Platform / 平台: {reference.describe(record.platform)}\nWhat you got instead / 你得到的输出:\n")
    query = urlencode({"template": "mistake.md", "title": f"{words['title']}: {snippet.filename}", "body": body})
    ran = f"{words['and']}{words['ran']} {record.date}" if record.date else ""
    return (f'<p class="dlnotes-provenance" data-search-exclude>{words["from"]} torch {record.torch}{words["and"]}'
            f'{platform_label(record, page.language)}{ran}{reference.LAST_DIGITS[page.language]}'
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
    try:
        records = stored(parsed)
    except MissingRecords as missing:
        raise PluginError(str(missing)) from None
    return annotate(markdown, parsed, records, site.settings(config))
