"""Lighter first views, as string functions on a page's HTML (``hooks/weight.py`` calls them): the search index
leaves out code and provenance lines (code was over half of it, and a line's date changed it at every run; without
highlighted code the build's search step is four times faster), and figures load when they come into view.
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


# A browser script that undoes lazy_images on an open page, as a reader's scrolling would: every figure is
# fetched and decoded, and the fonts are ready (to check or print the page).
LOAD_FIGURES = """async () => {
  const figures = [...document.images];
  figures.forEach(i => { i.loading = "eager"; });
  await Promise.all(figures.map(i => i.decode().catch(() => null)));
  await document.fonts.ready;
}"""
