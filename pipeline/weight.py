"""Lighter first views: what a page transfers before the reader scrolls.

Two changes to each page's HTML, as plain string functions (``hooks/weight.py``
calls them; they know nothing of MkDocs):

* code blocks stay out of the search index: Material's search plugin reads the
  page without its ``<pre>`` blocks (:func:`search_view`). The index was fetched
  on every page (now only when a reader searches: docs/javascripts/search-on-demand.js),
  and code was over half of it (the API page's source listings
  most of all); prose, headings and inline code are kept. The provenance line
  under each output (pipeline/provenance.py) is left out too: it is not prose,
  and its date would change the index at every run. Parsing the page
  without its highlighted code (a ``<span>`` per token) also makes the search
  step of the build four times faster;
* figures load when they come into view (``loading="lazy"``), not all at once.
"""

from __future__ import annotations

import re

from pipeline.provenance import CLASS as PROVENANCE

# a <pre> never holds another; a provenance line is one <p> (with a link, no other paragraph)
_NOT_SEARCHED = re.compile(rf'<pre(?=[\s>]).*?</pre\s*>|<p class="{PROVENANCE}">.*?</p>', re.S | re.I)
_IMG = re.compile(r"<img(?=\s)(?![^>]*\sloading=)")


def search_view(html: str) -> str:
    """The page as the search index sees it: every ``<pre>`` block and provenance line left out, all else as it was."""
    return _NOT_SEARCHED.sub("", html)


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
