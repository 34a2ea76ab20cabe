"""MkDocs events for lighter first views: figures load when they come into view, and code is left out of the search
index (over half of it; the build's search step is four times faster without highlighted code): Material's search
indexes ``page.content`` in its ``on_page_context`` (priority 0), so just before it the content is swapped for its
search view, and just after put back."""

import re

from mkdocs.plugins import CombinedEvent, event_priority

_PRE = re.compile(r"<pre(?=[\s>]).*?</pre\s*>", re.S | re.I)  # a <pre> never holds another
_IMG = re.compile(r"<img(?=\s)(?![^>]*\sloading=)")


def search_view(html: str) -> str:
    """The page as the search index sees it: every ``<pre>`` block left out, all else as it was."""
    return _PRE.sub("", html)


def on_page_content(html, page, config, files):
    """Let the browser fetch each image only when it nears the viewport."""
    return _IMG.sub('<img loading="lazy" decoding="async"', html)


@event_priority(50)
def _hide_code(context, page, config, nav):
    page.dlnotes_full, page.content = page.content, search_view(page.content)
    return context


@event_priority(-50)
def _show_code(context, page, config, nav):
    page.content = page.dlnotes_full
    return context


on_page_context = CombinedEvent(_hide_code, _show_code)
