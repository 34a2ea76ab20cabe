"""Each checked output says what produced it and links to a filled-in report (hooks/results.py)."""

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from hooks.results import annotate, line
from pipeline import reference, site
from pipeline.page import parse, parse_text
from pipeline.store import Record

SETTINGS = site.settings()
TEXT = "# T\n\n!!! note\n    ```python\n    print(1)\n    #> 1\n    ```\n\n```python\nx = 1\n```\n"


def test_a_line_goes_under_each_snippet_that_shows_output_in_its_indent() -> None:
    page = parse_text(TEXT, "docs/tensors.en.md")
    records = [Record("k1", "docs/tensors.en.md", "1\n", 0.1, "2.13.0+cpu", "cpu", 0, reference.REFERENCE,
                      date="2026-12-01"),
               Record("k2", "docs/tensors.en.md", "", 0.1, "2.13.0+cpu", "cpu", 0, reference.REFERENCE,
                      date="2026-12-01")]
    lines = annotate(TEXT, page, records, SETTINGS).split("\n")
    assert lines[8].startswith('    <p class="dlnotes-provenance" data-search-exclude>Output from torch 2.13.0+cpu, '
                               'the reference CPU, run on 2026-12-01; on a GPU or in Colab the last digits may differ, '
                               'while the asserts hold · <a href=')
    assert sum("dlnotes-provenance" in line for line in lines) == 1, "only under output"


@pytest.mark.parametrize("language, platform, device, words", [
    ("en", reference.REFERENCE, "cpu", "Output from torch 2.13.0, the reference CPU, run on"),
    ("zh", reference.REFERENCE, "cpu", "输出来自 torch 2.13.0，参考 CPU，运行于"),
    ("en", {**reference.REFERENCE, "threads": "2", "torch kernels": "AVX512", "torch": "2.14.0"}, "cpu",
     "Output from torch 2.14.0, CPU (not the reference platform: torch kernels AVX512, threads 2), run on"),
    ("zh", {**reference.REFERENCE, "threads": "2"}, "cpu",
     "输出来自 torch 2.13.0，CPU（不是参考平台：threads 2），运行于"),
    ("en", {**reference.REFERENCE, "device": "cuda:0 (NVIDIA H200)"}, "cuda:0 (NVIDIA H200)",
     "Output from torch 2.13.0, GPU (NVIDIA H200), run on"),
])
def test_the_line_says_whether_the_output_came_from_the_reference_platform(language, platform, device, words) -> None:
    page = parse_text(TEXT, f"docs/tensors{'.en' if language == 'en' else ''}.md")
    record = Record("k1", page.path, "1\n", 0.1, platform["torch"], device, 0, platform, date="2026-12-01")
    shown = line(SETTINGS, page, page.runnable[0], record)
    assert words in shown and site.WORDS[language]["last digits"] in shown
    body = parse_qs(urlparse(unescape(re.search(r'href="([^"]+)"', shown)[1])).query)["body"][0]
    assert f"Platform / 平台: {reference.describe(platform)}" in body


@pytest.mark.site
@pytest.mark.parametrize("language, words", [("zh", "输出来自 torch"), ("en", "Output from torch")])
def test_every_output_on_a_chapter_says_where_it_came_from(site: Path, language: str, words: str) -> None:
    page = parse(f"docs/tensors{'' if language == 'zh' else '.en'}.md")
    html = (site / ("" if language == "zh" else "en") / "tensors" / "index.html").read_text(encoding="utf-8")
    lines = re.findall(r'<p class="dlnotes-provenance" data-search-exclude>(.*?)</p>', html)
    assert len(lines) == sum(bool(s.expected) for s in page.runnable) > 0
    assert all(line.startswith(words) for line in lines)
    link = unescape(re.search(r'href="([^"]+)"', lines[0])[1])
    query = parse_qs(urlparse(link).query)
    assert link.startswith(f"https://github.com/{SETTINGS.repository}/issues/new?")
    assert query["template"] == ["mistake.md"]
    assert page.runnable[0].filename in query["body"][0] and "torch " in query["body"][0]
    assert SETTINGS.page_url("tensors", language) in query["body"][0]
