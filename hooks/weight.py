"""MkDocs event: code out of the search index and figures loaded lazily (pipeline/weight.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from pipeline.weight import code_out_of_search, lazy_images


def on_page_content(html, page, config, files):
    return lazy_images(code_out_of_search(html))
