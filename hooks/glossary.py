"""MkDocs event for the glossary tooltips; the work is in pipeline/glossary.py.

Each glossary term on a page gets the other language's name as a tooltip:
张量 shows "tensor" on a Chinese page, "tensor" shows 张量 on an English one.
Markdown's ``abbr`` cannot do it: it matches between word boundaries, which
Chinese does not have, and it marks headings and link text too. The glossary
pages themselves already show both languages side by side and are left alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from pipeline.glossary import with_tooltips
from pipeline.page import split_file_name


def on_page_content(content: str, page, config, files) -> str:
    name, language = split_file_name(page.file.src_uri)
    return content if name == "glossary" else with_tooltips(content, language)
