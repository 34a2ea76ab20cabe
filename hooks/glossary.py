"""MkDocs events: the glossary tooltips (pipeline/glossary.py) on every Markdown page but the glossary, which
shows both languages already. Notebook pages (mkdocs-jupyter: no Python-Markdown) get none."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from pipeline.glossary import Tooltips
from pipeline.page import split_file_name

TOOLTIPS = Tooltips()


def on_config(config):
    if TOOLTIPS not in config.markdown_extensions:  # the i18n plugin builds each language with this config
        config.markdown_extensions.append(TOOLTIPS)


def on_page_markdown(markdown, page, config, files):
    name, language = split_file_name(page.file.src_uri)
    TOOLTIPS.language = "" if name == "glossary" else language
