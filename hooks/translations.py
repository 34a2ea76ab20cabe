"""MkDocs event for pending translations: a notice in each section whose translation is behind.

``docs/translations.json`` records which sections of a page are ``pending``
(``python3 dev.py translations pending docs/x.md '#id'``) and which language is
ahead; the other language's page shows a notice under that section's heading, in
its own language. The logic is in pipeline/translations.py; no notice is written
by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from mkdocs.plugins import event_priority

from pipeline.translations import load, with_notices


@event_priority(100)  # on the page as written, before other hooks change its Markdown
def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    if "/" in uri or not uri.endswith(".md"):  # chapters only, not notebooks/ or API sub-pages
        return markdown
    return with_notices(markdown, f"docs/{uri}", load())
