"""Lighter first views: what a page transfers before the reader scrolls.

Two changes to each page's HTML, as plain string functions (``hooks/weight.py``
calls them; they know nothing of MkDocs):

* code blocks stay out of the search index (Material's ``data-search-exclude``):
  the index is fetched on every page, and code was over half of it (the API
  page's source listings most of all); prose, headings and inline code are kept;
* figures load when they come into view (``loading="lazy"``), not all at once.
"""

from __future__ import annotations

import re

_PRE = re.compile(r"<pre(?=[\s>])(?![^>]*data-search-exclude)")
_IMG = re.compile(r"<img(?=\s)(?![^>]*\sloading=)")


def code_out_of_search(html: str) -> str:
    """Mark every ``<pre>`` block so that Material's search plugin skips it."""
    return _PRE.sub("<pre data-search-exclude", html)


def lazy_images(html: str) -> str:
    """Let the browser fetch each image only when it nears the viewport."""
    return _IMG.sub('<img loading="lazy" decoding="async"', html)


LOAD_FIGURES = """async () => {
  const figures = [...document.images];
  figures.forEach(i => { i.loading = "eager"; });
  await Promise.all(figures.map(i => i.decode().catch(() => null)));
  await document.fonts.ready;
}"""
"""A browser script that undoes :func:`lazy_images` on an open page, as a reader's scrolling
would: every figure is fetched and decoded, and the fonts are ready (to check or print it)."""
