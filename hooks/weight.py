"""MkDocs events: code out of the search index, figures loaded lazily (pipeline/weight.py).

Material's search plugin indexes ``page.content`` in its ``on_page_context``
(priority 0): just before, the page is swapped for its view without code blocks;
just after, the page is put back as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from mkdocs.plugins import CombinedEvent, event_priority

from pipeline.weight import lazy_images, search_view

_FULL: dict[str, str] = {}  # each page's content while the search plugin reads its view


def on_page_content(html, page, config, files):
    return lazy_images(html)


@event_priority(50)
def _hide_code(context, page, config, nav):
    _FULL[page.file.src_uri] = page.content
    page.content = search_view(page.content)
    return context


@event_priority(-50)
def _show_code(context, page, config, nav):
    page.content = _FULL.pop(page.file.src_uri)
    return context


on_page_context = CombinedEvent(_hide_code, _show_code)
