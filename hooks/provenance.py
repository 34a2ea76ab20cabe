"""MkDocs event: under each snippet's output, what produced it and a report link (pipeline/provenance.py).

From the stored records: nothing runs. First among the hooks, while the page's line numbers still hold.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from pipeline import provenance, site
from pipeline.page import DOCS, parse
from pipeline.runner import MissingRecords, stored


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path)
    if not source.is_relative_to(DOCS) or source.suffix != ".md" or "notebooks" in source.parts:
        return markdown
    parsed = parse(source)
    if not any(s.expected for s in parsed.runnable) or markdown != source.read_text(encoding="utf-8"):
        return markdown  # no output; or another step changed the text first: the line numbers would be wrong
    try:
        records = stored(parsed)
    except MissingRecords as missing:
        raise PluginError(str(missing)) from None
    return provenance.annotate(markdown, parsed, records, site.settings(config))
