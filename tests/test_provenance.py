"""Each checked output says what produced it and links to a filled-in report (pipeline/provenance.py)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from pipeline import notebooks
from pipeline.page import parse, parse_text
from pipeline.provenance import annotate, device_label
from pipeline.store import Record

SETTINGS = notebooks.settings()
TEXT = "# T\n\n!!! note\n    ```python\n    print(1)\n    #> 1\n    ```\n\n```python\nx = 1\n```\n"


def test_a_line_goes_under_each_snippet_that_shows_output_in_its_indent() -> None:
    page = parse_text(TEXT, "docs/tensors.en.md")
    records = [Record("k1", "docs/tensors.en.md", "1\n", 0.1, "2.13.0+cpu", "cpu (avx2)", 0, date="2026-12-01"),
               Record("k2", "docs/tensors.en.md", "", 0.1, "2.13.0+cpu", "cpu (avx2)", 0, date="2026-12-01")]
    lines = annotate(TEXT, page, records, SETTINGS).split("\n")
    assert lines[8].startswith('    <p class="dlnotes-provenance">Output from torch 2.13.0+cpu, CPU, run on 2026-12-01')
    assert sum("dlnotes-provenance" in line for line in lines) == 1, "only under output"


def test_devices_are_named_for_readers() -> None:
    assert device_label("cpu (avx2)") == "CPU"
    assert device_label("cuda:0 (NVIDIA H200)") == "GPU (NVIDIA H200)"


@pytest.mark.site
@pytest.mark.parametrize("language, words", [("zh", "输出来自 torch"), ("en", "Output from torch")])
def test_every_output_on_a_chapter_says_where_it_came_from(site: Path, language: str, words: str) -> None:
    page = parse(f"docs/tensors{'' if language == 'zh' else '.en'}.md")
    html = (site / ("" if language == "zh" else "en") / "tensors" / "index.html").read_text(encoding="utf-8")
    lines = re.findall(r'<p class="dlnotes-provenance">(.*?)</p>', html)
    assert len(lines) == sum(bool(s.expected) for s in page.runnable) > 0
    assert all(line.startswith(words) for line in lines)
    link = unescape(re.search(r'href="([^"]+)"', lines[0])[1])
    query = parse_qs(urlparse(link).query)
    assert link.startswith(f"https://github.com/{SETTINGS.repository}/issues/new?")
    assert query["template"] == ["mistake.md"]
    assert page.runnable[0].filename in query["body"][0] and "torch " in query["body"][0]
    assert SETTINGS.page_url("tensors", language) in query["body"][0]
