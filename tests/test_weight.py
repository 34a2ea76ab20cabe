"""pipeline/weight.py: code stays out of the search index, figures load lazily; and on the built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.weight import code_out_of_search, lazy_images


def test_code_blocks_are_marked_and_nothing_else() -> None:
    html = ('<p>x <code>a</code></p><div class="highlight"><pre><span></span><code>b</code></pre></div>'
            '<pre class="x">c</pre>')
    marked = code_out_of_search(html)
    assert marked.count("<pre data-search-exclude") == 2 and "<code>a</code>" in marked
    assert code_out_of_search(marked) == marked, "marking twice changes nothing"


def test_images_load_lazily_unless_told_otherwise() -> None:
    html = '<img src="a.svg" alt="A"><img loading="eager" src="b.svg">'
    lazy = '<img loading="lazy" decoding="async" src="a.svg" alt="A"><img loading="eager" src="b.svg">'
    assert lazy_images(html) == lazy


@pytest.mark.site
def test_the_search_index_holds_prose_not_code(site: Path) -> None:
    for index in [site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"]:
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        assert not any("<pre>" in doc["text"] for doc in docs)
        assert index.stat().st_size < 550_000, "the index every page fetches (820 KB with code, 495 KB without)"
    html = (site / "spiral" / "index.html").read_text(encoding="utf-8")
    assert html.count('<img loading="lazy"') == html.count("<img") > 0
