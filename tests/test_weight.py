"""hooks/weight.py: code stays out of the search index, figures load lazily; and on the built site."""

import json
from pathlib import Path

import pytest

from hooks.weight import on_page_content, search_view


def test_the_search_view_leaves_out_code_blocks_and_nothing_else() -> None:
    html = ('<p>x <code>a</code></p><div class="highlight"><pre><span></span><code>b</code></pre></div>'
            '<PRE class="x">c\n</PRE >\n<p>y</p><pretend>z</pretend><p>w</p>')
    view = search_view(html)
    assert view == '<p>x <code>a</code></p><div class="highlight"></div>\n<p>y</p><pretend>z</pretend><p>w</p>'
    assert search_view(view) == view


def test_images_load_lazily_unless_told_otherwise() -> None:
    html = '<img src="a.svg" alt="A"><img loading="eager" src="b.svg">'
    lazy = '<img loading="lazy" decoding="async" src="a.svg" alt="A"><img loading="eager" src="b.svg">'
    assert on_page_content(html, page=None, config=None, files=None) == lazy


@pytest.mark.site
def test_the_search_index_holds_prose_not_code(site: Path) -> None:
    for index in [site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"]:
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        # code (left out here) and provenance lines (left out by Material: data-search-exclude, hooks/results.py)
        left_out = ("<pre>", "import torch", "Output from torch", "输出来自 torch")
        assert not any(code in doc["text"] for doc in docs for code in left_out)
        assert index.stat().st_size < 550_000, "the index every page fetches (820 KB with code, 495 KB without)"
    html = (site / "spiral" / "index.html").read_text(encoding="utf-8")
    assert html.count('<img loading="lazy"') == html.count("<img") > 0
