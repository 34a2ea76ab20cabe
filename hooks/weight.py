"""MkDocs events: code out of the search index, figures loaded lazily (pipeline/weight.py).

Material's search plugin indexes ``page.content`` in its ``on_page_context`` (priority 0): just before, the content
is swapped for its search view; just after, put back.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from mkdocs.plugins import CombinedEvent, event_priority

from pipeline.weight import lazy_images, search_view


def on_page_content(html, page, config, files):
    return lazy_images(html)


@event_priority(50)
def _hide_code(context, page, config, nav):
    page.dlnotes_full, page.content = page.content, search_view(page.content)
    return context


@event_priority(-50)
def _show_code(context, page, config, nav):
    page.content = page.dlnotes_full
    return context


on_page_context = CombinedEvent(_hide_code, _show_code)
