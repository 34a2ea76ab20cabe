"""Where each output on a page came from, and a way to report it wrong.

Under every snippet that shows output (``#>`` lines), a line says what produced
that output, from the snippet's stored record (pipeline/store.py): the torch
version, the platform (the reference CPU, or what differs from it:
pipeline/reference.py) and the day it ran, and that on a GPU or in Colab the last
digits may differ while the asserts hold; a link opens the repository's
"mistake" issue form filled in with the page, the block and those versions. The
MkDocs hook hooks/provenance.py adds the lines; nothing here needs MkDocs.
"""

from __future__ import annotations

from urllib.parse import urlencode

from pipeline import reference
from pipeline.page import Page, Snippet
from pipeline.site import Settings
from pipeline.store import Record

ISSUE_TEMPLATE = "mistake.md"  # .github/ISSUE_TEMPLATE/mistake.md
CLASS = "dlnotes-provenance"  # each line's class (docs/stylesheets/extra.css; kept out of search by pipeline/weight.py)
_WORDS = {
    "zh": {"from": "输出来自", "ran": "运行于", "report": "报告输出有误", "title": "输出有误", "and": "，",
           "reference": "参考 CPU", "off": "（不是参考平台：{}）"},
    "en": {"from": "Output from", "ran": "run on", "report": "Report a wrong output", "title": "Wrong output",
           "and": ", ", "reference": "the reference CPU", "off": " (not the reference platform: {})"},
}


def device_label(device: str) -> str:
    """``cpu`` -> ``CPU``; ``cuda:0 (NVIDIA H200)`` -> ``GPU (NVIDIA H200)``."""
    kind, _, detail = device.partition(" ")
    return "CPU" if kind == "cpu" else f"GPU {detail}".strip()


def platform_label(record: Record, language: str) -> str:
    """``the reference CPU``, or the device and what differs from the reference (``CPU (not the ...: threads 2)``).

    The torch version is said on the line already. A GPU is never the reference: its name says enough.
    """
    words = _WORDS[language]
    off = [f"{part} {value}" for part, value in reference.changed(record.platform).items() if part != "torch"]
    if not off:
        return words["reference"]
    if record.platform.get("device", "cpu") != "cpu":
        return device_label(record.device)
    return device_label(record.device) + words["off"].format(", ".join(off))


def report_url(settings: Settings, page: Page, snippet: Snippet, record: Record) -> str:
    """The repository's mistake form, filled in with the page, the block and the versions."""
    words = _WORDS[page.language]
    body = "\n".join([
        f"Page / 页面: {settings.page_url(page.name, page.language)}",
        f"Block / 代码块: {snippet.filename}",
        f"Expected on the page / 页面上的输出: torch {record.torch}, {record.device}, {record.date or '?'}",
        f"Platform / 平台: {reference.describe(record.platform)}",
        "What you got instead / 你得到的输出:",
        "",
    ])
    query = urlencode({"template": ISSUE_TEMPLATE, "title": f"{words['title']}: {snippet.filename}", "body": body})
    return f"https://github.com/{settings.repository}/issues/new?{query}"


def line(settings: Settings, page: Page, snippet: Snippet, record: Record) -> str:
    """One HTML paragraph: what produced the output above, and the report link."""
    words = _WORDS[page.language]
    ran = f"{words['and']}{words['ran']} {record.date}" if record.date else ""
    url = report_url(settings, page, snippet, record).replace("&", "&amp;")
    return (f'<p class="{CLASS}">{words["from"]} torch {record.torch}{words["and"]}'
            f'{platform_label(record, page.language)}{ran}{reference.LAST_DIGITS[page.language]}'
            f' · <a href="{url}">{words["report"]}</a></p>')


def annotate(markdown: str, page: Page, records: list[Record], settings: Settings) -> str:
    """``markdown`` (the page's source) with a provenance line under each snippet that shows output."""
    lines = markdown.split("\n")
    for snippet, record in reversed(list(zip(page.runnable, records))):
        if not snippet.expected:
            continue
        fence = lines[snippet.end_line - 1]
        indent = fence[: len(fence) - len(fence.lstrip())]
        lines[snippet.end_line : snippet.end_line] = ["", indent + line(settings, page, snippet, record)]
    return "\n".join(lines)
